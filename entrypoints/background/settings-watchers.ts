import type { Storage } from 'webextension-polyfill';
import { browser } from 'wxt/browser';
import type { Settings } from '../../utils/schema/settings';
import { getEffectiveSettings } from '../../utils/settings/effective';
import { SETTINGS_KEY } from '../../utils/settings/store';
import { syncContentScripts } from './content-scripts';
import { completeEnableIntents } from './settings-handlers';

/** Options of {@link registerSettingsWatchers}. */
export interface SettingsWatcherOptions {
  /** Called with the new effective settings after any change (e.g. to reschedule the sync alarm). */
  onChange?(settings: Settings): void;
}

/**
 * Keeps the running extension in step with its configuration, without a restart: on install and
 * update (which also migrates stored settings), on browser start, when local settings or the
 * enterprise policy (storage area 'managed') change, and when host permissions are granted or
 * revoked (a grant also completes a pending "enable on this page"). Each time the open tabs of exactly the configured, granted sites get the content script.
 * Call synchronously at the top of the background. Returns the function that removes every listener.
 */
export function registerSettingsWatchers({ onChange }: SettingsWatcherOptions = {}): () => void {
  const refresh = () =>
    void getEffectiveSettings()
      .then(async (settings) => {
        await syncContentScripts(settings.sites);
        onChange?.(settings);
      })
      .catch((error: unknown) => console.warn('[mitsprache] settings refresh failed', error));
  const onStorage = (changes: Record<string, Storage.StorageChange>, area: string) => {
    if (area === 'managed' || (area === 'local' && SETTINGS_KEY in changes)) refresh();
  };
  browser.runtime.onInstalled.addListener(refresh);
  browser.runtime.onStartup.addListener(refresh);
  // A grant may finish an "enable on this page" whose popup Firefox closed when the prompt opened.
  const onAdded = (permissions: { origins?: string[] }) =>
    void completeEnableIntents(permissions.origins ?? []).finally(refresh);
  browser.storage.onChanged.addListener(onStorage);
  browser.permissions.onAdded.addListener(onAdded);
  browser.permissions.onRemoved.addListener(refresh);
  return () => {
    browser.runtime.onInstalled.removeListener(refresh);
    browser.runtime.onStartup.removeListener(refresh);
    browser.storage.onChanged.removeListener(onStorage);
    browser.permissions.onAdded.removeListener(onAdded);
    browser.permissions.onRemoved.removeListener(refresh);
  };
}
