import { COMMON_WORDS } from '../common-words';
import { isGivenName, isNoun } from '../lexicon';
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
  // English, where it differs ("April", "August", "September", "November" and most abbreviations are
  // the same): English notes are written in the same job centres.
  january: 1,
  february: 2,
  march: 3,
  mar: 3,
  may: 5,
  june: 6,
  july: 7,
  october: 10,
  oct: 10,
  december: 12,
  dec: 12,
};
/**
 * A month's name or abbreviation dating something: before a year or after a day ("Mar 2020", "Dez
 * 2021", "3. Mai"). A word, not a name ("Mar", "Dez" and "May" are given names too); names.ts asks.
 */
export function datesSomething(lower: string, text: string, start: number, end: number): boolean {
  if (MONTHS[lower.replace(/\.$/u, '')] === undefined) return false;
  return (
    /^\.?[ \t\u00A0]+(?:19|20)\d{2}(?!\d)/u.test(text.slice(end, end + 7)) ||
    /\d\.?[ \t\u00A0]*$/u.test(text.slice(Math.max(0, start - 4), start))
  );
}

// Longest first, so "Juni" is not read as "Jun" + "i".
const MONTH_ALTERNATION = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');

const DATE_RE = new RegExp(
  '(?<![\\p{L}\\p{M}\\p{N}_.,/-])(?:' +
    // 12.03.1985, 12.3.85, 12. 03. 1985
    `(\\d{1,2})\\.${SP}?(\\d{1,2})\\.${SP}?(\\d{4}|\\d{2})(?![\\p{N}]|[.,]\\d)` +
    // 1985-03-12, 1985/03/12
    '|(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})(?![\\p{N}])' +
    // 12/03/1985
    '|(\\d{1,2})/(\\d{1,2})/(\\d{4})(?![\\p{N}])' +
    // 12. März 1985, 12. März, 3 Okt. 85; English: 3rd April 1988, 3rd of April 1988, 12 June, 1984
    `|(\\d{1,2})(?:\\.|st|nd|rd|th)?${SP}?(?:of${SP})?(${MONTH_ALTERNATION})\\.?(?:,?${SP}(\\d{4}|\\d{2}))?(?![\\p{L}\\p{M}\\p{N}])` +
    // 12.03. (no year)
    `|(\\d{1,2})\\.${SP}?(\\d{1,2})\\.(?![\\p{N}]|${SP}?\\d)` +
    // English, the month first: April 3, 1988; March 14th, 1979; Jan. 2, 1990; April 3
    `|(${MONTH_ALTERNATION})\\.?${SP}(\\d{1,2})(?:st|nd|rd|th)?(?:,?${SP}(\\d{4}))?(?![\\p{L}\\p{M}\\p{N}])` +
    ')',
  'giu',
);

/** Words that announce a date of birth; "*" is the genealogical star ("Frau X, * 12.03.1985"). */
const BIRTH_TRIGGER_RE = new RegExp(
  `${NOT_AFTER_WORD}(?:geb\\.(?:${SP}?-?${SP}?datum)?|geb(?=${SP}+\\d)|geboren|geburtsdatum|geburtstag|gebdat|geb-datum|jahrgang|geburtsjahr|neugeboren\\p{L}*|baby(?![\\p{L}-])|säugling` +
    // English: "born", "date of birth", "DOB", "d.o.b.", "birthday", "b. 12 Jan 1975"
    `|born(?![\\p{L}])|birth(?:day|date)?(?![\\p{L}])|d\\.?o\\.?b\\.?(?![\\p{L}])|newborn|b\\.(?=${SP}*\\d))|\\*`,
  'giu',
);
/** How far before a date we look for a trigger, and how many words may stand between them. */
const BIRTH_WINDOW = 48;
const MAX_WORDS_BETWEEN = 3;

