import { describe, expect, it } from 'vitest';
import { COMMON_WORDS } from '../../../utils/redact/common-words';
import { extractPageTerms } from '../../../utils/redact/page-terms';
import { redactText } from '../../../utils/redact/text';

describe('extractPageTerms', () => {
  it('keeps capitalised data words that are neither UI vocabulary nor common words', () => {
    const terms = extractPageTerms({
      data: [
        'Müller-Lüdenscheidt, Erika',
        'Bewilligt',
        'Hannover',
        'Regelbedarf 563,00 €',
        'Januar 2024',
        'de',
        'X',
      ],
      ui: ['Name', 'Status', 'Bewilligt', 'Wohnort: Hannover'],
    });
    expect([...terms].sort()).toEqual(['Erika', 'Lüdenscheidt', 'Müller', 'Müller-Lüdenscheidt']);
  });

  it('drops hyphenated vocabulary whose parts are all ordinary words', () => {
    expect(extractPageTerms({ data: ['Kosten-Übersicht'], ui: [] }).size).toBe(0);
  });

  it('keeps all-caps surnames as some applications show them', () => {
    expect(extractPageTerms({ data: ['MEIER, Hans'], ui: [] })).toEqual(new Set(['MEIER', 'Hans']));
  });

  it('feeds redactText so that names from the screen are masked in the note', () => {
    const pageTerms = extractPageTerms({ data: ['Yilmaz', 'Ayşe', 'Offen'], ui: ['Status'] });
    expect(
      redactText('Ayşe Yilmaz kann die Unterlagen nicht hochladen, Status offen.', { pageTerms }).text,
    ).toBe('[NAME] [NAME] kann die Unterlagen nicht hochladen, Status offen.');
  });

  it('returns the same set for the same capture, so it is computed once per save', () => {
    const texts = { data: ['Kaya'], ui: [] };
    expect(extractPageTerms(texts)).toBe(extractPageTerms(texts));
  });
});

describe('common words', () => {
  it('has a few hundred lower-case entries and no frequent surnames', () => {
    expect(COMMON_WORDS.size).toBeGreaterThanOrEqual(300);
    for (const word of COMMON_WORDS) expect(word).toBe(word.toLowerCase());
    for (const surname of ['müller', 'schneider', 'fischer', 'weber', 'koch', 'richter', 'klein', 'wolf']) {
      expect(COMMON_WORDS.has(surname), surname).toBe(false);
    }
  });
});
