import { z } from 'zod';

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

export const Box = z.object({
  x: z.number(),
  y: z.number(),
  width: z.number().nonnegative(),
  height: z.number().nonnegative(),
});

/** What the user pointed at with the element picker: never its value. */
export const PickedElement = z.object({
  role: z.string().max(60),
  name: z.string().max(SHORT),
  selector: z.string().max(1000),
  box: Box,
});

export const ScreenDescription = z.object({
  /** Best human-readable name of the screen (configured selector, else heading, else title). */
  name: z.string().max(SHORT),
  heading: z.string().max(SHORT).optional(),
  breadcrumb: z.array(z.string().max(SHORT)).max(12).optional(),
  navigation: z.string().max(SHORT).optional(),
  step: z.string().max(SHORT).optional(),
  tab: z.string().max(SHORT).optional(),
  form: z.string().max(SHORT).optional(),
});

export const PageContext = z.object({
  /** Application name from the site configuration ("E-Akte", "Leistungsverfahren"). */
  app: z.string().max(100),
  /** URL with identifiers replaced and query values / fragment dropped. */
  url: z.string().max(2000),
  /** Path with identifier segments as placeholders, e.g. /akte/:id/leistungen — groups feedback by screen. */
  routeTemplate: z.string().max(1000),
  title: z.string().max(SHORT),
  screen: ScreenDescription,
  /** Which frame the user worked in: "top" or a path such as "top>iframe[0]". */
  frame: z.object({ path: z.string().max(200), routeTemplate: z.string().max(1000).optional() }),
  viewport: z.object({ width: z.number().int(), height: z.number().int() }),
  screenSize: z.object({
    width: z.number().int(),
    height: z.number().int(),
    pixelRatio: z.number(),
  }),
  browser: z.object({ name: z.string().max(40), version: z.string().max(40) }),
  uiLanguage: z.string().max(35),
  extensionVersion: z.string().max(40),
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
  z.object({ mode: z.literal('unit'), unit: z.string().min(1).max(100) }),
  z.object({ mode: z.literal('pseudonym'), pseudonym: z.string().regex(/^[a-f0-9]{16,64}$/) }),
]);

export const Redaction = z.object({
  /** Number of masks applied, by kind (e.g. { iban: 1, name: 2 }); lets officers trust the record. */
  counts: z.record(z.string(), z.number().int().nonnegative()),
});

const RecordFields = {
  id: z.uuid(),
  createdAt: OffsetTimestamp,
  note: z.string().trim().min(1).max(NOTE_MAX),
  category: CategoryId,
  impact: Impact,
  duringAppointment: z.boolean(),
  minutesLost: z.number().int().min(0).max(480).nullable(),
  context: PageContext,
  reporter: Reporter,
  redaction: Redaction,
  screenshot: Screenshot.optional(),
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
  note: z.string().trim().min(1).max(NOTE_MAX),
  category: CategoryId,
  impact: Impact,
  duringAppointment: z.boolean(),
  minutesLost: z.number().int().min(0).max(480).nullable(),
});
export type NoteInput = z.infer<typeof NoteInput>;
