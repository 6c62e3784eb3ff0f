import { IBAN_LENGTHS, ibanRemainder, isValidRvnr, isValidSteuerId } from '../checksums';
import { PLACEHOLDER_RE } from '../kinds';
import type { Span } from '../spans';
import { APP_WORDS } from './name-words';
import { countDigits, eachMatch, NOT_AFTER_WORD, NOT_BEFORE_WORD, SP } from './shared';

// Identifiers also stand inside file names and keys ("Scan_598K046578_Hornung.pdf"): an underscore
// is a boundary for them, unlike for words.
const ID_NOT_AFTER = '(?<![\\p{L}\\p{M}\\p{N}])';
const ID_NOT_BEFORE = '(?![\\p{L}\\p{M}\\p{N}])';

// Country code, check digits, then alphanumerics with single spaces anywhere (people group by 4,
// banks' letters by 4 or 5, copy-paste by none). The candidate is cut to the country's length below.
const IBAN_RE = new RegExp(`${ID_NOT_AFTER}[A-Za-z]{2}${SP}?\\d{2}(?:${SP}?[A-Za-z0-9]){11,30}`, 'gu');
const ALNUM = /[\p{L}\p{M}\p{N}]/u;

/**
 * IBANs of any country, validated with MOD 97-10. A German-shaped candidate (DE + 20 digits) that
 * fails the check is masked anyway: a mistyped IBAN is still a client's bank account, and nothing
 * else in a caseworker's note has that shape. Other countries' failures are left alone because
 * their looser shapes also fit product keys and reference codes.
 */
export function detectIbans(text: string, out: Span[]): void {
  IBAN_RE.lastIndex = 0;
  for (let m = IBAN_RE.exec(text); m; m = IBAN_RE.exec(text)) {
    // Positions (in text) of each alphanumeric character of the candidate.
    const positions: number[] = [];
    let compact = '';
    // An IBAN is written in one case; a change of case means the next word has begun ("… 361 in Tripolis").
    // (Character codes rather than regexes: this loop runs for every candidate.)
    const lower = m[0].charCodeAt(0) >= 97;
    for (let i = 0; i < m[0].length; i++) {
      const code = m[0].charCodeAt(i);
      if (code < 48) continue; // space or tab; the regex allows nothing else below '0'
      if (code > 127) continue; // no-break spaces
      const isLower = code >= 97;
      const isUpper = code >= 65 && code <= 90;
      if ((lower && isUpper) || (!lower && isLower)) break;
      positions.push(m.index + i);
      compact += String.fromCharCode(isLower ? code - 32 : code);
    }
    const country = compact.slice(0, 2);
    const known = IBAN_LENGTHS[country];
    // "DE 57 7016 …": a space after the country code only for a known country with a valid checksum;
    // otherwise any word before a number ("im 10378620704") would start a candidate.
    const spaced = /^[A-Za-z]{2}[ \t\u00A0\u202F]/.test(m[0]);
    let found = 0;
    if (spaced) {
      const candidate = known === undefined ? '' : compact.slice(0, known);
      if (known !== undefined && candidate.length === known && ibanRemainder(candidate) === 1) found = known;
    } else if (known !== undefined) {
      const candidate = compact.slice(0, known);
      const valid = candidate.length === known && ibanRemainder(candidate) === 1;
      if (valid || (country === 'DE' && /^DE\d{20}$/.test(candidate))) found = known;
    } else {
      found = longestValidLength(compact);
    }
    if (found === 0) {
      // Not an IBAN here; let the scan try again from the next character (an IBAN may start inside).
      IBAN_RE.lastIndex = m.index + 1;
      continue;
    }
    let end = (positions[found - 1] ?? m.index) + 1;
    // An IBAN glued to more letters or digits is still masked, together with what is glued to it.
    while (end < text.length && ALNUM.test(text[end] ?? '')) end++;
    out.push({ start: m.index, end, kind: 'iban' });
    IBAN_RE.lastIndex = end;
  }
}

