import { COMMON_WORDS } from '../common-words';
import type { Span } from '../spans';
import { eachMatch, NOT_AFTER_WORD, NOT_BEFORE_WORD, SP } from './shared';

/** Labels whose value is an identifier or a date: the value is one token, possibly in groups. */
const ID_LABELS = [
  'Kundennummer',
  'Kunden[ -]?Nr\\.?',
  'Kundennr\\.?',
  'Kd\\.?-?Nr\\.?',
  'KdNr\\.?',
  'BG-?Nummer',
  'BG-?Nr\\.?',
  'Bedarfsgemeinschaftsnummer',
  'Aktenzeichen',
  'Az\\.?',
  'Geschäftszeichen',
  'Gz\\.?',
  '(?:Unser|Ihr) Zeichen',
  'Vorgangsnummer',
  'Vorgangs-?Nr\\.?',
  'Rentenversicherungsnummer',
  'Versicherungsnummer',
  'Sozialversicherungsnummer',
  'RV-?Nummer',
  'RV-?Nr\\.?',
  'RVNR',
  'SV-?Nummer',
  'SV-?Nr\\.?',
  'Versichertennummer',
  'KV-?Nummer',
  'Steuer-?ID',
  'Steuer-?IdNr\\.?',
  'Steueridentifikationsnummer',
  'Steuerliche Identifikationsnummer',
  'IdNr\\.?',
  'Steuernummer',
  'St\\.?-?Nr\\.?',
  'IBAN',
  'BIC',
  'Kontonummer',
  'Konto-?Nr\\.?',
  'Kto\\.?-?Nr\\.?',
  'BLZ',
  'Ausweisnummer',
  'Personalausweis-?Nr\\.?',
  'Personalausweis',
  'PA-?Nr\\.?',
  'Dokumentennummer',
  'Reisepass-?Nr\\.?',
  'Ausweis-?Nr\\.?',
  'Personalausweisnummer',
  'Passnummer',
  'Pass-?Nr\\.?',
  'geb\\.? am',
  'geboren am',
  'Geburtsdatum',
  'Geb\\.?-?Datum',
];

/** Labels whose value is a person's name: the value is one to three capitalised words. */
const NAME_LABELS = [
  'Name',
  'Nachname',
  'Vorname',
  'Familienname',
  'Geburtsname',
  'Kunde/Kundin',
  'Kunde',
  'Kundin',
  'Kund(?:e|in)/in',
  'Antragsteller(?:in)?',
  'Antragsteller/in',
  'Leistungsberechtigte[rn]?',
  'Ehemann',
  'Ehefrau',
  'Ehepartner(?:in)?',
  'Lebenspartner(?:in)?',
  'Partnerin',
  'Sohn',
  'Tochter',
  'Vermieter(?:in)?',
  // Staff are persons too: a note names the colleague or the caseworker in charge.
  'Sachbearbeiter(?:in)?',
  'Bearbeiter(?:in)?',
  'Arbeitsvermittler(?:in)?',
  'Fallmanager(?:in)?',
  'Ansprechpartner(?:in)?',
  'Betreuer(?:in)?',
  'Vormund',
];

const alternation = (labels: readonly string[]) => [...labels].sort((a, b) => b.length - a.length).join('|');

// Label, then what commonly separates it from the value: ":", "#", "=", "Nr.", "ist", "lautet".
const SEPARATOR = `(${SP}*(?:[:#=]|-(?=${SP}))?${SP}*(?:(?:ist|lautet|lt\\.)${SP}+)?)`;

// The label must end at a word boundary: "Kunde" is no label inside "Kundennummer".
const ID_LABEL_RE = new RegExp(
  `${NOT_AFTER_WORD}(?:${alternation(ID_LABELS)})(?![\\p{L}\\p{M}\\p{N}_])${SEPARATOR}`,
  'giu',
);
// Names follow their label directly or after ":"; "Kundin ist Jahrgang 1968" has no name in it.
const NAME_SEPARATOR = `(${SP}*(?:[:=]|-(?=${SP}))?${SP}*)`;
const NAME_LABEL_RE = new RegExp(
  `${NOT_AFTER_WORD}(?:${alternation(NAME_LABELS)})(?![\\p{L}\\p{M}\\p{N}_])${NAME_SEPARATOR}`,
  'giu',
);

const TOKEN_RE = /[^\s]+/y;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}"'»«“”„’]+$/;
const GROUP_CONTINUATION_RE = new RegExp(`${SP}((?:\\d[^\\s]*)|//|/|-|[A-Z])(?=\\s|$|[.,;:!?)])`, 'y');

/**
 * Values after labels ("Kundennummer: ABC-99" → "Kundennummer: [WERT]"). The label stays, so the
 * officer still knows which field the note was about. A value must look like one: it contains a
 * digit, or it follows an explicit ":" / "=" and is not an ordinary lower-case word, so that
 * "die Kundennummer fehlt" and "Kundennummer: ungültig" stay as they are.
 */
