import { COMMON_WORDS } from '../common-words';
import type { Span } from '../spans';
import { eachMatch, NOT_AFTER_WORD, NOT_BEFORE_WORD, SP } from './shared';

/** Endings of German street names; a word ending in one of these and followed by a house number is a street. */
const STREET_SUFFIXES = [
  'straße',
  'strasse',
  'str.',
  'weg',
  'gasse',
  'allee',
  'platz',
  'ring',
  'damm',
  'ufer',
  'chaussee',
  'pfad',
  'steig',
  'stieg',
  'markt',
  'wall',
  'graben',
  'kamp',
  'twiete',
  'reihe',
  'promenade',
  'brücke',
  'berg',
  'deich',
  'kai',
] as const;

/**
 * Street words that name a street only together with a preposition or adjective ("Am Markt 5",
 * "Lange Reihe 7", "Auf der Höhe 3"). Alone they are too common in software talk ("Feld 3", "Zeile 2").
 */
const BARE_STREET_WORDS = new Set([
  ...STREET_SUFFIXES,
  'hof',
  'park',
  'garten',
  'tor',
  'anger',
  'feld',
  'au',
  'grund',
  'höhe',
  'bogen',
  'winkel',
  'zeile',
  'hain',
  'heide',
  'busch',
  'bruch',
  'kirche',
  'mühle',
]);

/** Compounds with a street ending that are everyday office or software words, not streets. */
const NOT_STREETS = new Set([
  'arbeitsplatz',
  'speicherplatz',
  'parkplatz',
  'sitzplatz',
  'stellplatz',
  'arbeitsmarkt',
  'ausbildungsmarkt',
  'stellenmarkt',
  'dateipfad',
  'suchpfad',
  'klickpfad',
  'umweg',
  'rückweg',
  'ausweg',
  'dienstweg',
  'rechtsweg',
  'lösungsweg',
  'zahlungsweg',
  'postweg',
  'firewall',
  'string',
  'spring',
  'einstieg',
  'aufstieg',
  'anstieg',
  'abstieg',
  'zeitreihe',
  'testreihe',
  'messreihe',
  'baureihe',
]);

/** Words that may stand before a street name and belong to it. */
const STREET_PREFIXES = new Set([
  'am',
  'an',
  'auf',
  'zum',
  'zur',
  'hinter',
  'vor',
  'unter',
  'bei',
  'über',
  'alte',
  'alter',
  'altes',
  'neue',
  'neuer',
  'neues',
  'lange',
  'langer',
  'große',
  'großer',
  'grosse',
  'grosser',
  'kleine',
  'kleiner',
  'hohe',
  'hoher',
  'breite',
  'breiter',
  'obere',
  'oberer',
  'untere',
  'unterer',
  'sankt',
  'st.',
]);
const ARTICLES = new Set(['der', 'den', 'dem', 'die']);

// Up to two words before the street word, the street word, the house number ("12", "12a", "7 b",
// "12-14", "5/7"). Which of the words before belong to the street is decided in code.
const ADDRESS_RE = new RegExp(
  `${NOT_AFTER_WORD}((?:(?:[\\p{Lu}][\\p{Ll}\\p{M}ß]*\\.?|der|den|dem|die)${SP}+){0,2})` +
    `([\\p{Lu}][\\p{L}\\p{M}-]*\\.?)${SP}*` +
    `(\\d{1,3}(?:${SP}?[a-zA-Z](?![\\p{L}\\p{M}]))?(?:${SP}?[-/]${SP}?\\d{1,3}[a-zA-Z]?)?)` +
    '(?![\\p{N}]|[.,]\\d)',
  'gu',
);

