import { describe, expect, it } from 'vitest';
import { MASK_LABELS, PLACEHOLDER_RE } from '../../../utils/redact/kinds';
import { mergeSpans } from '../../../utils/redact/spans';
import { redactText } from '../../../utils/redact/text';

describe('redactText', () => {
  it('returns masks in output positions and counts per kind', () => {
    const result = redactText('Herr Müller, IBAN DE89 3704 0044 0532 0130 00, Tel. 0511 1234567.');
    expect(result.text).toBe('Herr [NAME], IBAN [IBAN], Tel. [TELEFON].');
    expect(result.masks).toEqual([
      { start: 5, end: 11, kind: 'name' },
      { start: 18, end: 24, kind: 'iban' },
      { start: 31, end: 40, kind: 'phone' },
    ]);
    expect(result.counts).toEqual({ name: 1, iban: 1, phone: 1 });
  });

  it('returns clean text untouched, with no masks and no counts', () => {
    const clean = 'Die Maske Leistungsberechnung lädt seit dem Update 3.2 über 40 Sekunden.';
    expect(redactText(clean)).toEqual({ text: clean, masks: [], counts: {}, suspects: [] });
  });

  it('is a no-op on its own output', () => {
    const once = redactText(
      'Kundennummer: ABC-99, Frau Schmidt geb. Müller, * 12.03.1985, Am Markt 1, 29221 Celle',
    );
    const twice = redactText(once.text);
    expect(twice.text).toBe(once.text);
    expect(twice.masks).toEqual([]);
  });

  it('never re-masks placeholders, even when a page term or pattern would match them', () => {
    const text = 'Kunde: [WERT], Herr [NAME], [IBAN]';
    const result = redactText(text, {
      pageTerms: ['name', 'wert'],
      patterns: [{ name: 'p', source: 'IBAN|NAME' }],
    });
    expect(result.text).toBe(text);
  });

  it('masks a value glued to other characters together with them', () => {
    expect(redactText('Tel. 12345Herr, bitte').text).toBe('Tel. [TELEFON], bitte');
    expect(redactText('DE89370400440532013000XY ist falsch').text).toBe('[IBAN] ist falsch');
  });

  it('removes invisible characters that would split a value and normalises to NFC', () => {
    expect(redactText('DE89\u200B3704 0044 0532 0130 00').text).toBe('[IBAN]');
    expect(redactText('Frau Mu\u0308ller').text).toBe('Frau [NAME]');
  });

  it('redacts a 2,000-character note quickly enough to run on every keystroke pause', () => {
    const note = 'Die Maske lädt langsam, Herr Müller wartet, Tel. 0511 1234567. '.repeat(32).slice(0, 2000);
    const started = performance.now();
    for (let i = 0; i < 20; i++) redactText(note);
    // Generous bound for CI; scripts/bench/redaction.ts measures properly.
    expect((performance.now() - started) / 20).toBeLessThan(50);
  });
});

describe('kinds', () => {
  it('recognises every placeholder it writes', () => {
    for (const label of Object.values(MASK_LABELS)) {
      PLACEHOLDER_RE.lastIndex = 0;
      expect(PLACEHOLDER_RE.test(label), label).toBe(true);
    }
  });
});

describe('mergeSpans', () => {
  it.each([
    [
      'overlaps become their union, named by the longer span',
      [
        { start: 0, end: 10, kind: 'phone' as const },
        { start: 5, end: 30, kind: 'iban' as const },
      ],
      [{ start: 0, end: 30, kind: 'iban' }],
    ],
    [
      'equal spans go to the more specific kind',
      [
        { start: 3, end: 13, kind: 'value' as const },
        { start: 3, end: 13, kind: 'kundennr' as const },
      ],
      [{ start: 3, end: 13, kind: 'kundennr' }],
    ],
    [
      'equally long overlapping spans go to the earlier one',
      [
        { start: 4, end: 8, kind: 'name' as const },
        { start: 2, end: 6, kind: 'postcode' as const },
      ],
      [{ start: 2, end: 8, kind: 'postcode' }],
    ],
    [
      'touching spans stay apart',
      [
        { start: 0, end: 4, kind: 'name' as const },
        { start: 4, end: 8, kind: 'name' as const },
      ],
      [
        { start: 0, end: 4, kind: 'name' },
        { start: 4, end: 8, kind: 'name' },
      ],
    ],
  ])('%s', (_case, input, expected) => {
    expect(mergeSpans(input)).toEqual(expected);
  });
});