export function detectLabelledValues(text: string, out: Span[]): void {
  eachMatch(ID_LABEL_RE, text, (m) => {
    const separator = m[1] ?? '';
    const start = m.index + m[0].length;
    let end = valueEnd(text, start);
    if (end <= start) return;
    // A value runs up to a placeholder of ours, never into it: a second pass over the output must see
    // the same value ("Az.0 0511 12345[NAME]" → its first pass masks "0 0511 12345" whole).
    const placeholder = text.slice(start, end).indexOf('[');
    if (placeholder > 0) end = start + text.slice(start, start + placeholder).trimEnd().length;
    const value = text.slice(start, end);
    if (value === '' || value.startsWith('[')) return;
    const explicit = /[:#=]/.test(separator);
    const hasDigit = /\d/.test(value);
    if (!hasDigit && !(explicit && !/^\p{Ll}+$/u.test(value) && !COMMON_WORDS.has(value.toLowerCase())))
      return;
    out.push({ start, end, kind: 'value' });
  });
  eachMatch(NAME_LABEL_RE, text, (m) => {
    const start = m.index + m[0].length;
    const explicit = /[:=]/.test(m[1] ?? '');
    const end = nameEnd(text, start, { firstMayBeCommon: false, commaJoins: explicit });
    if (end > start) out.push({ start, end, kind: 'value' });
  });
}

/** End of an identifier value: one token, extended over further groups ("12345 // 0012345", "65 170839 J 00 3"). */
function valueEnd(text: string, start: number): number {
  TOKEN_RE.lastIndex = start;
  const token = TOKEN_RE.exec(text);
  if (!token) return start;
  let end = start + token[0].replace(TRAILING_PUNCTUATION, '').length;
  if (!/\d/.test(token[0])) return end;
  // Digits continue in groups as long as the next group starts with a digit or is a lone separator/letter.
  for (let guard = 0; guard < 8; guard++) {
    GROUP_CONTINUATION_RE.lastIndex = end;
    const next = GROUP_CONTINUATION_RE.exec(text);
    if (!next) break;
    end = GROUP_CONTINUATION_RE.lastIndex;
    end -= (next[1] ?? '').length - (next[1] ?? '').replace(TRAILING_PUNCTUATION, '').length;
  }
  return end;
}

// A capitalised word, hyphenated parts allowed ("Müller-Lüdenscheidt", "O'Brien").
const NAME_WORD = "[\\p{Lu}][\\p{L}\\p{M}'’]*(?:-[\\p{Lu}][\\p{L}\\p{M}'’]*)*";
const PARTICLE = '(?:von|van|de|der|den|del|della|di|da|du|dos|zu|vom|zur|ten|ter|la|le|el|al|bin|ibn)';
// Particles stand apart ("von der Heide") or hyphenated ("al-Hassan").
const NAME_WORD_RE = new RegExp(`(?:${PARTICLE}(?:${SP}+|-))*${NAME_WORD}${NOT_BEFORE_WORD}`, 'yu');
const NAME_GAP_RE = new RegExp(`(?:,?${SP}+)`, 'y');
const LEADING_PARTICLES_RE = new RegExp(`^(?:${PARTICLE}(?:${SP}+|-))*`, 'u');

interface NameRules {
  /** The first word counts even when it is an ordinary word ("Frau Koch", "Herr Neu"). */
  firstMayBeCommon: boolean;
  /** "Nachname, Vorname" after an explicit "Name:". */
  commaJoins: boolean;
}

/**
 * End of a name: up to three capitalised words (with particles such as "von der"). Ordinary words
 * end it ("Frau Müller Bescheid geben" masks only "Müller").
 */
function nameEnd(text: string, start: number, rules: NameRules): number {
  let end = start;
  for (let i = 0; i < 3; i++) {
    let at = end;
    if (i > 0) {
      NAME_GAP_RE.lastIndex = end;
      const gap = NAME_GAP_RE.exec(text);
      if (!gap || (gap[0].includes(',') && !rules.commaJoins)) break;
      at = NAME_GAP_RE.lastIndex;
    }
    NAME_WORD_RE.lastIndex = at;
    const word = NAME_WORD_RE.exec(text);
    if (!word) break;
    const bare = word[0].replace(LEADING_PARTICLES_RE, '').toLowerCase();
    if (COMMON_WORDS.has(bare) && (i > 0 || !rules.firstMayBeCommon)) break;
    end = NAME_WORD_RE.lastIndex;
  }
  return end;
}

// Herr / Frau / Hr. / Fr. / Familie, optional titles, then the name.
const SALUTATION_RE = new RegExp(
  `${NOT_AFTER_WORD}(?:Herrn?|Frau|Hr\\.|Fr\\.|Familie|Fam\\.|Eheleute)${SP}+` +
    `(?:(?:Dr\\.|Prof\\.|Dipl\\.-[\\p{L}]+\\.?|med\\.|rer\\.${SP}?nat\\.)${SP}*)*` +
    // "geb." as in "Schmidt geb. Müller": the birth name follows.
    `|${NOT_AFTER_WORD}geb\\.${SP}+(?!am${NOT_BEFORE_WORD})(?=[\\p{Lu}])`,
  'gu',
);

const NOT_A_NAME_RE = /^(?:Herrn?|Frau|Divers|Familie|Dr|Prof)(?![\p{L}\p{M}])/iu;

/** Names after "Herr", "Frau", "Familie" … and birth names after "geb." ("Herr [NAME]"). */
export function detectSalutations(text: string, out: Span[]): void {
  eachMatch(SALUTATION_RE, text, (m) => {
    const start = m.index + m[0].length;
    // After a written-out "Herr"/"Frau" the next capitalised word is a name even when it is also a
    // word ("Frau Koch", "Herr Neu"); after "Fr." it might be "Freitag", so ordinary words stop it.
    const firstMayBeCommon = /^(?:Herrn?|Frau)\s/u.test(m[0]);
    // "Anrede: Herr Frau Divers" is a list of options, not a name.
    if (NOT_A_NAME_RE.test(text.slice(start, start + 12))) return;
    const end = nameEnd(text, start, { firstMayBeCommon, commaJoins: false });
    if (end > start) out.push({ start, end, kind: 'name' });
  });
}