/** Street and house number ("Musterstraße 12a", "Am Beispielweg 3", "Hauptstr. 5", "Lange Reihe 7 b"). */
export function detectStreets(text: string, out: Span[]): void {
  eachMatch(ADDRESS_RE, text, (m) => {
    const before = m[1] ?? '';
    const street = m[2] ?? '';
    const lower = street.toLowerCase();
    const lastPart = lower.slice(lower.lastIndexOf('-') + 1);
    // Which of the words in front belong to the street: qualifying words directly before it,
    // with an article allowed after a preposition ("An der Mühle 3").
    const words = [...before.matchAll(/[^ \t\u00A0\u202F]+/g)];
    let start = m.index + before.length;
    for (let i = words.length - 1; i >= 0; i--) {
      const word = (words[i]?.[0] ?? '').toLowerCase();
      if (STREET_PREFIXES.has(word) || isPlaceAdjective(word)) start = m.index + (words[i]?.index ?? 0);
      else if (!(ARTICLES.has(word) && i > 0 && STREET_PREFIXES.has((words[i - 1]?.[0] ?? '').toLowerCase())))
        break;
    }
    const hasPrefix = start < m.index + before.length;
    const isStreet = BARE_STREET_WORDS.has(lower)
      ? hasPrefix
      : !NOT_STREETS.has(lower) && STREET_SUFFIXES.some((s) => hasStreetEnding(lastPart, s, lower));
    if (!isStreet) return;
    out.push({ start, end: m.index + m[0].length, kind: 'address' });
  });
}

// "Karl-Marx-Straße": the ending is the whole last part; "Musterstraße": at least two letters before it.
function hasStreetEnding(lastPart: string, suffix: string, whole: string): boolean {
  if (!lastPart.endsWith(suffix)) return false;
  if (lastPart.length - suffix.length >= 2) return true;
  return lastPart === suffix && whole.includes('-');
}

// "Berliner", "Hildesheimer": place names turned adjective, the usual first word of a two-word street.
function isPlaceAdjective(word: string): boolean {
  return word.length >= 5 && word.endsWith('er') && !COMMON_WORDS.has(word);
}

// Five digits (optionally "D-"), a capitalised place name, optionally "am Main", "an der Oder", "(Saale)", "-Süd".
const PLACE = '[\\p{Lu}][\\p{L}\\p{M}]+(?:-[\\p{Lu}][\\p{L}\\p{M}]+)*';
const POSTCODE_RE = new RegExp(
  `(?<![\\p{L}\\p{M}\\p{N}_.,:/+-])(?:D-?${SP}?)?(\\d{5})${SP}+(${PLACE})` +
    `(?:${SP}+(?:am|an${SP}der|im|in${SP}der|ob${SP}der|bei|vor${SP}der|a\\.${SP}?d\\.|a\\.|i\\.)${SP}*${PLACE}|${SP}*\\(${PLACE}\\))?` +
    '(?![\\p{L}\\p{M}\\p{N}])',
  'gu',
);

// A quantity, not a postcode, follows these: "über 12000 Seitenaufrufe", "rund 40000 Datensätze".
const QUANTITY_BEFORE_RE =
  /(?:^|[^\p{L}])(?:über|rund|ca\.|circa|etwa|mehr als|weniger als|bis zu|knapp|fast|nur|je|pro|insgesamt|alle|von)[ \t]+$/iu;

/**
 * Postcode and place ("30159 Hannover", "60311 Frankfurt am Main"), unless the word after the number
 * is ordinary ("12000 Euro") or a quantity word stands before it ("über 12000 Seitenaufrufe").
 */
export function detectPostcodes(text: string, out: Span[]): void {
  eachMatch(POSTCODE_RE, text, (m) => {
    const code = m[1] ?? '';
    const place = (m[2] ?? '').toLowerCase();
    if (code.startsWith('00') || COMMON_WORDS.has(place)) return;
    if (QUANTITY_BEFORE_RE.test(text.slice(Math.max(0, m.index - 16), m.index))) return;
    out.push({ start: m.index, end: m.index + m[0].length, kind: 'postcode' });
  });
}

// "…straße" names a street even without a house number, and is never software vocabulary.
const STREET_NAME_RE = new RegExp(
  `${NOT_AFTER_WORD}[\\p{Lu}][\\p{L}\\p{M}-]*\\p{L}(?:stra(?:ß|ss)e|-Stra(?:ß|ss)e)${NOT_BEFORE_WORD}`,
  'gu',
);

/** Street names ending in "-straße" without a house number ("wohnt in der Wiesenstraße"). */
export function detectStreetNames(text: string, out: Span[]): void {
  eachMatch(STREET_NAME_RE, text, (m) => {
    out.push({ start: m.index, end: m.index + m[0].length, kind: 'address' });
  });
}
