import { PLACEHOLDER_RE } from '../kinds';
import {
  hasLexicon,
  isEnglishWord,
  isGivenName,
  isNoun,
  isPlace,
  isPlainWord,
  isSurname,
  isVerbOrAdjective,
} from '../lexicon';
import { nameLikeness } from '../name-model';
import type { Span } from '../spans';
import { datesSomething } from './dates';
import {
  ENGLISH_CUES,
  isOwnerNoun,
  LOWER_STOP,
  NAME_CUES,
  OWNER_NOUNS,
  PARTICLES,
  PLACE_CUES,
  words as wordSet,
} from './name-words';
import {
  classify,
  classifyInEnglish,
  isAnyName,
  isEnglishText,
  isNameClass,
  isNounLike,
  isVocabulary,
  looksLikeName,
  looksLikeSurname,
  stemOf,
  type WordClass,
} from './word-classes';

/**
 * Names in any case, with or without a cue word: rules over the words' classes (word-classes.ts) and
 * their neighbours. A German text capitalises every noun, so a capital says little; what marks a name is
 * a word the lists know as a name, a word no German rule forms, or a word beside a name or after a cue.
 *
 * - Alone: a given name or listed surname, in any case; an unknown capitalised word that looks like a
 *   name (surname ending, letters German lacks, in the large list), or any unknown word of four letters
 *   or more that opens a sentence; in capitals only what the lists know.
 * - After a cue ("Herr", "Kundin", "Ehepaar", "Profil von", "herr" in lower case): the words that follow.
 * - Beside a name: "Soraya Montag", "T. Stachowicz", "Matei, Norbert", "HENSE-MAISCH, BENNETT",
 *   particles ("von der Heide"); two unknown capitalised words side by side.
 * - Never: places after "Jobcenter" or "in"; words glued to digits, an address or a placeholder.
 * - A word that is a name once is a name everywhere in the text.
 * Ambiguous words ("im Winter") stay alone; kept words that still look like names are `suspects`.
 */

interface Token {
  start: number;
  end: number;
  text: string;
  lower: string;
  cls: WordClass;
  /** First letter upper case (or the whole word, for all-caps headings). */
  capital: boolean;
  /** Upper case throughout ("HENSE-MAISCH"); acronyms are no names unless the lists say so. */
  allCaps: boolean;
  /** Opens a sentence, a line or a field: capitals there say nothing. */
  opening: boolean;
  /** An initial such as "T." (the dot is not part of the token). */
  initial: boolean;
  /** What stands between the previous token and this one. */
  gapBefore: string;
  /** Glued to digits, an e-mail address or a placeholder: part of a value, never a cue or a name. */
  glued: boolean;
}

// Letters with inner hyphens and apostrophes ("Hense-Maisch", "O'Brien", "al-Hassan"), or an initial.
const TOKEN_RE = /[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*/gu;
const OPENERS = new Set(['.', '!', '?', ':', ';', '\n', '\r', '•', '|', '>', '›', '»']);
// "»" opens crumbs ("Kunden » Brandes, Kerstin") as often as quotes: it is an opener, not skipped.
const QUOTES = new Set(['"', '„', '“', '«', "'", '(']);
const DASHES = new Set(['-', '–', '—']);

/** Does the word at `start` open a sentence, line or field (after ". ", ": ", "• ", "– ", a quote …)? */
function opensSentence(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && (/\s/u.test(text[i] ?? '') || QUOTES.has(text[i] ?? ''))) i--;
  if (i < 0) return true;
  const c = text[i] ?? '';
  if (OPENERS.has(c)) return true;
  // A dash counts when a space follows it ("Akte – Müller"), not inside a word ("E-Akte"); so does a
  // breadcrumb's slash ("Fälle / Berg, Marie"), not a gender slash ("Antragsteller/in").
  return (DASHES.has(c) || c === '/') && i + 1 < start && /\s/u.test(text[i + 1] ?? '');
}

// Not global (PLACEHOLDER_RE is), so that test() keeps no position between calls.
const PLACEHOLDER_IN_RE = new RegExp(PLACEHOLDER_RE.source);

/**
 * Is the word glued to an e-mail address or to one of our placeholders (its whitespace-delimited chunk
 * holds an "@" or a "[KIND]")? Such words belong to a value that is masked whole, and on a second pass
 * a placeholder stands where the first pass saw digits or an address: both passes must agree.
 */
function inMaskedChunk(text: string, start: number, end: number): boolean {
  let from = start;
  while (from > 0 && !/\s/u.test(text[from - 1] ?? '')) from--;
  let to = end;
  while (to < text.length && !/\s/u.test(text[to] ?? '')) to++;
  const chunk = text.slice(from, to);
  return chunk.includes('@') || PLACEHOLDER_IN_RE.test(chunk);
}

// detectNames and findSuspects read the same text one after the other.
let lastText: string | undefined;
let lastTokens: Token[] = [];

function tokenize(text: string): Token[] {
  const key = hasLexicon() ? text : undefined;
  if (key !== undefined && key === lastText) return lastTokens;
  lastTokens = tokenizeText(text);
  lastText = key;
  return lastTokens;
}

function tokenizeText(text: string): Token[] {
  const tokens: Token[] = [];
  // Only a text with an "@" or a "[" can hold an address or a placeholder to glue to.
  const mayHoldMasked = text.includes('@') || text.includes('[');
  const english = isEnglishText(text);
  let previousEnd = 0;
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m; m = TOKEN_RE.exec(text)) {
    const word = m[0];
    const start = m.index;
    const end = start + word.length;
    const lower = word.toLowerCase();
    const letters = word.replace(/[^\p{L}]/gu, '');
    const allCaps =
      letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
    const initial = letters.length === 1 && text[end] === '.' && /\p{L}/u.test(word);
    const opening = start === 0 || opensSentence(text, start);
    const capital = /^\p{Lu}/u.test(word);
    // Letters glued to digits are a code ("inc8963747", "A12"), and words glued to an e-mail address or a
    // placeholder belong to a value masked whole: none is a name or makes a neighbour one.
    // "SR-48213", "JC-WS-0815": letters joined to digits by a hyphen are a code too (a name after the
    // digits stays one: "123K456789-Seidel.tif").
    const glued =
      /\p{N}/u.test(text[end] ?? '') ||
      /\p{N}/u.test(text[start - 1] ?? '') ||
      (text[end] === '-' && /\p{N}/u.test(text[end + 1] ?? '')) ||
      (mayHoldMasked && inMaskedChunk(text, start, end));
    tokens.push({
      start,
      end,
      text: word,
      lower,
      // "Az.", "Tel.", "Str.": a short word with a dot is an abbreviation, not a name; "IdNr", "KdNr",
      // "VerBIS": a short word with a capital inside is an abbreviation or a product.
      cls:
        initial ||
        glued ||
        (letters.length <= 3 && text[end] === '.' && !NAME_CUES.has(lower)) ||
        (letters.length <= 6 && /^\p{L}\p{Ll}+\p{Lu}/u.test(word)) ||
        productCase(word) ||
        STREET_NAMED_RE.test(lower) ||
        datesSomething(lower, text, start, end)
          ? 'word'
          : english
            ? classifyInEnglish(lower, capital && !opening && !allCaps)
            : classify(lower),
      capital,
      allCaps,
      opening,
      initial,
      gapBefore: text.slice(previousEnd, start),
      glued,
    });
    previousEnd = end;
  }
  return tokens;
}

/**
 * "ServiceNow", "WebEx", "SharePoint": a capital inside a word after two lower-case letters marks a
 * product; the names written so ("McAllister", "DiMaggio", "LeBlanc", "VanDyke") start with a particle.
 */
function productCase(word: string): boolean {
  return (
    /^\p{Lu}\p{Ll}{2,}\p{Lu}/u.test(word) &&
    !/^(?:Mc|Mac|Di|De|Da|Du|La|Le|Van|Von|Al|El|Fitz|Ben|Abu)\p{Lu}/u.test(word)
  );
}

// "August-Bebel-Platz", "Karl-Marx-Straße": a street named after a person names a place (addresses.ts
// masks it with its house number).
const STREET_NAMED_RE = /-(?:platz|straße|strasse|str|weg|allee|ring|damm|gasse|ufer|chaussee|brücke|park)$/u;

/** Two tokens stand side by side: separated by white space only (or an initial's dot), no line break. */
const adjacent = (gap: string) => /^[ \t\u00A0]+$/.test(gap) || /^\.[ \t\u00A0]*$/.test(gap);
/** "Matei, Norbert": a comma between surname and given name. */
const commaJoined = (gap: string) => /^[ \t\u00A0]*,[ \t\u00A0]*$/.test(gap);

// Cues that are always followed by a name, whatever its case.
const STRONG_CUES = new Set([
  'herr',
  'herrn',
  'frau',
  'hr',
  'fr',
  'familie',
  'eheleute',
  'geb',
  'verw',
  'gesch',
  // "kd.", "kdn.", "kdin": a caseworker's shorthand for Kunde/Kundin, written before a name and nothing else.
  'kd',
  'kdn',
  'kdin',
]);

