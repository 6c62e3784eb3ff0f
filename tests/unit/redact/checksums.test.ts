import { describe, expect, it } from 'vitest';
import { isValidIban, isValidRvnr, isValidSteuerId, rvnrCheckDigit } from '../../../utils/redact/checksums';
import { ibanFor, rvnrFor, steuerIdFor } from './generators';

describe('isValidIban', () => {
  // Published example IBANs of the national banks and the SWIFT registry.
  it.each([
    'DE89370400440532013000',
    'DE89 3704 0044 0532 0130 00',
    'de89 3704 0044 0532 0130 00',
    'GB82WEST12345698765432',
    'FR1420041010050500013M02606',
    'NL91ABNA0417164300',
    'AT611904300234573201',
    'CH9300762011623852957',
    'BE68539007547034',
    'ES9121000418450200051332',
    'IT60X0542811101000000123456',
    'PL61109010140000071219812874',
  ])('accepts %s', (iban) => {
    expect(isValidIban(iban)).toBe(true);
  });

  it.each([
    ['a wrong check digit', 'DE88370400440532013000'],
    ['swapped digits', 'DE89370400440532031000'],
    ['a German IBAN one digit short', 'DE8937040044053201300'],
    ['letters where digits belong', 'DEAB370400440532013000'],
    ['an empty string', ''],
  ])('rejects %s', (_case, iban) => {
    expect(isValidIban(iban)).toBe(false);
  });

  it('agrees with the independent generator', () => {
    expect(isValidIban(ibanFor('DE', '500105175407324931'))).toBe(true);
    expect(ibanFor('DE', '370400440532013000')).toBe('DE89370400440532013000');
  });
});

describe('isValidRvnr', () => {
  it('computes the documented example: 65 170839 J 00 → check digit 3', () => {
    expect(rvnrCheckDigit('65170839J00')).toBe(3);
    expect(isValidRvnr('65 170839 J 00 3')).toBe(true);
    expect(rvnrFor('65', '170839', 'J', '00')).toBe('65170839J003');
  });

  it.each([
    '65170839J003',
    '12030485M513',
    '53290772S024',
    '24111290K482',
    '15010101A005',
    '15 010101 A 00 5',
  ])('accepts %s', (rvnr) => {
    expect(isValidRvnr(rvnr)).toBe(true);
  });

  it.each([
    ['a wrong check digit', '65170839J004'],
    ['a wrong letter', '65170839K003'],
    ['no letter', '651708390003'],
    ['too short', '65170839J00'],
  ])('rejects %s', (_case, rvnr) => {
    expect(isValidRvnr(rvnr)).toBe(false);
  });
});

describe('isValidSteuerId', () => {
  it.each(['86095742719', '47125896304', '25948173623', '57 281 936 483', '39172846500'])(
    'accepts %s',
    (id) => {
      expect(isValidSteuerId(id)).toBe(true);
    },
  );

  it.each([
    ['a wrong check digit', '86095742718'],
    ['a leading zero', steuerIdFor('0609574271')],
    ['ten digits', '8609574271'],
    ['twelve digits', '860957427190'],
  ])('rejects %s', (_case, id) => {
    expect(isValidSteuerId(id)).toBe(false);
  });
});
