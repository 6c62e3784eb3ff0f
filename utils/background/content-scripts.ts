import { browser } from 'wxt/browser';
import type { Site } from '../schema/settings';
import { holdsOrigin, rememberGranted } from './permissions';

/** Id of our one dynamically registered content script. */
export const CONTENT_SCRIPT_ID = 'mitsprache-feedback';
/** Where WXT emits entrypoints/content.ts. */
export const CONTENT_SCRIPT_FILE = 'content-scripts/content.js';
/** The element createShadowRootUi mounts (utils/content/feedback-ui.ts names it). */
const UI_ELEMENT = 'mitsprache-feedback';

/** What {@link syncContentScripts} did. */
export interface ContentScriptSync {
  /** Patterns the content script is registered for. */
  active: string[];
  /** Configured patterns without host permission: the settings page and popup say so. */
  missing: string[];
}

// Settings saves, policy changes and permission events can all ask at once; an unregister from one
// call between another's check and register would fail with "duplicate script id", so calls queue.
let queue: Promise<unknown> = Promise.resolve();

/**
 * Registers the content script for exactly the configured sites we hold host permission for,
 * replacing any earlier registration (left alone when nothing changed). Sites without permission
 * are returned so the UI can say so.
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
  const active: string[] = [];
  const missing: string[] = [];
  for (const pattern of new Set(sites.map((site) => site.pattern))) {
    ((await holdsOrigin(pattern)) ? active : missing).push(pattern);
  }
  const [existing] = await browser.scripting.getRegisteredContentScripts({ ids: [CONTENT_SCRIPT_ID] });
  const unchanged =
    existing !== undefined &&
    existing.matches?.length === active.length &&
    active.every((pattern) => existing.matches?.includes(pattern));
  if (!unchanged) {
    if (existing) await browser.scripting.unregisterContentScripts({ ids: [CONTENT_SCRIPT_ID] });
    if (active.length) {
      await browser.scripting.registerContentScripts([
        {
          id: CONTENT_SCRIPT_ID,
          js: [CONTENT_SCRIPT_FILE],
          matches: active,
          allFrames: true,
          runAt: 'document_idle',
          persistAcrossSessions: true,
        },
      ]);
    }
  }
  await rememberGranted(active);
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