/**
 * "Anke Freitag hat …", "Frau Montag": a day or month beside a name is a surname — unless a time
 * follows ("Freitag um 10", "Freitag, 12.", "Freitag ab") and it says when.
 */
function sayWhen(text: string, t: Token): boolean {
  return /^[ \t]*(?:,?[ \t]*(?:den[ \t]+)?\d|(?:um|ab|bis|früh|vormittag|nachmittag|abend|morgen|mittag|nächste|kommende)(?![\p{L}]))/iu.test(
    text.slice(t.end, t.end + 24),
  );
}

// An age in brackets after a person: "Kinder Rosa (11)", "Frank Winter (44 J.)", "Tochter Lea (9 Jahre)".
const AGE_AFTER_RE =
  /^[ \t]*\([ \t]*\d{1,2}(?:[ \t]*(?:j\.?|jahre(?:[ \t]+alt)?|jhr\.?|yrs?\.?|years?(?:[ \t]+old)?))?[ \t]*\)/iu;

// A field that opens with a household or file word and, maybe, its number: "BG ", "Akte: ",
// "BG 49273BG0035527 ", "Bedarfsgemeinschaft 21819//0007487 – ".
// Also a customer's number ("Kd.-Nr. 123D456789, Kranz – …") or a household's number alone
// ("12345BG0012345 – Hof – …").
const OWNER_FIELD_RE =
  /(?:^|[|›:\n]|[–—][ \t])[ \t]*(?:(?:bg|bedarfsgemeinschaft|akte|e-akte|haushalt|kd\.?|kunden?)(?:-?nr\.?|-?nummer)?[ \t]*:?[ \t]*(?:\d[\d\p{L}/ .-]*?[ \t]*(?:[–—,-][ \t]*)?)?|\d{5}[ \t]*bg[ \t]*\d{7}[ \t]*[–—,-][ \t]*)$/iu;

// Whose phone, account or address a field is: "Neue Telefonnummer Holz: …" — only a name of the lists
// there ("Telefonnummer Service:", "Kontonummer Kasse:" name a desk).
const CONTACT_FIELD_RE =
  /(?:^|[|›:\n]|[–—][ \t])[ \t]*(?:(?:neue[rs]?|alte[rs]?)[ \t]+)?(?:telefon|ruf|handy|mobil|konto)(?:-?nr\.?|-?nummer)[ \t]*$|(?:^|[|›:\n]|[–—][ \t])[ \t]*(?:(?:neue[rs]?|alte[rs]?)[ \t]+)?(?:bankverbindung|iban|anschrift|adresse)[ \t]*$/iu;

// Where a field ends after a word: a colon, a dash between spaces, a bar, a comma, a bracket, the end.
const FIELD_END_RE = /^(?:[ \t]*(?:[:|,;(›]|[–—][ \t]|-[ \t])|[ \t]*$|[ \t]*\r?\n)/u;

// Words that stand as the subject of a person's verb and are no names.
const PRONOUNS = wordSet(
  'jemand niemand keiner keine wer man er sie es ich du wir ihr jeder jede alle beide einer eine mancher viele wenige andere der die das dieser diese heute gestern morgen vorhin eben bereits schon nun jetzt dann',
);

// Trades and animals that are surnames too: two of them joined by "und" are things ("für Koch und Kellner",
// "Plakat mit Fuchs und Rabe"), and so is one before a noun in a compound ("Weber-Grill", "Töpfer-Kurs").
const TRADES = wordSet(
  'koch köchin kellner kellnerin bäcker metzger schlosser glaser maurer gärtner tischler schreiner fischer jäger schäfer müller weber wagner zimmermann maler schneider schmied schuster drechsler töpfer sattler färber böttcher vogt fuhrmann',
);
const ANIMALS = wordSet(
  'fuchs rabe bär luchs storch kranich adler falke spatz taube hase wolf igel maus specht eule schwan gans ente hahn huhn dachs biber otter hirsch bock lamm fink hecht karpf sperling amsel drossel lerche geier reiher marder kater',
);
const isThing = (lower: string) => TRADES.has(lower) || ANIMALS.has(lower);
// Words that make animals pictures or figures: "Plakat mit Fuchs und Rabe".
const PICTURE_WORDS = wordSet(
  'plakat plakate poster bild bilder figur figuren motiv motive tiere tier zoo märchen buch bücher aufkleber stempel kita gesucht berufe',
);

// Places of training and work before a trade: "Ausbildungsplatz Töpfer", "Lehrstelle Maurer".
const TRAINING_PLACES = wordSet(
  'ausbildungsplatz ausbildungsplätze ausbildungsstelle lehrstelle praktikumsplatz umschulung ausbildung stellenangebot stellenangebote',
);

/**
 * A capitalised word of the lists that is no noun, no app or function word and no pronoun — an adjective
 * or a verb, which only a surname can be where a person stands ("Fromm hat angerufen", "Fleißig Anja").
 */
function capitalNonNoun(t: Token): boolean {
  return (
    t.cls === 'word' &&
    t.capital &&
    !t.allCaps &&
    t.lower.length >= 3 &&
    !isNoun(t.lower) &&
    !isNounLike(t.lower) &&
    !isVocabulary(t.lower) &&
    !LOWER_STOP.has(t.lower) &&
    !PRONOUNS.has(t.lower)
  );
}

// English honorifics: the word after them is a surname in any case.
const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'mister']);

/** A colour, size, season or noun German uses bare: what such a surname means when nothing says person. */
function hasPlainMeaning(lower: string): boolean {
  return ADJECTIVE_SURNAMES.has(lower) || TIME_WORDS.has(lower) || BARE_NOUNS.has(lower);
}

/**
 * A name by the lists alone, where the place already says "a person's field" (a table row beside a number,
 * brackets at a note's end, a file name): a name of the lists, an unknown word spelled like a name, or a
 * listed surname that is also a word without a plain meaning.
 */
function isListedName(t: Token): boolean {
  return (
    isNameClass(t.cls) ||
    (t.cls === 'unknown' && looksLikeName(t.lower)) ||
    (t.cls === 'ambiguous' && isSurname(t.lower) && !hasPlainMeaning(t.lower))
  );
}

// Words of work before "als" and a trade ("Stelle als Weber", "arbeitet als Schäfer").
const WORK_WORDS = wordSet(
  'stelle stellen job jobs arbeit arbeitet arbeitete arbeiten tätig beschäftigt beschäftigung ausbildung umschulung anstellung minijob praktikum helfer bewerbung bewirbt vermittlung vermittelt eingestellt',
);

// Prepositions after which a bare capitalised noun is unusual, and the nouns German uses bare anyway.
const BARE_PREPOSITIONS = new Set(['an', 'mit', 'von', 'für', 'bei', 'über', 'gegen', 'wegen']);
const BARE_NOUNS = wordSet(
  'post hand fuß haus hause bus bahn auto rad zug winter sommer herbst frühling mittag abend morgen nacht geld zeit arbeit schule kirche brief telefon mail fax papier hilfe dank recht gott glück frost hagel regen wind sturm schnee nebel eis licht',
);

// Surnames that are adjectives of colour, size or age: bare beside a noun they describe a thing
// ("Farbe Schwarz", "Größe Klein", "für klein geld"), so list rules leave them to cues and given names.
const ADJECTIVE_SURNAMES = wordSet(
  'klein groß gross lang lange kurz schwarz weiß weiss braun roth rot grün jung alt kühn sauer fromm frank frei stark schön schnell scharf stolz reich wild hell',
);

// Days and months stand bare after a file word or preposition ("Termin Montag", "für Freitag", "ab
// Juni") and are names only beside a name ("Soraya Montag").
const TIME_WORDS = wordSet(
  'montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag januar februar märz april mai juni juli august september oktober november dezember ostern pfingsten weihnachten',
);