/**
 * For a country missing from the registry table: the longest prefix (15–34 characters) that passes
 * MOD 97-10, or 0. One pass: the remainder of the growing BBAN is carried along and the moved
 * country code and check digits (always six digits) are appended arithmetically.
 */
function longestValidLength(compact: string): number {
  const tail = tailValue(compact);
  let remainder = 0;
  let found = 0;
  for (let i = 4; i < compact.length && i < 34; i++) {
    const code = compact.charCodeAt(i);
    remainder = code <= 57 ? (remainder * 10 + (code - 48)) % 97 : (remainder * 100 + (code - 55)) % 97;
    if (i + 1 >= 15 && (remainder * 1_000_000 + tail) % 97 === 1) found = i + 1;
  }
  return found;
}

// Country code as two two-digit numbers followed by the check digits: "GB82" → 161182.
function tailValue(compact: string): number {
  const letter = (i: number) => compact.charCodeAt(i) - 55;
  return letter(0) * 10_000 + letter(1) * 100 + Number(compact.slice(2, 4));
}

// AA DDMMYY L SS C with single spaces allowed between any two characters.
const RVNR_RE = new RegExp(
  `${NOT_AFTER_WORD}\\d(?:${SP}?\\d){7}${SP}?[A-Za-z]${SP}?\\d(?:${SP}?\\d){2}${NOT_BEFORE_WORD}`,
  'gu',
);

/**
 * Rentenversicherungsnummern. A valid check digit always masks. A failed check still masks when
 * the birth-date part is a plausible date: eight digits, a letter, three digits with a real date
 * inside is a mistyped insurance number, not a software term.
 */
export function detectRvnrs(text: string, out: Span[]): void {
  eachMatch(RVNR_RE, text, (m) => {
    const value = m[0].replace(/[ \t\u00A0\u202F]/g, '').toUpperCase();
    if (isValidRvnr(value) || plausibleBirthDate(value.slice(2, 8))) {
      out.push({ start: m.index, end: m.index + m[0].length, kind: 'rvnr' });
    }
  });
}

// The DRV may raise the day when a birth date's serial numbers run out, so only the month is strict.
function plausibleBirthDate(ddmmyy: string): boolean {
  const day = Number(ddmmyy.slice(0, 2));
  const month = Number(ddmmyy.slice(2, 4));
  return day >= 1 && month >= 1 && month <= 12;
}

// 11 digits, first not 0, in one block or in groups ("12 345 678 901", "12/345/678/901"); not part of a
// longer number, but glued to letters or a file name it still counts ("steuerid86095742719",
// "Scan_86095742719.pdf"): the check digit, not the neighbourhood, tells an ID.
const STEUER_ID_RE = new RegExp(
  `(?<![\\p{N}])(?<![\\p{N}][.,/-])[1-9](?:${SP}?\\d){10}(?![\\p{N}]|[.,]\\d)`,
  'gu',
);
// The groups written with one separator other than a space, the same throughout.
const STEUER_ID_SEPARATED_RE =
  /(?<![\p{N}])(?<![\p{N}][.,/-])[1-9]\d{1,2}([/.-])\d{3}\1\d{3}\1\d{2,3}(?![\p{N}]|[.,/-]\d)/gu;

