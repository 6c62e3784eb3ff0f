import { z } from 'zod';
import { Box } from './record';

/**
 * What the content script reads from the page when the user clicks the feedback button:
 * raw page text, still unredacted. It travels only through extension messaging and memory
 * (storage.session at most, which pages and content scripts cannot read) and is redacted into a
 * PageContext before anything is stored. Never contains input values.
 */
export const RawElement = z.object({
  role: z.string().max(60),
  name: z.string().max(500),
  selector: z.string().max(1000),
  box: Box,
});
export type RawElement = z.infer<typeof RawElement>;

const text = z.string().max(1000);

export const RawCapture = z.object({
  href: z.string().max(4000),
  title: text,
  heading: text.optional(),
  breadcrumb: z.array(text).max(12).optional(),
  navigation: text.optional(),
  step: text.optional(),
  tab: text.optional(),
  form: text.optional(),
  /** Text of the first configured screen-name selector that matched, if any. */
  configuredScreen: text.optional(),
  frame: z.object({ path: z.string().max(200), href: z.string().max(4000).optional() }),
  viewport: z.object({ width: z.number().int(), height: z.number().int() }),
  screenSize: z.object({ width: z.number().int(), height: z.number().int(), pixelRatio: z.number() }),
  sinceLoadMs: z.number().int().nonnegative(),
  uiLanguage: z.string().max(35),
  /** Texts from the page used only to find client names to mask (data regions vs the app's own vocabulary). */
  pageTexts: z.object({
    data: z.array(z.string().max(300)).max(3000),
    ui: z.array(z.string().max(300)).max(3000),
    /** Texts of the application's banner, footer and navigation (capture/context.ts). */
    chrome: z.array(z.string().max(300)).max(3000).default([]),
  }),
  element: RawElement.optional(),
});
export type RawCapture = z.infer<typeof RawCapture>;
export type RawCaptureInput = z.input<typeof RawCapture>;
