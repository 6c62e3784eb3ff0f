import type { Span } from '../spans';
import { countDigits, eachMatch, NOT_AFTER_WORD, SP } from './shared';

// Also catches the "name (at) domain.de" spelling people use to dodge spam filters.
const EMAIL_RE = new RegExp(
  '(?<![\\p{L}\\p{M}\\p{N}._%+-])[\\p{L}\\p{M}\\p{N}._%+-]+' +
    `(?:@|${SP}?(?:\\([aA][tT]\\)|\\[[aA][tT]\\])${SP}?)` +
    '[\\p{L}\\p{M}\\p{N}-]+(?:\\.[\\p{L}\\p{M}\\p{N}-]+)*\\.\\p{L}{2,}(?![\\p{L}\\p{M}\\p{N}-])',
  'gu',
);

/** E-mail addresses. */
export function detectEmails(text: string, out: Span[]): void {
  eachMatch(EMAIL_RE, text, (m) => {
    out.push({ start: m.index, end: m.index + m[0].length, kind: 'email' });
  });
}

/** Between digit groups: one hyphen, slash or en dash (with optional single spaces), or one space. */
const SEP = `(?:${SP}?[-/\\u2013]${SP}?|${SP})`;

/**
 * German phone numbers: +49 / 0049 / other country codes (with an optional "(0)"), an area code in
 * parentheses, or a national number starting with 0 (landline and 015x/016x/017x mobiles). Groups are
 * split by single spaces, hyphens or slashes. Dots, commas and colons are never separators and may
 * not touch the number, which keeps dates, amounts, times and version numbers out; plain years and
 * paragraph numbers never start with 0 or +.
 */
const PHONE_RE = new RegExp(
  '(?<![\\p{L}\\p{M}\\p{N}_.,:+]|\\d[-/])' +
    `(?:(?:\\+|00)[1-9]\\d{0,2}(?:${SEP}?\\(0\\))?${SEP}?|\\(0\\d{1,5}\\)${SEP}?|(?=0\\d))` +
    `\\d+(?:${SEP}\\d+)*` +
    '(?![\\p{L}\\p{M}\\p{N}_]|[.,:]\\d)',
  'gu',
);

// "05-03-2024" and "01/2024" have the shape of a number with hyphens or slashes; they are dates and
// left to the date rules.
const DATE_SHAPED = /^(?:\d{1,2}[-/])?\d{1,2}[-/](?:\d{2}|\d{4})$/;

/** A phone number needs at least this many digits; "Fehler 0815" and "0 Treffer" stay. */
const MIN_PHONE_DIGITS = 6;

// After an explicit label even short numbers are phone numbers ("Durchwahl 4711").
const LABELLED_PHONE_RE = new RegExp(
  `${NOT_AFTER_WORD}(?:Tel(?:efon)?(?:nummer|nr)?|Rufnummer|Mobil(?:telefon|nummer|funk)?|Handy(?:nummer)?|Fax|Festnetz|Durchwahl)` +
    `\\.?(?:-?Nr\\.?)?${SP}*(?:[:.]${SP}*)?` +
    `(\\+?\\(?\\d[\\d()/\\-\\u2013 \\t\\u00A0\\u202F]*\\d)(?![\\p{N}]|[.,:]\\d)`,
  'giu',
);

// "0511.123456": dots between groups, accepted only after an area code of three or more digits
// starting with 0, which no date ("01.02.2024"), version or decimal number has.
const DOTTED_PHONE_RE =
  /(?<![\p{L}\p{M}\p{N}_.,:+])0\d{2,5}\.\d{3,}(?:[ .]\d{2,})*(?![\p{L}\p{M}\p{N}_]|[.,:]\d)/gu;

const OFFICE_LINE_RE =
  /(?:hotline|service-?desk|helpdesk|support|it-?service|anwenderbetreuung|poststelle|zentrale)\b[^.!?\n]*$/iu;

/** Phone numbers, by shape and after a label such as "Tel.", "Mobil" or "Durchwahl". */
export function detectPhones(text: string, out: Span[]): void {
  eachMatch(DOTTED_PHONE_RE, text, (m) => {
    if (countDigits(m[0]) >= MIN_PHONE_DIGITS)
      out.push({ start: m.index, end: m.index + m[0].length, kind: 'phone' });
  });
  eachMatch(PHONE_RE, text, (m) => {
    const value = m[0];
    if (countDigits(value) < MIN_PHONE_DIGITS || DATE_SHAPED.test(value)) return;
    out.push({ start: m.index, end: m.index + value.length, kind: 'phone' });
  });
  eachMatch(LABELLED_PHONE_RE, text, (m) => {
    const value = (m[1] ?? '').trimEnd();
    if (countDigits(value) < 3) return;
    // The office's own short extension ("Hotline ATLAS unter Durchwahl 712") identifies no client.
    if (
      countDigits(value) < MIN_PHONE_DIGITS &&
      OFFICE_LINE_RE.test(text.slice(Math.max(0, m.index - 40), m.index))
    )
      return;
    const start = m.index + m[0].length - (m[1] ?? '').length;
    out.push({ start, end: start + value.length, kind: 'phone' });
  });
}