/** Steuer-IDs with a valid ISO 7064 check digit. Eleven-digit numbers that fail it go to `detectLongNumbers`. */
export function detectSteuerIds(text: string, out: Span[]): void {
  STEUER_ID_RE.lastIndex = 0;
  for (let m = STEUER_ID_RE.exec(text); m; m = STEUER_ID_RE.exec(text)) {
    if (isValidSteuerId(m[0])) {
      out.push({ start: m.index, end: m.index + m[0].length, kind: 'steuer-id' });
      continue;
    }
    // Digit groups run on ("… 8 10 400 702 001"): a valid ID may start at a later group, so the scan
    // goes on from the next character (the pattern's own look-behind keeps it at group starts).
    STEUER_ID_RE.lastIndex = m.index + 1;
  }
  eachMatch(STEUER_ID_SEPARATED_RE, text, (m) => {
    if (m[0].replace(/\D/gu, '').length === 11 && isValidSteuerId(m[0].replace(/\D/gu, '')))
      out.push({ start: m.index, end: m.index + m[0].length, kind: 'steuer-id' });
  });
}

// BG-Nummer: 5-digit office number, "//" (or "BG"), 7 digits.
const BG_RE = new RegExp(`(?<![\\p{N}])\\d{5}${SP}*(?://|BG)${SP}*\\d{7}(?![\\p{N}])`, 'giu');
// Kundennummer: 3 digits, a letter, 6 digits.
const KUNDENNR_RE = new RegExp(`${ID_NOT_AFTER}\\d{3}${SP}?[A-Za-z]${SP}?\\d{6}${ID_NOT_BEFORE}`, 'gu');

/** BG-Nummern (`12345//0012345`) and Kundennummern (`123D456789`). */
export function detectCaseNumbers(text: string, out: Span[]): void {
  eachMatch(BG_RE, text, (m) => {
    out.push({ start: m.index, end: m.index + m[0].length, kind: 'bg-nr' });
  });
  eachMatch(KUNDENNR_RE, text, (m) => {
    out.push({ start: m.index, end: m.index + m[0].length, kind: 'kundennr' });
  });
}

// A code made of letter/digit segments joined by - / . _ ("JC-2024-004711", "II-4711/2024").
// May start after "/", so that paths and URLs typed into a note are looked at too.
const CODE_RE = /(?<![\p{L}\p{M}\p{N}_\-.])[\p{L}\p{N}]+(?:[-/._][\p{L}\p{N}]+)+/gu;
// Letters glued to a long number ("AZ20240047", "INC0012345").
const GLUED_CODE_RE = new RegExp(`${NOT_AFTER_WORD}[A-Z]{1,4}\\d{6,}${NOT_BEFORE_WORD}`, 'gu');
// Court file numbers of the social courts: "S 12 AS 3456/24", "L 11 AS 1234/22 B ER".
const COURT_RE = new RegExp(
  `${NOT_AFTER_WORD}[A-Z]{1,2}${SP}\\d{1,3}${SP}[A-Z]{1,4}${SP}\\d{1,6}/\\d{2,4}(?:${SP}B)?(?:${SP}ER)?${NOT_BEFORE_WORD}`,
  'gu',
);

/**
 * File references (Aktenzeichen, Geschäftszeichen) and similar codes: letters and digits joined by
 * separators with at least four digits. Letter segments must look like a code (upper case, or at
 * most four letters), so "Windows-2019" or "Update-2024" stay while "JC-2024-004711" is masked.
 */
