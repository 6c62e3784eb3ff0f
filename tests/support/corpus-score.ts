import { z } from 'zod';
import { MASK_LABELS, type MaskKind } from '../../utils/redact/kinds';
import type { Span } from '../../utils/redact/spans';
import { findSpans, normaliseText, type RedactOptions } from '../../utils/redact/text';

const MaskKindSchema = z.enum(Object.keys(MASK_LABELS) as [MaskKind, ...MaskKind[]]);

/** One labelled note: the text, the client data planted in it, and the options the screen would supply. */
export const CorpusNote = z.object({
  text: z.string().min(1),
  spans: z.array(z.object({ value: z.string().min(1), kind: MaskKindSchema })),
  pageTerms: z.array(z.string()).optional(),
  terms: z.array(z.string()).optional(),
  allDates: z.boolean().optional(),
});
export type CorpusNote = z.infer<typeof CorpusNote>;

/** The labelled corpus: notes with planted values, and clean sentences that must come back unchanged. */
export const Corpus = z.object({
  notes: z.array(CorpusNote),
  clean: z.array(z.string().min(1)),
});
export type Corpus = z.infer<typeof Corpus>;

/** Span-level figures for one kind (or all kinds). */
export interface KindScore {
  /** Planted values of this kind, and how many of them were masked completely. */
  planted: number;
  recalled: number;
  recall: number;
  /** Masks of this kind, and how many of them touched a planted value of any kind. */
  masks: number;
  truePositives: number;
  precision: number;
}

/** Result of scoring a corpus, with the misses listed for debugging. */
export interface CorpusScore {
  perKind: Partial<Record<MaskKind, KindScore>>;
  overall: KindScore;
  leaks: { text: string; value: string; kind: MaskKind }[];
  falsePositives: { text: string; masked: string; kind: MaskKind }[];
}

const emptyScore = (): KindScore => ({
  planted: 0,
  recalled: 0,
  recall: 1,
  masks: 0,
  truePositives: 0,
  precision: 1,
});

function occurrences(text: string, value: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
    found.push({ start: at, end: at + value.length });
  }
  return found;
}

// "No character survives": every non-space character of the planted value lies inside a mask.
function isCovered(text: string, target: { start: number; end: number }, spans: readonly Span[]): boolean {
  for (let i = target.start; i < target.end; i++) {
    if (/\s/.test(text[i] ?? '')) continue;
    if (!spans.some((s) => s.start <= i && i < s.end)) return false;
  }
  return true;
}

/**
 * Precision and recall per kind and overall. A planted value counts as recalled when no character
 * of it survives, whatever kind masked it (a leak is a leak; the kind is cosmetic). A mask counts as
 * correct when it touches a planted value; every mask in a clean sentence is a false positive.
 * Throws when a planted value does not occur in its note (a broken corpus must not score well).
 */
export function scoreCorpus(corpus: Corpus): CorpusScore {
  const perKind: Partial<Record<MaskKind, KindScore>> = {};
  const overall = emptyScore();
  const leaks: CorpusScore['leaks'] = [];
  const falsePositives: CorpusScore['falsePositives'] = [];
  const score = (kind: MaskKind) => {
    let s = perKind[kind];
    if (!s) {
      s = emptyScore();
      perKind[kind] = s;
    }
    return s;
  };

  const notes: CorpusNote[] = [...corpus.notes, ...corpus.clean.map((text) => ({ text, spans: [] }))];
  for (const note of notes) {
    const text = normaliseText(note.text);
    const options: RedactOptions = { pageTerms: note.pageTerms, terms: note.terms, allDates: note.allDates };
    const spans = findSpans(text, options);
    const planted: { start: number; end: number }[] = [];
    for (const { value, kind } of note.spans) {
      const found = occurrences(text, normaliseText(value));
      if (found.length === 0) throw new Error(`corpus_value_missing: "${value}" in "${note.text}"`);
      for (const target of found) {
        planted.push(target);
        const covered = isCovered(text, target, spans);
        for (const s of [score(kind), overall]) {
          s.planted++;
          if (covered) s.recalled++;
        }
        if (!covered) leaks.push({ text: note.text, value, kind });
      }
    }
    for (const span of spans) {
      const hit = planted.some((p) => span.start < p.end && p.start < span.end);
      for (const s of [score(span.kind), overall]) {
        s.masks++;
        if (hit) s.truePositives++;
      }
      if (!hit)
        falsePositives.push({ text: note.text, masked: text.slice(span.start, span.end), kind: span.kind });
    }
  }
  for (const s of [...Object.values(perKind), overall]) {
    s.recall = s.planted === 0 ? 1 : s.recalled / s.planted;
    s.precision = s.masks === 0 ? 1 : s.truePositives / s.masks;
  }
  return { perKind, overall, leaks, falsePositives };
}
