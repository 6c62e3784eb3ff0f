import fc from 'fast-check';

/*
 * Generators for the property tests. The check digits are computed here independently of
 * utils/redact/checksums.ts (BigInt instead of piecewise arithmetic, plain loops), so a bug in the
 * production checksum cannot make its own test data agree with it.
 */

/** ISO 13616 check digits for a country code and BBAN. */
export function ibanFor(country: string, bban: string): string {
  const digits = [...`${bban}${country}00`].map((c) => Number.parseInt(c, 36).toString()).join('');
  const check = 98n - (BigInt(digits) % 97n);
  return `${country}${check.toString().padStart(2, '0')}${bban}`;
}

/** DRV check digit for the first 11 characters of a Rentenversicherungsnummer. */
export function rvnrFor(area: string, birth: string, letter: string, serial: string): string {
  const digits = `${area}${birth}${String(letter.charCodeAt(0) - 64).padStart(2, '0')}${serial}`;
  const weights = [2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1];
  let sum = 0;
  weights.forEach((w, i) => {
    const product = Number(digits[i]) * w;
    sum += String(product)
      .split('')
      .reduce((a, d) => a + Number(d), 0);
  });
  return `${area}${birth}${letter}${serial}${sum % 10}`;
}

/** ISO 7064 MOD 11,10 check digit appended to ten digits. */
export function steuerIdFor(first10: string): string {
  let product = 10;
  for (const d of first10) {
    const sum = (Number(d) + product) % 10 || 10;
    product = (sum * 2) % 11;
  }
  const check = (11 - product) % 10;
  return `${first10}${check}`;
}

const digitString = (min: number, max = min) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((d) => d.join(''));
const upper = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
const alnumUpper = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
const groupsOf4 = (value: string) => value.replace(/(.{4})(?=.)/g, '$1 ');

/** A planted value: the raw string and the placeholder we expect in its place. */
export interface Planted {
  value: string;
  placeholder: string;
}

/** Valid IBANs: German and a few other countries, compact or in groups of four. */
export const ibanArb: fc.Arbitrary<Planted> = fc
  .tuple(
    fc.oneof(
      digitString(18).map((bban) => ibanFor('DE', bban)),
      digitString(16).map((bban) => ibanFor('AT', bban)),
      fc
        .tuple(fc.array(upper, { minLength: 4, maxLength: 4 }), digitString(10))
        .map(([bank, acct]) => ibanFor('NL', bank.join('') + acct)),
      fc
        .tuple(digitString(10), fc.array(alnumUpper, { minLength: 11, maxLength: 11 }), digitString(2))
        .map(([a, b, c]) => ibanFor('FR', a + b.join('') + c)),
      fc
        .tuple(fc.array(upper, { minLength: 4, maxLength: 4 }), digitString(14))
        .map(([bank, acct]) => ibanFor('GB', bank.join('') + acct)),
    ),
    fc.boolean(),
  )
  .map(([iban, spaced]) => ({ value: spaced ? groupsOf4(iban) : iban, placeholder: '[IBAN]' }));

const birthDate = fc
  .tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 99 }))
  .map(([d, m, y]) => [d, m, y].map((n) => String(n).padStart(2, '0')).join(''));

/** Valid Rentenversicherungsnummern, compact or as "AA DDMMYY L SS C". */
export const rvnrArb: fc.Arbitrary<Planted> = fc
  .tuple(digitString(2), birthDate, upper, digitString(2), fc.boolean())
  .map(([area, birth, letter, serial, spaced]) => {
    const v = rvnrFor(area, birth, letter, serial);
    const value = spaced ? `${v.slice(0, 2)} ${v.slice(2, 8)} ${v[8]} ${v.slice(9, 11)} ${v[11]}` : v;
    return { value, placeholder: '[RVNR]' };
  });

/** Valid Steuer-IDs, compact or as "12 345 678 901". */
export const steuerIdArb: fc.Arbitrary<Planted> = fc
  .tuple(fc.integer({ min: 1, max: 9 }), digitString(9), fc.boolean())
  .map(([first, rest, grouped]) => {
    const v = steuerIdFor(`${first}${rest}`);
    const value = grouped ? `${v.slice(0, 2)} ${v.slice(2, 5)} ${v.slice(5, 8)} ${v.slice(8)}` : v;
    return { value, placeholder: '[STEUER-ID]' };
  });

const localChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789');
const word = (min: number, max: number) =>
  fc
    .array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), { minLength: min, maxLength: max })
    .map((a) => a.join(''));

