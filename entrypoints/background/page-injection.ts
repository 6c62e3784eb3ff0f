import type { Tabs } from 'webextension-polyfill';
import { browser } from 'wxt/browser';
import type { Site } from '../../utils/schema/settings';
import { findSite } from '../../utils/sites/match';
import { permissionOrigin } from '../../utils/sites/permission-origins';
import { activeSites } from './permissions';
import { type RequestDetails, type SiteRequests, siteRequests, webRequestEvents } from './site-requests';
import { switchableTabListeners } from './tab-listeners';

/** Where WXT emits entrypoints/content/index.ts. */
export const CONTENT_SCRIPT_FILE = 'content-scripts/content.js';

/**
 * A tab that started loading a configured site but has not finished after this long (a hanging
 * image, a long poll) gets the button anyway; the browser then runs it at document idle.
 */
export const SLOW_PAGE_MS = 5000;

// Run in the page's isolated world of our extension; self-contained, as executeScript serialises them.
/** The frame's address, or null when our content script is in it already. */
function frameAddress(): string | null {
  return (globalThis as { __mitsprache?: boolean }).__mitsprache === true ? null : location.href;
}
/**
 * Claims the frame for one injection: check and mark in one step, so racing calls inject once. Not if
 * the frame has moved on from the address that was checked (frame ids survive navigations).
 */
function claimFrame(expected: string): boolean {
  const world = globalThis as { __mitsprache?: boolean };
  if (world.__mitsprache === true || location.href !== expected) return false;
  world.__mitsprache = true;
  return true;
}

/**
 * Claims the top frame if it is still at `expected`; says how many frames the page holds, so a page
 * without any needs no listing of its frames.
 */
function claimTop(expected: string): { claimed: boolean; frames: number } {
  const world = globalThis as { __mitsprache?: boolean };
  const frames = (globalThis as unknown as Window).frames.length;
  if (world.__mitsprache === true || location.href !== expected) return { claimed: false, frames };
  world.__mitsprache = true;
  return { claimed: true, frames };
}

/**
 * A page load on a configured site: like {@link injectIntoTab}, in two steps instead of three where the
 * page has no frames (most screens): claim the top frame at the address the tab reported, then inject.
 * Each step is a round trip through the browser to the page's renderer and costs both processes CPU.
 */
async function injectAfterLoad(tabId: number, url: string, sites: readonly Site[]): Promise<boolean> {
  const [top] = await browser.scripting.executeScript({
    target: { tabId, frameIds: [0] },
    func: claimTop,
    args: [url],
    injectImmediately: true,
  });
  const result = top?.result as { claimed: boolean; frames: number } | undefined;
  if (result?.claimed) {
    await browser.scripting.executeScript({
      target: { tabId, frameIds: [0] },
      files: [`/${CONTENT_SCRIPT_FILE}`],
      injectImmediately: true,
    });
  }
  // Frames, or a top frame elsewhere by now: the full listing finds what is left (the claimed top
  // frame answers null there).
  if (!result || result.frames > 0 || !result.claimed)
    return (await injectIntoTab(tabId, sites)) || !!result?.claimed;
  return true;
}

/**
 * Puts the content script into every frame of `tabId` on one of `sites` that does not have it yet.
 * Resolves to whether it injected anywhere. A tab that closed or navigated meanwhile rejects.
 *
 * Why not a registered content script: the browser runs those at document_idle, which on a quick
 * page is just before its load event, and there our content script added 5.4 ms to every load of the
 * host application (issue #2 allows 2; scripts/bench/load-event.ts). Injected once the tab has loaded,
 * the page's load event never waits for us: measured the same way, it adds nothing measurable.
 */
export async function injectIntoTab(tabId: number, sites: readonly Site[]): Promise<boolean> {
  if (sites.length === 0) return false;
  const frames = await browser.scripting.executeScript({
    target: { tabId, allFrames: true },
    func: frameAddress,
    injectImmediately: true,
  });
  const wanted = frames.filter(
    (frame): frame is typeof frame & { result: string } =>
      typeof frame.result === 'string' && findSite(sites, frame.result) !== undefined,
  );
  if (wanted.length === 0) return false;
  const claims = await Promise.all(
    wanted.map(async (frame) => {
      // One frame gone since the listing must not cost the others their (already claimed) script.
      const [claim] = await browser.scripting
        .executeScript({
          target: { tabId, frameIds: [frame.frameId] },
          func: claimFrame,
          args: [frame.result],
          injectImmediately: true,
        })
        .catch(() => []);
      return claim?.result === true ? frame.frameId : undefined;
    }),
  );
  const claimed = claims.filter((frameId): frameId is number => frameId !== undefined);
  if (claimed.length === 0) return false;
  await browser.scripting.executeScript({
    target: { tabId, frameIds: claimed },
    files: [`/${CONTENT_SCRIPT_FILE}`],
    injectImmediately: true,
  });
  return true;
}

/**
 * Injects into every open tab on one of `sites` (start-up, install, a site added or granted). Callers
 * do not wait for it: a tab showing alert() or paused in DevTools holds its injection back indefinitely.
 */
