import { CONFIGURABLE_KEYS, type ConfigurableKey, Settings } from '../schema/settings';
import type { FieldIssue } from '../schema/settings-status';
import { toFieldIssues } from './issues';
import { migrateSettings } from './migrations';

/** Suggested name of an exported configuration file. */
export const EXPORT_FILE_NAME = 'mitsprache-einstellungen.json';

/**
 * The configuration as a file: the settings object itself, with its version, so an import runs
 * through the same migrations as stored settings, and an admin can paste it (minus `version`) into a
 * policy. The token is left out unless asked for: the file travels by e-mail and USB stick.
 */
export function exportSettings(
  settings: Settings,
  { includeToken }: { includeToken: boolean },
): Record<string, unknown> {
  const { token, ...rest } = Settings.parse(settings);
  return includeToken ? { ...rest, token } : rest;
}

/** Outcome of {@link parseImport}. */
export type ImportOutcome =
  | {
      ok: true;
      /** The current settings with the file's values applied; save this. */
      settings: Settings;
      /** Keys in the file that the organisation locks; their values were not taken. */
      skippedLocked: ConfigurableKey[];
    }
  | { ok: false; issues: FieldIssue[] };

const CONFIGURABLE: ReadonlySet<string> = new Set(CONFIGURABLE_KEYS);

/**
 * Reads an exported file. Fields the file lacks keep their current value (so the token survives
 * an export without token). Applies nothing unless every field in the file is valid; unknown keys
 * count as errors, because a misspelt key that is silently ignored looks like a setting that
 * did not work.
 */
export function parseImport(
  text: string,
  current: Settings,
  locked: readonly ConfigurableKey[],
): ImportOutcome {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, issues: [{ path: [], code: 'not_json' }] };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, issues: [{ path: [], code: 'not_json' }] };
  }
  const { data } = migrateSettings(raw);
  const issues: FieldIssue[] = [];
  const present: Partial<Record<ConfigurableKey, unknown>> = {};
  for (const [key, value] of Object.entries(data)) {
    if (key === 'version') continue;
    if (!CONFIGURABLE.has(key)) issues.push({ path: [key], code: 'unknown_setting' });
    else present[key as ConfigurableKey] = value;
  }
  const parsed = Settings.safeParse({ ...current, ...present, version: current.version });
  if (!parsed.success) issues.push(...toFieldIssues(parsed.error));
  if (issues.length > 0 || !parsed.success) return { ok: false, issues };
  const skippedLocked = locked.filter((key) => key in present);
  const settings = { ...parsed.data };
  for (const key of skippedLocked) (settings as Record<string, unknown>)[key] = current[key];
  return { ok: true, settings, skippedLocked };
}
