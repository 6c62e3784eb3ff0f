import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CHROMIUM_EXTENSION_ID } from '../utils/extension-id';

/** Thrown for any invalid setting; `main.ts` prints the message and exits with code 2. */
export class ConfigError extends Error {
  readonly code = 'config_invalid';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid collector configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const MiB = 1024 * 1024;

// Printable ASCII without space or comma: tokens travel in a comma-separated variable and a Bearer header.
const Token = z
  .string()
  .regex(/^[\x21-\x2b\x2d-\x7e]+$/, 'tokens must be printable ASCII without spaces or commas');

const Origin = z.string().refine((value) => {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}, 'expected an origin like https://intranet.example (scheme, host, optional port; no path or trailing slash)');

// A Chromium extension id (32 letters a–p), a Firefox extension UUID (random per installation unless
// fixed by the enterprise policy `extensions.webextensions.uuids`), or `*` for any extension.
const ExtensionId = z
  .string()
  .regex(
    /^([a-p]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\*)$/,
    'expected a Chromium extension id (32 letters a–p), a Firefox extension UUID, or *',
  );

/** Whether `host` is a loopback address or name: only this machine can reach the collector there. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare);
}

// The message covers type, integer and range issues alike: zod reports the schema's own error for all of them.
const Integer = (message: string) => z.number({ error: message }).int();

/** The validated collector configuration; every field has a default except the tokens. */
export const CollectorConfig = z
  .strictObject({
    port: Integer('expected an integer port 0–65535').min(0).max(65535).default(8787),
    host: z.string().min(1).default('127.0.0.1'),
    dataDir: z.string().min(1).default('./data'),
    ingestTokens: z.array(Token).default([]),
    adminTokens: z.array(Token).default([]),
    allowAnonymous: z.boolean({ error: 'expected 1/true or 0/false' }).default(false),
    // The extension never sends more than MAX_BATCH_BYTES (1 MB); the margin is for other clients.
    bodyLimitBytes: Integer(`expected a number of bytes from 1024 to ${64 * MiB}`)
      .min(1024)
      .max(64 * MiB)
      .default(2 * MiB),
    /**
     * How long a request body may take to arrive (issue #14, item 8); Node's own limit is 5 minutes,
     * for which a trickling upload holds its connection and memory.
     */
    bodyTimeoutMs: Integer('expected milliseconds from 100 to 600000').min(100).max(600_000).default(30_000),
    /** Feedback uploads read at once; more are answered 503 `too_busy` with Retry-After. */
    maxConcurrentUploads: Integer('expected a number from 1 to 10000').min(1).max(10_000).default(64),
    /** How long one export or dashboard download may run before it is cut off (issue #14, item 3). */
    exportDeadlineMs: Integer('expected milliseconds from 1000 to 86400000')
      .min(1000)
      .max(86_400_000)
      .default(30 * 60 * 1000),
    corsOrigins: z.array(Origin).default([]),
    /** Extensions whose origin CORS lets through (issue #14, item 10): by default only the product's own. */
    extensionIds: z.array(ExtensionId).default([CHROMIUM_EXTENSION_ID]),
    /** How long close() waits for in-flight requests before cutting connections. */
    shutdownGraceMs: Integer('expected milliseconds from 0 to 600000').min(0).max(600_000).default(10_000),
    /** JSON file of officer accounts for the dashboard (see docs/dashboard.md). */
    officersFile: z.string().min(1).optional(),
    /** PostgreSQL instead of the SQLite file, for several collector instances on one database. */
    databaseUrl: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// URL')
      .optional(),
    /** The address officers open, e.g. https://feedback.jobcenter.example; https makes cookies Secure. */
    publicUrl: Origin.optional(),
    /** Behind a reverse proxy: take the client address for sign-in throttling from X-Forwarded-For. */
    trustProxy: z.boolean({ error: 'expected 1/true or 0/false' }).optional(),
    /** Incidents (docs/incidents.md): N, outage reports of one application that open an incident… */
    incidentReports: Integer('expected a number of reports from 1 to 10000').min(1).max(10_000).default(3),
    /** …M, from at least this many distinct installations (outage episodes)… */
    incidentInstallations: Integer('expected a number of installations from 1 to 10000')
      .min(1)
      .max(10_000)
      .default(2),
    /** …T, within this many minutes. */
    incidentWindowMinutes: Integer('expected minutes from 1 to 1440').min(1).max(1440).default(10),
    /** Receives a signed JSON POST when an incident opens, is confirmed, or closes. */
    webhookUrl: z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }).optional(),
    /** Key of the webhook's HMAC-SHA256 signature; required with webhookUrl. */
    webhookSecret: z.string().min(16, 'expected a secret of at least 16 characters').optional(),
    /** SMTP server for incident mails; unset: no mail. */
    smtpHost: z.string().min(1).optional(),
    smtpPort: Integer('expected an integer port 1–65535').min(1).max(65535).default(587),
    /** `starttls` (default: upgrade required), `tls` (implicit TLS, usually port 465), `none` (plain, local relays only). */
    smtpSecurity: z
      .enum(['starttls', 'tls', 'none'], { error: 'expected starttls, tls or none' })
      .default('starttls'),
    smtpUser: z.string().min(1).optional(),
    smtpPassword: z.string().min(1).optional(),
    /** Sender address of incident mails. */
    smtpFrom: z.string().min(3).optional(),
    /** Recipients of incident mails. */
    smtpTo: z.array(z.email({ error: 'expected e-mail addresses' })).default([]),
    /** First retry of a failed notification after this long; each further one waits twice as long (≤ 1 h). */
    notifyRetryMs: Integer('expected milliseconds from 100 to 3600000')
      .min(100)
      .max(3_600_000)
      .default(5_000),
    /**
     * k: a question's results (distribution, trend, notes, exports) show only from this many answers
     * on (docs/questions.md). Never below 3: the staff council's line against performance monitoring.
     */
    questionsMinAnswers: Integer('expected a number of answers from 3 to 10000 (never below 3)')
      .min(3)
      .max(10_000)
      .default(5),
    /**
     * `hub`: this collector receives aggregates from job centres' collectors instead of notes from
     * browsers (issue #19, docs/hub.md). `collector` (default): a job centre's own collector.
     */
    mode: z.enum(['collector', 'hub'], { error: 'expected collector or hub' }).default('collector'),
    /** Hub mode: JSON file of the job centres allowed to push, each with its own token (docs/hub.md). */
    hubJobCentresFile: z.string().min(1).optional(),
    /** Hub mode: whether job centres may see each other's individual figures (default: only their own). */
    hubShowJobCentres: z.boolean({ error: 'expected 1/true or 0/false' }).default(false),
    // (hub-server settings go here)
    /**
     * Hub mode: largest push request. A full part (5000 cells, 500 notes of up to 6000 characters) stays
     * below 8 MiB; the feedback limit (bodyLimitBytes) is sized for the extension's batches instead.
     */
    hubBodyLimitBytes: Integer(`expected a number of bytes from 1024 to ${64 * MiB}`)
      .min(1024)
      .max(64 * MiB)
      .default(8 * MiB),
    /**
     * Sharing with a hub: k, no cell with fewer notes leaves the job centre (merged upward to the
     * application first). Never below 3, as for question results.
     */
    shareMinNotes: Integer('expected a number of notes from 3 to 10000 (never below 3)')
      .min(3)
      .max(10_000)
      .default(5),
    /** Sharing with a hub: how often the job centre's collector pushes (when an officer switched it on). */
    sharePushIntervalMinutes: Integer('expected minutes from 1 to 10080').min(1).max(10_080).default(60),
    /**
     * Sharing with a hub: first retry of a push part after an outage or a 5xx; each further one waits
     * twice as long (at most an hour). A 4xx refusal is not retried.
     */
    shareRetryMs: Integer('expected milliseconds from 100 to 3600000')
      .min(100)
      .max(3_600_000)
      .default(30_000),
    // (job-centre sharing settings go here)
  })
  .superRefine((config, ctx) => {
    if (config.mode === 'hub' && !config.hubJobCentresFile) {
      ctx.addIssue({
        code: 'custom',
        path: ['hubJobCentresFile'],
        message: 'required in hub mode: the job centres allowed to push, each with its own token',
      });
    }
    if (config.mode === 'collector' && config.ingestTokens.length === 0 && !config.allowAnonymous) {
      ctx.addIssue({
        code: 'custom',
        path: ['ingestTokens'],
        message:
          'no ingest token configured; set at least one, or set COLLECTOR_ALLOW_ANONYMOUS=1 to accept feedback without a token',
      });
    }
    // Without a public URL the dashboard takes its own origin from the Host header, which DNS rebinding
    // lets a web page choose; only a loopback bind, which no other machine reaches, may do without.
    if (!config.publicUrl && !isLoopbackHost(config.host)) {
      ctx.addIssue({
        code: 'custom',
        path: ['publicUrl'],
        message: `required when listening on ${config.host} (not loopback): the address officers open, e.g. https://feedback.jobcenter.example`,
      });
    }
    if (config.incidentInstallations > config.incidentReports) {
      ctx.addIssue({
        code: 'custom',
        path: ['incidentInstallations'],
        message: `cannot exceed the number of reports (${config.incidentReports}): each installation sends at least one`,
      });
    }
    if (config.webhookUrl && !config.webhookSecret) {
      ctx.addIssue({
        code: 'custom',
        path: ['webhookSecret'],
        message: 'required with a webhook URL: receivers check the signature made with it',
      });
    }
    if (config.smtpHost && (!config.smtpFrom || config.smtpTo.length === 0)) {
      ctx.addIssue({
        code: 'custom',
        path: [config.smtpFrom ? 'smtpTo' : 'smtpFrom'],
        message: 'required with an SMTP host: incident mails need a sender and at least one recipient',
      });
    }
    if (Boolean(config.smtpUser) !== Boolean(config.smtpPassword)) {
      ctx.addIssue({
        code: 'custom',
        path: [config.smtpUser ? 'smtpPassword' : 'smtpUser'],
        message: 'SMTP user and password go together',
      });
    }
    // One token in both lists would make the scope check (403 for ingest tokens on the officer API) meaningless.
    if (config.adminTokens.some((token) => config.ingestTokens.includes(token))) {
      ctx.addIssue({
        code: 'custom',
        path: ['adminTokens'],
        message: 'an admin token must not also be an ingest token',
      });
    }
  });

