import { type DetectOptions, detectAll, detectPageTerms, findSuspects } from './detectors';
import { MASK_LABELS, type MaskKind } from './kinds';
import { dropProtected, extendToWords, findPlaceholders, mergeSpans, type Span } from './spans';

export { MASK_LABELS, type MaskKind } from './kinds';

/** Per-call redaction settings: page terms of the current screen plus the organisation's configuration. */
export interface RedactOptions extends DetectOptions {
  /** Words from the screen's data regions (see extractPageTerms); masked as NAME wherever they occur. */
  pageTerms?: ReadonlySet<string> | readonly string[];
  /** Configured words or phrases, masked as BEGRIFF (whole words, any case). */
  terms?: readonly string[];
  /** Configured regular expressions, masked as MUSTER; a source that does not compile is skipped. */
  patterns?: readonly { name: string; source: string }[];
  /** Mask every date, not only dates of birth. */
  allDates?: boolean;
  /** Words the person chose to mask in the dialog's preview: masked as NAME wherever they occur, any case. */
  maskWords?: readonly string[];
}

/** One placeholder in the redacted text; positions refer to the output, so the dialog can highlight it. */
export interface Mask {
  start: number;
  end: number;
  kind: MaskKind;
}

/** A kept word that looks like a name; positions refer to the output. */
export interface Suspect {
  start: number;
  end: number;
}

/** The redacted text, where its placeholders are, and how many there are of each kind. */
export interface Redacted {
  text: string;
  masks: Mask[];
  counts: Partial<Record<MaskKind, number>>;
  /** Words kept that still look like names, for the dialog's "Name?" hint: the person decides last. */
  suspects: Suspect[];
}

// Invisible characters could split an IBAN or a name so that no detector sees it; they carry no
// meaning in a note, so they go. NFC makes "ü" one character whatever keyboard or paste produced it.
const INVISIBLE_RE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/** The form of the text that detectors and positions refer to. */
export function normaliseText(input: string): string {
  return input.normalize('NFC').replace(INVISIBLE_RE, '');
}

/**
 * Disjoint spans to mask in an already normalised text, in input positions. Placeholders from an
 * earlier pass are never part of a span, and spans cover whole words; together that makes
 * redaction idempotent.
 */
export function findSpans(text: string, options: RedactOptions = {}): Span[] {
  const candidates = detectAll(text, options);
  if (options.maskWords && options.maskWords.length > 0) detectPageTerms(text, candidates, options.maskWords);
  return mergeSpans(extendToWords(text, dropProtected(candidates, findPlaceholders(text))));
}

/** Replaces all client data in `input` with placeholders such as "[IBAN]" or "[NAME]". */
export function redactText(input: string, options: RedactOptions = {}): Redacted {
  const text = normaliseText(input);
  const spans = findSpans(text, options);
  const kept = findSuspects(text, spans);
  const masks: Mask[] = [];
  const suspects: Suspect[] = [];
  const counts: Partial<Record<MaskKind, number>> = {};
  let output = '';
  let from = 0;
  let k = 0;
  // Input position → output position for text outside the spans (suspects never overlap a span).
  const keepSuspectsBefore = (limit: number) => {
    for (; k < kept.length && (kept[k]?.start ?? limit) < limit; k++) {
      const s = kept[k] as Span;
      const shift = output.length - from;
      suspects.push({ start: s.start + shift, end: s.end + shift });
    }
  };
  for (const span of spans) {
    keepSuspectsBefore(span.start);
    output += text.slice(from, span.start);
    const label = MASK_LABELS[span.kind];
    masks.push({ start: output.length, end: output.length + label.length, kind: span.kind });
    output += label;
    counts[span.kind] = (counts[span.kind] ?? 0) + 1;
    from = span.end;
  }
  keepSuspectsBefore(text.length + 1);
  output += text.slice(from);
  return { text: output, masks, counts, suspects };
}
