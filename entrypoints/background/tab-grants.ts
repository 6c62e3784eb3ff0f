import { browser } from 'wxt/browser';
import type { Broadcast } from '../../utils/messaging/protocol';

/**
 * Tabs the browser lets us photograph. tabs.captureVisibleTab takes activeTab or <all_urls>, in Chrome
 * and in Firefox (126+) alike; a configured site's host permission is not enough. activeTab is granted
 * only by the toolbar icon (the popup opening), the shortcut, or the popup's "Feedback" action, never by
 * a click into the page, and the browser takes it back when the tab navigates. The browser does not
 * tell whether it holds, so we note each grant here (storage.session: survives a worker restart) to
 * tell the dialog before the screenshot button is pressed (issue #16, item 2).
 */
const PREFIX = 'grant:';

/** The browser granted activeTab for this tab just now (toolbar, shortcut). */
export async function noteGrant(tabId: number): Promise<void> {
  await browser.storage.session.set({ [PREFIX + tabId]: true });
  // A dialog already open (the shortcut pressed while it shows) drops its "not from the page" hint.
  const broadcast: Broadcast = { type: 'broadcast', event: 'grant' };
  await browser.runtime.sendMessage(broadcast).catch(() => undefined);
}

export async function hasGrant(tabId: number): Promise<boolean> {
  return (await browser.storage.session.get(PREFIX + tabId))[PREFIX + tabId] === true;
}

/** Forgets a grant when its tab navigates or closes; the listeners live as long as the worker. */
export function watchGrants(): void {
  const forget = (tabId: number) => void browser.storage.session.remove(PREFIX + tabId);
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.url !== undefined) forget(tabId);
  });
  browser.tabs.onRemoved.addListener(forget);
}
