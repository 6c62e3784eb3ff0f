import { describe, expect, it } from 'vitest';
import { normaliseText, type RedactOptions, redactText } from '../../../utils/redact/text';
import { blockMasks, normalisedOrigins } from '../../../utils/screenshot/text-masks';

const pageTerms = ['Max', 'Mustermann'];

/** What the picture blacks out of `raw`, as the raw substrings. */
function masked(raw: string, options: RedactOptions = { pageTerms }): string[] | null {
  const ranges = blockMasks(raw, options);
  return ranges === null ? null : ranges.map(([start, end]) => raw.slice(start, end));
}

describe('screenshot text masks', () => {
  it.each([
    ['E-Akte JC-2024-004711 – Max Mustermann', ['JC-2024-004711', 'Max', 'Mustermann']],
    ['Bedarfsgemeinschaft 12345//0012345', ['12345//0012345']],
    ['Mustermann, Max', ['Mustermann', 'Max']],
    [
      'Vertreten durch Frau Erika Musterfrau, Aktenzeichen JC-2024-004712',
      ['Erika Musterfrau', 'JC-2024-004712'],
    ],
    // Text nodes of a block are joined as they stand in the page, indentation and line breaks included.
    ['Fallakte\n      JC-2024-004712\n  Frau Erika Musterfrau', ['JC-2024-004712', 'Erika Musterfrau']],
    ['Kundensuche', []],
  ])('black out in %j exactly what the redactor masks', (raw, expected) => {
    expect(masked(raw)).toEqual(expected);
  });

  it.each([
    // Decomposed umlauts (ü as u + combining diaeresis), as some systems deliver them.
    ['Frau Erika Mu\u0308ller-Lu\u0308denscheidt, Team 412', ['Erika Mu\u0308ller-Lu\u0308denscheidt']],
    // A soft hyphen and a zero-width space the redactor drops before it looks.
    [
      'Herr Max Muster\u00ADmann ruft an, BG 12345//\u200B0012345',
      ['Max Muster\u00ADmann', '12345//\u200B0012345'],
    ],
  ])('map positions back to the page text when normalising moved them (%j)', (raw, expected) => {
    expect(masked(raw)).toEqual(expected);
  });

  it.each([
    'E-Akte JC-2024-004711 – Max Mustermann',
    'Frau Erika Mu\u0308ller, geb. 14.03.1985, IBAN DE89 3704 0044 0532 0130 00',
    'Herr Max Muster\u00ADmann\u200B, max.mustermann@example.org',
  ])('leave readable exactly what the redacted text keeps (%j)', (raw) => {
    const ranges = blockMasks(raw, { pageTerms }) ?? [];
    let kept = '';
    let from = 0;
    for (const [start, end] of ranges) {
      kept += `${normaliseText(raw.slice(from, start))}█`;
      from = end;
    }
    kept += normaliseText(raw.slice(from));
    const redacted = redactText(raw, { pageTerms });
    let expected = '';
    let at = 0;
    for (const mask of redacted.masks) {
      expected += `${redacted.text.slice(at, mask.start)}█`;
      at = mask.end;
    }
    expect(kept).toBe(expected + redacted.text.slice(at));
  });

  it('black out a block whole when it was not read', () => {
    expect(blockMasks(null, {})).toBeNull();
  });

  it('give up on positions (whole block) when clusters normalise differently from the whole', () => {
    // A lone combining mark at the start has no base to compose with; still one cluster of its own.
    expect(normalisedOrigins('\u0308Max')).toEqual({ starts: [0, 1, 2, 3], ends: [1, 2, 3, 4] });
    // Hangul jamo compose across clusters: the piecewise form differs, so no positions are claimed.
    expect(normalisedOrigins('\u1100\u1161')).toBeUndefined();
  });
});
