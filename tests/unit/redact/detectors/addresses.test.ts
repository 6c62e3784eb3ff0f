import { describe, expect, it } from 'vitest';
import { expectKept, masked } from './masked';

// Written for these rules; streets and towns from neither the corpora nor the detectors' lists.
describe('addresses typed in lower case and without commas', () => {
  it('masks street, house number, postcode and town written one after the other', () => {
    expect(masked('brief an eichenkamp 12 31134 hildesheim kam zurück')).toBe(
      'brief an [ANSCHRIFT] [PLZ-ORT] kam zurück',
    );
  });

  it('masks a lower-case postcode and town after "in" or "nach"', () => {
    expect(masked('neue adresse: zum sportplatz 4 in 31134 hildesheim')).toBe(
      'neue adresse: zum [ANSCHRIFT] in [PLZ-ORT]',
    );
    expect(masked('zieht nach 37073 göttingen')).toBe('zieht nach [PLZ-ORT]');
  });

  it('masks a lower-case street abbreviated "str."', () => {
    expect(masked('zieht zum 1.3. in die schützenstr. 4')).toBe('zieht zum 1.3. in die [ANSCHRIFT]');
  });

  it('keeps counts, sums and phone groups that share the shapes', () => {
    expectKept([
      'Feld 3 4 Einträge',
      'in 12345 fällen falsch',
      'Zimmer 12 30000 Euro',
      'Bescheid 2024 12345 fehlt',
    ]);
  });
});
