import { browser } from 'wxt/browser';
import { DEFAULT_SETTINGS, type PublicSettings, Settings } from '../schema/settings';
import { getDb } from '../store/db';
import { migrateSettings } from './migrations';
import { readPolicy } from './policy';
import { validateFieldwise } from './validate';

/**
 * Local settings live in storage.local under SETTINGS_KEY — except the ingest token, which content
 * scripts could read there. The token lives in the extension's IndexedDB (meta store), which only the
 * background and extension pages open.
 */
export const SETTINGS_KEY = 'settings';
const TOKEN_KEY = 'secret:token';

export type { PublicSettings };

/**
 * Reads local settings (no policy): migrates an older stored shape, then takes each stored field
 * that still validates, defaults for the rest. A migrated shape is written back, which also moves
 * a version-0 token out of storage.local.
 */
export async function loadLocalSettings(): Promise<Settings> {
  const stored = (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];
  const { data, changed } = migrateSettings(stored);
  const savedToken = await getLocalToken();
  const migratedToken = typeof data.token === 'string' ? data.token : '';
  const settings = mergeValid(DEFAULT_SETTINGS, {
    ...data,
    token: savedToken || migratedToken || DEFAULT_SETTINGS.token,
  });
  if (changed) await saveLocalSettings(settings);
  return settings;
}

/** Writes a full, already validated settings object. */
export async function saveLocalSettings(settings: Settings): Promise<void> {
  const { token, ...rest } = Settings.parse(settings);
  await setToken(token);
  await browser.storage.local.set({ [SETTINGS_KEY]: rest satisfies PublicSettings });
}

/**
 * The ingest token in force: the organisation's (policy) if it set one, else the local one.
 * This is what goes into `Authorization: Bearer`.
 */
export async function getToken(): Promise<string> {
  const policy = await readPolicy();
  return policy.values.token ?? (await getLocalToken());
}

/** The token stored on this device (settings page), regardless of policy. */
export async function getLocalToken(): Promise<string> {
  const value = await (await getDb()).get('meta', TOKEN_KEY);
  return typeof value === 'string' ? value : '';
}

export async function setToken(token: string): Promise<void> {
  await (await getDb()).put('meta', token, TOKEN_KEY);
  // The token is not in storage.local, so no storage event tells the settings cache.
  onTokenChange?.();
}

let onTokenChange: (() => void) | undefined;
/** Lets the settings cache (effective.ts) hear about token changes without an import cycle. */
export function setTokenListener(listener: () => void): void {
  onTokenChange = listener;
}

/**
 * Overlays `patch` on `base`, keeping each field of the patch only if it validates on its own,
 * so one bad value never discards the rest. Rejected keys are appended to `rejected`.
 */
export function mergeValid(
  base: Settings,
  patch: Record<string, unknown>,
  rejected: string[] = [],
): Settings {
  const { values, problems } = validateFieldwise(patch);
  for (const problem of problems) if (!rejected.includes(problem.key)) rejected.push(problem.key);
  return Settings.parse({ ...base, ...values, version: base.version });
}
