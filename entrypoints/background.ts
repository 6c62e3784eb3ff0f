import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { syncContentScripts } from '../utils/background/content-scripts';
import { createHandlers } from '../utils/background/handlers';
import { registerRouter } from '../utils/background/router';
import { openDialogInActiveTab } from '../utils/background/tabs';
import { getEffectiveSettings } from '../utils/settings/effective';
import { SETTINGS_KEY } from '../utils/settings/store';
import { getSyncState, registerSyncTriggers, requestSync, syncNow } from '../utils/sync';
import { benchSync, seedPending } from '../utils/sync/bench';

// Listeners are registered synchronously at top level: an event that wakes the worker is
// only delivered to listeners that exist before the first await.
export default defineBackground(() => {
  registerRouter(
    createHandlers({
      settings: getEffectiveSettings,
      onRecordSaved: () => requestSync('record'),
    }),
  );
  registerSyncTriggers();

  const runCommand = async (command: string) => {
    if (command === 'open-feedback') await openDialogInActiveTab();
  };
  browser.commands.onCommand.addListener((command) => void runCommand(command));
  // Diagnostic handle for admins (worker console) and the end-to-end tests: run a keyboard command
  // where the browser-level shortcut cannot be pressed, "send now", read the sync state.
  const diagnostics = { runCommand, syncNow: () => syncNow(), syncState: getSyncState };
  // Only in the benchmark build (WXT_BENCH=true); a normal build drops this and the bench module.
  if (import.meta.env.WXT_BENCH === 'true') Object.assign(diagnostics, { benchSync, seedPending });
  Object.assign(globalThis, { mitsprache: diagnostics });

  const registerSites = () => void getEffectiveSettings().then((s) => syncContentScripts(s.sites));
  browser.runtime.onInstalled.addListener(registerSites);
  browser.runtime.onStartup.addListener(registerSites);
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed' || (area === 'local' && SETTINGS_KEY in changes)) registerSites();
  });
  // Ask the browser not to evict the outbox under storage pressure.
  void navigator.storage?.persist?.();
});
