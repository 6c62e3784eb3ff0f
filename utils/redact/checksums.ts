/**
 * Check digits of the identifiers that carry one. The detectors use them to tell an identifier from
 * a number that merely has the same shape; see detectors/identifiers.ts for what happens on failure.
 * All functions accept the usual spacing and ignore it.
 */

/** IBAN lengths by country (SWIFT IBAN registry); countries not listed are tried at every length. */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MR: 27,
  MT: 31,
  MU: 30,
  NL: 18,
  NO: 15,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  SA: 24,
  SC: 31,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
};

const compact = (value: string) => value.replace(/[\s\u00A0\u202F]/g, '').toUpperCase();

/** Remainder of the IBAN's rearranged digit string modulo 97, computed piecewise (no BigInt needed). */
export function ibanRemainder(iban: string): number {
  const value = compact(iban);
  const rearranged = value.slice(4) + value.slice(0, 4);
  let remainder = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const code = rearranged.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      remainder = (remainder * 10 + (code - 48)) % 97;
    } else if (code >= 65 && code <= 90) {
      // Letters count as two digits: A = 10 … Z = 35.
      remainder = (remainder * 100 + (code - 55)) % 97;
    } else {
      return -1;
    }
  }
  return remainder;
}

/** True when the string is an IBAN with a correct ISO 7064 MOD 97-10 check and a plausible length. */
export function isValidIban(iban: string): boolean {
  const value = compact(iban);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(value)) return false;
  const expected = IBAN_LENGTHS[value.slice(0, 2)];
  if (expected !== undefined && value.length !== expected) return false;
  return ibanRemainder(value) === 1;
}

/** Weights of the DRV check digit over the 12 digits of area, birth date, letter (as 01–26) and serial. */
const RVNR_WEIGHTS = [2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1] as const;

/**
 * Check digit of a Rentenversicherungsnummer (`AA DDMMYY L SS C`) per the DRV rules: the letter
 * becomes its two-digit position in the alphabet, each of the 12 digits is multiplied by its weight,
 * the cross sums of the products are added and the check digit is that sum modulo 10.
 * Worked example, `65 170839 J 00 3`: digits 6 5 1 7 0 8 3 9 1 0 0 0 (J = 10), products
 * 12 5 2 35 0 8 6 9 2 0 0 0, cross sums 3 5 2 8 0 8 6 9 2 0 0 0, sum 43, check digit 3.
 * Returns -1 for anything that is not shaped like the first 11 characters.
 */
export function rvnrCheckDigit(first11: string): number {
  const value = compact(first11);
  if (!/^\d{8}[A-Z]\d{2}$/.test(value)) return -1;
  const letter = value.charCodeAt(8) - 64;
  const digits = value.slice(0, 8) + String(letter).padStart(2, '0') + value.slice(9, 11);
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const product = Number(digits[i]) * (RVNR_WEIGHTS[i] ?? 0);
    sum += Math.floor(product / 10) + (product % 10);
  }
  return sum % 10;
}

/** True when the string is a Rentenversicherungsnummer (12 characters, spaces allowed) with a correct check digit. */
export function isValidRvnr(rvnr: string): boolean {
  const value = compact(rvnr);
  if (!/^\d{8}[A-Z]\d{3}$/.test(value)) return false;
  return rvnrCheckDigit(value.slice(0, 11)) === Number(value[11]);
}

/** Check digit of a Steuer-ID over its first 10 digits (ISO 7064 MOD 11,10); -1 when not 10 digits. */
export function steuerIdCheckDigit(first10: string): number {
  const value = compact(first10);
  if (!/^\d{10}$/.test(value)) return -1;
  let product = 10;
  for (let i = 0; i < 10; i++) {
    let sum = (Number(value[i]) + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  const check = 11 - product;
  return check === 10 ? 0 : check;
}

/**
 * True when the string is a Steuer-ID: 11 digits (spaces allowed), first digit not 0, correct check
 * digit. The rule that exactly one digit repeats among the first ten is deliberately not checked:
 * it changed in 2016 and a stricter check only means fewer masks.
 */
export function isValidSteuerId(id: string): boolean {
  const value = compact(id);
  if (!/^[1-9]\d{10}$/.test(value)) return false;
  return steuerIdCheckDigit(value.slice(0, 10)) === Number(value[10]);
}
