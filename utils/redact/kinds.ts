/**
 * What kinds of masks exist and the placeholder each one leaves in the text. The placeholders are
 * German because the notes are read by German officers; they are plain ASCII in brackets so that
 * they survive every later step (trimming, JSON, CSV export) and can be recognised again.
 */
export const MASK_LABELS = {
  iban: '[IBAN]',
  email: '[E-MAIL]',
  phone: '[TELEFON]',
  rvnr: '[RVNR]',
  'steuer-id': '[STEUER-ID]',
  kundennr: '[KUNDENNR]',
  'bg-nr': '[BG-NR]',
  aktenzeichen: '[AKTENZEICHEN]',
  date: '[DATUM]',
  birthdate: '[GEBURTSDATUM]',
  address: '[ANSCHRIFT]',
  postcode: '[PLZ-ORT]',
  name: '[NAME]',
  value: '[WERT]',
  term: '[BEGRIFF]',
  pattern: '[MUSTER]',
} as const;

/** A kind of masked information; also the key in a record's `redaction.counts`. */
export type MaskKind = keyof typeof MASK_LABELS;

/**
 * Tie-break rank of each kind when two overlapping spans are equally long: lower wins. Checksummed
 * and precisely shaped identifiers come first, so that when they tie with a generic detector (a
 * labelled value, a configured pattern) the more specific kind is what officers see in the counts.
 */
export const KIND_RANK: Readonly<Record<MaskKind, number>> = {
  iban: 0,
  rvnr: 1,
  'steuer-id': 2,
  'bg-nr': 3,
  kundennr: 4,
  email: 5,
  phone: 6,
  birthdate: 7,
  date: 8,
  aktenzeichen: 9,
  address: 10,
  postcode: 11,
  term: 12,
  pattern: 13,
  name: 14,
  value: 15,
};

/** Matches any placeholder we write (kept literal, not derived, so bundlers can drop it when unused). */
export const PLACEHOLDER_RE =
  /\[(?:IBAN|E-MAIL|TELEFON|RVNR|STEUER-ID|KUNDENNR|BG-NR|AKTENZEICHEN|DATUM|GEBURTSDATUM|ANSCHRIFT|PLZ-ORT|NAME|WERT|BEGRIFF|MUSTER)\]/g;