export function detectFileReferences(text: string, out: Span[]): void {
  eachMatch(CODE_RE, text, (m) => {
    const code = m[0];
    const before = text.slice(Math.max(0, m.index - 20), m.index);
    // A code glued to one of our placeholders is what is left of a longer token a first pass saw whole.
    if (PLACEHOLDER_AFTER_RE.test(text.slice(m.index + code.length)) || PLACEHOLDER_BEFORE_RE.test(before))
      return;
    // Error and message codes ("Fehler E-4711", "Meldung VB-1002-3"), and the seconds of a time stamp
    // ("09:07:12.345Z"), share a file reference's shape but name nobody.
    if (CODE_CUE_RE.test(before) && countDigits(code) <= 8) return;
    if (/\d{2}:\d{2}:$/.test(before)) return;
    if (isTicket(code, before)) return;
    if (isFileReference(code)) {
      out.push({ start: m.index, end: m.index + code.length, kind: 'aktenzeichen' });
      return;
    }
    // A path or URL ("ea.jc.example/akte/JC-2024-004711") fails as a whole; look at its parts.
    let offset = 0;
    for (const part of code.split('/')) {
      if (isFileReference(part)) {
        out.push({ start: m.index + offset, end: m.index + offset + part.length, kind: 'aktenzeichen' });
      }
      offset += part.length + 1;
    }
  });
  eachMatch(COURT_RE, text, (m) => {
    out.push({ start: m.index, end: m.index + m[0].length, kind: 'aktenzeichen' });
  });
  eachMatch(GLUED_CODE_RE, text, (m) => {
    // IT service tickets ("INC0012345", "RITM754346") are the help desk's numbers, not a client's.
    if (isTicket(m[0], text.slice(Math.max(0, m.index - 24), m.index))) return;
    out.push({ start: m.index, end: m.index + m[0].length, kind: 'aktenzeichen' });
  });
}

const PLACEHOLDER_AFTER_RE = new RegExp(`^[-/._]?(?:${PLACEHOLDER_RE.source})`);
const PLACEHOLDER_BEFORE_RE = new RegExp(`(?:${PLACEHOLDER_RE.source})[-/._]?$`);

