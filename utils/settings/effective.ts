import { browser } from 'wxt/browser';
import { DEFAULT_SETTINGS, Settings } from '../schema/settings';
import type { SettingsView } from '../schema/settings-status';
import { type PolicyReading, readPolicy } from './policy';
import { getLocalToken, loadLocalSettings, SETTINGS_KEY, setTokenListener } from './store';

/** Effective settings together with where they came from. */
export interface ResolvedSettings {
  effective: Settings;
  local: Settings;
  policy: PolicyReading;
}

/** Policy over local over defaults, field by field (local settings already carry the defaults). */
export function applyPolicy(local: Settings, policy: PolicyReading): Settings {
  return Settings.parse({ ...local, ...policy.values, version: local.version });
}

let cached: Promise<ResolvedSettings> | undefined;
/** Only a context that hears every change (the background, via watchSettingsCache) may cache. */
let caching = false;

/**
 * Reads local settings and policy and merges them. Kept in memory until something changes them
 * (watchSettingsCache), because every save reads the settings and save → committed has a 10 ms budget.
 */
export function resolveSettings(): Promise<ResolvedSettings> {
  if (!caching) invalidateSettings();
  cached ??= Promise.all([loadLocalSettings(), readPolicy()])
    .then(([local, policy]) => ({ effective: applyPolicy(local, policy), local, policy }))
    .catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
  return cached;
}

/** Forgets the cached settings; the next read loads them afresh. */
export function invalidateSettings(): void {
  cached = undefined;
}

/**
 * Drops the cache whenever local settings or policy change. Register it before any other storage
 * listener: listeners run in registration order, and the others read the settings.
 */
export function watchSettingsCache(): void {
  caching = true;
  setTokenListener(invalidateSettings);
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed' || (area === 'local' && SETTINGS_KEY in changes)) invalidateSettings();
  });
}

/**
 * The settings in force: enterprise policy over local settings over defaults. `fresh` reads storage
 * instead of the cache: the change event that clears the cache can arrive after a write has resolved
 * (hundreds of milliseconds on a busy machine), and a sync pass is rare enough to read once more.
 */
export async function getEffectiveSettings({
  fresh = false,
  withToken = true,
}: {
  fresh?: boolean;
  /**
   * False for readers that never send (capture, outbox): the device's token then stays as stored in
   * the cache (usually empty), and the IndexedDB read it costs (0.5–3 ms) stays off the save path.
   */
  withToken?: boolean;
} = {}): Promise<Settings> {
  if (fresh) invalidateSettings();
  const { effective, policy } = await resolveSettings();
  if (!withToken || !caching || policy.values.token !== undefined) return effective;
  // The device's token is read afresh: it lives in IndexedDB, where no storage event announces a change.
  return { ...effective, token: (await getLocalToken()) || DEFAULT_SETTINGS.token };
}

/** Builds the view from resolved settings: effective settings without the token, locked keys, warnings. */
export function toSettingsView({ effective, policy }: ResolvedSettings): SettingsView {
  const { token, ...settings } = effective;
  return { settings, locked: policy.locked, warnings: policy.warnings, tokenSet: token !== '' };
}

/** What the settings page and popup may know: effective settings minus token, locked keys, policy warnings. */
export async function getSettingsView(): Promise<SettingsView> {
  return toSettingsView(await resolveSettings());
}
