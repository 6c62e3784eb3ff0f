import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createHandlers } from '../utils/background/handlers';
import { registerRouter } from '../utils/background/router';
import { openDialogInActiveTab } from '../utils/background/tabs';
import { getEffectiveSettings, watchSettingsCache } from '../utils/settings/effective';
import { registerSettingsWatchers } from '../utils/settings/watchers';
import { pruneSent } from '../utils/store/retention';
import { getSyncState, registerSyncTriggers, requestSync, SYNC_ALARM, syncNow } from '../utils/sync';
import { benchSync, seedPending } from '../utils/sync/bench';

// Listeners are registered synchronously at top level: an event that wakes the worker is
// only delivered to listeners that exist before the first await.
export default defineBackground(() => {
  watchSettingsCache();
  registerRouter(
    createHandlers({
      // Capture and outbox never send: they do without the token (read afresh only for sending).
      settings: () => getEffectiveSettings({ withToken: false }),
      onRecordSaved: () => requestSync('record'),
    }),
  );
  registerSyncTriggers();
  // Retention rides on the periodic sync alarm: sent records leave the device after the configured days.
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void getEffectiveSettings().then((s) => pruneSent(s.retentionDays));
  });

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

  // Sites: content-script registration for exactly the configured, granted sites; policy; revocations.
  registerSettingsWatchers();
  // Ask the browser not to evict the outbox under storage pressure.
  void navigator.storage?.persist?.();
});