/** Collector settings after validation and defaults. */
export type CollectorConfig = z.output<typeof CollectorConfig>;
/** What callers may pass: any subset, defaults fill the rest. */
export type CollectorConfigInput = z.input<typeof CollectorConfig>;

type Key = keyof CollectorConfig;

const list = (raw: string) =>
  raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
// Unparseable values are passed on as strings so the schema reports them with its own message.
const integer = (raw: string): unknown => (/^\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw);
const boolean = (raw: string): unknown => {
  const value = raw.trim().toLowerCase();
  if (['1', 'true', 'yes'].includes(value)) return true;
  if (['0', 'false', 'no', ''].includes(value)) return false;
  return raw;
};

/** Environment variable behind each setting, with how its text becomes a value. */
export const ENV_VARIABLES: Record<Key, { name: string; parse: (raw: string) => unknown }> = {
  port: { name: 'COLLECTOR_PORT', parse: integer },
  host: { name: 'COLLECTOR_HOST', parse: (raw) => raw.trim() },
  dataDir: { name: 'COLLECTOR_DATA_DIR', parse: (raw) => raw },
  ingestTokens: { name: 'COLLECTOR_INGEST_TOKENS', parse: list },
  adminTokens: { name: 'COLLECTOR_ADMIN_TOKENS', parse: list },
  allowAnonymous: { name: 'COLLECTOR_ALLOW_ANONYMOUS', parse: boolean },
  bodyLimitBytes: { name: 'COLLECTOR_BODY_LIMIT_BYTES', parse: integer },
  bodyTimeoutMs: { name: 'COLLECTOR_BODY_TIMEOUT_MS', parse: integer },
  maxConcurrentUploads: { name: 'COLLECTOR_MAX_UPLOADS', parse: integer },
  exportDeadlineMs: { name: 'COLLECTOR_EXPORT_DEADLINE_MS', parse: integer },
  corsOrigins: { name: 'COLLECTOR_CORS_ORIGINS', parse: list },
  extensionIds: { name: 'COLLECTOR_EXTENSION_IDS', parse: list },
  shutdownGraceMs: { name: 'COLLECTOR_SHUTDOWN_GRACE_MS', parse: integer },
  officersFile: { name: 'COLLECTOR_OFFICERS_FILE', parse: (raw) => raw.trim() || undefined },
  databaseUrl: { name: 'DATABASE_URL', parse: (raw) => raw.trim() || undefined },
  publicUrl: { name: 'COLLECTOR_PUBLIC_URL', parse: (raw) => raw.trim().replace(/\/+$/, '') || undefined },
  trustProxy: { name: 'COLLECTOR_TRUST_PROXY', parse: boolean },
  incidentReports: { name: 'COLLECTOR_INCIDENT_REPORTS', parse: integer },
  incidentInstallations: { name: 'COLLECTOR_INCIDENT_INSTALLATIONS', parse: integer },
  incidentWindowMinutes: { name: 'COLLECTOR_INCIDENT_WINDOW_MINUTES', parse: integer },
  webhookUrl: { name: 'COLLECTOR_WEBHOOK_URL', parse: (raw) => raw.trim() || undefined },
  webhookSecret: { name: 'COLLECTOR_WEBHOOK_SECRET', parse: (raw) => raw || undefined },
  smtpHost: { name: 'COLLECTOR_SMTP_HOST', parse: (raw) => raw.trim() || undefined },
  smtpPort: { name: 'COLLECTOR_SMTP_PORT', parse: integer },
  smtpSecurity: { name: 'COLLECTOR_SMTP_SECURITY', parse: (raw) => raw.trim().toLowerCase() },
  smtpUser: { name: 'COLLECTOR_SMTP_USER', parse: (raw) => raw || undefined },
  smtpPassword: { name: 'COLLECTOR_SMTP_PASSWORD', parse: (raw) => raw || undefined },
  smtpFrom: { name: 'COLLECTOR_SMTP_FROM', parse: (raw) => raw.trim() || undefined },
  smtpTo: { name: 'COLLECTOR_SMTP_TO', parse: list },
  notifyRetryMs: { name: 'COLLECTOR_NOTIFY_RETRY_MS', parse: integer },
  questionsMinAnswers: { name: 'COLLECTOR_QUESTIONS_MIN_ANSWERS', parse: integer },
  mode: { name: 'COLLECTOR_MODE', parse: (raw) => raw.trim().toLowerCase() },
  hubJobCentresFile: { name: 'COLLECTOR_HUB_JOB_CENTRES_FILE', parse: (raw) => raw.trim() || undefined },
  hubShowJobCentres: { name: 'COLLECTOR_HUB_SHOW_JOB_CENTRES', parse: boolean },
  hubBodyLimitBytes: { name: 'COLLECTOR_HUB_BODY_LIMIT_BYTES', parse: integer },
  shareMinNotes: { name: 'COLLECTOR_SHARE_MIN_NOTES', parse: integer },
  sharePushIntervalMinutes: { name: 'COLLECTOR_SHARE_PUSH_INTERVAL_MINUTES', parse: integer },
  shareRetryMs: { name: 'COLLECTOR_SHARE_RETRY_MS', parse: integer },
};

