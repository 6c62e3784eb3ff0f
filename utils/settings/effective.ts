import { Settings } from '../schema/settings';
import { type PolicyReading, readPolicy } from './policy';
import { loadLocalSettings } from './store';
import type { SettingsView } from './view';

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

/** Reads local settings and policy once and merges them. */
export async function resolveSettings(): Promise<ResolvedSettings> {
  const [local, policy] = await Promise.all([loadLocalSettings(), readPolicy()]);
  return { effective: applyPolicy(local, policy), local, policy };
}

/** The settings in force: enterprise policy over local settings over defaults. */
export async function getEffectiveSettings(): Promise<Settings> {
  return (await resolveSettings()).effective;
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