// Ticket numbers of IT service desks (ServiceNow, Jira Service Management and the like), in any case and
// with or without a hyphen ("INC0012345", "SR-533197", "inc-0012345"), or any code after "Ticket".
const TICKET_PREFIX_RE = /^(?:INC|RITM|REQ|CHG|PRB|TASK|SCTASK|SR|RFC|KB)(?:\d|(?:[-_]\d+)+$)/iu;
const TICKET_CUE_RE =
  /(?:ticket|incident|störung(?:smeldung)?|change|request|service-?desk|helpdesk|anfrage|issue|jira|bug|story|task|testfall|defect|#)(?:nummer|-?nr\.?)?\s*:?\s*$/iu;
// An issue key of a product's tracker ("ALLEGRO-1234", "VERBIS-20456"): the product's name and a number.
const PRODUCT_KEY_RE = /^(\p{L}+)-\d{1,6}$/u;
const isTicket = (code: string, before: string) =>
  TICKET_PREFIX_RE.test(code) ||
  TICKET_CUE_RE.test(before) ||
  APP_WORDS.has((PRODUCT_KEY_RE.exec(code)?.[1] ?? '').toLowerCase());

/** Prefixes of standards and error codes ("ISO-8859-1", "ORA-01017"), which share the shape of a file reference. */
const TECHNICAL_PREFIXES = new Set([
  'ISO',
  'DIN',
  'EN',
  'IEC',
  'UTF',
  'ORA',
  'HTTP',
  'HTTPS',
  'TLS',
  'SSL',
  'CVE',
  'RFC',
  'KB',
]);

// Shapes that share a file reference's look but name no one: ISO time stamps ("2025-11-27T14"), versions ("v3.18.0").
const NOT_A_REFERENCE_RE =
  /^(?:\d{4}-\d{2}-\d{2}[Tt]\d{1,2}|[vV]?\d+(?:\.\d+)+(?:[a-z]|-?(?:rc|beta|alpha|hotfix|patch|build|b|p)\d*)?)$/iu;
// An error or message code follows these words: "Fehler E-4711", "Meldung VB-1002", "Fehlercode ALG-2031".
// Rooms, devices, releases, directives, forms and teams carry codes of the same shape ("Raum B-214",
// "Rechner JC-WS-0815", "Build 8.14.2-rc3", "Weisung 202411003", "Vordruck BA-II-17a") and name nobody.
const CODE_CUE_RE =
  /(?:fehler|fehlercode|fehlernummer|meldung|meldungsnummer|code|error|warnung|status|returncode|rc|raum|zimmer|büro|gebäude|etage|version|release|build|patch|hotfix|weisung|weisungsnummer|hega|formular|vordruck|vorlage|kostenstelle|rechner|pc|arbeitsplatz|drucker|gerät|server|team|dienststelle|modul|maske|schnittstelle|seite|zeile|spalte|kapitel|randziffer|rz\.?|postfach|profil|testfall|rolle|gruppe|mandant|sprint)\s*:?\s*$/iu;

function isFileReference(code: string): boolean {
  if (countDigits(code) < 4 || NOT_A_REFERENCE_RE.test(code)) return false;
  const segments = code.split(/[-/._]/);
  if (TECHNICAL_PREFIXES.has(segments[0] ?? '')) return false;
  let letters = false;
  for (const segment of segments) {
    if (!/\p{L}/u.test(segment)) continue;
    letters = true;
    const onlyLetters = /^\p{L}+$/u.test(segment);
    if (onlyLetters && segment.length > 4 && segment !== segment.toUpperCase()) return false;
  }
  return letters;
}

const PUBLIC_NUMBER_CUE_RE =
  /(?:weisung|weisungsnummer|hega|version|release|build|fehler|fehlercode|error|ticket|incident|kostenstelle|dienststelle)\s*(?:nr\.?|nummer)?\s*:?\s*$/iu;

// Eight or more digits in one block (Kontonummer, BLZ, mistyped Steuer-ID, Vorgangsnummer).
const LONG_NUMBER_RE = /(?<![\p{L}\p{M}\p{N}_.,])\d{8,}(?![\p{L}\p{M}\p{N}_]|[.,]\d)/gu;

/**
 * Long unformatted numbers: old account numbers, bank codes and the like. Nothing in an ordinary
 * sentence about software is eight digits long, and such a number is a value about somebody.
 */
export function detectLongNumbers(text: string, out: Span[]): void {
  eachMatch(LONG_NUMBER_RE, text, (m) => {
    // Directive, release and error numbers are long too ("Weisung 202411003"); none is about a person.
    if (PUBLIC_NUMBER_CUE_RE.test(text.slice(Math.max(0, m.index - 24), m.index))) return;
    out.push({ start: m.index, end: m.index + m[0].length, kind: 'value' });
  });
}

// Serial numbers of German identity cards and passports (since 2010): nine characters from the
// alphabet below, the first a letter, then an optional check digit; any case.
const AUSWEIS_RE = new RegExp(
  `${ID_NOT_AFTER}[CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ0-9]{8}\\d?${ID_NOT_BEFORE}`,
  'giu',
);

// An ID card or passport named in the same sentence before the serial.
const ID_CARD_WORD =
  '(?:pa(?=[_-])|ausweis[\\p{L}.-]*|reisepass[\\p{L}.-]*|pass(?:nummer|nr\\.?|-nr\\.?)?|perso(?:-?nr\\.?)?|pa-?nr\\.?|id-?karte|seriennummer|dokumentennummer|identity card|id card|passport)';
const ID_CARD_CUE_RE = new RegExp(`${ID_CARD_WORD}(?![\\p{L}])[^!?\\n]*$`, 'iu');
// … or named after it in the same sentence ("L01X00T47 ist als Ausweisnummer hinterlegt").
const ID_CARD_CUE_AFTER_RE = new RegExp(`^[^.!?\\n]{0,60}?(?<![\\p{L}])${ID_CARD_WORD}`, 'iu');
const idCardNamed = (text: string, start: number, end: number) =>
  ID_CARD_CUE_RE.test(text.slice(Math.max(0, start - 60), start)) ||
  ID_CARD_CUE_AFTER_RE.test(text.slice(end, end + 70));

// A serial glued to letters ("ausweisL01X00T471") or followed by the nationality ("L01X00T471D"):
// only with its check digit, which a run of letters and digits meets by chance one time in ten.
const AUSWEIS_GLUED_RE =
  /(?<=(?:ausweis|pass|perso|nr|nummer|id)[.:#-]?)[CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ0-9]{8}\d(?![\p{N}])|(?<![\p{L}\p{N}])[CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ0-9]{8}\d(?=D(?![\p{L}\p{N}]))/giu;

/** ICAO 9303 check digit (weights 7, 3, 1; letters A = 10 … Z = 35). */
export function icaoCheckDigit(serial: string): number {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < serial.length; i++) {
    const c = serial.charCodeAt(i);
    const value = c <= 57 ? c - 48 : c - 55;
    sum += value * (weights[i % 3] ?? 1);
  }
  return sum % 10;
}

// The same serial written in groups ("L01X 00T 471", "T2200 01293"): two or three groups of three to
// five characters.
const AUSWEIS_SPACED_RE = new RegExp(
  `${ID_NOT_AFTER}[CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ0-9]{2,4}(?:${SP}[CFGHJKLMNPRTVWXYZ0-9]{3,5}){1,2}${ID_NOT_BEFORE}`,
  'giu',
);

const oneCase = (token: string) => token === token.toUpperCase() || token === token.toLowerCase();

/**
 * Personalausweis and passport numbers ("L01X00T471", "c01x00t47"). With ten characters the check
 * digit must hold; nine characters need a digit among the letters, a shape no software term has here.
 */
export function detectIdCardNumbers(text: string, out: Span[]): void {
  eachMatch(AUSWEIS_RE, text, (m) => {
    const value = m[0].toUpperCase();
    const digits = countDigits(value);
    // Ten characters whose last is the ICAO check digit of the nine before: an ID card number whatever
    // its mix (serials may hold few digits: "WFL2GKXML0"); one in ten random tokens of this rare
    // vowel-less shape would pass, so it also needs a digit inside.
    const checked =
      value.length === 10 && digits >= 2 && icaoCheckDigit(value.slice(0, 9)) === Number(value[9]);
    // Nine characters, or ten with a wrong check digit (mistyped): a digit among letters of this
    // vowel-less alphabet, in one case, is no word, abbreviation or product ("W9GKYTGYG", "rw9l9vtg2").
    // Ten with a wrong check digit still need four digits ("lzxgkhmnp7" may be a user name).
    const shaped =
      digits < value.length - 1 && oneCase(m[0]) && (value.length === 9 ? digits >= 1 : digits >= 4);
    // In a sentence about an ID card or passport any serial of the shape counts, even one with a single
    // digit or a mistyped check digit: no word is nine consonants of this alphabet and a digit.
    const cued =
      digits >= 1 && digits < value.length - 1 && idCardNamed(text, m.index, m.index + m[0].length);
    if (checked || shaped || cued) out.push({ start: m.index, end: m.index + m[0].length, kind: 'value' });
  });
  eachMatch(AUSWEIS_GLUED_RE, text, (m) => {
    const value = m[0].toUpperCase();
    if (countDigits(value) >= 2 && icaoCheckDigit(value.slice(0, 9)) === Number(value[9]))
      out.push({ start: m.index, end: m.index + m[0].length, kind: 'value' });
  });
  // In groups only with the check digit or a card named before: grouped, the shape alone is too common.
  eachMatch(AUSWEIS_SPACED_RE, text, (m) => {
    const value = m[0].replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();
    if (value.length < 9 || value.length > 10) return;
    const digits = countDigits(value);
    const checked =
      value.length === 10 && digits >= 2 && icaoCheckDigit(value.slice(0, 9)) === Number(value[9]);
    const cued =
      digits >= 1 && digits < value.length - 1 && idCardNamed(text, m.index, m.index + m[0].length);
    // A table cell or field that holds nothing but the grouped serial.
    const alone = digits >= 1 && digits < value.length - 1 && text.trim() === m[0];
    if (checked || cued || alone) out.push({ start: m.index, end: m.index + m[0].length, kind: 'value' });
  });
}
