import { z } from 'zod';
import type { MaskKind } from './kinds';
import { redactText } from './text';

/**
 * One sentence to check, as the data protection officer's command reads it (`npm run redact`): the
 * text and, optionally, the words the screen would show (names in its tables and headings).
 */
export const RedactRequest = z.object({
  text: z.string().max(100_000),
  pageTerms: z.array(z.string().max(200)).max(10_000).optional(),
});
export type RedactRequest = z.infer<typeof RedactRequest>;

/** The masked text and what was masked, per kind. */
export interface RedactResponse {
  text: string;
  counts: Partial<Record<MaskKind, number>>;
  masks: { start: number; end: number; kind: MaskKind }[];
}

/**
 * Redacts one request exactly as the extension redacts a note (build-record.ts): the same function,
 * with the screen's words as page terms. Organisation terms and patterns are left out; they belong to
 * a roll-out, not to the check of a sentence. The caller installs the lexicon first.
 */
export function redactRequest(request: RedactRequest): RedactResponse {
  const result = redactText(request.text, { pageTerms: request.pageTerms ?? [] });
  return { text: result.text, counts: result.counts, masks: result.masks };
}
