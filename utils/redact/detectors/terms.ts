import type { Span } from '../spans';
import { eachMatch } from './shared';

/**
 * Words as the page-term matcher sees them: letters, inner apostrophes and hyphens. The dialog's word
 * buttons split a note by the same rule (utils/capture/mask-words.ts), so a chosen word masks exactly it.
 */
export const TERM_WORD_RE = /[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*['’]?/gu;

const normalise = (word: string) => word.normalize('NFC').toLowerCase();

// Page terms arrive as the same Set object for the note and every context field of one save;
// normalise each collection once.
const normalisedTerms = new WeakMap<object, ReadonlySet<string>>();

function lowerTerms(terms: ReadonlySet<string> | readonly string[]): ReadonlySet<string> {
  const cached = normalisedTerms.get(terms);
  if (cached) return cached;
  const lower = new Set<string>();
  for (const term of terms) if (term.length >= 2) lower.add(normalise(term));
  normalisedTerms.set(terms, lower);
  return lower;
}

/** The keys under which a lower-case word matches a term: itself, and its stem if it is a genitive ("müllers", "klaus'", "jan's"). */
export function termKeys(word: string): string[] {
  if (word.endsWith("'s") || word.endsWith('’s')) return [word, word.slice(0, -2)];
  if (word.endsWith("'") || word.endsWith('’') || word.endsWith('s')) return [word, word.slice(0, -1)];
  return [word];
}

function isTerm(word: string, terms: ReadonlySet<string>): boolean {
  return termKeys(word).some((key) => terms.has(key));
}

/**
 * Words that appeared in the screen's data regions (see page-terms.ts), wherever they occur in the
 * text: case-insensitive, whole words, also in the genitive. In a hyphenated word only the matching
 * parts are masked ("Müller-Akte" → "[NAME]-Akte").
 */
export function detectPageTerms(
  text: string,
  out: Span[],
  pageTerms: ReadonlySet<string> | readonly string[] | undefined,
): void {
  if (!pageTerms) return;
  const terms = lowerTerms(pageTerms);
  if (terms.size === 0) return;
  eachMatch(TERM_WORD_RE, text, (m) => {
    const word = m[0].toLowerCase();
    if (isTerm(word, terms)) {
      out.push({ start: m.index, end: m.index + m[0].length, kind: 'name' });
      return;
    }
    if (!word.includes('-')) return;
    let offset = 0;
    for (const part of word.split('-')) {
      if (isTerm(part, terms))
        out.push({ start: m.index + offset, end: m.index + offset + part.length, kind: 'name' });
      offset += part.length + 1;
    }
  });
}

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Small bounded caches: settings change rarely, but a long-lived background must not grow forever. */
const MAX_CACHED = 64;
const termRegExps = new Map<string, RegExp | null>();
const patternRegExps = new Map<string, RegExp | null>();

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, value);
  return value;
}

function termRegExp(terms: readonly string[]): RegExp | null {
  const key = terms.join('\u0000');
  const cached = termRegExps.get(key);
  if (cached !== undefined) return cached;
  const sources = terms
    .map((term) => term.normalize('NFC').trim())
    .filter((term) => term.length >= 2)
    .sort((a, b) => b.length - a.length)
    .map((term) => escapeRegExp(term).replace(/\s+/g, '\\s+'));
  const re =
    sources.length === 0
      ? null
      : new RegExp(`(?<![\\p{L}\\p{M}\\p{N}_])(?:${sources.join('|')})(?![\\p{L}\\p{M}\\p{N}_])`, 'giu');
  return remember(termRegExps, key, re);
}

/** Configured terms (names of local partner organisations and the like): whole words, any case. */
export function detectConfiguredTerms(text: string, out: Span[], terms: readonly string[] | undefined): void {
  if (!terms || terms.length === 0) return;
  const re = termRegExp(terms);
  if (!re) return;
  eachMatch(re, text, (m) => {
    out.push({ start: m.index, end: m.index + m[0].length, kind: 'term' });
  });
}

/**
 * Compiled configured pattern, or null when the source does not compile. Validation with an error
 * message happens in the settings schema; here a bad pattern is skipped so redaction never throws.
 * Flags as documented in settings: global, case-insensitive, Unicode.
 */
export function compilePattern(source: string): RegExp | null {
  const cached = patternRegExps.get(source);
  if (cached !== undefined) return cached;
  let re: RegExp | null = null;
  try {
    re = new RegExp(source, 'giu');
  } catch {
    re = null;
  }
  return remember(patternRegExps, source, re);
}

/** Matches of the organisation's configured patterns. */
export function detectPatterns(
  text: string,
  out: Span[],
  patterns: readonly { name: string; source: string }[] | undefined,
): void {
  if (!patterns) return;
  for (const pattern of patterns) {
    const re = compilePattern(pattern.source);
    if (!re) continue;
    eachMatch(re, text, (m) => {
      out.push({ start: m.index, end: m.index + m[0].length, kind: 'pattern' });
    });
  }
}
