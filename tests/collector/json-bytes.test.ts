import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseUtf8JsonFast } from '../../collector/json-bytes';

const plain = (text: string) => JSON.parse(text) as unknown;

describe('parseUtf8JsonFast', () => {
  it.each([
    ['ASCII only', '{"a":[1,2,"x"],"b":null}'],
    ['German text', '{"note":"Feld „Zuständigkeit“ springt – zurück"}'],
    ['two-, three- and four-byte characters', '["é","€","𝄞","😀 ok"]'],
    ['line and paragraph separators', '["a\u2028b\u2029c"]'],
    ['escapes beside non-ASCII', '["\\"ä\\"","ü\\n","\\u00e4ä"]'],
    ['non-ASCII keys', '{"größe":1,"😀":{"ß":"ẞ"}}'],
  ])('parses %s exactly like JSON.parse', (_name, text) => {
    expect(parseUtf8JsonFast(Buffer.from(text, 'utf8'))).toEqual({ value: plain(text) });
  });

  it.each([
    // `"\é"` is invalid JSON; rewritten blindly it would become the valid `"\\u00e9"`.
    ['a non-ASCII character right after a backslash', '["\\é"]'],
    // Valid, but the same byte pattern: left to the plain route too.
    ['an escaped backslash before a non-ASCII character', '["\\\\é"]'],
    ['a byte-order mark', '\uFEFF{"a":1}'],
    ['invalid JSON', '{"a":'],
    ['non-ASCII outside a string', '{"a":1}\u00a0'],
    ['an empty body', ''],
  ])('leaves %s to the plain route', (_name, text) => {
    expect(parseUtf8JsonFast(Buffer.from(text, 'utf8'))).toBeUndefined();
  });

  it('agrees with JSON.parse on arbitrary JSON with arbitrary Unicode', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'binary' }), (value) => {
        const text = JSON.stringify(value);
        expect(parseUtf8JsonFast(Buffer.from(text, 'utf8'))).toEqual({ value: plain(text) });
      }),
      { numRuns: 200 },
    );
  });

  it('never accepts what JSON.parse rejects, and agrees where both accept', () => {
    const piece = fc.constantFrom(
      '"',
      '\\',
      '{',
      '}',
      '[',
      ']',
      ':',
      ',',
      '1',
      'a',
      ' ',
      'é',
      '😀',
      '\u00a0',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        let expected: { value: unknown } | undefined;
        try {
          expected = { value: plain(text) };
        } catch {
          expected = undefined;
        }
        const fast = parseUtf8JsonFast(Buffer.from(text, 'utf8'));
        if (fast !== undefined) expect(fast).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
