import { describe, expect, it } from 'vitest';
import { dayInputValue, parseDayInput } from '../../../collector/dashboard/format';
import { translator } from '../../../collector/dashboard/i18n';

// What the dashboard says instead of technical values (issue #16 items 7 and 12): days as officers
// type them, frame paths and mask counts in words, in German and English.

describe('parseDayInput', () => {
  it.each([
    ['24.11.2026', '2026-11-24'],
    ['1.2.2027', '2027-02-01'],
    [' 29.02.2028 ', '2028-02-29'],
    ['2026-11-24', '2026-11-24'],
    ['29.02.2027', null],
    ['31.04.2026', null],
    ['2026-13-01', null],
    ['11/24/2026', null],
    ['24.11.26', null],
    ['', null],
  ])('%j → %j', (text, day) => {
    expect(parseDayInput(text)).toBe(day);
  });

  it('shows a stored day the way it is typed', () => {
    expect(dayInputValue('2026-11-24')).toBe('24.11.2026');
    expect(dayInputValue(undefined)).toBe('');
  });
});

describe('frame paths in words', () => {
  it.each([
    ['de', 'top', 'Hauptfenster'],
    ['de', 'top>frame[1]', 'Rahmen 2'],
    ['de', 'top>frame[1]>frame[0]', 'Rahmen 2 › Rahmen 1'],
    ['de', 'top>iframe[0]', 'Rahmen 1'],
    ['en', 'top', 'Main window'],
    ['en', 'top>frame[0]', 'Frame 1'],
    // Anything else is shown as sent rather than hidden behind a wrong label.
    ['de', 'top>portal', 'top>portal'],
    ['en', 'weird', 'weird'],
  ] as const)('%s: %s → %s', (lang, path, words) => {
    expect(translator(lang).framePath(path)).toBe(words);
  });
});

describe('mask counts in words', () => {
  it.each([
    ['de', { name: 2, aktenzeichen: 3 }, '2 Namen, 3 Aktenzeichen'],
    ['de', { name: 1, phone: 1 }, '1 Name, 1 Telefonnummer'],
    ['en', { name: 2, aktenzeichen: 3 }, '2 names, 3 file references'],
    ['en', { email: 1, iban: 2 }, '1 email address, 2 IBANs'],
    ['de', { 'url-segment': 1, name: 0 }, '1 × Kennung in der Adresse'],
    ['en', { 'org-specific': 4 }, '4 × org-specific'],
  ] as const)('%s: %j → %s', (lang, counts, words) => {
    expect(translator(lang).maskCounts(counts)).toBe(words);
  });

  it('reads as a sentence with the verb', () => {
    const t = translator('de');
    expect(t.t('masked', { list: t.maskCounts({ name: 2, aktenzeichen: 3 }) })).toBe(
      '2 Namen, 3 Aktenzeichen maskiert',
    );
  });
});
