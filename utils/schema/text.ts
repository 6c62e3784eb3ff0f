import { z } from 'zod';

/**
 * The one rule for characters in every free-text field of a record and of the wire format
 * (issue #14, item 1), applied by the schema itself so the extension, the SQLite store and the
 * PostgreSQL store all keep exactly the same text:
 *
 * - Control characters are removed: C0 (U+0000–U+001F) except tab, line feed and carriage return,
 *   DEL (U+007F) and C1 (U+0080–U+009F). They reach these fields from page text (titles, headings,
 *   labels) and carry no meaning a reader could see; PostgreSQL refuses U+0000 in a text column, and a
 *   record must not be lost over a character nobody typed. Removing rather than refusing: the
 *   caseworker cannot fix a page title.
 * - An unpaired surrogate (half of a UTF-16 pair, from a page cutting text mid-character) becomes
 *   U+FFFD, the replacement character, which is what UTF-8 encoding would make of it anyway; before,
 *   PostgreSQL did that silently and SQLite kept the broken half.
 *
 * Bidirectional controls (U+202A–U+202E, U+2066–U+2069) are kept — they are legitimate in Arabic or
 * Hebrew text — and neutralised where the dashboard shows text (collector/dashboard/html.ts).
 */
// With the u flag a lone surrogate is a code point of its own (category Cs) while a proper pair is
// one astral character, so \p{Cs} finds exactly the unpaired halves. \p{Cc} is C0, DEL and C1.
const UNWANTED = /(?![\t\n\r])\p{Cc}|\p{Cs}/gu;
const UNWANTED_ANY = /[\p{Cc}\p{Cs}]/u;

/** `value` with control characters removed and unpaired surrogates replaced by U+FFFD. */
export function cleanText(value: string): string {
  // Most text has neither; a test is cheaper than a replace that changes nothing.
  if (!UNWANTED_ANY.test(value)) return value;
  return value.replace(UNWANTED, (match) => {
    const code = match.charCodeAt(0);
    return code >= 0xd800 && code <= 0xdfff ? '\uFFFD' : '';
  });
}

// Characters that show nothing on their own: whitespace, format characters (zero-width space and
// joiners, bidi controls, soft hyphen, BOM, word joiner …) and the blank "letters" used to fake
// emptiness (Hangul fillers, Braille blank).
// Searched for the first visible character rather than removing the invisible ones: on the ingest
// path this runs for every note, and a note's first character is almost always visible.
const VISIBLE = /[^\s\p{Cf}\p{Cc}\u115F\u1160\u2800\u3164\uFFA0]/u;

/** Whether `value` has at least one character a reader can see. */
export function hasVisibleText(value: string): boolean {
  return VISIBLE.test(value);
}

/** A free-text field of at most `max` characters, cleaned by {@link cleanText} before the length check. */
export function Text(max: number) {
  return z.string().overwrite(cleanText).max(max);
}
