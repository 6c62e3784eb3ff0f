import { type Browser, browser } from 'wxt/browser';
import { getEffectiveSettings } from '../settings/effective';
import { SETTINGS_KEY } from '../settings/store';
import { refreshBadge } from './badge';
import { cancelRequestedSync, RETRY_ALARM, requestSync, resetBackoff, SYNC_ALARM, syncNow } from './engine';

/** The schema allows 0.5; Chrome would round anything shorter up to 30 s anyway. */
const MIN_PERIOD_MINUTES = 0.5;

/**
 * Wires every automatic sync trigger. Call synchronously at the service worker's top level, so the
 * listeners exist before the event that woke the worker is dispatched. `signal` removes them again
 * (tests; the background owns them for its whole life).
 */
export function registerSyncTriggers(signal?: AbortSignal): void {
  const onAlarm = (alarm: Browser.alarms.Alarm) => {
    if (alarm.name === SYNC_ALARM || alarm.name === RETRY_ALARM) return syncNow({ force: false });
  };
  const onStartup = () => requestSync('startup', 0);
  const onInstalled = () => requestSync('installed', 0);
  const onStorage = (changes: Record<string, Browser.storage.StorageChange>, area: string) => {
    // Enterprise policy (storage.managed) can set the endpoint and token too.
    const change = area === 'managed' ? { oldValue: undefined, newValue: undefined } : changes[SETTINGS_KEY];
    if ((area !== 'local' && area !== 'managed') || !change) return;
    void settingsChanged(change);
  };

  browser.alarms.onAlarm.addListener(onAlarm);
  browser.runtime.onStartup.addListener(onStartup);
  browser.runtime.onInstalled.addListener(onInstalled);
  browser.storage.onChanged.addListener(onStorage);
  signal?.addEventListener(
    'abort',
    () => {
      browser.alarms.onAlarm.removeListener(onAlarm);
      browser.runtime.onStartup.removeListener(onStartup);
      browser.runtime.onInstalled.removeListener(onInstalled);
      browser.storage.onChanged.removeListener(onStorage);
      cancelRequestedSync();
    },
    { once: true },
  );

  void ensurePeriodicAlarm();
  void refreshBadge();
}

async function settingsChanged(change: Browser.storage.StorageChange): Promise<void> {
  const endpointOf = (value: unknown) =>
    typeof value === 'object' && value !== null && 'endpoint' in value ? value.endpoint : undefined;
  // Backoff earned by the old endpoint says nothing about the new one.
  // No old value: a policy change or first settings — we can't tell what changed, so start afresh.
  if (change.oldValue === undefined || endpointOf(change.oldValue) !== endpointOf(change.newValue)) {
    await resetBackoff();
  }
  await ensurePeriodicAlarm();
  requestSync('settings', 0);
}

/**
 * Makes sure the periodic alarm exists with the configured period. Checked on every worker start
 * rather than blindly re-created: create() restarts the period, and a worker that wakes more often
 * than the period (it does, for every saved record) would otherwise never let the alarm fire.
 */
export async function ensurePeriodicAlarm(): Promise<void> {
  const { syncPeriodMinutes } = await getEffectiveSettings();
  const period = Math.max(MIN_PERIOD_MINUTES, syncPeriodMinutes);
  const existing = await browser.alarms.get(SYNC_ALARM);
  if (existing?.periodInMinutes === period) return;
  await browser.alarms.create(SYNC_ALARM, { periodInMinutes: period, delayInMinutes: period });
}