// A full date of birth right after a word: "12.03.1988", "(30.08.12)", ", geb. 2.8.1977", "* 1.2.1990".
const BIRTH_DATE_AFTER_RE =
  /^[ \t]*([(,][ \t]*)?((?:geb\.?|geboren(?:[ \t]+am)?|\*)[ \t]*)?\d{1,2}\.[ \t]?\d{1,2}\.[ \t]?(\d{4}|\d{2})(?!\d)/iu;

// Words that follow a person after a preposition in a lower-case note: "hausbesuch bei fischer am montag".
const AFTER_PERSON_WORDS = wordSet(
  'am um im ab seit wegen zum zur heute morgen gestern nicht noch wieder erneut bitte',
);

// Words that join the names of a list ("Wagner und Becker", "Koch oder Weber").
const LIST_JOINTS = new Set(['und', 'oder', 'sowie', 'and', 'or']);

// Verbs in the plural that follow two persons ("… und Lea sind getrennt").
const PLURAL_PERSON_VERBS = wordSet(
  'sind waren haben hatten wohnen wohnten leben lebten kommen kamen möchten wollen wünschen beantragen beantragten',
);

// What only a person does in a caseworker's note; "Winter kommt" or "Engel ist" say nothing.
const PERSON_VERBS = wordSet(
  'ruft rief meldet meldete erschien erscheint fragt fragte bittet bat beantragt beantragte wohnt wohnte möchte wünscht wünschte beschwert beschwerte klagt klagte sagt sagte meint meinte erzählt erzählte schreibt schrieb versteht verstand spricht sprach arbeitet arbeitete bezieht bezog erhält erhielt bekommt bekam weigert weigerte',
);
const AUXILIARIES = new Set(['hat', 'hatte', 'ist', 'war', 'wurde', 'wird']);
const PERSON_PARTICIPLES = wordSet(
  'angerufen zurückgerufen vorgesprochen gefragt nachgefragt beantragt mitgeteilt geschrieben eingereicht nachgereicht abgegeben erschienen gemeldet beschwert abgemeldet umgezogen verzogen gekommen vorbeigekommen gesagt erzählt unterschrieben zugestimmt abgelehnt geheiratet verstorben eingezogen ausgezogen krankgemeldet telefoniert besprochen vereinbart verabredet kontaktiert informiert erreicht beraten vermittelt eingeladen abgesagt verschoben wahrgenommen versäumt verpasst vorgelegt nachgewiesen unterzeichnet',
);

/** Could this token be part of a name that something else already marks as one? */
function canJoin(t: Token): boolean {
  if (t.initial) return true;
  // "IBAN", "PDF", "BG": acronyms beside a name are no part of it.
  if (t.allCaps) return isNameClass(t.cls) || t.cls === 'ambiguous';
  if (t.cls === 'word' || (!t.capital && LOWER_STOP.has(t.lower))) return false;
  if (t.capital) return true;
  // Lower case: words the lists know as names, or that end like a surname ("brückmann"); never an
  // ordinary lower-case word ("ruft", "hat").
  return t.cls !== 'unknown' || isAnyName(t.lower) || looksLikeName(t.lower);
}

/**
 * How name-like an unknown word that opens a sentence must be spelled to count as a name there. Set on
 * the regression and development corpora: nouns the lists lack score well below it ("Abgleich" -4.5,
 * "Absender" -4.9), and at -2 no name of those corpora is lost that 0 would have kept.
 */
const OPENING_LIKENESS = -2;
/**
 * How name-like a lower-case word no list knows must be spelled to count as the surname after a given
 * name ("masud haschemi"): the same bar as for a word opening a sentence; typos of German words
 * ("antarg", "wiedr") score far below it.
 */
const LOWER_SURNAME_LIKENESS = OPENING_LIKENESS;

/** Is this token a name by itself, without a neighbour or a cue? */
function standsAlone(t: Token): boolean {
  if (t.initial) return false;
  // In capitals ("BEDARFSGEMEINSCHAFT FRINGS"), only the lists decide: acronyms look the same.
  if (t.allCaps) return isNameClass(t.cls) && t.lower.length >= 4;
  if (t.capital) {
    if (isNameClass(t.cls)) return true;
    if (t.cls !== 'unknown' || t.text.length < 3) return false;
    // At the start of a sentence any word is capitalised, but a word that is no German noun, verb,
    // adjective or compound is still most likely a name there ("Dualeh hat angerufen").
    // Not when it is spelled like German words are ("Abgleich", "Absender", "Telefonat": nouns the list
    // lacks): the name-likeness model scores those below zero.
    if (t.opening)
      return isAnyName(t.lower) || (t.text.length >= 4 && nameLikeness(t.lower) > OPENING_LIKENESS);
    return looksLikeName(t.lower);
  }
  // Lower case: a given name or curated surname of at least three letters that is no German word, or a
  // word no German list knows that looks like a name ("oezdemir", "brückmann").
  if (isNameClass(t.cls) && t.lower.length >= 3) return true;
  if (t.cls !== 'unknown' || t.lower.length < 4) return false;
  // "brockmann-boos": a double name counts by its parts.
  return t.lower.split('-').some((part) => part.length >= 3 && (looksLikeName(part) || isAnyName(part)));
}

// Greetings and thanks stand before a comma and a given name too ("Danke, Kevin").
const GREETINGS = wordSet(
  'hallo hi hey moin servus tschüss danke dank gruß grüße liebe lieber sehr guten hello thanks dear',
);

/**
 * "Pilz, Eda-Ayse", "Akte Große, Lisbeth – ALLEGRO", "von der pelz, marisa": a field that opens with a
 * word, a comma and a given name, and ends there, is "Nachname, Vorname" — whatever the surname also
 * means as a word. Titles, headings, cells and file lists write people this way; a sentence does not
 * put a noun, a comma and a given name at its start and stop.
 */
function surnameFirstField(tokens: readonly Token[], i: number, text: string): boolean {
  const t = tokens[i] as Token;
  const next = tokens[i + 1] as Token;
  // "damm, t." — an initial stands for the given name.
  const given =
    next.cls === 'given' ||
    next.initial ||
    (next.cls === 'unknown' && !next.allCaps && isAnyName(next.lower)) ||
    // "đặng, hang": a given name that is also a word, after a surname no word list knows.
    (next.cls === 'ambiguous' && isGivenName(next.lower) && (t.cls === 'unknown' || isNameClass(t.cls)));
  if (!given || t.lower.length < 3 || t.initial || t.glued) return false;
  if (GREETINGS.has(t.lower) || LOWER_STOP.has(t.lower) || NAME_CUES.has(t.lower)) return false;
  if (isVocabulary(t.lower) && t.cls !== 'ambiguous') return false;
  // The field opens with the surname, its particles ("von der"), or a file word ("Akte", "BG").
  let k = i - 1;
  while (k >= 0 && PARTICLES.has((tokens[k] as Token).lower) && adjacent((tokens[k + 1] as Token).gapBefore))
    k--;
  const first = tokens[k + 1] as Token;
  const opens =
    first.opening ||
    (k >= 0 &&
      isOwnerNoun((tokens[k] as Token).lower) &&
      adjacent(first.gapBefore) &&
      (tokens[k] as Token).opening);
  if (!opens) return false;
  // … and ends after the given name (and its second part): end of text, a dash, bar, tab, bracket, slash,
  // comma or digit.
  let j = i + 1;
  const after = tokens[j + 1];
  if (after && adjacent(after.gapBefore) && after.cls === 'given') j++;
  const last = tokens[j] as Token;
  const rest = text.slice(last.end + (last.initial ? 1 : 0), last.end + 5);
  return (
    rest.trim() === '' || /^[ \t\u00A0]*(?:[–—|\t(/,;:*›»>]|- |\d|\[)/u.test(rest) || /^\r?\n/u.test(rest)
  );
}

/** The indexes of the tokens that lie wholly within `range` (a table cell, a breadcrumb). */
function tokensWithin(tokens: readonly Token[], range: { start: number; end: number }): number[] {
  const inside: number[] = [];
  tokens.forEach((t, i) => {
    if (t.start >= range.start && t.end <= range.end) inside.push(i);
  });
  return inside;
}

// A breadcrumb trail: "Start › Kunden › Koch › Leistungen", "Akten / Fischer / Dokumente".
// A file name with its extension: "Scan_Hornung_Vertrag.pdf", "van_der_linden_lohnabrechnung_okt.pdf".
const FILE_NAME_RE =
  /[\p{L}\p{M}\p{N}_.-]+\.(?:pdf|jpe?g|png|tiff?|gif|bmp|heic|docx?|xlsx?|odt|ods|rtf|txt|eml|msg|zip)(?![\p{L}\p{N}])/giu;

/**
 * Parts of a file name that are names: "Scan_Hornung_Vertrag.pdf", "Nachweis-Kirsch-Kita.pdf",
 * "IMG_zum_Felde_Ausweis.jpg". Files are named for their owner; a part the lists know as a surname (not a
 * colour, season or bare noun) or that spells like a name is one, and a particle takes the part after it.
 */
function markFileNames(tokens: readonly Token[], text: string, name: boolean[]): void {
  if (!text.includes('.')) return;
  for (const file of text.matchAll(FILE_NAME_RE)) {
    const stem = { start: file.index, end: file.index + file[0].lastIndexOf('.') };
    const parts = tokensWithin(tokens, stem);
    parts.forEach((i, k) => {
      const t = tokens[i] as Token;
      if (name[i] || t.initial || t.lower.length < 3) return;
      const particle = (j: number) => {
        const lower = (tokens[parts[j] as number] as Token).lower;
        return PARTICLES.has(lower) || lower === 'zum';
      };
      const afterParticle = k > 0 && particle(k - 1);
      const listed =
        (isListedName(t) && !(t.allCaps && t.cls === 'unknown')) ||
        (afterParticle &&
          !isVocabulary(t.lower) &&
          !LOWER_STOP.has(t.lower) &&
          (t.cls !== 'word' || isAnyName(t.lower)));
      if (!listed) return;
      name[i] = true;
      for (let j = k - 1; j >= 0 && particle(j); j--) name[parts[j] as number] = true;
    });
  }
}

// A file's or household's number: digits with at most a few letters among them ("563B178986", "61178BG0092687").
const CRUMB_ID_RE = /^(?=(?:\p{L}{0,3}\d){5})[\p{L}\d]{5,}$/u;
const CRUMB_ID_BEFORE_RE = /^(?=(?:\p{L}{0,3}\d){5})[\p{L}\d]{5,}[ \t\u00A0]+/u;
const CRUMB_SEPARATOR_RE = /[ \t\u00A0]+[›»>/|][ \t\u00A0]+/gu;
// Crumbs that list persons, and the sections of one person's file: a crumb between them is the person.
const PERSON_COLLECTIONS = wordSet(
  'kunden kundinnen kundensuche personen personensuche fallakten akten akte suche ergebnisse suchergebnisse trefferliste bedarfsgemeinschaften leistungsberechtigte teilnehmende teilnehmer bewerber klienten customers clients fälle vorgänge fallliste bg bgs',
);
const PERSON_SECTIONS = wordSet(
  'leistungen dokumente stammdaten termine kontakt kontaktdaten bescheide mitglieder profil verlauf notizen vermerke anträge nachweise unterlagen historie übersicht details documents profile widerspruch widersprüche anhörung anhörungen adressen anschrift bankverbindung einkommen vermittlung schriftverkehr sanktionen notes',
);

/**
 * "Start › Kunden › Koch › Leistungen": in a breadcrumb trail a crumb of one or two words that are names
 * is a person — a name that is also a word ("Koch", "Jäger") only between a crumb that lists persons and
 * one that is a section of a person's file, and never a colour, size or season.
 */
function markCrumbs(tokens: readonly Token[], text: string, name: boolean[]): void {
  const separators = [...text.matchAll(CRUMB_SEPARATOR_RE)];
  if (separators.length < 2) return;
  const bounds: { start: number; end: number }[] = [];
  let from = 0;
  for (const sep of separators) {
    bounds.push({ start: from, end: sep.index });
    from = sep.index + sep[0].length;
  }
  bounds.push({ start: from, end: text.length });
  const inCrumb = (b: { start: number; end: number }) => tokensWithin(tokens, b);
  const crumbWord = (k: number) => {
    const b = bounds[k];
    if (!b) return undefined;
    const words = inCrumb(b);
    return words.length === 1 ? (tokens[words[0] as number] as Token).lower : undefined;
  };
  // A crumb that is a file's or household's number alone ("61178BG0092687"), or is one.
  const numbered = (k: number) => {
    const b = bounds[k];
    return b !== undefined && CRUMB_ID_RE.test(text.slice(b.start, b.end).trim());
  };
  bounds.forEach((b, k) => {
    // "563B178986 van der Linden": the number of the file before its owner's name.
    const body = text.slice(b.start, b.end).trim();
    const id = CRUMB_ID_BEFORE_RE.exec(body);
    const words = inCrumb(b).filter((i) => !(tokens[i] as Token).glued);
    const particles = words.filter((i) => PARTICLES.has((tokens[i] as Token).lower)).length;
    if (words.length === 0 || words.length - particles > 2) return;
    if (!/^[\p{L}\p{M}'’ .,-]+$/u.test(id ? body.slice(id[0].length) : body)) return;
    const framed =
      id !== null ||
      numbered(k - 1) ||
      PERSON_COLLECTIONS.has(crumbWord(k - 1) ?? '') ||
      PERSON_SECTIONS.has(crumbWord(k + 1) ?? '');
    const person = words.every((i) => {
      const t = tokens[i] as Token;
      if (t.glued || t.allCaps) return false;
      if (PARTICLES.has(t.lower) || t.initial) return true;
      // "von Ahlen", "van der Linden": after a particle, whatever the word also names.
      if (framed && i > 0 && PARTICLES.has((tokens[i - 1] as Token).lower) && !LOWER_STOP.has(t.lower))
        return true;
      if (isVocabulary(t.lower) || LOWER_STOP.has(t.lower)) return false;
      if (isNameClass(t.cls) || (t.cls === 'unknown' && looksLikeName(t.lower))) return true;
      return (
        framed &&
        t.cls === 'ambiguous' &&
        (isSurname(t.lower) || isGivenName(t.lower)) &&
        !ADJECTIVE_SURNAMES.has(t.lower) &&
        !TIME_WORDS.has(t.lower) &&
        !BARE_NOUNS.has(t.lower)
      );
    });
    if (person) for (const i of words) name[i] = true;
  });
}

// A cell that holds a value of a person: a number of five digits and more, a Kundennummer.
const VALUE_CELL_RE = /\d{5,}|\d{3}[ \t]?\p{L}[ \t]?\d{6}/u;
const CELL_DATE_RE = /\d{1,2}\.[ \t]?\d{1,2}\.[ \t]?(\d{4}|\d{2})(?!\d)|\d{1,2}\.?[ \t]+\p{L}+[ \t]+(\d{4})/u;

/** A date in a cell that lies further back than the day's work (BIRTH_AGE in dates.ts): a date of birth. */
function birthDateCell(body: string): boolean {
  const m = CELL_DATE_RE.exec(body);
  const raw = m?.[1] ?? m?.[2];
  if (raw === undefined) return false;
  const now = new Date().getFullYear();
  const year =
    raw.length === 4 ? Number(raw) : 2000 + Number(raw) > now ? 1900 + Number(raw) : 2000 + Number(raw);
  return year <= now - 12;
}

/**
 * "Koch | Nadine | 25.08.1980 | 286g331745", "allegro | bg 31185//0038207 | vogel": in a table row whose
 * other cells hold a given name, a date or a long number, a cell of one or two words that are names or
 * no words of the lists is a name — whatever else the words mean ("Koch", "Braun"). A header row
 * ("Name | Vorname | Geburtsdatum") holds plain nouns and stays.
 */
function markRowCells(tokens: readonly Token[], text: string, name: boolean[]): void {
  if (!text.includes('|')) return;
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const lineEnd = lineStart + line.length;
    if ((line.match(/\|/g) ?? []).length >= 2) {
      const cells: { start: number; end: number }[] = [];
      let from = lineStart;
      for (let k = lineStart; k <= lineEnd; k++) {
        if (k === lineEnd || text[k] === '|') {
          cells.push({ start: from, end: k });
          from = k + 1;
        }
      }
      const inCell = (c: { start: number; end: number }) => tokensWithin(tokens, c);
      // Strong: a given name or a date of birth in another cell; weak: a long number or a customer number.
      const strong = cells.some((c) => {
        const words = inCell(c);
        return (
          birthDateCell(text.slice(c.start, c.end)) ||
          (words.length >= 1 && words.every((i) => (tokens[i] as Token).cls === 'given' || name[i] === true))
        );
      });
      const weak = cells.some((c) => VALUE_CELL_RE.test(text.slice(c.start, c.end)));
      if (strong || weak) {
        for (const c of cells) {
          const body = text.slice(c.start, c.end).trim();
          if (!/^[\p{L}\p{M}'’ .-]+$/u.test(body)) continue;
          const words = inCell(c);
          if (words.length === 0 || words.length > 3) continue;
          const person = words.every((i) => {
            const t = tokens[i] as Token;
            if (t.glued || isVocabulary(t.lower) || LOWER_STOP.has(t.lower) || t.lower.length < 2)
              return false;
            if (PARTICLES.has(t.lower) || t.initial) return true;
            // Beside a number alone only what the lists know as a name or spells like one.
            // A surname of the lists that is also a word ("Müller | BG 12345BG0012345") counts too,
            // unless it is a colour, size or time ("Schwarz", "Klein", "Winter").
            if (!strong) return isListedName(t);
            return t.cls !== 'word' || isAnyName(t.lower);
          });
          if (person) for (const i of words) name[i] = true;
        }
      }
    }
    lineStart = lineEnd + 1;
  }
}

/** Marks which tokens are names; exported for the dialog's suspects. */
function markNames(tokens: readonly Token[], text: string): boolean[] {
  const name = tokens.map(() => false);
  // 1. Names that stand alone.
  tokens.forEach((t, i) => {
    if (standsAlone(t)) name[i] = true;
  });
  // 2. Cues: "Kundin Aylin", "Ehepaar Christ", "herr von der lippe", "Profil von Kevin".
  tokens.forEach((t, i) => {
    const owner =
      (t.lower === 'von' || t.lower === 'zu' || t.lower === 'für' || t.lower === 'of') &&
      i > 0 &&
      OWNER_NOUNS.has((tokens[i - 1] as Token).lower);
    if ((!NAME_CUES.has(t.lower) && !owner) || t.glued) return;
    let j = i + 1;
    // "Antragsteller/in Cui", "Kund:in", "Bewerber*in": the gender ending belongs to the cue.
    const ending = tokens[j];
    if (ending && /^(?:in|innen)$/u.test(ending.lower) && /^(?:\/-?|[:*_])$/u.test(ending.gapBefore)) j++;
    let taken = 0;
    while (j < tokens.length && taken < 4) {
      const next = tokens[j] as Token;
      if (!adjacent(next.gapBefore) && !(taken > 0 && commaJoined(next.gapBefore))) break;
      // After a comma only a given name continues the name ("Herr Jung, Kevin"), not the next field
      // ("Herr Jung, Steuer-ID …").
      if (
        commaJoined(next.gapBefore) &&
        !isNameClass(next.cls) &&
        !(next.cls === 'unknown' && looksLikeName(next.lower))
      )
        break;
      if (PARTICLES.has(next.lower) && j + 1 < tokens.length) {
        j++;
        continue;
      }
      const lowerCue = !t.capital;
      if (!(next.capital || lowerCue || next.initial)) break;
      // "customer data", "profile of the user": an English cue takes a capitalised word or a listed name only.
      // An honorific is a cue in lower case too: "mr. jung says …", "ms. gebrezgiabher was born …" — any
      // word after it that is no English word.
      const honorific = HONORIFICS.has(t.lower) && !isEnglishWord(next.lower) && !LOWER_STOP.has(next.lower);
      if (
        taken === 0 &&
        (ENGLISH_CUES.has(t.lower) || t.lower === 'of') &&
        !next.capital &&
        !isNameClass(next.cls) &&
        !honorific
      )
        break;
      // "Kinder Rosa", not "Kinder Zuschlag": after a plural of persons only a word that is no plain noun.
      if (taken === 0 && t.lower === 'kinder' && next.cls === 'word') break;
      if (taken === 0 && owner && next.cls === 'word') break;
      // "Rückruf für Montag", "Termin zu Ostern": after a file word's preposition a day is a time.
      if (taken === 0 && owner && TIME_WORDS.has(next.lower)) break;
      if (taken === 0) {
        // The word right after a cue is the name even when it is also a word ("Frau Koch", "herr lippe"),
        // but never vocabulary ("Kunde Bescheid", "frau hat").
        // A day or month after a cue is a surname ("Ehepaar Freitag", "Frau Montag") unless a time follows.
        const when = TIME_WORDS.has(next.lower) && next.capital && !sayWhen(text, next);
        if ((isVocabulary(next.lower) && !when) || LOWER_STOP.has(next.lower) || NAME_CUES.has(next.lower))
          break;
        // After "herr"/"frau" in lower case any word no German list knows is the name ("herr al hamwi").
        // After "tochter", "kunde" in lower case, one that is at least spelled more like a name than a word.
        if (
          !next.capital &&
          !next.initial &&
          next.cls === 'unknown' &&
          !looksLikeSurname(next.lower) &&
          !(next.lower.length >= 4 && nameLikeness(next.lower) > 0) &&
          !STRONG_CUES.has(t.lower)
        )
          break;
      } else if (!canJoin(next)) {
        // "kd. nizar schaker": in lower case, after a cue and a given name, a word no list knows is the
        // surname however it is spelled.
        const previous = tokens[j - 1] as Token;
        const surnameAfterGiven =
          previous.cls === 'given' &&
          !next.capital &&
          next.cls === 'unknown' &&
          next.lower.length >= 3 &&
          !LOWER_STOP.has(next.lower);
        if (!surnameAfterGiven) break;
      }
      name[j] = true;
      taken++;
      j++;
    }
  });
  // 3. Neighbours: a name makes the words beside it names ("Soraya Montag", "T. Stachowicz"), and two
  //    unknown capitalised words side by side are a name ("Hense-Maisch Bennett").
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as Token;
      const next = tokens[i + 1];
      if (!next) continue;
      const joined = adjacent(next.gapBefore) || commaJoined(next.gapBefore);
      if (!joined) continue;
      const comma = commaJoined(next.gapBefore);
      if (
        name[i] &&
        !name[i + 1] &&
        canJoin(next) &&
        (!comma || isNameClass(next.cls) || next.cls === 'unknown')
      )
        name[i + 1] = true;
      if (name[i + 1] && !name[i] && canJoin(t) && (!comma || isNameClass(t.cls) || t.cls === 'unknown'))
        name[i] = true;
      // "Krämer, Ruth", "richter, anna": a listed surname that is also a word, before a comma and a given
      // name, is the surname of a "Nachname, Vorname".
      // An unknown word before a comma and a name that is only a given name is a surname too ("gräf, danilo").
      if (
        comma &&
        !name[i] &&
        t.capital === next.capital &&
        !t.allCaps &&
        !next.allCaps &&
        isGivenName(next.lower) &&
        ((t.cls === 'ambiguous' && t.lower.split('-').some((part) => isSurname(part))) ||
          (t.cls === 'unknown' && t.lower.length >= 3 && next.cls === 'given' && !LOWER_STOP.has(t.lower)))
      ) {
        name[i] = true;
        name[i + 1] = true;
      }
      // "HODŽIĆ, Marko", "NAGEL, Angelika": a surname in capitals before a given name written as usual.
      // Before a given name of the lists, any word in capitals: "BACH, Hans-Jürgen", "HAMMER, Petra" — the
      // way specialist procedures print a person; acronyms and app words stay ("KDU, Anna").
      const capsSurname =
        t.allCaps &&
        !next.allCaps &&
        t.lower.length >= 3 &&
        (t.cls === 'unknown' ||
          isNameClass(t.cls) ||
          (t.cls === 'ambiguous' && isSurname(t.lower)) ||
          (next.cls === 'given' && !isVocabulary(t.lower)));
      if (
        comma &&
        !name[i] &&
        (t.capital === next.capital || capsSurname) &&
        (!t.allCaps || capsSurname) &&
        surnameFirstField(tokens, i, text)
      ) {
        name[i] = true;
        name[i + 1] = true;
      }
      // "Damm, T.": an initial after a name and a comma is its given name.
      if (comma && name[i] && next.initial) name[i + 1] = true;
      // "Bauer M., geb. 1980", "Koch A. hat angerufen": a listed surname and the initial of the given
      // name after it; "Gebäude A." or "Anlage B." are no surnames.
      if (
        !comma &&
        !name[i] &&
        next.initial &&
        t.capital &&
        !t.allCaps &&
        !t.initial &&
        (isNameClass(t.cls) || (t.cls === 'ambiguous' && isSurname(t.lower)))
      ) {
        name[i] = true;
        name[i + 1] = true;
      }
      // "B. Schäfers", "j. alexandrow": an initial and the word after it.
      if (
        t.initial &&
        !comma &&
        next.cls !== 'word' &&
        (next.capital || next.cls !== 'unknown' || looksLikeName(next.lower))
      ) {
        name[i] = true;
        name[i + 1] = true;
      }
      // "Kheirbek, Ruqaya", "radewa, krassimira": two unknown words around a comma, one of them name-like.
      if (
        comma &&
        t.cls === 'unknown' &&
        next.cls === 'unknown' &&
        t.capital === next.capital &&
        (t.capital || (looksLikeName(t.lower) && looksLikeName(next.lower)))
      ) {
        name[i] = true;
        name[i + 1] = true;
      }
      // "HENSE-MAISCH, BENNETT": in capitals, a name from the lists makes its all-caps neighbour a name.
      if (
        t.allCaps &&
        next.allCaps &&
        (isNameClass(t.cls) || isNameClass(next.cls)) &&
        t.cls !== 'word' &&
        next.cls !== 'word'
      ) {
        name[i] = true;
        name[i + 1] = true;
      }
      if (
        !comma &&
        t.capital &&
        next.capital &&
        !t.allCaps &&
        t.cls === 'unknown' &&
        next.cls === 'unknown' &&
        !(t.opening && next.cls !== 'unknown')
      ) {
        name[i] = true;
        name[i + 1] = true;
      }
      // "für Chaled Nasser": a capitalised word no list knows before a listed surname that is also a word.
      if (
        !comma &&
        !name[i] &&
        t.capital &&
        next.capital &&
        !t.allCaps &&
        !next.allCaps &&
        !t.opening &&
        t.cls === 'unknown' &&
        t.lower.length >= 3 &&
        next.cls === 'ambiguous' &&
        isSurname(next.lower) &&
        !BARE_NOUNS.has(next.lower) &&
        !TIME_WORDS.has(next.lower)
      ) {
        name[i] = true;
        name[i + 1] = true;
      }
      // "likusja wassiljewa": in lower case, a word no list knows right before a name is its given name
      // when it is spelled at least a little like one.
      if (
        !comma &&
        name[i + 1] &&
        !name[i] &&
        !t.capital &&
        !next.capital &&
        t.cls === 'unknown' &&
        t.lower.length >= 4 &&
        !LOWER_STOP.has(t.lower) &&
        nameLikeness(t.lower) > LOWER_SURNAME_LIKENESS
      )
        name[i] = true;
    }
  }
  // 3b. "Becker hat angerufen", "Engel meldet sich": a listed name that is also a word opens a sentence
  //     whose verb only a person does.
  // In a note typed all in lower case the same holds without the capital ("kellner hat angerufen").
  const typedLower = text === text.toLowerCase();
  tokens.forEach((t, i) => {
    if (name[i] || !t.opening || !(t.capital || typedLower) || t.allCaps) return;
    // "mebrat ghebremedhin hat … nachgereicht": one or two words no list knows before the verb.
    const unknownPair = t.cls === 'unknown' && t.lower.length >= 3 && !LOWER_STOP.has(t.lower);
    // "Fromm hat angerufen", "Fröhlich ist vorbeigekommen": an adjective or verb cannot be the subject
    // of a person's verb; a noun can ("Vermieter hat angerufen", notes drop the article).
    const notNoun = capitalNonNoun(t);
    if (!unknownPair && !notNoun) {
      if (t.cls !== 'ambiguous' && !(t.cls === 'word' && t.capital && !isVocabulary(t.lower))) return;
      if (!isAnyName(t.lower)) return;
    }
    let v = i + 1;
    const second = tokens[v];
    if (
      unknownPair &&
      second &&
      second.cls === 'unknown' &&
      adjacent(second.gapBefore) &&
      !LOWER_STOP.has(second.lower)
    )
      v++;
    const next = tokens[v];
    if (!next || !adjacent(next.gapBefore)) return;
    const person =
      PERSON_VERBS.has(next.lower) ||
      (AUXILIARIES.has(next.lower) &&
        tokens.slice(v + 1, v + 5).some((later) => PERSON_PARTICIPLES.has(later.lower)));
    if (!person) return;
    // Such a word only right before its verb ("Heute hat Frau Koch angerufen" keeps "Heute").
    const direct =
      (AUXILIARIES.has(next.lower) && PERSON_PARTICIPLES.has(tokens[v + 1]?.lower ?? '')) ||
      (PERSON_VERBS.has(next.lower) && !AUXILIARIES.has(next.lower));
    if (notNoun && !unknownPair && !isAnyName(t.lower) && !direct) return;
    for (let k = i; k < v; k++) name[k] = true;
  });
  // 3f'. "Grund umgezogen, neue Anschrift …", "…, Storch informiert": in note style a clause opens with the
  //     person and a participle, without "hat" or "ist" — a surname of the lists (not a season or a bare
  //     noun) or an unknown name-like word there is the person. Adverbs and nouns stay ("kurz informiert",
  //     "Termin verschoben").
  tokens.forEach((t, i) => {
    if (name[i] || t.allCaps || t.glued || t.initial || t.lower.length < 3 || !(t.capital || typedLower))
      return;
    const clause = t.opening || /(?:,|\s[–—-])[ \t]*$/u.test(t.gapBefore);
    if (!clause) return;
    const next = tokens[i + 1];
    if (!next || !adjacent(next.gapBefore) || next.glued) return;
    const participle =
      PERSON_PARTICIPLES.has(next.lower) ||
      (AUXILIARIES.has(next.lower) && PERSON_PARTICIPLES.has(tokens[i + 2]?.lower ?? ''));
    if (!participle) return;
    const listed =
      (t.cls === 'ambiguous' &&
        isSurname(t.lower) &&
        !TIME_WORDS.has(t.lower) &&
        !BARE_NOUNS.has(t.lower) &&
        !ADJECTIVE_SURNAMES.has(t.lower) &&
        // "Ehrlich gesagt", "Frisch gemeldet": an adjective before a participle is an adverb.
        !isPlainWord(t.lower)) ||
      (t.cls === 'unknown' && !LOWER_STOP.has(t.lower) && looksLikeName(t.lower));
    if (listed) name[i] = true;
  });
  // 3f. "Schade und Lea sind getrennt": a word that opens a sentence, "und", a given name and a verb in
  //     the plural are two persons; a thing would take an article.
  tokens.forEach((t, i) => {
    const and = tokens[i + 1];
    const other = tokens[i + 2];
    const verb = tokens[i + 3];
    if (name[i] || !t.opening || !(t.capital || typedLower) || t.allCaps || !and || !other || !verb) return;
    if (and.lower !== 'und' || other.cls !== 'given' || !PLURAL_PERSON_VERBS.has(verb.lower)) return;
    if (t.lower.length < 3 || LOWER_STOP.has(t.lower) || (isVocabulary(t.lower) && t.cls !== 'ambiguous'))
      return;
    if (![and, other, verb].every((x) => adjacent(x.gapBefore))) return;
    name[i] = true;
    name[i + 2] = true;
  });
  // 3h. "Bauchs Weiterbewilligungsantrag hängt": a word in the genitive s before a noun, opening the
  //     sentence without an article, is a person's name ("des Bauchs Antrag" would be a thing's).
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    if (name[i] || !t.opening || t.allCaps || !next || !adjacent(next.gapBefore) || next.glued) return;
    if (!(t.capital || typedLower) || isVocabulary(t.lower) || t.lower.length < 5) return;
    const stem = stemOf(t.lower);
    if (stem === undefined || !t.lower.endsWith('s') || t.lower.endsWith('es')) return;
    if (t.cls !== 'unknown' && !isAnyName(stem)) return;
    if (t.cls === 'unknown' && !isAnyName(stem) && !looksLikeName(stem)) return;
    // The noun it owns: a noun of the lists, or one of the application's.
    if (next.cls !== 'word' || (!next.capital && !typedLower) || LOWER_STOP.has(next.lower)) return;
    if (!isNounLike(next.lower) && !isVocabulary(next.lower)) return;
    name[i] = true;
  });
  // 3g. "Mariam Völker war da": a given name makes the capitalised word after it its surname even when
  //     that is also a German word, when a verb, a punctuation mark or the end follows ("Anna Termin
  //     verschieben" keeps the noun before a second capitalised word, and vocabulary always stays).
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    if (!next || !name[i] || name[i + 1] || !adjacent(next.gapBefore) || next.glued || t.initial) return;
    // "Esmatullah Vogel": after any name, a capitalised word the name lists hold is its surname.
    if (
      (t.cls === 'given' || t.cls === 'unknown') &&
      next.capital === t.capital &&
      !next.allCaps &&
      (next.cls === 'word' || next.cls === 'ambiguous') &&
      isAnyName(next.lower) &&
      !isVocabulary(next.lower) &&
      !TIME_WORDS.has(next.lower)
    ) {
      name[i + 1] = true;
      return;
    }
    // "Anke Freitag hat …", "Maik Freitag fehlt": a given name and a day or month that says no time.
    if (
      t.cls === 'given' &&
      t.capital &&
      next.capital &&
      TIME_WORDS.has(next.lower) &&
      !sayWhen(text, next)
    ) {
      name[i + 1] = true;
      return;
    }
    if (t.cls !== 'given') return;
    if (
      next.initial ||
      next.allCaps ||
      next.lower.length < 3 ||
      isVocabulary(next.lower) ||
      LOWER_STOP.has(next.lower)
    )
      return;
    const after = tokens[i + 2];
    const ends = !after || !adjacent(after.gapBefore) || !after.capital;
    if (next.capital && t.capital && next.cls === 'word' && ends) name[i + 1] = true;
    // "jolien köhn": in lower case, a word no list knows that is spelled at least a little like a name.
    else if (
      !next.capital &&
      !t.capital &&
      next.cls === 'unknown' &&
      nameLikeness(next.lower) > LOWER_SURNAME_LIKENESS
    )
      name[i + 1] = true;
  });
  // 3i. "Kinder Rosa (11)", "Frank Winter (44 J.)": the word before an age in brackets is a person's name,
  //     and so is a name-like word right before it.
  tokens.forEach((t, i) => {
    if (name[i] || t.glued || t.allCaps || t.initial || t.lower.length < 2) return;
    const age = AGE_AFTER_RE.exec(text.slice(t.end, t.end + 24));
    if (!age || !(t.capital || typedLower) || LOWER_STOP.has(t.lower)) return;
    // "Jens Lange (52 J.)": after a name, a listed surname that is also a common word.
    const previous = tokens[i - 1];
    const afterName =
      previous !== undefined && name[i - 1] === true && adjacent(t.gapBefore) && isAnyName(t.lower);
    if (!afterName && (isVocabulary(t.lower) || (t.cls === 'word' && !isAnyName(t.lower)))) return;
    // "Hamburg (3)", "Standorte (2)": a count in brackets says nothing of a person. An age needs its unit,
    // a given name, or a person word shortly before ("Kinder Rosa (11)", "Tochter Lea (9)").
    const unit = /[\p{L}]/u.test(age[0]);
    const personBefore = tokens
      .slice(Math.max(0, i - 3), i)
      .some((b) => NAME_CUES.has(b.lower) && !ENGLISH_CUES.has(b.lower));
    if (!unit && !personBefore && !isGivenName(t.lower)) return;
    name[i] = true;
    const before = tokens[i - 1];
    if (
      before &&
      !name[i - 1] &&
      adjacent(t.gapBefore) &&
      before.capital === t.capital &&
      (isNameClass(before.cls) || (before.cls === 'ambiguous' && isGivenName(before.lower)))
    )
      name[i - 1] = true;
  });
  markRowCells(tokens, text, name);
  markCrumbs(tokens, text, name);
  // 3e. "Akte Yilmaz", "BEDARFSGEMEINSCHAFT FRINGS": a file or record word directly before a word that is
  //     only a name, or unknown and name-like, names whose file it is (after "von"/"für" see the cues).
  tokens.forEach((t, i) => {
    if (!isOwnerNoun(t.lower)) return;
    const next = tokens[i + 1];
    if (!next || name[i + 1] || !next.capital || !adjacent(next.gapBefore) || next.glued) return;
    // "BEDARFSGEMEINSCHAFT STIER", "Akte Pilz": after a file word, a name that is also a word is a name.
    const listedName =
      isNameClass(next.cls) ||
      // In capitals only a surname's ending counts besides the lists: "SGBII" is spelled like nothing.
      (next.allCaps && next.cls === 'unknown' && (isAnyName(next.lower) || looksLikeSurname(next.lower))) ||
      (next.cls === 'ambiguous' &&
        isAnyName(next.lower) &&
        !BARE_NOUNS.has(next.lower) &&
        !TIME_WORDS.has(next.lower));
    const nameLike = next.cls === 'unknown' && !next.allCaps && looksLikeName(next.lower);
    if (listedName || nameLike) name[i + 1] = true;
  });
  // 3e'. "BG Zagros: …", "bg jung: tochter …", "BG 49273BG0035527 Herbst – …": a field that opens with
  //     a household or file word (and its number) and then one word that ends the field names whose it is,
  //     whatever else the word means.
  tokens.forEach((t, i) => {
    if (name[i] || t.glued || t.allCaps || t.initial || t.lower.length < 2) return;
    if (!(t.capital || typedLower) || isVocabulary(t.lower) || LOWER_STOP.has(t.lower)) return;
    if (t.cls === 'word' && !isAnyName(t.lower)) return;
    if (BARE_NOUNS.has(t.lower) && t.cls !== 'ambiguous') return;
    if (!FIELD_END_RE.test(text.slice(t.end, t.end + 3))) return;
    const before = text.slice(Math.max(0, t.start - 48), t.start);
    if (OWNER_FIELD_RE.test(before) || (CONTACT_FIELD_RE.test(before) && isListedName(t))) name[i] = true;
  });
  // 3g. "Bock-Sommer erreichbar unter …": a double name whose every part the lists know as a surname.
  tokens.forEach((t, i) => {
    if (name[i] || t.glued || !t.lower.includes('-')) return;
    const parts = t.lower.split('-');
    // "schwarz-weiß", "Sommer-Winter": two colours or seasons are no double name.
    if (
      parts.length === 2 &&
      parts.every((part) => part.length >= 3 && isSurname(part) && !isOwnerNoun(part)) &&
      !parts.every(hasPlainMeaning)
    )
      name[i] = true;
  });
  // 3h. "Fleißig Anja", "Neue Adresse Zahm Jana": a capitalised adjective right before a given name of the
  //     lists is her surname written first; greetings stay ("Liebe Anna").
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    if (name[i] || !next || !t.capital || t.allCaps || t.glued || t.lower.length < 3) return;
    if (next.cls !== 'given' || !next.capital || next.allCaps || !adjacent(next.gapBefore)) return;
    if (!capitalNonNoun(t) || !isVerbOrAdjective(t.lower) || GREETINGS.has(t.lower)) return;
    name[i] = true;
    name[i + 1] = true;
  });
  // 3d'. "Bedarfsgemeinschaft Bitter", "Widerspruch Fleißig gegen …", "Post an Fleißig kam zurück": an
  //      adjective written with a capital inside a sentence, after a record word or a preposition and not
  //      before a noun it could describe, is a surname ("mit Freundlichen Grüßen" keeps its noun).
  tokens.forEach((t, i) => {
    if (name[i] || !t.capital || t.allCaps || t.opening || t.glued || t.initial || t.lower.length < 3) return;
    if (!capitalNonNoun(t) || !isVerbOrAdjective(t.lower)) return;
    const before = tokens[i - 1];
    if (!before || !adjacent(t.gapBefore)) return;
    if (!isOwnerNoun(before.lower) && !BARE_PREPOSITIONS.has(before.lower)) return;
    const next = tokens[i + 1];
    if (next && adjacent(next.gapBefore) && next.capital && (next.cls === 'word' || next.cls === 'ambiguous'))
      return;
    // "Bescheid Falsch berechnet": before a participle it is the adverb, capitalised in haste.
    if (
      next &&
      adjacent(next.gapBefore) &&
      /^(?:ge|be|er|ver|zer|ent|emp)\p{Ll}{2,}(?:t|en)$/u.test(next.lower)
    )
      return;
    name[i] = true;
  });
  // 3d. "Rückruf an Becker", "Termin mit Fischer": a listed surname that is also a noun, after a
  //     preposition and without an article, is a person: a noun there would take one ("an den Koch"),
  //     unless it is one German uses bare ("mit Post", "zu Hause", "im Winter": those stay).
  tokens.forEach((t, i) => {
    if (name[i] || !(t.capital || typedLower) || t.allCaps || t.opening || t.cls !== 'ambiguous') return;
    if (!isAnyName(t.lower)) return;
    const before = tokens[i - 1];
    if (!before || !BARE_PREPOSITIONS.has(before.lower) || !adjacent(t.gapBefore)) return;
    if (BARE_NOUNS.has(t.lower) || TIME_WORDS.has(t.lower)) return;
    const next = tokens[i + 1];
    // "mit Koch und Kellner": a second noun makes it an enumeration of things or trades.
    if (next && adjacent(next.gapBefore) && next.capital && next.cls === 'word') return;
    const joined = tokens[i + 2];
    // Two trades or animals are things only where the sentence says so ("Stellen für Koch und Kellner",
    // "Plakat mit Storch und Kranich"); "Termin mit Fuchs und Wolf" are two persons.
    const thingsSaid = (k: number) =>
      tokens
        .slice(Math.max(0, k - 6), k)
        .some((b) => WORK_WORDS.has(b.lower) || TRAINING_PLACES.has(b.lower) || PICTURE_WORDS.has(b.lower));
    if (
      next &&
      LIST_JOINTS.has(next.lower) &&
      joined?.capital &&
      (joined.cls === 'word' ||
        (isThing(t.lower) && isThing(joined.lower) && thingsSaid(i)) ||
        (joined.cls === 'ambiguous' && !isSurname(joined.lower) && !isGivenName(joined.lower)))
    )
      return;
    // In lower case only before a past participle or a comma ("mit baum gesprochen, …"), or, for a
    // surname of the lists that is no adjective, before a verb ("bei müller fehlt der mietvertrag").
    const verbAfter =
      next !== undefined &&
      adjacent(next.gapBefore) &&
      !next.glued &&
      isSurname(t.lower) &&
      !ADJECTIVE_SURNAMES.has(t.lower) &&
      // "bei grau druckt": a surname that German also writes as a lower-case word is that word there.
      !isPlainWord(t.lower) &&
      (AFTER_PERSON_WORDS.has(next.lower) ||
        (isVerbOrAdjective(next.lower) && !isNounLike(next.lower) && !isVocabulary(next.lower)));
    if (
      !t.capital &&
      !verbAfter &&
      !(
        next &&
        ((adjacent(next.gapBefore) &&
          !next.glued &&
          (PERSON_PARTICIPLES.has(next.lower) || /^ge\p{Ll}{3,}(?:t|en)$/u.test(next.lower))) ||
          commaJoined(next.gapBefore) ||
          /^[ \t]*,/u.test(next.gapBefore))
      )
    )
      return;
    name[i] = true;
  });
  // 3c. "suche nach brömse 12.03.1988", "Fuchs (geb. 2.8.1977)": the word right before a date of birth
  //     is the person's, as the date right after a person is the birth date (dates.ts).
  const beforeBirthDate = new Set<number>();
  tokens.forEach((t, i) => {
    if (t.glued || t.allCaps || LOWER_STOP.has(t.lower) || t.lower.length < 3) return;
    // A name already found still counts: a place is never followed by a date of birth, so "suche nach
    // komorowski 12.03.1988" keeps its name although "nach" names places.
    const listed = name[i] || (t.cls === 'ambiguous' && isAnyName(t.lower));
    if (t.cls !== 'unknown' && !listed) return;
    const date = BIRTH_DATE_AFTER_RE.exec(text.slice(t.end, t.end + 32));
    if (!date) return;
    // A cue, or a date too far back for the day's work ("Sommer 12.03.2024" is a holiday, not a person);
    // in brackets after a word no list knows, any date.
    const cued = date[2] !== undefined;
    const year = Number(date[3]);
    const fullYear = year >= 100 ? year : year + (year <= new Date().getFullYear() % 100 ? 2000 : 1900);
    const old = fullYear <= new Date().getFullYear() - 12;
    const bracketed = date[1]?.includes('(') === true && t.cls === 'unknown';
    if (cued || old || bracketed) {
      name[i] = true;
      beforeBirthDate.add(i);
    }
  });
  // 3i. "Wagner und Becker haben …", "Termine: Koch, Wagner": beside a name in a list ("und", "oder",
  //     "&", a comma), a listed name that is also a word is a name too; "Wagner und Sohn" keeps the word,
  //     which no name list holds as a surname alone. Until nothing changes: lists run both ways.
  for (let changed = true, pass = 0; changed && pass < 4; pass++) {
    changed = false;
    tokens.forEach((t, i) => {
      if (name[i] || t.cls !== 'ambiguous' || t.allCaps || t.glued || !(t.capital || typedLower)) return;
      if (!isSurname(t.lower) && !isGivenName(t.lower)) return;
      if (TIME_WORDS.has(t.lower) || BARE_NOUNS.has(t.lower)) return;
      const listed = (j: number, joint: Token | undefined) =>
        name[j] === true && joint !== undefined && LIST_JOINTS.has(joint.lower);
      const left =
        (i >= 2 &&
          listed(i - 2, tokens[i - 1]) &&
          adjacent(t.gapBefore) &&
          adjacent((tokens[i - 1] as Token).gapBefore)) ||
        (i >= 1 && name[i - 1] === true && /^[ \t]*[,&][ \t]*$/u.test(t.gapBefore));
      const after = tokens[i + 1];
      const right =
        (after !== undefined &&
          LIST_JOINTS.has(after.lower) &&
          adjacent(after.gapBefore) &&
          name[i + 2] === true &&
          adjacent((tokens[i + 2] as Token).gapBefore)) ||
        (after !== undefined && name[i + 1] === true && /^[ \t]*[,&][ \t]*$/u.test(after.gapBefore));
      if (!left && !right) return;
      name[i] = true;
      changed = true;
    });
  }
  markFileNames(tokens, text, name);
  // 3j. "… Rückmeldung steht aus (Baum)", "nobody home (richter)": one word alone in brackets at the end
  //     of a note names whom it is about — a surname of the lists, whatever else it means; not a colour,
  //     a season or a noun German uses bare.
  tokens.forEach((t, i) => {
    if (name[i] || t.glued || t.allCaps || t.initial || t.lower.length < 3) return;
    if (!/\($/u.test(t.gapBefore) || !/^\)[ \t.!]*$/u.test(text.slice(t.end))) return;
    if (isListedName(t)) name[i] = true;
  });
  // 3k. "Stelle als Weber", "arbeitet als Fuhrmann": after "als" and a word of work, a trade, not a person.
  //     Also right after a training place: "Ausbildungsplatz Töpfer ab August frei".
  tokens.forEach((t, i) => {
    if (!name[i] || i < 1 || !adjacent(t.gapBefore)) return;
    if (t.cls !== 'surname' && !(TRADES.has(t.lower) && t.cls !== 'given')) return;
    const before = (tokens[i - 1] as Token).lower;
    const work =
      (before === 'als' &&
        i >= 2 &&
        tokens.slice(Math.max(0, i - 4), i - 1).some((b) => WORK_WORDS.has(b.lower))) ||
      (TRADES.has(t.lower) && TRAINING_PLACES.has(before));
    if (work) name[i] = false;
  });
  // 4. Particles inside a marked name belong to it ("Hans von der Heide", "Rama al-Khatib").
  for (let i = 1; i < tokens.length - 1; i++) {
    if (name[i] || !PARTICLES.has((tokens[i] as Token).lower)) continue;
    let j = i;
    while (j < tokens.length && PARTICLES.has((tokens[j] as Token).lower)) j++;
    const after = tokens[j];
    if (!after || !name[i - 1]) continue;
    // "Ulrich von der Heide": after a name and its particles, a capitalised word is the name's end.
    // Not a plain noun: "Modell der Fallbearbeitung" is no "Ulrich von der Heide"; a place is ("von Bülow").
    if (
      !name[j] &&
      after.capital &&
      !isVocabulary(after.lower) &&
      (after.cls !== 'word' || isAnyName(after.lower) || isPlace(after.lower)) &&
      adjacent(after.gapBefore)
    )
      name[j] = true;
    if (name[j]) for (let k = i; k < j; k++) name[k] = true;
  }
  // 5. Places: the words after "Jobcenter", "Landkreis", "Standort" … and after "in", "nach", "aus" name
  //    a place ("Jobcenter Leipzig", "Termine in Frankfurt am Main"), not a person; a given name stays one.
  tokens.forEach((t, i) => {
    if (!PLACE_CUES.has(t.lower)) return;
    // "Antragsteller/in Okoro": a gender ending, not the preposition.
    if (t.lower === 'in' && /^(?:\/-?|[:*_])$/u.test(t.gapBefore)) return;
    // "Kreis Peine": the cue itself is no name either when a place follows it ("Kreis" is a surname too).
    const following = tokens[i + 1];
    if (
      name[i] &&
      t.capital &&
      t.cls !== 'given' &&
      following &&
      adjacent(following.gapBefore) &&
      following.capital
    )
      name[i] = false;
    for (let j = i + 1; j < tokens.length && j <= i + 4; j++) {
      const next = tokens[j] as Token;
      if (!adjacent(next.gapBefore) && !/^[ \t]*-[ \t]*$/.test(next.gapBefore)) break;
      if (PARTICLES.has(next.lower) || next.lower === 'am' || next.lower === 'an' || next.lower === 'im')
        continue;
      // "Jobcenter Berlin Marzahn-Hellersdorf": a town the noun list knows, then its district.
      if (next.cls === 'word' && next.capital && !isVocabulary(next.lower) && isNoun(next.lower)) continue;
      // A given name stays one, unless the lists know it as a town too ("Jobcenter Kiel").
      if (
        (next.cls === 'given' && !isPlace(next.lower)) ||
        next.cls === 'word' ||
        (!next.capital && !PLACE_CUES.has(t.lower))
      )
        break;
      if (beforeBirthDate.has(j)) break;
      name[j] = false;
    }
  });
  // 6. A word that is a name once is a name everywhere in the text ("Frau Wrobel … Wrobel steht doppelt"),
  //    also in the genitive; the officer loses nothing a name would have told.
  const named = new Set<string>();
  tokens.forEach((t, i) => {
    if (name[i] && !t.initial && t.lower.length >= 3 && !PARTICLES.has(t.lower)) named.add(t.lower);
  });
  if (named.size > 0) {
    tokens.forEach((t, i) => {
      if (name[i] || t.initial) return;
      const stem = stemOf(t.lower);
      if (named.has(t.lower) || (stem !== undefined && named.has(stem))) name[i] = true;
    });
  }
  return name;
}