/** E-mail addresses with dots, hyphens, plus tags and German domains. */
export const emailArb: fc.Arbitrary<Planted> = fc
  .tuple(
    fc.array(localChar, { minLength: 1, maxLength: 12 }).map((a) => a.join('')),
    fc.constantFrom('', '.', '-', '_', '+'),
    fc.array(localChar, { minLength: 1, maxLength: 8 }).map((a) => a.join('')),
    word(2, 12),
    fc.constantFrom('de', 'com', 'net', 'org', 'info', 't-online.de', 'example.de'),
  )
  .map(([a, sep, b, domain, tld]) => ({ value: `${a}${sep}${b}@${domain}.${tld}`, placeholder: '[E-MAIL]' }));

/** German phone numbers in the usual notations, 6 to 13 digits. */
export const phoneArb: fc.Arbitrary<Planted> = fc
  .tuple(
    fc.oneof(
      fc.integer({ min: 10, max: 9999 }).map(String),
      fc.constantFrom('151', '152', '157', '160', '162', '170', '171', '172', '176', '179'),
    ),
    digitString(4, 8),
    fc.constantFrom(
      'national-space',
      'national-slash',
      'national-hyphen',
      'parens',
      'plus',
      'plus-zero',
      '0049',
    ),
  )
  .map(([area, number, style]) => {
    const value = {
      'national-space': `0${area} ${number}`,
      'national-slash': `0${area}/${number}`,
      'national-hyphen': `0${area}-${number}`,
      parens: `(0${area}) ${number}`,
      plus: `+49 ${area} ${number}`,
      'plus-zero': `+49 (0) ${area} ${number}`,
      '0049': `0049 ${area} ${number}`,
    }[style];
    return { value: value ?? '', placeholder: '[TELEFON]' };
  });

/** BG-Nummern with and without spaces around "//". */
export const bgNrArb: fc.Arbitrary<Planted> = fc
  .tuple(digitString(5), digitString(7), fc.boolean())
  .map(([a, b, spaced]) => ({ value: spaced ? `${a} // ${b}` : `${a}//${b}`, placeholder: '[BG-NR]' }));

/** Kundennummern: three digits, a letter, six digits. */
export const kundennrArb: fc.Arbitrary<Planted> = fc
  .tuple(digitString(3), upper, digitString(6))
  .map(([a, l, b]) => ({ value: `${a}${l}${b}`, placeholder: '[KUNDENNR]' }));

/**
 * Words for random sentences about software. Capitalised ones are all ordinary vocabulary (so a
 * number before them is no postcode); none is a label, salutation, street word or birth trigger.
 */
export const SENTENCE_WORDS = [
  'die',
  'Maske',
  'lädt',
  'seit',
  'dem',
  'Update',
  'nicht',
  'mehr',
  'richtig',
  'und',
  'der',
  'Button',
  'bleibt',
  'grau',
  'wenn',
  'ich',
  'Speichern',
  'klicke',
  'im',
  'Reiter',
  'fehlt',
  'eine',
  'Spalte',
  'bei',
  'Eingabe',
  'kommt',
  'Fehler',
  'Liste',
  'zeigt',
  'falsche',
  'Werte',
  'Seite',
  'hängt',
  'sehr',
  'langsam',
  'heute',
  'wieder',
  'Drucker',
  'druckt',
  'leer',
  'nach',
  'Übersicht',
  'springt',
  'zurück',
  'Tabelle',
  'sortiert',
] as const;

const sentenceWords = (min: number, max: number) =>
  fc.array(fc.constantFrom(...SENTENCE_WORDS), { minLength: min, maxLength: max }).map((w) => w.join(' '));

/** A sentence with a value planted in it, and the sentence as it must come back. */
export interface PlantedSentence {
  input: string;
  expected: string;
  value: string;
}

/** Plants a value at a random position of a random sentence, next to spaces, punctuation or line ends. */
export function plantedSentence(value: fc.Arbitrary<Planted>): fc.Arbitrary<PlantedSentence> {
  return fc
    .tuple(
      sentenceWords(0, 8),
      fc.constantFrom(' ', ' (', ': ', '\n', ' „'),
      value,
      fc.constantFrom(' ', ', ', '. ', ') ', '\n', '“ '),
      sentenceWords(0, 8),
    )
    .map(([before, open, planted, close, after]) => {
      const head = before ? `${before}${open}` : '';
      const tail = after ? `${close}${after}` : '';
      return {
        input: `${head}${planted.value}${tail}`,
        expected: `${head}${planted.placeholder}${tail}`,
        value: planted.value,
      };
    });
}
