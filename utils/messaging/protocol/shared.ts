import { z } from 'zod';
import { RawCapture } from '../../schema/capture';
import { Localised, QuestionForm, QuestionId } from '../../schema/questions';
import { Impact } from '../../schema/record';

/** Shape every protocol part satisfies. */
export type ProtocolSpec = Record<
  string,
  { from: SenderKind | readonly SenderKind[]; request: z.ZodType; response: z.ZodType }
>;

/**
 * Sender kinds: 'content' = our content script in a web page tab; 'page' = an extension page
 * (dialog, popup, options).
 */
export type SenderKind = 'content' | 'page';

export const Empty = z.object({}).strict();
export const Ok = z.object({ ok: z.literal(true) });

export const CaptureId = z.string().regex(/^[a-z0-9-]{10,64}$/);

/**
 * A note typed but neither saved nor discarded, kept per tab and screen (entrypoints/background/drafts.ts).
 * Unredacted: it lives in storage.session only, which the page and our content script cannot read.
 */
export const NoteDraftStored = z.object({
  note: z.string().max(20_000),
  category: z.string().max(100).optional(),
  impact: Impact.optional(),
  duringAppointment: z.boolean().optional(),
  minutes: z.string().max(12).optional(),
});
export type NoteDraftStored = z.infer<typeof NoteDraftStored>;

/** An officer's question as the dialog and the popup show it (issue #18). */
export const ShownQuestion = z.object({
  id: QuestionId,
  text: Localised(300),
  form: QuestionForm,
  noteAllowed: z.boolean(),
});
export type ShownQuestion = z.infer<typeof ShownQuestion>;

/** What the dialog needs besides the capture: resolved language, categories and redaction options. */
export const DialogSetup = z.object({
  captureId: CaptureId,
  capture: RawCapture,
  app: z.string(),
  lang: z.enum(['de', 'en']),
  categories: z.array(z.object({ id: z.string(), label: z.string() })),
  screenshotsAllowed: z.boolean(),
  allowedParams: z.array(z.string()),
  redactionTerms: z.array(z.string()),
  redactionPatterns: z.array(z.object({ name: z.string(), source: z.string() })),
  redactAllDates: z.boolean(),
  /** The draft left on this screen of this tab, if any. */
  draft: NoteDraftStored.optional(),
  /**
   * Whether the browser lets us photograph this tab now: it takes activeTab, which only the toolbar
   * icon or the shortcut grant (a site's host permission is not enough, in Chrome nor Firefox).
   */
  screenshotReady: z.boolean().default(false),
  /** Officers' questions open on this screen, not yet answered on this device (issue #18). */
  questions: z.array(ShownQuestion).default([]),
});
export type DialogSetup = z.infer<typeof DialogSetup>;

export const ContentConfig = z.object({
  lang: z.enum(['de', 'en']),
  corner: z.enum(['bottom-right', 'bottom-left', 'top-right', 'top-left']),
  screenSelectors: z.array(z.string()),
  sensitiveSelectors: z.array(z.string()),
});
export type ContentConfig = z.infer<typeof ContentConfig>;