/** Names the JSON config file through the environment when `--config` is not given. */
export const CONFIG_FILE_VARIABLE = 'COLLECTOR_CONFIG_FILE';

/**
 * Validates settings; `sources` names where each key came from (a variable or a file key), so the
 * error points at the thing the operator has to edit.
 */
export function parseConfig(input: unknown, sources: Partial<Record<string, string>> = {}): CollectorConfig {
  const result = CollectorConfig.safeParse(input);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      if (issue.code === 'unrecognized_keys') {
        return `${sources[''] ?? 'config'}: unknown setting(s) ${issue.keys.join(', ')}`;
      }
      const key = String(issue.path[0] ?? '');
      const label = sources[key] ?? key;
      return `${label}: ${issue.message}`;
    }),
  );
}

/**
 * Reads the configuration from a JSON file (optional, camelCase keys as in `CollectorConfig`) and
 * the environment; a variable that is set wins over the file.
 */
export function loadConfig(options: { env?: NodeJS.ProcessEnv; file?: string } = {}): CollectorConfig {
  const env = options.env ?? process.env;
  const file = options.file ?? (env[CONFIG_FILE_VARIABLE] || undefined);
  const input: Record<string, unknown> = {};
  const sources: Record<string, string> = {};

  if (file) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new ConfigError([`${file}: cannot read JSON (${(error as Error).message})`]);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new ConfigError([`${file}: expected a JSON object`]);
    }
    Object.assign(input, parsed);
    sources[''] = file;
    for (const key of Object.keys(parsed)) sources[key] = `${file}: ${key}`;
  }

  for (const [key, variable] of Object.entries(ENV_VARIABLES)) {
    const raw = env[variable.name];
    if (raw === undefined) continue;
    input[key] = variable.parse(raw);
    sources[key] = variable.name;
  }
  // Errors about a setting nobody set (missing tokens) should still name the variable to set.
  for (const [key, variable] of Object.entries(ENV_VARIABLES)) sources[key] ??= variable.name;

  return parseConfig(input, sources);
}