export async function injectIntoOpenTabs(sites: readonly Site[]): Promise<void> {
  if (sites.length === 0) return;
  const tabs = await browser.tabs.query({ url: sites.map((site) => permissionOrigin(site.pattern)) });
  await Promise.all(
    tabs.map((tab) =>
      tab.id === undefined ? undefined : injectIntoTab(tab.id, sites).catch(() => undefined),
    ),
  );
}

/**
 * Gives each tab that finishes loading a configured site the content script, after its load event.
 * `activeSites` reads the configured sites we hold permission for (read afresh per page: settings,
 * policy and permissions change at any time). Register synchronously at the top of the background:
 * a page load is what wakes the worker. Returns the function that removes the listeners.
 *
 * Without the "tabs" permission the browser tells us a tab's address only on sites we hold host
 * permission for, so other sites' loads are dropped unread here.
 *
 * Chrome cannot filter tabs.onUpdated: a listener there wakes the worker for every change of every tab
 * on every site (several per page load, issue #20). So in Chrome the tab's load starts with the
 * response of its top-level request to a configured site (webRequest, filtered by the browser to those
 * sites, see site-requests.ts), and only while such a tab is still loading does a tabs.onUpdated
 * listener exist to hear it finish. Firefox filters tabs.onUpdated itself and keeps one listener.
 */
export function watchPageLoads(
  configuredSites: () => Promise<readonly Site[]>,
  requests: SiteRequests = siteRequests(),
): () => void {
  const slow = new Map<number, ReturnType<typeof setTimeout>>();
  // Which configured sites we hold permission for, asked once per settings (the settings cache hands out
  // the same list until they change) and again after any permission change: asking the browser on
  // every page load was a round trip per site per load.
  let held: { sites: readonly Site[]; active: Promise<Site[]> } | undefined;
  const forget = () => {
    held = undefined;
  };
  const activeNow = async () => {
    const sites = await configuredSites();
    if (held?.sites !== sites) {
      const active = activeSites(sites);
      held = { sites, active };
      active.catch(forget);
    }
    return held.active;
  };
  const inject = async (tabId: number, url: string) => {
    const sites = await activeNow();
    if (findSite(sites, url)) await injectAfterLoad(tabId, url, sites);
  };
  /** Tabs loading a configured site (Chrome): the only ones tabs.onUpdated is listened to for. */
  const loading = new Set<number>();
  const settle = (tabId: number) => {
    clearTimeout(slow.get(tabId));
    slow.delete(tabId);
    if (!import.meta.env.FIREFOX && loading.delete(tabId) && loading.size === 0) listen(false);
  };
  const loaded = (tabId: number, url: string | undefined) => {
    settle(tabId);
    // The tab may be gone or elsewhere by now: nothing to do then.
    if (url) inject(tabId, url).catch(() => undefined);
  };
  const onUpdated = (tabId: number, change: Tabs.OnUpdatedChangeInfoType, tab: Tabs.Tab) => {
    if (change.status !== 'loading' && change.status !== 'complete') return;
    if (import.meta.env.FIREFOX) {
      settle(tabId);
      const url = tab.url;
      if (!url) return;
      if (change.status === 'complete') loaded(tabId, url);
      else
        slow.set(
          tabId,
          setTimeout(() => loaded(tabId, url), SLOW_PAGE_MS),
        );
    } else if (change.status === 'complete' && loading.has(tabId)) loaded(tabId, tab.url);
  };
  const onRemoved = (tabId: number) => settle(tabId);
  // Firefox can filter on the browser's side, so other tab changes do not wake the background.
  const tabs = switchableTabListeners(onUpdated, onRemoved, (listener) =>
    import.meta.env.FIREFOX
      ? (browser.tabs.onUpdated.addListener as (l: typeof listener, f: object) => void)(listener, {
          properties: ['status'],
        })
      : browser.tabs.onUpdated.addListener(listener),
  );
  const listen = (on: boolean) => tabs.set(on);
  /** Chrome: the top-level response of a configured site arrived; hear its tab finish loading. */
  const onResponse = (details: RequestDetails) => {
    const { tabId } = details;
    if (tabId < 0 || details.frameId !== 0) return;
    clearTimeout(slow.get(tabId));
    loading.add(tabId);
    listen(true);
    const now = () =>
      browser.tabs.get(tabId).then(
        (tab) => tab,
        () => undefined,
      );
    slow.set(
      tabId,
      setTimeout(() => void now().then((tab) => loaded(tabId, tab?.url)), SLOW_PAGE_MS),
    );
    // A quick page may have finished before a sleeping worker heard of its response.
    void now().then((tab) => {
      if (!loading.has(tabId)) return;
      if (!tab) settle(tabId);
      else if (tab.status === 'complete') loaded(tabId, tab.url);
    });
  };
  let stopRequests: () => void = () => undefined;
  if (import.meta.env.FIREFOX) {
    listen(true);
  } else {
    stopRequests = requests.on(webRequestEvents().onResponseStarted, onResponse);
  }
  browser.permissions.onAdded.addListener(forget);
  browser.permissions.onRemoved.addListener(forget);
  return () => {
    stopRequests();
    listen(false);
    browser.permissions.onAdded.removeListener(forget);
    browser.permissions.onRemoved.removeListener(forget);
    for (const tabId of [...slow.keys()]) settle(tabId);
    loading.clear();
  };
}
