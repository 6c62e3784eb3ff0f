import { z } from 'zod';
import { CONFIGURABLE_KEYS, type ConfigurableKey, PublicSettings } from './settings';

/**
 * What the settings page and the popup are told about the configuration. These schemas describe
 * messages (utils/messaging/protocol/settings.ts); the settings themselves are in utils/schema/settings.ts.
 */

/** Why a value was refused; the text for each code is in utils/i18n/settings.ts (issue.<code>). */
export const ISSUE_CODES = [
  'required',
  'too_short',
  'too_long',
  'too_few',
  'too_many',
  'number_too_small',
  'number_too_large',
  'not_integer',
  'not_a_number',
  'wrong_type',
  'invalid_choice',
  'endpoint_insecure',
  'match_pattern',
  'regex_invalid',
  'category_id',
  'duplicate',
  'unknown_setting',
  'not_json',
  'invalid',
] as const;
export const IssueCode = z.enum(ISSUE_CODES);
export type IssueCode = z.infer<typeof IssueCode>;

/** One refused value, addressed by its path in the settings object (e.g. `['sites', 2, 'pattern']`). */
export const FieldIssue = z.object({
  path: z.array(z.union([z.string(), z.number().int()])).max(6),
  code: IssueCode,
  /** The limit for too_*, number_too_* codes. */
  limit: z.number().optional(),
});
export type FieldIssue = z.infer<typeof FieldIssue>;

export const ConfigurableKeyEnum = z.enum(CONFIGURABLE_KEYS as [ConfigurableKey, ...ConfigurableKey[]]);

/**
 * A policy value that was not applied. `unknown_key`: the policy names a setting that does not exist
 * (a typo); `ignored_value`: the value is malformed and the local setting applies instead;
 * `ignored_entry`: one entry of a list was dropped, the rest of the list applies.
 */
export const PolicyWarning = z.object({
  key: z.string().max(200),
  kind: z.enum(['unknown_key', 'ignored_value', 'ignored_entry']),
  index: z.number().int().optional(),
  issue: FieldIssue.optional(),
});
export type PolicyWarning = z.infer<typeof PolicyWarning>;

/**
 * Host permission of one configured site. `granted`: the button shows there; `missing`: never
 * granted (e.g. a site set by policy, or a declined prompt); `revoked`: it was granted once and the
 * user or browser took it back (Firefox lets users do that in the add-on manager).
 */
export const SitePermission = z.enum(['granted', 'missing', 'revoked']);
export type SitePermission = z.infer<typeof SitePermission>;

export const SiteStatus = z.object({
  pattern: z.string(),
  app: z.string(),
  permission: SitePermission,
});
export type SiteStatus = z.infer<typeof SiteStatus>;

/** The effective settings without the token, which keys the organisation has locked, and policy warnings. */
export const SettingsView = z.object({
  settings: PublicSettings,
  /** Keys set by enterprise policy: shown disabled, never saved from the page. */
  locked: z.array(ConfigurableKeyEnum),
  warnings: z.array(PolicyWarning),
  /** Whether an ingest token is in force (without revealing it). */
  tokenSet: z.boolean(),
});
export type SettingsView = z.infer<typeof SettingsView>;

/** The view plus the permission state of every configured site (popup and settings page). */
export const SettingsStatus = SettingsView.extend({ sites: z.array(SiteStatus) });
export type SettingsStatus = z.infer<typeof SettingsStatus>;

/**
 * What the settings page edits: the status plus the locally stored token. The page is an extension
 * page, so it may show the token (in a password field); content scripts never get this message.
 * Empty when the token is set by policy.
 */
export const SettingsPageState = SettingsStatus.extend({ token: z.string() });
export type SettingsPageState = z.infer<typeof SettingsPageState>;
