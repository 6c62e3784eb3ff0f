import type { Span } from '../spans';

/** Horizontal space that may sit inside a value: space, tab, no-break spaces; never a line break. */
export const SP = '[ \\t\\u00A0\\u202F]';

/** Lookbehind: not directly after a letter, digit or underscore (`\b` does not know umlauts). */
export const NOT_AFTER_WORD = '(?<![\\p{L}\\p{M}\\p{N}_])';

/** Lookahead: not directly before a letter, digit or underscore. */
export const NOT_BEFORE_WORD = '(?![\\p{L}\\p{M}\\p{N}_])';

/** A function that appends the candidate spans it finds in `text` to `out`. */
export type Detector = (text: string, out: Span[]) => void;

/** Calls `fn` for every match of a global regex, resetting it first and never looping on empty matches. */
export function eachMatch(re: RegExp, text: string, fn: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    fn(m);
  }
}

/** Number of ASCII digits in a string. */
export function countDigits(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}
