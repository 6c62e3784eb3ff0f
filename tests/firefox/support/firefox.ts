import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { GECKO_ID } from '../../../utils/extension-id';

/** The built Firefox package under test (`wxt build -b firefox` makes it). */
export const FIREFOX_EXTENSION_DIR = resolve(
  process.env.MITSPRACHE_FIREFOX_EXTENSION_DIR ?? '.output/firefox-mv3',
);
/** The machine's Firefox ESR (Debian's firefox-esr; .ci/run installs it); never a downloaded one. */
export const FIREFOX = process.env.MITSPRACHE_FIREFOX ?? '/usr/bin/firefox-esr';

/**
 * The extension's moz-extension UUID in the test profile. Firefox draws a random one per installation;
 * the pref `extensions.webextensions.uuids` (gecko id → UUID) pins it, so the tests know the
 * extension's pages and the origin the collector lets through.
 */
export const EXTENSION_UUID = '6d1c3a52-5f0e-4b7a-9c1d-3e2f4a5b6c7d';
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;

export interface FirefoxWithExtension {
  browser: Browser;
  /**
   * Uncaught errors the browser reported from the extension's own code (pages, dialog frame,
   * background), in the order they came. Read from Firefox's own error output: WebDriver BiDi reports
   * no log entries of extension documents.
   */
  readonly extensionErrors: readonly string[];
  /** Opens one of the extension's pages (`popup.html`, `options.html`) in a new tab, loaded. */
  openExtensionPage(path: string): Promise<Page>;
  /** Closes the browser and waits until its process has ended (its last error output read). */
  close(): Promise<void>;
}

/**
 * Starts Firefox ESR headless over WebDriver BiDi and installs the built extension as a temporary
 * add-on, as `about:debugging` does. Its install-time host permissions (localhost, 127.0.0.1) are
 * granted; every other site must be granted through the extension's own buttons.
 */
export async function launchFirefox(): Promise<FirefoxWithExtension> {
  if (!existsSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension in ${FIREFOX_EXTENSION_DIR}: run "wxt build -b firefox" first.`);
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    protocol: 'webDriverBiDi',
    headless: true,
    // BiDi refuses to navigate a tab to a moz-extension:// page unless the client may reach privileged
    // documents; the tests open the popup and the settings page as tabs, like the Chromium suite does.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      // Caseworkers' browsers are German (navigator.language; Debian's ESR has no German UI pack).
      'intl.accept_languages': 'de-DE, de',
      // Firefox shows a permission prompt (browser UI, out of reach of BiDi) for permissions.request();
      // with prompts off it grants at once what the prompt would have. The call still needs the user's
      // click: Firefox refuses it outside a user input handler whatever this pref says.
      'extensions.webextOptionalPermissionPrompts': false,
    },
  });
  const errors: string[] = [];
  const child = browser.process();
  const exited = new Promise<void>((done) => {
    if (!child || child.exitCode !== null) done();
    else child.once('close', () => done());
  });
  // Firefox writes every uncaught script error, extension code included, to its stderr as
  // "JavaScript error: <script>, line <n>: <message>" (with puppeteer's javascript.options.showInConsole).
  let pending = '';
  child?.stderr?.setEncoding('utf8');
  child?.stderr?.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('JavaScript error:') && line.includes(EXTENSION_ORIGIN)) errors.push(line);
    }
  });
  await browser.installExtension(FIREFOX_EXTENSION_DIR);

  return {
    browser,
    extensionErrors: errors,
    async openExtensionPage(path) {
      const page = await browser.newPage();
      // Page.goto waits for navigation events that BiDi does not send for extension documents; the
      // protocol's own navigate command returns once the page has loaded.
      const frame = page.mainFrame() as unknown as {
        browsingContext: { navigate(url: string, wait: 'complete'): Promise<void> };
      };
      await frame.browsingContext.navigate(`${EXTENSION_ORIGIN}/${path}`, 'complete');
      return page;
    },
    async close() {
      if (browser.connected) await browser.close();
      await exited;
    },
  };
}
