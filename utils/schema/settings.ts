import { z } from 'zod';
import { BUILD_DEFAULT_ENDPOINT, BUILD_DEFAULT_SITES, BUILD_DEFAULT_TOKEN } from '../build-defaults';
import { CategoryId, DEFAULT_CATEGORY_IDS } from './record';

/**
 * Settings: one schema for local settings, enterprise policy (storage.managed) and import/export.
 * Versioned; older stored shapes are upgraded by utils/settings/migrations.ts.
 */
export const SETTINGS_VERSION = 1;

const isLoopback = (host: string) =>
  host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host.endsWith('.localhost');

/** The collector endpoint: https, or http only on this machine (localhost / 127.0.0.1). */
export const EndpointUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => {
    try {
      const url = new URL(value);
      if (url.username || url.password) return false;
      return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname));
    } catch {
      return false;
    }
  }, 'endpoint_insecure');

/**
 * A match pattern as the browsers accept them for host permissions and content scripts:
 * scheme://host/path, with * for scheme, a leading *. on the host, and * in the path.
 */
export const MatchPattern = z
  .string()
  .trim()
  .max(500)
  .regex(/^(\*|https?):\/\/(\*|(\*\.)?[a-z0-9.-]+|\[[0-9a-f:]+\])(:(\d{1,5}|\*))?\/.*$/i, 'match_pattern');

export const Site = z.object({
  pattern: MatchPattern,
  /** Application name shown to officers ("E-Akte", "Leistungsverfahren"). */
  app: z.string().trim().min(1).max(100),
  /** CSS selectors whose text names the screen, tried in order. */
  screenSelectors: z.array(z.string().trim().min(1).max(300)).max(20).default([]),
  /** Query parameter names whose values may be kept in the URL (e.g. "tab"). */
  allowedParams: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
  /** Extra selectors whose content is sensitive (masked in screenshots, never used as context). */
  sensitiveSelectors: z.array(z.string().trim().min(1).max(300)).max(50).default([]),
});
export type Site = z.infer<typeof Site>;

/** Issue message for a list entry that repeats an earlier one (a site pattern, a category id). */
export const DUPLICATE = 'duplicate';

/** Flags entries whose `key` repeats an earlier entry's, at the repeating entry's own path. */
function uniqueBy<T>(key: (item: T) => string, field?: string) {
  return (items: T[], ctx: z.core.$RefinementCtx<T[]>) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const value = key(item);
      if (seen.has(value)) {
        ctx.addIssue({
          code: 'custom',
          message: DUPLICATE,
          path: field ? [index, field] : [index],
          input: item,
        });
      }
      seen.add(value);
    });
  };
}

export const Category = z.object({
  id: CategoryId,
  de: z.string().trim().min(1).max(60),
  en: z.string().trim().min(1).max(60),
});
export type Category = z.infer<typeof Category>;

/** An organisation-specific redaction pattern: a regular expression source, applied case-insensitively. */
export const RedactionPattern = z.object({
  name: z.string().trim().min(1).max(60),
  source: z
    .string()
    .min(1)
    .max(500)
    .refine((source) => {
      try {
        new RegExp(source, 'giu');
        return true;
      } catch {
        return false;
      }
    }, 'regex_invalid'),
});

/** A word or phrase that is always masked. */
export const RedactionTerm = z.string().trim().min(2).max(100);

export const ReporterMode = z.enum(['none', 'unit', 'pseudonym']);
export const UiLanguage = z.enum(['auto', 'de', 'en']);
export const ButtonCorner = z.enum(['bottom-right', 'bottom-left', 'top-right', 'top-left']);

export const DEFAULT_CATEGORIES: Category[] = [
  { id: 'error', de: 'Fehler / Ausfall', en: 'Error / outage' },
  { id: 'slow', de: 'Zu langsam', en: 'Too slow' },
  { id: 'cumbersome', de: 'Umständlich / zu viele Schritte', en: 'Cumbersome / too many steps' },
  { id: 'missing', de: 'Funktion fehlt', en: 'Missing function' },
  { id: 'legal', de: 'Rechtsänderung nicht umgesetzt', en: 'Legal change not reflected' },
  { id: 'idea', de: 'Idee', en: 'Idea' },
  { id: 'praise', de: 'Lob', en: 'Praise' },
];
// Keep the record schema's built-in list and these labels in step.
DEFAULT_CATEGORIES.forEach((c, i) => {
  if (c.id !== DEFAULT_CATEGORY_IDS[i]) throw new Error(`category list out of step at ${c.id}`);
});