// A birth year on its own after a trigger ("Jahrgang 1985", "geb. 1985", "Jg. 1985", "*2019").
const BIRTH_YEAR_RE = new RegExp(
  `(?:${NOT_AFTER_WORD}(?:geb\\.|geboren|jahrgang|geburtsjahr|jg\\.?|born|year${SP}of${SP}birth)|(?<=(?:\\p{L}[ \\t]?|\\())\\*)${SP}*(?:am|im|in|:)?${SP}*((?:19|20)\\d{2})(?![\\p{N}]|[.,]\\d)`,
  'giu',
);
// A month and year of birth: "geboren im März 2019", "born in March 2019".
const BIRTH_MONTH_RE = new RegExp(
  `${NOT_AFTER_WORD}(?:geboren|born|geb\\.?)${SP}+(?:im|in)?${SP}*((?:${MONTH_ALTERNATION})\\.?${SP}+(?:19|20)\\d{2})(?![\\p{N}])`,
  'giu',
);
// A year of two digits after "Jahrgang" or "Jg." ("Jahrgang 88", "(Jg. 75)"): only these say it is a year.
const BIRTH_YEAR_SHORT_RE = new RegExp(
  `${NOT_AFTER_WORD}(?:jahrgang|jg\\.?)${SP}*:?${SP}*(?:'|’)?(\\d{2})(?![\\p{N}]|[.,]\\d)`,
  'giu',
);
// … or before "geboren" ("wurde 1988 geboren").
const BIRTH_YEAR_BEFORE_RE = new RegExp(
  `${NOT_AFTER_WORD}((?:19|20)\\d{2})${SP}+(?:geboren|zur${SP}+welt)(?![\\p{L}])`,
  'giu',
);
// A date followed by "geboren" or "zur Welt" ("kam am 2.11.2025 zur Welt").
const BORN_AFTER_RE = /^[ \t]*(?:\p{L}+[ \t]+){0,2}(?:geboren|zur[ \t]+welt)(?![\p{L}])/iu;

/**
 * Dates of birth (a date shortly after "geb.", "geboren", "Geburtsdatum", "*" …) and, when
 * `allDates` is set, every other date. Ordinary dates stay by default: "seit dem 01.03." says when a
 * problem started and identifies nobody.
 */
export function detectDates(text: string, out: Span[], allDates: boolean, now = new Date()): void {
  // Where the last date of birth ended: "Geb.-Datum der Kinder: 06.02.2017 und 5.8.2016" lists two.
  let lastBirth = -1;
  eachMatch(DATE_RE, text, (m) => {
    if (!isPlausible(m)) return;
    const start = m.index;
    const end = start + m[0].length;
    if (
      isAfterBirthTrigger(text, start) ||
      BORN_AFTER_RE.test(text.slice(end, end + 40)) ||
      isBirthDateByPlace(text, start, m, now) ||
      (lastBirth >= 0 && LIST_GAP_RE.test(text.slice(lastBirth, start))) ||
      relativeAfter(text.slice(end, end + 40), m, now)
    ) {
      out.push({ start, end, kind: 'birthdate' });
      lastBirth = end;
    } else if (allDates) out.push({ start, end, kind: 'date' });
  });
  // A year, or month and year, of birth at the end of its trigger: the value is the match's last group.
  for (const re of [BIRTH_YEAR_RE, BIRTH_YEAR_SHORT_RE, BIRTH_MONTH_RE]) {
    eachMatch(re, text, (m) => {
      const value = m[1] ?? '';
      const start = m.index + m[0].length - value.length;
      out.push({ start, end: start + value.length, kind: 'birthdate' });
    });
  }
  eachMatch(BIRTH_YEAR_BEFORE_RE, text, (m) => {
    out.push({ start: m.index, end: m.index + (m[1] ?? '').length, kind: 'birthdate' });
  });
}

/** How many years ahead a two-digit year is still read in this century. */
const FUTURE_YEARS = 5;

