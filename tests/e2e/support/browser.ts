import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';

/** The built extension under test: the demo build (`npm run build:demo` makes it). */
export const EXTENSION_DIR = resolve(process.env.MITSPRACHE_EXTENSION_DIR ?? '.output/chrome-mv3');
/** The machine's Chromium; never a downloaded one. */
export const CHROMIUM = process.env.MITSPRACHE_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Flags of every Chromium the tests and benches start (language aside): headless, and no background
 * work of the browser's own (networking, component updates, sync) that could land in a measurement
 * or a test's timing.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface ExtensionBrowser {
  context: BrowserContext;
  /** The extension's service worker: the live one, also after Chrome stopped and restarted it. */
  readonly worker: Worker;
  extensionId: string;
  profileDir: string;
  /**
   * Clicks the extension's toolbar button for `page`'s tab, as a user would (CDP Extensions.triggerAction,
   * which also grants activeTab). Needs `toolbar: true` at launch.
   */
  clickToolbarAction(page: Page): Promise<void>;
  /**
   * Stops the extension's service worker the way Chrome stops an idle one (its target is closed;
   * the next event starts a fresh worker). Needs `toolbar: true` at launch for the browser-level session.
   */
  stopServiceWorker(): Promise<void>;
  /** Closes the browser; the profile stays unless `removeProfile`. */
  close(options?: { removeProfile?: boolean }): Promise<void>;
}

/**
 * Launches the system Chromium headless with the built extension in a persistent profile.
 * Pass an existing `profileDir` to reopen the same profile (browser-restart tests).
 */
export async function launchWithExtension(
  options: {
    profileDir?: string;
    args?: string[];
    lang?: 'de-DE' | 'en-US';
    toolbar?: boolean;
    /** Another build than the demo build (an organisation's package). */
    extensionDir?: string;
  } = {},
): Promise<ExtensionBrowser> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${extensionDir}: run "npm run build:demo" first.`);
  }
  // The tests rely on the demo's sites; a plain build has none and every test would fail obscurely.
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8'));
  if (!options.extensionDir && !manifest.host_permissions?.length) {
    throw new Error(`${extensionDir} is a build without sites: run "npm run build:demo" for the tests.`);
  }
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'mitsprache-profile-'));
  // The toolbar button can only be pressed through the browser-level DevTools protocol.
  const toolbarArgs = options.toolbar ? ['--enable-unsafe-extension-debugging'] : [];
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: false,
    // Caseworkers' browsers are German; tests that need English say so.
    locale: options.lang ?? 'de-DE',
    // On Linux Chromium takes its UI language (chrome.i18n.getUILanguage) from the environment, not --lang.
    env: { ...process.env, LANGUAGE: (options.lang ?? 'de-DE').replace('-', '_') },
    args: [
      `--lang=${options.lang ?? 'de-DE'}`,
      ...CHROMIUM_ARGS,
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      ...toolbarArgs,
      ...(options.args ?? []),
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  // The background reads its settings on install/start-up; until then it knows no site to inject into.
  await worker.evaluate(async () => {
    const deadline = Date.now() + 15_000;
    const diagnostics = (globalThis as unknown as { mitsprache: { activeSites(): Promise<string[]> } })
      .mitsprache;
    while ((await diagnostics.activeSites()).length === 0) {
      if (Date.now() > deadline) throw new Error('the background never knew a site for the content script');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  });
  const stoppedWorkers = new Set<Worker>();
  // A browser-level session on Playwright's own connection. Not a second client (connectOverCDP): that
  // one attaches to every page and frame too, and a frame created while two clients were attached was
  // now and then never reported to this one (the note dialog's iframe missing from page.frames()).
  const browserSession = async () => {
    const browser = context.browser();
    if (!options.toolbar || !browser)
      throw new Error('launch with { toolbar: true } for browser-level control');
    return browser.newBrowserCDPSession();
  };
  return {
    context,
    get worker() {
      const live = context.serviceWorkers().filter((w) => !stoppedWorkers.has(w));
      return live.at(-1) ?? worker;
    },
    extensionId,
    profileDir,
    async stopServiceWorker() {
      const session = await browserSession();
      type Targets = { targetInfos: { type: string; url: string; targetId: string }[] };
      const workerTarget = async () =>
        ((await session.send('Target.getTargets')) as unknown as Targets).targetInfos.find(
          (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`),
        );
      const target = await workerTarget();
      if (!target) throw new Error('the extension has no running service worker');
      await session.send('Target.closeTarget', { targetId: target.targetId });
      // Gone from the browser's target list = stopped (Playwright's Worker object is not told).
      const deadline = Date.now() + 10_000;
      while (await workerTarget()) {
        if (Date.now() > deadline) throw new Error('the service worker did not stop');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      stoppedWorkers.add(context.serviceWorkers().at(-1) ?? worker);
      await session.detach();
    },
    async clickToolbarAction(page) {
      const session = await browserSession();
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
      await context.close();
      if (removeProfile) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
