import { z } from 'zod';
import { RawCapture } from '../../schema/capture';

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
});
export type DialogSetup = z.infer<typeof DialogSetup>;

export const ContentConfig = z.object({
  lang: z.enum(['de', 'en']),
  corner: z.enum(['bottom-right', 'bottom-left', 'top-right', 'top-left']),
  screenSelectors: z.array(z.string()),
  sensitiveSelectors: z.array(z.string()),
});
export type ContentConfig = z.infer<typeof ContentConfig>;
