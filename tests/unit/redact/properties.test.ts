import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMON_WORDS } from '../../../utils/redact/common-words';
import { MASK_LABELS, redactText } from '../../../utils/redact/text';
import {
  bgNrArb,
  emailArb,
  ibanArb,
  kundennrArb,
  type Planted,
  phoneArb,
  plantedSentence,
  rvnrArb,
  SENTENCE_WORDS,
  steuerIdArb,
} from './generators';

const RUNS = { numRuns: 300 };

describe('redactText properties', () => {
  it('uses only ordinary words in generated sentences (a precondition of the checks below)', () => {
    for (const word of SENTENCE_WORDS) {
      if (/^\p{Lu}/u.test(word)) expect(COMMON_WORDS.has(word.toLowerCase()), word).toBe(true);
    }
  });

  it.each<[string, fc.Arbitrary<Planted>]>([
    ['IBAN', ibanArb],
    ['RV-Nummer', rvnrArb],
    ['Steuer-ID', steuerIdArb],
    ['e-mail', emailArb],
    ['phone', phoneArb],
    ['BG-Nummer', bgNrArb],
    ['Kundennummer', kundennrArb],
  ])('masks a planted %s and leaves every other word of the sentence alone', (_name, value) => {
    fc.assert(
      fc.property(plantedSentence(value), ({ input, expected, value: raw }) => {
        const { text } = redactText(input);
        expect(text).not.toContain(raw);
        expect(text).toBe(expected);
      }),
      RUNS,
    );
  });

  it('is idempotent on sentences with planted values', () => {
    const anyPlanted = fc.oneof(ibanArb, rvnrArb, steuerIdArb, emailArb, phoneArb, bgNrArb, kundennrArb);
    fc.assert(
      fc.property(fc.array(plantedSentence(anyPlanted), { minLength: 1, maxLength: 4 }), (sentences) => {
        const once = redactText(sentences.map((s) => s.input).join(' '));
        const twice = redactText(once.text);
        expect(twice.text).toBe(once.text);
        expect(twice.masks).toEqual([]);
      }),
      RUNS,
    );
  });

  it('is idempotent on arbitrary text', () => {
    // Pieces that tend to trigger detectors, mixed with random characters.
    const piece = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom(
        'Herr ',
        'Frau ',
        'geb. ',
        'Kundennummer: ',
        'Name: ',
        'Tel. ',
        ' 0511 ',
        '12345',
        ' Hannover',
        'straße ',
        '[NAME]',
        '[IBAN',
        ']',
        '//',
        '-',
        '.',
        ', ',
        '\n',
        'DE',
        '89',
        '2024',
        'Az.',
        'JC-',
      ),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
        const once = redactText(pieces.join(''));
        expect(redactText(once.text).text).toBe(once.text);
      }),
      { numRuns: 1000 },
    );
  });

  it('reports masks that point at their placeholders in the output', () => {
    const anyPlanted = fc.oneof(ibanArb, emailArb, phoneArb, kundennrArb);
    fc.assert(
      fc.property(fc.array(plantedSentence(anyPlanted), { minLength: 1, maxLength: 3 }), (sentences) => {
        const result = redactText(sentences.map((s) => s.input).join('\n'));
        for (const mask of result.masks) {
          expect(result.text.slice(mask.start, mask.end)).toBe(MASK_LABELS[mask.kind]);
        }
        const total = Object.values(result.counts).reduce((a, n) => a + (n ?? 0), 0);
        expect(total).toBe(result.masks.length);
      }),
      RUNS,
    );
  });
});