export const Settings = z.object({
  version: z.literal(SETTINGS_VERSION),
  /** Empty string: no endpoint yet, records wait in the outbox. */
  endpoint: z.union([z.literal(''), EndpointUrl]),
  /** Ingest token for `Authorization: Bearer`; never handed to content scripts. */
  token: z.string().max(500),
  syncPeriodMinutes: z.number().min(0.5).max(1440),
  batchSize: z.number().int().min(1).max(500),
  // A pattern twice would make the second entry dead (the first match wins), so it is refused.
  sites: z
    .array(Site)
    .max(200)
    .superRefine(uniqueBy((site) => site.pattern.toLowerCase(), 'pattern')),
  categories: z
    .array(Category)
    .min(1)
    .max(30)
    .superRefine(uniqueBy((category) => category.id, 'id')),
  reporterMode: ReporterMode,
  unitLabel: z.string().trim().max(100),
  screenshotsAllowed: z.boolean(),
  retentionDays: z.number().int().min(1).max(3650),
  redactionPatterns: z.array(RedactionPattern).max(100),
  /** Extra words or phrases that are always masked (e.g. names of local partner organisations). */
  redactionTerms: z.array(RedactionTerm).max(1000),
  /** Mask every date, not only dates of birth. */
  redactAllDates: z.boolean(),
  uiLanguage: UiLanguage,
  buttonCorner: ButtonCorner,
  /**
   * Officers' questions to caseworkers (issue #18, docs/questions.md). Off: the status poll names no
   * applications, so none are delivered, and nothing is shown or counted on any screen.
   */
  questionsEnabled: z.boolean(),
  /**
   * The optional on-screen prompt for an open question (off by default): at most once per question,
   * never while a form field has focus, within the caps below (utils/questions/prompt.ts).
   */
  questionPrompt: z.boolean(),
  /** Most prompts in any 24 hours. */
  questionPromptsPerDay: z.number().int().min(0).max(20),
  /** Most prompts in any 7 days. */
  questionPromptsPerWeek: z.number().int().min(0).max(100),
});
export type Settings = z.infer<typeof Settings>;
export type SettingsKey = keyof Settings;

/** Every settings key, in the schema's order (the settings page and the policy schema follow it). */
export const SETTINGS_KEYS = Object.keys(Settings.shape) as SettingsKey[];
/** Keys an organisation can set by policy or a user can edit: all but the version. */
export const CONFIGURABLE_KEYS = SETTINGS_KEYS.filter(
  (key): key is Exclude<SettingsKey, 'version'> => key !== 'version',
);
export type ConfigurableKey = (typeof CONFIGURABLE_KEYS)[number];

/** Settings as content scripts and the popup may see them: everything but the ingest token. */
export const PublicSettings = Settings.omit({ token: true });
export type PublicSettings = z.infer<typeof PublicSettings>;

/**
 * Array settings whose entries are checked one by one when the whole list fails, so one bad
 * entry in a policy or an old stored value drops that entry, not the list.
 */
export const LIST_ITEM_SCHEMAS = {
  sites: Site,
  categories: Category,
  redactionPatterns: RedactionPattern,
  redactionTerms: RedactionTerm,
} as const satisfies Partial<Record<SettingsKey, z.ZodType>>;

/**
 * Sites covered out of the box: none, unless the package was built for an organisation (its org file's
 * sites, e.g. the demo's in demo/org.json); the build has checked them already.
 */
export const DEFAULT_SITES: Site[] = z.array(Site).parse(BUILD_DEFAULT_SITES);

export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  endpoint: BUILD_DEFAULT_ENDPOINT,
  token: BUILD_DEFAULT_TOKEN,
  syncPeriodMinutes: 1,
  batchSize: 50,
  sites: DEFAULT_SITES,
  categories: DEFAULT_CATEGORIES,
  reporterMode: 'none',
  unitLabel: '',
  screenshotsAllowed: false,
  retentionDays: 30,
  redactionPatterns: [],
  redactionTerms: [],
  redactAllDates: false,
  uiLanguage: 'auto',
  buttonCorner: 'bottom-right',
  questionsEnabled: true,
  questionPrompt: false,
  questionPromptsPerDay: 1,
  questionPromptsPerWeek: 3,
};
