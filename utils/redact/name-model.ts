/**
 * How much a word no list knows looks like a name rather than a German word: a character-trigram
 * model (naive Bayes) trained by scripts/lexicon/name-model.ts on the name lists against the German
 * noun, verb and adjective lists and an English word list, shipped as `public/redact/grams.txt` ("abc\t<log-odds × 10>", one
 * trigram a line, sorted). "Esmatullah", "Oliinyk", "Tesfalem" score high; "Belehrung", "Mietspiegel"
 * low. Only words the lists do not know are scored (word-classes.ts, looksLikeName), so the model
 * decides the rest of the cases, where the lists are silent.
 */
import { lookupEntry } from './lexicon';

/** Trigrams of a word padded with "^^" before and "$" after, so starts and ends count. */
export const GRAM_SIZE = 3;
export const padForGrams = (lower: string) => `${'^'.repeat(GRAM_SIZE - 1)}${lower}$`;
/** The line that holds the score of a trigram seen in neither list ("#" is in no word). */
export const UNSEEN_GRAM = '###';
/** Scores are stored as whole tenths. */
export const GRAM_SCALE = 10;

/**
 * Above this a word the lists do not know counts as a name. Chosen on the development corpus
 * (tests/unit/redact/eval.test.ts): from 1.5 up no sentence without client data changes; at 1.0 seven
 * of 190 do. Names it misses there: 3.7 %.
 */
export const NAME_LIKENESS_THRESHOLD = 1.5;

/** Log-odds (name against word) summed over the word's trigrams, divided by the root of their number. */
export function nameLikeness(lower: string): number {
  const padded = padForGrams(lower);
  const unseen = Number(lookupEntry('grams', UNSEEN_GRAM) ?? 0);
  let sum = 0;
  let n = 0;
  for (let i = 0; i + GRAM_SIZE <= padded.length; i++, n++) {
    const value = lookupEntry('grams', padded.slice(i, i + GRAM_SIZE));
    sum += value === undefined ? unseen : Number(value);
  }
  return n === 0 ? 0 : sum / GRAM_SCALE / Math.sqrt(n);
}
