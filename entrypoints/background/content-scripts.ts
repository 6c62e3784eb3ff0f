import { browser } from 'wxt/browser';
import type { Site } from '../../utils/schema/settings';
import { CONTENT_SCRIPT_FILE, injectIntoOpenTabs } from './page-injection';
import { activeSites, rememberGranted } from './permissions';

/**
 * Id under which earlier builds registered the content script with the browser. Now it is
 * injected after each page's load event (./page-injection.ts); a registration left from an update
 * would inject it a second time, before the load event.
 */
export const LEGACY_CONTENT_SCRIPT_ID = 'mitsprache-feedback';
export { CONTENT_SCRIPT_FILE };

/** The element our UI mounts (entrypoints/content/feedback-ui.ts names it). */
const UI_ELEMENT = 'mitsprache-feedback';

/** What {@link syncContentScripts} did. */
export interface ContentScriptSync {
  /** Patterns whose pages get the content script. */
  active: string[];
  /** Configured patterns without host permission: the settings page and popup say so. */
  missing: string[];
}

// Settings saves, policy changes and permission events can all ask at once; calls queue, so two never
// find the legacy registration and both try to remove it.
let queue: Promise<unknown> = Promise.resolve();

export { activeSites };

/**
 * Brings the content script to exactly the configured sites we hold host permission for: removes a
 * registration left by an older version and puts it into the tabs already open on those sites (new
 * page loads get it from ./page-injection.ts). Sites without permission are returned so the UI can
 * say so.
 */
export function syncContentScripts(sites: readonly Site[]): Promise<ContentScriptSync> {
  const run = queue.then(
    () => syncNow(sites),
    () => syncNow(sites),
  );
  queue = run.catch(() => undefined);
  return run;
}

async function syncNow(sites: readonly Site[]): Promise<ContentScriptSync> {
  const unique = [...new Map(sites.map((site) => [site.pattern, site])).values()];
  const granted = await activeSites(unique);
  const active = granted.map((site) => site.pattern);
  const missing = unique.filter((site) => !granted.includes(site)).map((site) => site.pattern);
  const [legacy] = await browser.scripting.getRegisteredContentScripts({ ids: [LEGACY_CONTENT_SCRIPT_ID] });
  if (legacy) await browser.scripting.unregisterContentScripts({ ids: [LEGACY_CONTENT_SCRIPT_ID] });
  await rememberGranted(active);
  // Not awaited: one tab that holds injections back (an alert() open) must not hold up a settings save.
  void injectIntoOpenTabs(granted).catch(() => undefined);
  return { active, missing };
}

/**
 * Runs the content script in a tab that is already open, so the button appears without a reload
 * (after "enable on this page"). Resolves to true when the button is there afterwards, whether this
 * call injected it or an earlier one did.
 */
export async function injectContentScript(tabId: number): Promise<boolean> {
  // Check and mark in one step, in the extension's isolated world of the page: two enables racing
  // (the popup's message and permissions.onAdded) cannot both inject, whatever their timing.
  const [probe] = await browser.scripting.executeScript({
    target: { tabId },
    func: (name: string) => {
      const world = globalThis as { __mitsprache?: boolean };
      const present = world.__mitsprache === true || document.querySelector(name) !== null;
      world.__mitsprache = true;
      return present;
    },
    args: [UI_ELEMENT],
  });
  if (probe?.result === true) return true;
  await browser.scripting.executeScript({ target: { tabId }, files: [`/${CONTENT_SCRIPT_FILE}` as const] });
  return true;
}