/** Names found by their own shape and the word lists, in any case (see the module comment). */
export function detectNames(text: string, out: Span[]): void {
  const tokens = tokenize(text);
  const name = markNames(tokens, text);
  tokens.forEach((t, i) => {
    if (!name[i]) return;
    // An initial takes its dot along, so "T." leaves no letter behind.
    const end = t.initial ? t.end + 1 : t.end;
    const parts = t.lower.split('-');
    // "Weber-Grill", "Töpfer-Kurs", "Bock-Bier": a trade or an animal before a noun names a thing, unless
    // the noun is a record word ("Weber-Akte" is Weber's file).
    const last = parts[parts.length - 1] ?? '';
    if (
      parts.length === 2 &&
      isThing(parts[0] ?? '') &&
      last.length >= 3 &&
      isNounLike(last) &&
      !isSurname(last) &&
      !isGivenName(last) &&
      !isOwnerNoun(last)
    )
      return;
    if (parts.length > 1 && parts.some((part) => classify(part) === 'word')) {
      // "Müller-Akte": only the name part goes ("[NAME]-Akte"); the officer keeps the word.
      let offset = t.start;
      for (const part of parts) {
        // Short parts go with the name ("A-Ac"): alone they would be read as a name on a second pass.
        // A part that is a word but also a listed name goes too ("Lücke-Rosenthal", "schramm-sonntag"),
        // unless it is the application's vocabulary ("Müller-Akte").
        if (classify(part) !== 'word' || part.length < 3 || (isAnyName(part) && !isVocabulary(part)))
          out.push({ start: offset, end: offset + part.length, kind: 'name' });
        offset += part.length + 1;
      }
      return;
    }
    out.push({ start: t.start, end, kind: 'name' });
  });
}

/**
 * Words kept that might still be names, for the dialog's "Name?" hint: unknown or name-list words that
 * opened a sentence, and words that are names only with a neighbour ("Winter"). Sorted, disjoint, and
 * never inside a masked span.
 */
export function findSuspects(text: string, spans: readonly Span[]): Span[] {
  const tokens = tokenize(text);
  const suspects: Span[] = [];
  for (const t of tokens) {
    if (!t.capital || t.initial) continue;
    if (t.cls === 'word' || (t.cls === 'ambiguous' && !isAnyName(t.lower))) continue;
    if (t.allCaps && t.cls === 'unknown') continue;
    if (spans.some((s) => s.start < t.end && t.start < s.end)) continue;
    suspects.push({ start: t.start, end: t.end, kind: 'name' });
  }
  return suspects;
}
