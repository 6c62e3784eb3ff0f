import { z } from 'zod';

/**
 * The feedback record: what is stored in the outbox and sent to the collector.
 * Single source of truth for the extension, the wire format and the collector.
 * Every text field in here has already been redacted on the device.
 */

/** Bumped whenever the record's shape changes incompatibly; the collector refuses other versions. */
export const RECORD_SCHEMA_VERSION = 1;

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

/** The record as captured, stored and sent. */
export const FeedbackRecord = z.object({
  schemaVersion: z.literal(RECORD_SCHEMA_VERSION),
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
});
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
