/**
 * The redactor's word lists: given names, surnames, other name parts, and German nouns with their
 * inflected forms. Each list is one string of sorted lower-case words, one a line, with a line break
 * before the first and after the last (built by scripts/lexicon/build.ts into public/redact/). A lookup
 * is a binary search in that string: nothing is built when the lists arrive, which matters in a
 * service worker that starts many times a day, and the lists take ~6 MB as strings.
 *
 * The lists are installed once per runtime (lexicon-browser.ts in the extension, lexicon-node.ts in
 * Node). Until then every lookup answers false and the redactor works on its rules alone.
 */
export interface LexiconData {
  given: string;
  surnames: string;
  names: string;
  nouns: string;
  /** Given names and surnames that are also ordinary lower-case German words ("fehl", "weiß"). */
  plain: string;
  /** German verbs and adjectives in all their forms (no nouns). */
  words: string;
  /** Character trigrams with their name-likeness, "abc\t<tenths>" a line (name-model.ts). */
  grams: string;
  /** Words of German place names (OpenStreetMap): "celle", "hildesheim", "rübenberge". */
  places: string;
  /** Common English words in all their forms, German ones left out ("notice", "lives", "greyed"). */
  english: string;
}

/** The list files, as served from public/redact/. */
export const LEXICON_FILES = [
  'given',
  'surnames',
  'plain',
  'names',
  'nouns',
  'words',
  'grams',
  'places',
  'english',
] as const satisfies readonly (keyof LexiconData)[];

let lexicon: LexiconData | undefined;

/** Makes the lists available to every later redaction in this runtime. */
export function installLexicon(data: LexiconData): void {
  for (const key of LEXICON_FILES) {
    if (!data[key].startsWith('\n') || !data[key].endsWith('\n'))
      throw new Error(`lexicon_malformed: ${key}`);
  }
  lexicon = data;
}

/** True once the lists are installed; redaction before that catches fewer names. */
export function hasLexicon(): boolean {
  return lexicon !== undefined;
}

/** For tests: forget the lists again. */
export function uninstallLexicon(): void {
  lexicon = undefined;
}

/**
 * Binary search in a sorted, line-separated list for the line whose key — the line up to a tab, or all
 * of it — is `key`: the text after the tab ('' for a line without one), or undefined. Word lists are
 * bare keys; the trigram list is "key\tvalue" with keys of one length, so its lines sort as its keys do.
 */
function find(list: string, key: string): string | undefined {
  if (key.length === 0 || key.includes('\n') || key.includes('\t')) return undefined;
  // [lo, hi) always starts and ends at the start of a line.
  let lo = 1;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const start = list.lastIndexOf('\n', mid - 1) + 1;
    const end = list.indexOf('\n', start);
    // The tab is looked for in the line only: a word list has none, and a search past the line would
    // scan megabytes on every probe.
    const line = list.slice(start, end);
    const tab = line.indexOf('\t');
    const lineKey = tab < 0 ? line : line.slice(0, tab);
    if (lineKey === key) return tab < 0 ? '' : line.slice(tab + 1);
    if (lineKey < key) lo = end + 1;
    else hi = start;
  }
  return undefined;
}

const has = (key: keyof LexiconData, lower: string) =>
  lexicon ? find(lexicon[key], lower) !== undefined : false;

/** The value of `key` in a "key\tvalue" list (the trigram scores), or undefined. */
export function lookupEntry(list: keyof LexiconData, key: string): string | undefined {
  return lexicon ? find(lexicon[list], key) : undefined;
}

// The lists write "ss" where German names are also written with "ß" (Weiß, Strauß, Voß, Preuß): a name
// spelled with "ß" is looked up as written, then with "ss".
const hasName = (key: keyof LexiconData, lower: string) =>
  has(key, lower) || (lower.includes('ß') && has(key, lower.replaceAll('ß', 'ss')));

/** A given name of any origin the lists cover. */
export const isGivenName = (lower: string): boolean => hasName('given', lower);

/** A surname from the curated lists (faker locales, hand lists). */
export const isSurname = (lower: string): boolean => hasName('surnames', lower);

/** Any name part, including the large scraped list (weaker evidence: it holds rare words too). */
export const isAnyName = (lower: string): boolean =>
  hasName('given', lower) || hasName('surnames', lower) || hasName('names', lower);

/** A listed name that is also an ordinary lower-case German word: a name only beside a name or a cue. */
export const isPlainWord = (lower: string): boolean => has('plain', lower);

/** A German verb or adjective in any of its forms ("ruft", "angerufen", "falsche"). */
export const isVerbOrAdjective = (lower: string): boolean => has('words', lower);

/**
 * A word of a German town's or municipality's name ("Celle", "Peine", "Wolfsburg"): like a noun, a name
 * only beside a name or a cue. Given names are never on this list (build.ts drops them).
 */
export const isPlace = (lower: string): boolean => has('places', lower);

/** A common English word in any of its forms ("notice", "lives"); names.ts asks it in English text only. */
export const isEnglishWord = (lower: string): boolean => has('english', lower);

/** A German noun in any of its inflected forms ("antrag", "anträgen", "antrags"). */
export const isNoun = (lower: string): boolean => has('nouns', lower);