/** The full year of a date match, or undefined when it has none ("12.03."); two digits read as the last century when ahead of now. */
function yearOf(m: RegExpExecArray, now: Date): number | undefined {
  const raw = m[3] ?? m[4] ?? m[9] ?? m[12] ?? m[17];
  if (raw === undefined) return undefined;
  if (raw.length === 4) return Number(raw);
  const yy = Number(raw);
  const century = now.getFullYear() - (now.getFullYear() % 100);
  // A few years ahead is a deadline ("Bewerbungsschluss 19.4.27"), not a birth a century ago: nobody
  // a job centre serves was born then.
  return century + yy > now.getFullYear() + FUTURE_YEARS ? century - 100 + yy : century + yy;
}

// Laws, courts and releases: their dates are events wherever the word stands in the sentence.
const LAW_OR_RELEASE =
  'urteil|beschluss|gesetz(?:es)?|verordnung|weisung|fassung|rundschreiben|bgbl|release|version|update|stichtag';
// Words that make a date an event: a decision, a law, a deadline ("Bescheid vom", "seit", "Fassung vom").
const EVENT_BEFORE_RE = new RegExp(
  `(?:^|[^\\p{L}])(?:vom|von|seit|ab|bis|zum|zur|bescheid|antrag|schreiben|${LAW_OR_RELEASE}|stand|gültig|änderung|frist|eingang|eingegangen|datiert|erstellt|geändert|gespeichert|dated|since|from|until|as\\s+of|notice|decision|letter|application|deadline|received|created|changed|saved|valid|inkrafttreten|eingeführt|erlassen|verkündet|beschlossen)(?:\\s+(?:dem|der|den|des))?\\s*:?\\s*$|(?:^|[.!?\\n]\\s*)am\\s+$`,
  'iu',
);
// A version number looks like a date ("Update auf 3.2.10", "v 3.2.10"). The word must start where a
// word starts: "Smirnov, 12.03.1975" ends in a "v" too.
const VERSION_NEAR_RE =
  /(?<![\p{L}\p{M}])(?:update|version|release|patch|stand|build|v)(?![\p{L}\p{M}])[^.!?\n]{0,14}$/iu;
