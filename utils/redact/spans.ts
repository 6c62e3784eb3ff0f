import { KIND_RANK, type MaskKind, PLACEHOLDER_RE } from './kinds';

/** A stretch of the (normalised) input that must be masked; `end` is exclusive. */
export interface Span {
  start: number;
  end: number;
  kind: MaskKind;
}

/** Where our own placeholders already sit in the text; detectors must not touch them again. */
export function findPlaceholders(text: string): Span[] {
  const found: Span[] = [];
  PLACEHOLDER_RE.lastIndex = 0;
  for (let m = PLACEHOLDER_RE.exec(text); m; m = PLACEHOLDER_RE.exec(text)) {
    found.push({ start: m.index, end: m.index + m[0].length, kind: 'value' });
  }
  return found;
}

/** Drops candidates that overlap a placeholder, so a second pass over redacted text changes nothing. */
export function dropProtected(candidates: readonly Span[], placeholders: readonly Span[]): Span[] {
  if (placeholders.length === 0) return candidates.slice();
  return candidates.filter((c) => !placeholders.some((p) => c.start < p.end && p.start < c.end));
}

const WORD_CHAR = /[\p{L}\p{M}\p{N}_]/u;

/**
 * Widens each span to whole words: a mask never leaves half a token behind ("DE89…00X" or
 * "12345Herr" lose the glued part too). It also keeps redaction idempotent: the characters next
 * to a placeholder are the ones that bordered the value, so a second pass sees the same boundaries.
 */
export function extendToWords(text: string, spans: readonly Span[]): Span[] {
  return spans.map((span) => {
    let { start, end } = span;
    while (start > 0 && WORD_CHAR.test(text[start - 1] ?? '')) start--;
    while (end < text.length && WORD_CHAR.test(text[end] ?? '')) end++;
    return start === span.start && end === span.end ? span : { start, end, kind: span.kind };
  });
}

/** True when `a` should name a merged span rather than `b`: longer wins, then earlier, then more specific. */
function beats(a: Span, b: Span): boolean {
  const la = a.end - a.start;
  const lb = b.end - b.start;
  if (la !== lb) return la > lb;
  if (a.start !== b.start) return a.start < b.start;
  return KIND_RANK[a.kind] < KIND_RANK[b.kind];
}

/**
 * Merges overlapping candidates into disjoint spans, sorted by position. Overlaps become their
 * union (masking a little too much costs a word, masking too little leaks); the merged span takes
 * the kind of its longest member, ties going to the earlier one, then to the more specific kind.
 * Spans that merely touch stay separate, so each keeps its own placeholder.
 */
export function mergeSpans(candidates: readonly Span[]): Span[] {
  const sorted = candidates
    .filter((c) => c.end > c.start)
    .sort((a, b) => a.start - b.start || b.end - a.end || KIND_RANK[a.kind] - KIND_RANK[b.kind]);
  const merged: Span[] = [];
  let current: Span | undefined;
  let best: Span | undefined;
  for (const span of sorted) {
    if (current && best && span.start < current.end) {
      if (span.end > current.end) current.end = span.end;
      if (beats(span, best)) best = span;
      continue;
    }
    if (current && best) merged.push({ start: current.start, end: current.end, kind: best.kind });
    current = { ...span };
    best = span;
  }
  if (current && best) merged.push({ start: current.start, end: current.end, kind: best.kind });
  return merged;
}
