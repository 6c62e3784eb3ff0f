import { browser } from 'wxt/browser';
import { AppError } from '../../utils/errors';
import { noteGrant } from './tab-grants';

/**
 * Asks the content script in the tab's top frame to open the note dialog (shortcut and toolbar paths).
 * Fails with no_content_script when the tab is not a configured site.
 */
export async function openDialogInTab(tabId: number): Promise<void> {
  try {
    await browser.tabs.sendMessage(tabId, { type: 'ui:open' }, { frameId: 0 });
  } catch {
    throw new AppError('no_content_script');
  }
}

/** The shortcut's target: the active tab of the focused window (which the shortcut granted activeTab). */
export async function openDialogInActiveTab(): Promise<void> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  if (tab?.id === undefined) return;
  // Side by side: the dialog asks for the grant only once its page has loaded, tens of ms after the
  // grant is noted, and the keyboard path should not wait for a storage write first (issue #20).
  await Promise.all([noteGrant(tab.id), openDialogInTab(tab.id).catch(() => undefined)]);
}
