import { z } from 'zod';
import { cleanText, hasVisibleText, Text } from './text';

/**
 * The feedback record: what is stored in the outbox and sent to the collector.
 * Single source of truth for the extension, the wire format and the collector.
 * Every text field in here has already been redacted on the device.
 */

/**
 * Bumped whenever the record's shape changes; receivers accept every version listed in
 * RECORD_SCHEMA_VERSIONS. 2 added `answerSecret` (issue #14, item 5).
 */
export const RECORD_SCHEMA_VERSION = 2;
/** Versions a receiver accepts: 1 still comes from extensions not yet updated. */
export const RECORD_SCHEMA_VERSIONS = [1, 2] as const;

/**
 * A random secret per record, made on the device (128 bits, hex). Only the installation that sent
 * the record knows it; the collector keeps its SHA-256 and answers a status query about the record
 * only to whoever presents it, so a shared ingest token does not open every officer reply.
 */
export const AnswerSecret = z.string().regex(/^[0-9a-f]{32,128}$/, 'answer secret');

/** A fresh answer secret (crypto.getRandomValues exists in browsers and Node alike). */
export function newAnswerSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export const NOTE_MAX = 2000;
/** Most minutes lost one note may report: a working day. */
export const MINUTES_MAX = 480;
const SHORT = 300;

/** Built-in categories; organisations may add their own ids via settings (issue: configuration). */
export const DEFAULT_CATEGORY_IDS = [
  'error',
  'slow',
  'cumbersome',
  'missing',
  'legal',
  'idea',
  'praise',
] as const;

export const CategoryId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'category id');
export const Impact = z.enum(['blocks', 'slows', 'minor']);

/** ISO 8601 timestamp with an explicit UTC offset, e.g. 2026-11-25T11:02:03.123+01:00. */
export const OffsetTimestamp = z.iso.datetime({ offset: true });

/** Earliest creation time a record may carry: before the product existed is a broken clock. */
export const CREATED_AT_MIN = '2020-01-01T00:00:00Z';
/** How far ahead of the checking clock a creation time may be (clock skew between device and server). */
export const CREATED_AT_MAX_AHEAD_MS = 24 * 60 * 60 * 1000;

/**
 * A record's creation time: 2020 to one day ahead of now (issue #14, item 9). A record from year 9999
 * would sit on top of every inbox sorted by date for ever; year 0000 below everything.
 */
export const CreatedAt = OffsetTimestamp.refine((value) => {
  const at = Date.parse(value);
  return at >= Date.parse(CREATED_AT_MIN) && at <= Date.now() + CREATED_AT_MAX_AHEAD_MS;
}, 'createdAt must lie between 2020 and one day from now');

/**
 * Record ids: UUIDs, always in lower case (issue #14, item 7), so the same id written in upper and
 * lower case is one record, not two.
 */
export const RecordId = z.uuid().overwrite((value) => value.toLowerCase());

/** The note: cleaned like every text field, and refused when nothing visible is left. */
export const Note = z
  .string()
  .overwrite(cleanText)
  .trim()
  .min(1)
  .max(NOTE_MAX)
  .refine(hasVisibleText, 'note has no visible text');

export const Box = z.object({
  x: z.number(),
  y: z.number(),
  width: z.number().nonnegative(),
  height: z.number().nonnegative(),
});

/** What the user pointed at with the element picker: never its value. */
export const PickedElement = z.object({
  role: Text(60),
  name: Text(SHORT),
  selector: Text(1000),
  box: Box,
});

export const ScreenDescription = z.object({
  /** Best human-readable name of the screen (configured selector, else heading, else title). */
  name: Text(SHORT),
  heading: Text(SHORT).optional(),
  breadcrumb: z.array(Text(SHORT)).max(12).optional(),
  navigation: Text(SHORT).optional(),
  step: Text(SHORT).optional(),
  tab: Text(SHORT).optional(),
  form: Text(SHORT).optional(),
});

export const PageContext = z.object({
  /** Application name from the site configuration ("E-Akte", "Leistungsverfahren"). */
  app: Text(100),
  /** URL with identifiers replaced and query values / fragment dropped. */
  url: Text(2000),
  /** Path with identifier segments as placeholders, e.g. /akte/:id/leistungen — groups feedback by screen. */
  routeTemplate: Text(1000),
  title: Text(SHORT),
  screen: ScreenDescription,
  /** Which frame the user worked in: "top" or a path such as "top>iframe[0]". */
  frame: z.object({ path: Text(200), routeTemplate: Text(1000).optional() }),
  viewport: z.object({ width: z.number().int(), height: z.number().int() }),
  screenSize: z.object({
    width: z.number().int(),
    height: z.number().int(),
    pixelRatio: z.number(),
  }),
  browser: z.object({ name: Text(40), version: Text(40) }),
  uiLanguage: Text(35),
  extensionVersion: Text(40),
  /** Milliseconds between page load and the click on the feedback button. */
  sinceLoadMs: z.number().int().nonnegative(),
  element: PickedElement.optional(),
});

