import { findSpans, normaliseText, type RedactOptions } from '../redact/text';
import type { BlockMasks } from './text-boxes';

// One character and the combining marks after it: NFC composes within such a cluster, so each
// cluster can be normalised on its own and its output still lines up with the whole text's.
const CLUSTER_RE = /\P{M}\p{M}*|\p{M}+/gsu;

/**
 * For each character of normaliseText(raw), the raw range `[start, end)` of the cluster it came
 * from; undefined when normalising cluster by cluster does not give the whole text's normal form
 * (then positions cannot be trusted).
 */
export function normalisedOrigins(raw: string): { starts: number[]; ends: number[] } | undefined {
  const starts: number[] = [];
  const ends: number[] = [];
  let joined = '';
  for (const m of raw.matchAll(CLUSTER_RE)) {
    const piece = normaliseText(m[0]);
    joined += piece;
    for (let i = 0; i < piece.length; i++) {
      starts.push(m.index);
      ends.push(m.index + m[0].length);
    }
  }
  return joined === normaliseText(raw) ? { starts, ends } : undefined;
}

/**
 * The raw character ranges of `raw` (one block of a page's visible text) that the redactor masks
 * with `options`, the very spans redactText replaces by placeholders. null means "black out the
 * whole block": its text was not read, or positions could not be mapped back.
 */
export function blockMasks(raw: string | null, options: RedactOptions): BlockMasks {
  if (raw === null) return null;
  const text = normaliseText(raw);
  const spans = findSpans(text, options);
  if (spans.length === 0) return [];
  if (text === raw) return spans.map((span) => [span.start, span.end] as const);
  const origins = normalisedOrigins(raw);
  if (!origins) return null;
  return spans.map(
    (span) => [origins.starts[span.start] ?? 0, origins.ends[span.end - 1] ?? raw.length] as const,
  );
}
