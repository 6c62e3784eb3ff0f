import { browser } from 'wxt/browser';
import type { Broadcast } from '../../utils/messaging/protocol';
import { switchableTabListeners } from './tab-listeners';

/**
 * Tabs the browser lets us photograph. tabs.captureVisibleTab takes activeTab or <all_urls>, in Chrome
 * and in Firefox (126+) alike; a configured site's host permission is not enough. activeTab is granted
 * only by the toolbar icon (the popup opening), the shortcut, or the popup's "Feedback" action, never by
 * a click into the page, and the browser takes it back when the tab navigates. The browser does not
 * tell whether it holds, so we note each grant here (storage.session: survives a worker restart) to
 * tell the dialog before the screenshot button is pressed (issue #16, item 2).
 */
const PREFIX = 'grant:';

/** Grants noted so far by this worker: a look at storage that began before one must not stop listening. */
let noted = 0;

const onUpdated = (tabId: number, change: { url?: string }) => {
  if (change.url !== undefined) void forget(tabId);
};
const onRemoved = (tabId: number) => void forget(tabId);

/** The listeners that forget grants, registered only while a grant is noted (issue #20). */
const listeners = switchableTabListeners(onUpdated, onRemoved);
const listen = (on: boolean) => listeners.set(on);

/** Stops listening once no grant is left (and none was noted while we looked). */
async function listenWhileGranted(): Promise<void> {
  const before = noted;
  const items = await browser.storage.session.get(null);
  if (noted === before && !Object.keys(items).some((key) => key.startsWith(PREFIX))) listen(false);
}

async function forget(tabId: number): Promise<void> {
  await browser.storage.session.remove(PREFIX + tabId);
  await listenWhileGranted();
}

/** The browser granted activeTab for this tab just now (toolbar, shortcut). */
export async function noteGrant(tabId: number): Promise<void> {
  noted++;
  listen(true);
  await browser.storage.session.set({ [PREFIX + tabId]: true });
  // A dialog already open (the shortcut pressed while it shows) drops its "not from the page" hint.
  const broadcast: Broadcast = { type: 'broadcast', event: 'grant' };
  await browser.runtime.sendMessage(broadcast).catch(() => undefined);
}

export async function hasGrant(tabId: number): Promise<boolean> {
  return (await browser.storage.session.get(PREFIX + tabId))[PREFIX + tabId] === true;
}

/**
 * Forgets a grant when its tab navigates or closes. The listeners are registered at once (a navigation
 * that woke the worker reaches only listeners that exist before the first await) and removed again when
 * no grant is noted; noting one registers them.
 */
export function watchGrants(): void {
  listen(true);
  void listenWhileGranted().catch(() => undefined);
}
