/**
 * Trains the name-likeness model (utils/redact/name-model.ts) from the compiled lists: character
 * trigrams of the given names and surnames against those of the German nouns, verbs and adjectives,
 * words on both sides left out. Naive Bayes with add-½ smoothing; each trigram's log-odds is stored in
 * tenths, so the file is small (~20k lines) and a lookup is a binary search like every other list.
 */
import { GRAM_SCALE, GRAM_SIZE, padForGrams, UNSEEN_GRAM } from '../../utils/redact/name-model';

const SMOOTHING = 0.5;
// Letters of the names' scripts as the lists write them; no digits, dots or spaces.
const WORD_RE = /^[\p{L}'’-]+$/u;

function countGrams(words: Iterable<string>): { counts: Map<string, number>; total: number } {
  const counts = new Map<string, number>();
  let total = 0;
  for (const word of words) {
    const padded = padForGrams(word);
    for (let i = 0; i + GRAM_SIZE <= padded.length; i++) {
      const gram = padded.slice(i, i + GRAM_SIZE);
      counts.set(gram, (counts.get(gram) ?? 0) + 1);
      total++;
    }
  }
  return { counts, total };
}

/** "gram\tscore" lines, sorted, with the score of an unseen trigram under UNSEEN_GRAM. */
export function trainNameModel(lists: {
  given: readonly string[];
  surnames: readonly string[];
  nouns: readonly string[];
  words: readonly string[];
  english?: readonly string[];
}): string[] {
  const names = new Set([...lists.given, ...lists.surnames]);
  const vocabulary = new Set([...lists.nouns, ...lists.words, ...(lists.english ?? [])]);
  const positive = [...names].filter((w) => !vocabulary.has(w) && WORD_RE.test(w));
  const negative = [...vocabulary].filter((w) => !names.has(w) && WORD_RE.test(w));
  const p = countGrams(positive);
  const n = countGrams(negative);
  const grams = new Set([...p.counts.keys(), ...n.counts.keys()]);
  const pDenominator = p.total + SMOOTHING * grams.size;
  const nDenominator = n.total + SMOOTHING * grams.size;
  const tenths = (pCount: number, nCount: number) =>
    Math.round(
      GRAM_SCALE *
        (Math.log((pCount + SMOOTHING) / pDenominator) - Math.log((nCount + SMOOTHING) / nDenominator)),
    );
  const lines = [...grams].map((g) => `${g}\t${tenths(p.counts.get(g) ?? 0, n.counts.get(g) ?? 0)}`);
  lines.push(`${UNSEEN_GRAM}\t${tenths(0, 0)}`);
  return lines.sort();
}
