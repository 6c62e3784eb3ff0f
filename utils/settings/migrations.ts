import { z } from 'zod';
import { DEFAULT_CATEGORIES, SETTINGS_VERSION } from '../schema/settings';

/**
 * Stored settings from older versions of the extension, upgraded step by step to the current shape.
 * MIGRATIONS[n] takes a version-n object to version n + 1. Never edit a released step; append one and
 * bump SETTINGS_VERSION. A step maps shape only: the result is validated field by field afterwards
 * (utils/settings/store.ts), so a step never has to reject anything.
 */
export type StoredShape = Record<string, unknown>;
export type Migration = (old: StoredShape) => StoredShape;

/**
 * Version 0: the unversioned prototype piloted in two job centres. Everything sat in storage.local,
 * the token too (as `apiKey`); sites were bare match patterns or `{ pattern, name }`; categories were
 * German labels; the sync period was in seconds.
 */
export const SettingsV0 = z.object({
  endpointUrl: z.string().optional(),
  apiKey: z.string().optional(),
  syncIntervalSeconds: z.number().optional(),
  sites: z
    .array(z.union([z.string(), z.object({ pattern: z.string(), name: z.string().optional() })]))
    .optional(),
  categories: z.array(z.string()).optional(),
  anonymous: z.boolean().optional(),
  unit: z.string().optional(),
  language: z.string().optional(),
  buttonPosition: z.enum(['left', 'right']).optional(),
});
export type SettingsV0 = z.infer<typeof SettingsV0>;

/** "eakte.jobcenter.example" → "Eakte": a readable application name from a match pattern or URL host. */
export function appNameFromHost(host: string): string {
  const bare = host.replace(/^\*\./, '').replace(/^www\./, '');
  if (/^[\d.]+$/.test(bare) || bare.startsWith('[') || !bare.includes('.')) return bare || host;
  const first = bare.split('.')[0] ?? bare;
  return first.charAt(0).toUpperCase() + first.slice(1);
}

function hostOfPattern(pattern: string): string {
  return /^[^:]+:\/\/([^/:]+)/.exec(pattern)?.[1] ?? pattern;
}

function slug(label: string): string {
  const ascii = label
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return ascii.slice(0, 40) || 'kategorie';
}

/** Reads one v0 field if it has the v0 type; a wrong type is as good as absent. */
function v0Field<K extends keyof SettingsV0>(old: StoredShape, key: K): SettingsV0[K] | undefined {
  const parsed = SettingsV0.shape[key].safeParse(old[key]);
  return parsed.success ? (parsed.data as SettingsV0[K]) : undefined;
}

const v0ToV1: Migration = (old) => {
  const next: StoredShape = {};
  const endpoint = v0Field(old, 'endpointUrl');
  if (endpoint !== undefined) next.endpoint = endpoint;
  const token = v0Field(old, 'apiKey');
  if (token !== undefined) next.token = token;
  const seconds = v0Field(old, 'syncIntervalSeconds');
  if (seconds !== undefined) next.syncPeriodMinutes = Math.min(1440, Math.max(0.5, seconds / 60));
  const sites = v0Field(old, 'sites');
  if (sites) {
    next.sites = sites.map((site) => {
      const pattern = typeof site === 'string' ? site : site.pattern;
      const app = typeof site === 'string' ? undefined : site.name?.trim();
      return { pattern, app: app || appNameFromHost(hostOfPattern(pattern)) };
    });
  }
  const categories = v0Field(old, 'categories');
  if (categories) {
    // Labels that match a built-in category keep its id (and gain its English label), so old and new
    // records count together on the collector.
    next.categories = categories.map((label) => {
      const builtIn = DEFAULT_CATEGORIES.find((c) => c.de.toLowerCase() === label.trim().toLowerCase());
      return builtIn ?? { id: slug(label), de: label, en: label };
    });
  }
  const anonymous = v0Field(old, 'anonymous');
  const unit = v0Field(old, 'unit');
  if (unit !== undefined) next.unitLabel = unit;
  if (anonymous === true) next.reporterMode = 'none';
  else if (anonymous === false) next.reporterMode = unit ? 'unit' : 'pseudonym';
  const language = v0Field(old, 'language');
  if (language !== undefined) next.uiLanguage = language;
  const position = v0Field(old, 'buttonPosition');
  if (position !== undefined) next.buttonCorner = position === 'left' ? 'bottom-left' : 'bottom-right';
  return next;
};

export const MIGRATIONS: readonly Migration[] = [v0ToV1];

/** Outcome of {@link migrateSettings}. */
export interface MigrationResult {
  /** The settings in the current shape, not yet validated; `version` is SETTINGS_VERSION. */
  data: StoredShape;
  /** The version the input had: 0 for an unversioned object, null when there was nothing usable. */
  from: number | null;
  /** True when the stored shape differs from the current one and should be written back. */
  changed: boolean;
}

function isObject(value: unknown): value is StoredShape {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Brings a stored or imported settings object to the current version. An object from a newer
 * version (the extension was downgraded) is passed on as is: its fields are validated one by one,
 * and whatever the older code still understands is kept.
 */
export function migrateSettings(raw: unknown): MigrationResult {
  if (!isObject(raw)) return { data: { version: SETTINGS_VERSION }, from: null, changed: false };
  const declared = raw.version;
  const from = typeof declared === 'number' && Number.isInteger(declared) && declared >= 0 ? declared : 0;
  if (from >= SETTINGS_VERSION) return { data: { ...raw, version: SETTINGS_VERSION }, from, changed: false };
  let data: StoredShape = { ...raw };
  for (let version = from; version < SETTINGS_VERSION; version++) {
    const step = MIGRATIONS[version];
    if (!step) throw new Error(`no settings migration from version ${version}`);
    data = step(data);
  }
  return { data: { ...data, version: SETTINGS_VERSION }, from, changed: true };
}