// A person right before the date: "Frau X, 2.8.1977," or "Tochter Y (30.08.12)"; a sentence about a
// relative or someone's age ("das Alter von …").
const PERSON_BEFORE_RE = /(?:\p{Lu}[\p{L}\p{M}'’-]+|\[NAME\]|\[WERT\])\s*(?:,|\()\s*$/u;
const RELATIVE_BEFORE_RE =
  /(?:^|[^\p{L}])(?:tochter|sohn|kind|kinder|enkel(?:in)?|ehemann|ehefrau|partner(?:in)?|mutter|vater|frau|herr|kundin|kunde|(?:das|dem|des|im|ihr|ihrem|sein|seinem)\s+alters?|(?:daughter|son|child|children|grandchild|wife|husband|mother|father)(?![\p{L}]))(?:[^.!?\n]{0,30})$/iu;
// Between two dates of one list: "… und …", "…, …", "… sowie …".
// Also "Thao (04.02.2024), Long (15.5.2015)": a list of persons, each with the date in brackets.
const LIST_GAP_RE =
  /^(?:[ \t]*(?:,|;|&|\/|und|sowie|and)[ \t]*(?:[ \t]und[ \t]+)?|\)[ \t]*(?:,|;|und|sowie|and)[ \t]*[\p{L}\p{M}'’-]+[ \t]*\()$/iu;
// A relative named after the date, in the same row or bracket: "Khaled | 14.10.2015 | Sohn", "3.4.2012 (Tochter)".
const RELATIVE_AFTER_RE =
  /^[ \t]*(?:\||\(|,|–|-)[ \t]*(?:tochter|sohn|kind|enkel(?:in)?|stiefsohn|stieftochter|pflegekind|daughter|son|child)[ \t]*(?:$|[|),;\n])/iu;
function relativeAfter(after: string, m: RegExpExecArray, now: Date): boolean {
  const year = yearOf(m, now);
  return year !== undefined && year <= now.getFullYear() && RELATIVE_AFTER_RE.test(after);
}
function isEverydayWord(match: string): boolean {
  const word = (/\p{L}[\p{L}\p{M}'’-]*/u.exec(match)?.[0] ?? '').toLowerCase();
  return word !== '' && (COMMON_WORDS.has(word) || isNoun(word));
}

const LAW_OR_RELEASE_RE = new RegExp(`(?:^|[^\\p{L}])(?:${LAW_OR_RELEASE}|in\\s+kraft)(?![\\p{L}])`, 'iu');

/** How many years back a date must lie to be a date of birth without any cue: nobody writes a system event that old. */
const BIRTH_AGE_YEARS = 12;

/**
 * A date of birth by where it stands, not by a trigger word: a date right after a person ("Frau X,
 * 2.8.1977," or "Tochter Y (30.08.12)") or in a sentence about a relative, and any full date that lies
 * more than twelve years back unless an event word stands before it ("Bescheid vom 04.03.2010",
 * "in der Fassung vom 13.05.2011"). Dates of this year's work stay, dates of birth go.
 */
function isBirthDateByPlace(text: string, start: number, m: RegExpExecArray, now: Date): boolean {
  const year = yearOf(m, now);
  if (year === undefined || year > now.getFullYear()) return false;
  const before = text.slice(Math.max(0, start - 48), start);
  const sameSentence = before.slice(Math.max(before.search(/[.!?\n][^.!?\n]*$/u) + 1, 0));
  if (EVENT_BEFORE_RE.test(before) || VERSION_NEAR_RE.test(before.slice(-24))) return false;
  // A person, not a weekday or a noun ("am Mittwoch, 25.02.2025"), right before the date.
  const person = PERSON_BEFORE_RE.exec(before);
  // "Urteil des BSG, 12.3.2009": an acronym is a court or an office, not a person.
  if (person && !isEverydayWord(person[0]) && !/^\p{Lu}{2,5}\s*[,(]/u.test(person[0])) return true;
  // "…, Mia 12.08.2021": a given name right before the date, with a space only.
  const given = /(\p{L}[\p{L}\p{M}'’-]*)[ \t]+$/u.exec(before)?.[1];
  // Not this year's dates: "Termin mit Anna 12.08." is an appointment.
  if (given && year < now.getFullYear() && isGivenName(given.toLowerCase()) && !isEverydayWord(given))
    return true;
  if (RELATIVE_BEFORE_RE.test(sameSentence) && year >= now.getFullYear() - 100) return true;
  // "Urteil des BSG, 12.3.2009": a court's, a law's or a release's date, said earlier in the sentence.
  if (LAW_OR_RELEASE_RE.test(sameSentence)) return false;
  return year <= now.getFullYear() - BIRTH_AGE_YEARS;
}

function isPlausible(m: RegExpExecArray): boolean {
  let day: number;
  let month: number;
  let year: string | undefined;
  if (m[1] !== undefined) [day, month, year] = [Number(m[1]), Number(m[2]), m[3]];
  else if (m[4] !== undefined) [day, month, year] = [Number(m[6]), Number(m[5]), m[4]];
  else if (m[7] !== undefined) {
    [day, month, year] = [Number(m[7]), Number(m[8]), m[9]];
    // "03/25/2000": written month first (American forms, English browsers) when it cannot be day first.
    if (month > 12 && day <= 12) [day, month] = [month, day];
  } else if (m[10] !== undefined)
    [day, month, year] = [Number(m[10]), MONTHS[(m[11] ?? '').toLowerCase()] ?? 0, m[12]];
  else if (m[13] !== undefined) [day, month, year] = [Number(m[13]), Number(m[14]), undefined];
  else [day, month, year] = [Number(m[16]), MONTHS[(m[15] ?? '').toLowerCase()] ?? 0, m[17]];
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
