import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { getEffectiveSettings, watchSettingsCache } from '../../utils/settings/effective';
import { pruneAnswers } from '../../utils/store/answers';
import { pruneSent } from '../../utils/store/retention';
import { getSyncState, registerSyncTriggers, requestSync, SYNC_ALARM, syncNow } from '../../utils/sync';
import { activeSites } from './content-scripts';
import { dropDraftsWithTab } from './drafts';
import { createHandlers } from './handlers';
import { openOutagePopup, watchOutages } from './outages';
import { watchPageLoads } from './page-injection';
import { registerRouter } from './router';
import { registerSettingsWatchers } from './settings-watchers';
import { siteRequests } from './site-requests';
import { watchGrants } from './tab-grants';
import { openDialogInActiveTab } from './tabs';

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
    if (alarm.name === SYNC_ALARM)
      void getEffectiveSettings().then((s) =>
        Promise.all([pruneSent(s.retentionDays), pruneAnswers(s.retentionDays)]),
      );
  });

  const runCommand = async (command: string) => {
    // Over a failed page (no content script there) the popup's outage card answers the shortcut; both
    // start at once, so the dialog path waits for nothing.
    if (command === 'open-feedback')
      await Promise.all([
        openDialogInActiveTab(),
        openOutagePopup(() => getEffectiveSettings({ withToken: false })).catch(() => false),
      ]);
  };
  browser.commands.onCommand.addListener((command) => void runCommand(command));
  // Diagnostic handle for admins (worker console) and the end-to-end tests: run a keyboard command
  // where the browser-level shortcut cannot be pressed, "send now", read the sync state.
  const injectedSites = async () => activeSites((await getEffectiveSettings({ withToken: false })).sites);
  // Top-level loads the browser tells us of: only those of the configured, granted sites (issue #20),
  // narrowed once the sites are read and again whenever they or their permissions change.
  const requests = siteRequests();
  const diagnostics = {
    runCommand,
    syncNow: () => syncNow(),
    syncState: getSyncState,
    /**
     * Patterns whose pages get the content script: configured, granted, and already in the request
     * filter — a site just added counts once its page loads reach the background, not before.
     */
    activeSites: async () =>
      (await injectedSites()).map((site) => site.pattern).filter((pattern) => requests.covers(pattern)),
  };
  Object.assign(globalThis, { mitsprache: diagnostics });

  const narrowRequests = () =>
    void injectedSites()
      .then((sites) => requests.narrow(sites))
      .catch(() => undefined);
  // Sites: the content script goes into pages of exactly the configured, granted sites, after their
  // load event; settings, policy and permission changes apply to open tabs at once.
  watchPageLoads(async () => (await getEffectiveSettings({ withToken: false })).sites, requests);
  // Outages (issue #17): failed top-level loads of the configured, granted sites.
  watchOutages({ sites: injectedSites }, requests);
  registerSettingsWatchers({ onChange: narrowRequests });
  narrowRequests();
  // Drafts and screenshot grants end with their tab.
  dropDraftsWithTab();
  watchGrants();
  // Ask the browser not to evict the outbox under storage pressure.
  void navigator.storage?.persist?.();
});