export const Screenshot = z.object({
  /** Masked image as a data URL (image/jpeg or image/webp); the unmasked image is never stored. */
  dataUrl: z
    .string()
    .regex(/^data:image\/(jpeg|webp|png);base64,[A-Za-z0-9+/=]+$/)
    .max(300_000),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maskCount: z.number().int().nonnegative(),
});

export const Reporter = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('none') }),
  z.object({ mode: z.literal('unit'), unit: Text(100).min(1) }),
  z.object({ mode: z.literal('pseudonym'), pseudonym: z.string().regex(/^[a-f0-9]{16,64}$/) }),
]);

/** Most mask kinds a record may count; room for new kinds beyond today's. */
export const MASK_KINDS_MAX = 40;

export const Redaction = z.object({
  /** Number of masks applied, by kind (e.g. { iban: 1, name: 2 }); lets officers trust the record. */
  // Bounded (issue #14, item 9): a mask kind is a short id; there are 16 today.
  counts: z
    .record(
      z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'mask kind'),
      z.number().int().nonnegative().max(100_000),
    )
    .refine((counts) => Object.keys(counts).length <= MASK_KINDS_MAX, `at most ${MASK_KINDS_MAX} mask kinds`),
});

/**
 * What failed, when a record reports an outage (issue #17). `network` and `timeout`: the browser's own
 * navigation error (its error code, e.g. net::ERR_CONNECTION_REFUSED or NS_ERROR_CONNECTION_REFUSED);
 * `http`: the server answered a top-level navigation with a 5xx status (the code is the status);
 * `login-loop`: the site kept sending the browser back to its login; `unresponsive` and
 * `error-message`: the page loads but the caseworker says it is broken ("Das ist eine Störung").
 */
export const OUTAGE_KINDS = [
  'network',
  'timeout',
  'http',
  'login-loop',
  'unresponsive',
  'error-message',
] as const;
export const OutageKind = z.enum(OUTAGE_KINDS);
export const Outage = z.object({
  kind: OutageKind,
  /** The browser's error code or the HTTP status as text; absent when the user declared it. */
  code: z
    .string()
    .regex(/^[A-Za-z0-9_:.-]{1,80}$/, 'error code')
    .optional(),
  /** First failure the extension saw for this application before the report (or the report's own time). */
  since: OffsetTimestamp,
  /** `observed`: the extension saw the failure; `declared`: the caseworker said so in the dialog. */
  source: z.enum(['observed', 'declared']),
  /**
   * A random id the device makes when it first sees an application fail and keeps until the application
   * works again (or 2 hours pass). It lets the collector count how many installations report one
   * outage (its grouping rule) without any lasting identity: the next outage gets a new id, and notes
   * never carry one.
   */
  episode: z.string().regex(/^[0-9a-f]{16,64}$/, 'outage episode'),
});
export type Outage = z.infer<typeof Outage>;

const RecordFields = {
  id: RecordId,
  createdAt: CreatedAt,
  note: Note,
  category: CategoryId,
  impact: Impact,
  duringAppointment: z.boolean(),
  minutesLost: z.number().int().min(0).max(MINUTES_MAX).nullable(),
  context: PageContext,
  reporter: Reporter,
  redaction: Redaction,
  screenshot: Screenshot.optional(),
  /**
   * Present when the record reports an outage (issue #17). Optional and without a version bump on
   * purpose: a collector that does not know the field drops it and still stores the note, so extensions
   * may be updated before the collector.
   */
  outage: Outage.optional(),
};

/** A record as extensions before answer secrets sent it; still accepted, its answers open to the token. */
export const FeedbackRecordV1 = z.object({ schemaVersion: z.literal(1), ...RecordFields });

/** The record as captured, stored and sent (current version). */
export const FeedbackRecordV2 = z.object({
  schemaVersion: z.literal(RECORD_SCHEMA_VERSION),
  ...RecordFields,
  answerSecret: AnswerSecret,
});

/** Any record version a receiver accepts; the device keeps version 1 only for records already sent. */
export const FeedbackRecord = z.discriminatedUnion('schemaVersion', [FeedbackRecordV1, FeedbackRecordV2]);
export type FeedbackRecord = z.infer<typeof FeedbackRecord>;
export type PageContext = z.infer<typeof PageContext>;
export type PickedElement = z.infer<typeof PickedElement>;
export type ScreenDescription = z.infer<typeof ScreenDescription>;
export type Impact = z.infer<typeof Impact>;
export type Reporter = z.infer<typeof Reporter>;
export type Screenshot = z.infer<typeof Screenshot>;

/**
 * What the dialog hands to the background: the user's part of a record.
 * The background adds id, createdAt and reporter; context comes from the content script.
 */
export const NoteInput = z.object({
  note: Note,
  category: CategoryId,
  impact: Impact,
  duringAppointment: z.boolean(),
  minutesLost: z.number().int().min(0).max(MINUTES_MAX).nullable(),
});
export type NoteInput = z.infer<typeof NoteInput>;
