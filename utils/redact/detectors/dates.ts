import type { Span } from '../spans';
import { eachMatch, NOT_AFTER_WORD, SP } from './shared';

const MONTHS: Readonly<Record<string, number>> = {
  januar: 1,
  jänner: 1,
  jan: 1,
  februar: 2,
  feb: 2,
  märz: 3,
  maerz: 3,
  mär: 3,
  mrz: 3,
  april: 4,
  apr: 4,
  mai: 5,
  juni: 6,
  jun: 6,
  juli: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  oktober: 10,
  okt: 10,
  november: 11,
  nov: 11,
  dezember: 12,
  dez: 12,
};
// Longest first, so "Juni" is not read as "Jun" + "i".
const MONTH_ALTERNATION = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');

const DATE_RE = new RegExp(
  '(?<![\\p{L}\\p{M}\\p{N}_.,/-])(?:' +
    // 12.03.1985, 12.3.85, 12. 03. 1985
    `(\\d{1,2})\\.${SP}?(\\d{1,2})\\.${SP}?(\\d{4}|\\d{2})(?![\\p{N}]|[.,]\\d)` +
    // 1985-03-12
    '|(\\d{4})-(\\d{1,2})-(\\d{1,2})(?![\\p{N}])' +
    // 12/03/1985
    '|(\\d{1,2})/(\\d{1,2})/(\\d{4})(?![\\p{N}])' +
    // 12. März 1985, 12. März, 3 Okt. 85
    `|(\\d{1,2})\\.?${SP}?(${MONTH_ALTERNATION})\\.?(?:${SP}(\\d{4}|\\d{2}))?(?![\\p{L}\\p{M}\\p{N}])` +
    // 12.03. (no year)
    `|(\\d{1,2})\\.${SP}?(\\d{1,2})\\.(?![\\p{N}]|${SP}?\\d)` +
    ')',
  'giu',
);

/** Words that announce a date of birth; "*" is the genealogical star ("Frau X, * 12.03.1985"). */
const BIRTH_TRIGGER_RE = new RegExp(
  `${NOT_AFTER_WORD}(?:geb\\.(?:${SP}?-?${SP}?datum)?|geboren|geburtsdatum|geburtstag|gebdat|geb-datum|jahrgang|geburtsjahr)|\\*`,
  'giu',
);
/** How far before a date we look for a trigger, and how many words may stand between them. */
const BIRTH_WINDOW = 48;
const MAX_WORDS_BETWEEN = 3;

// A birth year on its own after a trigger ("Jahrgang 1985", "geb. 1985").
const BIRTH_YEAR_RE = new RegExp(
  `${NOT_AFTER_WORD}(?:geb\\.|geboren|jahrgang|geburtsjahr)${SP}*(?:am|im|in|:)?${SP}*((?:19|20)\\d{2})(?![\\p{N}]|[.,]\\d)`,
  'giu',
);

/**
 * Dates of birth (a date shortly after "geb.", "geboren", "Geburtsdatum", "*" …) and, when
 * `allDates` is set, every other date. Ordinary dates stay by default: "seit dem 01.03." says when a
 * problem started and identifies nobody.
 */
export function detectDates(text: string, out: Span[], allDates: boolean): void {
  eachMatch(DATE_RE, text, (m) => {
    if (!isPlausible(m)) return;
    const start = m.index;
    const end = start + m[0].length;
    if (isAfterBirthTrigger(text, start)) out.push({ start, end, kind: 'birthdate' });
    else if (allDates) out.push({ start, end, kind: 'date' });
  });
  eachMatch(BIRTH_YEAR_RE, text, (m) => {
    const year = m[1] ?? '';
    const start = m.index + m[0].length - year.length;
    out.push({ start, end: start + year.length, kind: 'birthdate' });
  });
}

function isPlausible(m: RegExpExecArray): boolean {
  let day: number;
  let month: number;
  let year: string | undefined;
  if (m[1] !== undefined) [day, month, year] = [Number(m[1]), Number(m[2]), m[3]];
  else if (m[4] !== undefined) [day, month, year] = [Number(m[6]), Number(m[5]), m[4]];
  else if (m[7] !== undefined) [day, month, year] = [Number(m[7]), Number(m[8]), m[9]];
  else if (m[10] !== undefined)
    [day, month, year] = [Number(m[10]), MONTHS[(m[11] ?? '').toLowerCase()] ?? 0, m[12]];
  else [day, month, year] = [Number(m[13]), Number(m[14]), undefined];
  if (day < 1 || day > 31 || month < 1 || month > 12) return false;
  if (year !== undefined && year.length === 4) {
    const y = Number(year);
    if (y < 1900 || y > 2099) return false;
  }
  return true;
}

function isAfterBirthTrigger(text: string, start: number): boolean {
  const window = text.slice(Math.max(0, start - BIRTH_WINDOW), start);
  let triggerEnd = -1;
  let star = false;
  eachMatch(BIRTH_TRIGGER_RE, window, (t) => {
    triggerEnd = t.index + t[0].length;
    star = t[0] === '*';
  });
  if (triggerEnd < 0) return false;
  const between = window.slice(triggerEnd);
  // A trigger in an earlier line or sentence does not count.
  if (/[\n\r]|[.!?;][ \t]/.test(between)) return false;
  const words = between.split(/[\s:(),-]+/).filter(Boolean);
  return words.length <= (star ? 0 : MAX_WORDS_BETWEEN);
}
