import { z } from 'zod';
import { TERM_WORD_RE, termKeys } from '../redact/detectors/terms';
import { MASK_LABELS, type MaskKind, PLACEHOLDER_RE } from '../redact/kinds';

/** At most this many words chosen per note: a 2,000-character note has ~300 words, few of them names. */
export const MASK_WORDS_MAX = 100;
/** The longest word that may be chosen (longer "words" are runs of digits or glued text, not names). */
export const MASK_WORD_MAX_LENGTH = 100;

/**
 * Words the person chose to mask in the preview ("mask this word"); the background masks each as
 * [NAME] wherever it occurs in the note, in any case.
 */
export const MaskWords = z.array(z.string().trim().min(1).max(MASK_WORD_MAX_LENGTH)).max(MASK_WORDS_MAX);
export type MaskWords = z.infer<typeof MaskWords>;

/** One piece of the previewed note. */
export type PreviewToken =
  | { kind: 'text'; text: string }
  | { kind: 'mask'; text: string; mask: MaskKind }
  /** A word the redaction kept; `chosen`: the person masks it; `suspect`: it looks like a name. */
  | { kind: 'word'; text: string; start: number; chosen: boolean; suspect: boolean };

interface Span {
  start: number;
  end: number;
}

const LABEL_KINDS = new Map(
  Object.entries(MASK_LABELS).map(([kind, label]) => [label as string, kind as MaskKind]),
);

/** The key two spellings of a chosen word share (the background matches in any case). */
export function wordKey(word: string): string {
  return word.normalize('NFC').toLowerCase();
}

/** The chosen keys that make the redactor mask `word`: the word itself, or its stem if it is a genitive ("Müllers"). */
function keysFor(word: string): string[] {
  return termKeys(wordKey(word));
}

function isChosen(word: string, chosen: ReadonlySet<string>): boolean {
  return keysFor(word).some((key) => chosen.has(key));
}

/** The chosen keys after one click on `word`: a masked word shows again (also a genitive), any other is masked. */
export function toggleWord(chosen: ReadonlySet<string>, word: string): Set<string> {
  const next = new Set(chosen);
  const keys = keysFor(word);
  if (keys.some((key) => next.has(key))) for (const key of keys) next.delete(key);
  else next.add(wordKey(word));
  return next;
}

/**
 * Splits a redacted note (without the person's choices) into plain text, masks and the words that
 * could still be masked, and marks each word as chosen (shown as [NAME]) or suspected to be a name.
 */
export function previewTokens(
  redacted: { text: string; masks: readonly (Span & { kind: MaskKind })[]; suspects?: readonly Span[] },
  chosen: ReadonlySet<string>,
): PreviewToken[] {
  const { text } = redacted;
  const tokens: PreviewToken[] = [];
  const suspects = redacted.suspects ?? [];
  const pushWord = (start: number, word: string) => {
    tokens.push({
      kind: 'word',
      text: word,
      start,
      chosen: isChosen(word, chosen),
      suspect: suspects.some((s) => s.start < start + word.length && start < s.end),
    });
  };
  const pushWords = (from: number, to: number) => {
    let at = from;
    const flushTo = (end: number) => {
      if (end > at) tokens.push({ kind: 'text', text: text.slice(at, end) });
    };
    for (const m of text.slice(from, to).matchAll(TERM_WORD_RE)) {
      const start = from + m.index;
      // The redactor masks the parts of a hyphenated word one by one ("[NAME]-Akte"), so each part
      // is a word of its own here; one letter is no word to it.
      let offset = start;
      for (const part of m[0].split('-')) {
        if (part.length >= 2 && part.length <= MASK_WORD_MAX_LENGTH) {
          flushTo(offset);
          pushWord(offset, part);
          at = offset + part.length;
        }
        offset += part.length + 1;
      }
    }
    flushTo(to);
  };
  // Placeholders already in the typed note ("[WERT]" from the hand mask) are masks too, not words.
  const placeholders = [...text.matchAll(PLACEHOLDER_RE)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    kind: LABEL_KINDS.get(m[0]) ?? 'value',
  }));
  let at = 0;
  for (const mask of [...redacted.masks, ...placeholders].sort((a, b) => a.start - b.start)) {
    if (mask.start < at) continue;
    pushWords(at, mask.start);
    tokens.push({ kind: 'mask', text: text.slice(mask.start, mask.end), mask: mask.kind });
    at = mask.end;
  }
  pushWords(at, text.length);
  return tokens;
}

/** The note as the tokens show it: chosen words replaced by [NAME]. */
export function previewText(tokens: readonly PreviewToken[]): string {
  return tokens.map((t) => (t.kind === 'word' && t.chosen ? MASK_LABELS.name : t.text)).join('');
}

/**
 * The chosen words that still occur among the note's words, one spelling each: a word chosen and
 * then typed away is not sent (and the list stays within its bound however often the person toggles).
 */
export function chosenWords(tokens: readonly PreviewToken[]): string[] {
  const words = new Map<string, string>();
  for (const t of tokens)
    if (t.kind === 'word' && t.chosen && !words.has(wordKey(t.text))) words.set(wordKey(t.text), t.text);
  return [...words.values()].slice(0, MASK_WORDS_MAX);
}
