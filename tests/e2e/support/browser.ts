import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';

/** The built extension under test (`npm run build:chrome` makes it). */
export const EXTENSION_DIR = resolve('.output/chrome-mv3');
/** The machine's Chromium; never a downloaded one. */
export const CHROMIUM = process.env.MITSPRACHE_CHROMIUM ?? '/usr/bin/chromium';

export interface ExtensionBrowser {
  context: BrowserContext;
  /** The extension's service worker. */
  worker: Worker;
  extensionId: string;
  profileDir: string;
  /**
   * Clicks the extension's toolbar button for `page`'s tab, as a user would (CDP Extensions.triggerAction,
   * which also grants activeTab). Needs `toolbar: true` at launch.
   */
  clickToolbarAction(page: Page): Promise<void>;
  /** Closes the browser; the profile stays unless `removeProfile`. */
  close(options?: { removeProfile?: boolean }): Promise<void>;
}

/**
 * Launches the system Chromium headless with the built extension in a persistent profile.
 * Pass an existing `profileDir` to reopen the same profile (browser-restart tests).
 */
/** A free TCP port on loopback. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function launchWithExtension(
  options: { profileDir?: string; args?: string[]; lang?: 'de-DE' | 'en-US'; toolbar?: boolean } = {},
): Promise<ExtensionBrowser> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension in ${EXTENSION_DIR}: run "npm run build:chrome" first.`);
  }
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'mitsprache-profile-'));
  // The toolbar button can only be pressed through a browser-level CDP connection (loopback only).
  const debugPort = options.toolbar ? await freePort() : undefined;
  const toolbarArgs = debugPort
    ? [
        '--enable-unsafe-extension-debugging',
        `--remote-debugging-address=127.0.0.1`,
        `--remote-debugging-port=${debugPort}`,
      ]
    : [];
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: false,
    // Caseworkers' browsers are German; tests that need English say so.
    locale: options.lang ?? 'de-DE',
    // On Linux Chromium takes its UI language (chrome.i18n.getUILanguage) from the environment, not --lang.
    env: { ...process.env, LANGUAGE: (options.lang ?? 'de-DE').replace('-', '_') },
    args: [
      `--lang=${options.lang ?? 'de-DE'}`,
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      ...toolbarArgs,
      ...(options.args ?? []),
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  // The content script is registered dynamically on install/start-up; pages opened before that get no button.
  await worker.evaluate(async () => {
    const deadline = Date.now() + 15_000;
    const api = (globalThis as unknown as { chrome: typeof import('webextension-polyfill') }).chrome;
    while ((await api.scripting.getRegisteredContentScripts()).length === 0) {
      if (Date.now() > deadline) throw new Error('content script was never registered');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  });
  let cdpBrowser: Browser | undefined;
  return {
    context,
    worker,
    extensionId,
    profileDir,
    async clickToolbarAction(page) {
      if (!debugPort) throw new Error('launch with { toolbar: true } to press the toolbar button');
      cdpBrowser ??= await chromium.connectOverCDP(`http://127.0.0.1:${debugPort}`);
      const session = await cdpBrowser.newBrowserCDPSession();
      const { targetInfos } = (await session.send('Target.getTargets', {
        filter: [{ type: 'tab' }],
      } as never)) as unknown as { targetInfos: { type: string; url: string; targetId: string }[] };
      const tab = targetInfos.find((target) => target.type === 'tab' && target.url === page.url());
      if (!tab) throw new Error(`no tab target for ${page.url()}`);
      await session.send(
        'Extensions.triggerAction' as never,
        { id: extensionId, targetId: tab.targetId } as never,
      );
      await session.detach();
    },
    async close({ removeProfile = true } = {}) {
      await cdpBrowser?.close().catch(() => undefined);
      await context.close();
      if (removeProfile) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
