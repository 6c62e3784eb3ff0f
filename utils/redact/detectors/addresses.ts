import { COMMON_WORDS } from '../common-words';
import { isNoun, isPlace, isVerbOrAdjective } from '../lexicon';
import type { Span } from '../spans';
import { APP_WORDS } from './name-words';
import { eachMatch, NOT_AFTER_WORD, NOT_BEFORE_WORD, SP } from './shared';

/** Endings of German street names; a word ending in one of these and followed by a house number is a street. */
const STREET_SUFFIXES = [
  'straße',
  'strasse',
  'str.',
  // "Brunnenstr 7": typed without the dot.
  'str',
  'weg',
  'gasse',
  'allee',
  'platz',
  'ring',
  'damm',
  'ufer',
  'chaussee',
  'pfad',
  'steig',
  'stieg',
  'markt',
  'wall',
  'graben',
  'kamp',
  'twiete',
  'reihe',
  'promenade',
  'brücke',
  'berg',
  'deich',
  'kai',
  // "Schloßfreiheit 2", "Berliner Freiheit 16".
  'freiheit',
] as const;

/**
 * Street words that name a street only together with a preposition or adjective ("Am Markt 5",
 * "Lange Reihe 7", "Auf der Höhe 3"). Alone they are too common in software talk ("Feld 3", "Zeile 2").
 */
const BARE_STREET_WORDS = new Set([
  ...STREET_SUFFIXES,
  'hof',
  'park',
  'garten',
  'tor',
  'anger',
  'feld',
  'au',
  'grund',
  'höhe',
  'bogen',
  'winkel',
  'zeile',
  'hain',
  'heide',
  'busch',
  'bruch',
  'kirche',
  'mühle',
]);

/** Compounds with a street ending that are everyday office or software words, not streets. */
const NOT_STREETS = new Set([
  'arbeitsplatz',
  'speicherplatz',
  'parkplatz',
  'sitzplatz',
  'stellplatz',
  'arbeitsmarkt',
  'ausbildungsmarkt',
  'stellenmarkt',
  'dateipfad',
  'suchpfad',
  'klickpfad',
  'umweg',
  'rückweg',
  'ausweg',
  'dienstweg',
  'rechtsweg',
  'lösungsweg',
  'zahlungsweg',
  'postweg',
  'firewall',
  'string',
  'spring',
  'einstieg',
  'aufstieg',
  'anstieg',
  'abstieg',
  'zeitreihe',
  'testreihe',
  'messreihe',
  'baureihe',
]);

/** Words that may stand before a street name and belong to it. */
const STREET_PREFIXES = new Set([
  'am',
  'an',
  'auf',
  'zum',
  'zur',
  'hinter',
  'vor',
  'unter',
  'bei',
  'über',
  'alte',
  'alter',
  'altes',
  'neue',
  'neuer',
  'neues',
  'lange',
  'langer',
  'große',
  'großer',
  'grosse',
  'grosser',
  'kleine',
  'kleiner',
  'hohe',
  'hoher',
  'breite',
  'breiter',
  'obere',
  'oberer',
  'untere',
  'unterer',
  // "Hintere Marktstr. 18", "Hohes Ufer 6", "Langes Feld 3": every gender and case of the street's adjective.
  'hintere',
  'hinterer',
  'vordere',
  'vorderer',
  'mittlere',
  'mittlerer',
  'hohes',
  'langes',
  'großes',
  'grosses',
  'kleines',
  'breites',
  'sankt',
  'st.',
]);
const ARTICLES = new Set(['der', 'den', 'dem', 'die']);

// Up to two words before the street word, the street word, the house number ("12", "12a", "7 b",
// "12-14", "5/7"). Which of the words before belong to the street is decided in code.
const ADDRESS_RE = new RegExp(
  `${NOT_AFTER_WORD}((?:(?:[\\p{Lu}][\\p{Ll}\\p{M}ß]*\\.?|der|den|dem|die)${SP}+){0,2})` +
    `([\\p{Lu}][\\p{L}\\p{M}-]*\\.?)${SP}*` +
    `(\\d{1,3}(?:${SP}?[a-zA-Z](?![\\p{L}\\p{M}]))?(?:${SP}?[-–/]${SP}?\\d{1,3}[a-zA-Z]?)?)` +
    '(?![\\p{N}]|[.,]\\d)',
  'gu',
);

/** Street and house number ("Musterstraße 12a", "Am Beispielweg 3", "Hauptstr. 5", "Lange Reihe 7 b"). */
export function detectStreets(text: string, out: Span[]): void {
  eachMatch(ADDRESS_RE, text, (m) => {
    const before = m[1] ?? '';
    const street = m[2] ?? '';
    const lower = street.toLowerCase();
    const lastPart = lower.slice(lower.lastIndexOf('-') + 1);
    // Which of the words in front belong to the street: qualifying words directly before it,
    // with an article allowed after a preposition ("An der Mühle 3").
    const words = [...before.matchAll(/[^ \t\u00A0\u202F]+/g)];
    let start = m.index + before.length;
    for (let i = words.length - 1; i >= 0; i--) {
      const word = (words[i]?.[0] ?? '').toLowerCase();
      if (STREET_PREFIXES.has(word) || isPlaceAdjective(word)) start = m.index + (words[i]?.index ?? 0);
      else if (!(ARTICLES.has(word) && i > 0 && STREET_PREFIXES.has((words[i - 1]?.[0] ?? '').toLowerCase())))
        break;
    }
    const hasPrefix = start < m.index + before.length;
    // "Auf Platz 3 der Warteliste", "im Zimmer 12a": a rank and a room.
    if (ROOMS.has(lower) || (lower === 'platz' && /^auf\b/iu.test(text.slice(start)))) return;
    const isStreet = BARE_STREET_WORDS.has(lower)
      ? hasPrefix
      : (!NOT_STREETS.has(lower) && STREET_SUFFIXES.some((s) => hasStreetEnding(lastPart, s, lower))) ||
        // "Alt-Moabit 101", "Alt-Tegel 5": the old village centre of a town's part, a street of its own.
        (lower.startsWith('alt-') && lastPart.length >= 4 && !isNoun(lastPart) && !APP_WORDS.has(lastPart));
    if (!isStreet) return;
    // "Lange Reihe 7 b, Hamburg": the town after the house number belongs to the address.
    const end = m.index + m[0].length;
    const town = TOWN_AFTER_RE.exec(text.slice(end, end + 60));
    const townEnd = town && isPlace((town[1] ?? '').toLowerCase()) ? end + town[0].length : end;
    out.push({ start, end: townEnd, kind: 'address' });
  });
}

const TOWN_AFTER_RE = /^,[ \t]*([\p{Lu}][\p{L}\p{M}]+(?:-[\p{Lu}][\p{L}\p{M}]+)*)(?![\p{L}\p{M}\p{N}])/u;

// "Karl-Marx-Straße": the ending is the whole last part; "Musterstraße": at least two letters before it.
function hasStreetEnding(lastPart: string, suffix: string, whole: string): boolean {
  if (!lastPart.endsWith(suffix)) return false;
  if (lastPart.length - suffix.length >= 2) return true;
  return lastPart === suffix && whole.includes('-');
}

// "Berliner", "Hildesheimer": place names turned adjective, the usual first word of a two-word street;
// "Dänische", "Holländische", "Märkische": adjectives of a land or people ("Dänische Straße 9").
function isPlaceAdjective(word: string): boolean {
  if (COMMON_WORDS.has(word)) return false;
  return (word.length >= 5 && word.endsWith('er')) || LAND_ADJECTIVE_RE.test(word);
}
// Lands, regions and peoples that streets are named for; not "technische", "praktische".
const LAND_ADJECTIVE_RE =
  /^(?:dän|holländ|niederländ|schwed|fries|ostfries|märk|sächs|bayer|bayr|schwäb|hess|westfäl|rhein|thüring|pommer|preuß|preuss|böhm|poln|russ|französ|engl|ital|schles|bad|pfälz|lipp|oldenburg|brandenburg|mecklenburg|holstein|lübeck|hanseat|kurhess|fränk|österreich|schweizer)(?:i)?sche[nrs]?$/u;

// Five digits (optionally "D-"), a capitalised place name, optionally "am Main", "an der Oder", "(Saale)", "-Süd".
const PLACE = '[\\p{Lu}][\\p{L}\\p{M}]+(?:-[\\p{Lu}][\\p{L}\\p{M}]+)*';
const POSTCODE_RE = new RegExp(
  `(?<![\\p{L}\\p{M}\\p{N}_.,:/+-])(?:D-?${SP}?)?(\\d{5})${SP}+(${PLACE})` +
    `(?:${SP}+(?:am|an${SP}der|im|in${SP}der|ob${SP}der|bei|vor${SP}der|a\\.${SP}?d\\.|a\\.|i\\.)${SP}*${PLACE}|${SP}*\\(${PLACE}\\))?` +
    '(?![\\p{L}\\p{M}\\p{N}])',
  'gu',
);

// A quantity, not a postcode, follows these: "über 12000 Seitenaufrufe", "rund 40000 Datensätze".
const QUANTITY_BEFORE_RE =
  /(?:^|[^\p{L}])(?:über|rund|ca\.|circa|etwa|mehr als|weniger als|bis zu|knapp|fast|nur|je|pro|insgesamt|alle|von)[ \t]+$/iu;

/**
 * Postcode and place ("30159 Hannover", "60311 Frankfurt am Main"), unless the word after the number
 * is ordinary ("12000 Euro") or a quantity word stands before it ("über 12000 Seitenaufrufe").
 */
// Lower-case places ("50098 gera", "73937 bad freiingen"), and places with "Bad", "Sankt", "Neu" before them.
const LOWER_PLACE = '[\\p{L}][\\p{L}\\p{M}]+(?:-[\\p{L}][\\p{L}\\p{M}]+)*';
// What stands before a postcode that ends an address: "Ahornweg 3, ", "[ANSCHRIFT], ".
const ADDRESS_END_RE = /(?:\d{1,4}[ \t]?[a-z]?|\[ANSCHRIFT\])[ \t]*,?[ \t]*$/iu;
const LOOSE_POSTCODE_RE = new RegExp(
  `(?<![\\p{L}\\p{M}\\p{N}_.,:/+-])(?:D-?${SP}?)?(\\d{5})${SP}+((?:(?:bad|sankt|st\\.|neu|alt|groß|klein|hansestadt)${SP}+)?(${LOWER_PLACE}))` +
    `(?:${SP}+(?:am|an${SP}der|im|in${SP}der|ob${SP}der|bei|vor${SP}der|a\\.${SP}?d\\.)${SP}*${LOWER_PLACE}|${SP}*\\(${LOWER_PLACE}\\))?(?![\\p{L}\\p{M}\\p{N}])`,
  'giu',
);

export function detectPostcodes(text: string, out: Span[]): void {
  eachMatch(LOOSE_POSTCODE_RE, text, (m) => {
    const code = m[1] ?? '';
    const place = (m[3] ?? '').toLowerCase();
    if (code.startsWith('00') || COMMON_WORDS.has(place)) return;
    // The noun list holds towns as well ("münchen", "halle"); a noun counts as a place only where an
    // address certainly ends: after a house number and a comma, or after "Anschrift", "Umzug nach" …
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    if (isNoun(place) && !ADDRESS_END_RE.test(before) && !ADDRESS_CUE_RE.test(before)) return;
    // A lower-case place only where an address ends: after a comma, in brackets, a house number, "in"
    // or "nach", or alone on its line (a phone number's last group is five digits too: "030 12345 fehlt").
    const lowerPlace = !/^\p{Lu}/u.test(m[2] ?? '');
    // "nach 45355 essen": after "nach", "in" or "aus" a town of the list is one, whatever else the word is.
    const townAfterPreposition =
      isPlace(place) &&
      /(?:^|\s)(?:in|nach|aus|an)\s+$/iu.test(text.slice(Math.max(0, m.index - 6), m.index));
    if (
      lowerPlace &&
      ((isVerbOrAdjective(place) && !townAfterPreposition) ||
        // … or after a table's bar, a dash or an arrow between spaces, or a placeholder ("| 04315 leipzig").
        !/(?:^|[,(\n\t|→\]]|\s[–—-]|anschrift:?|adresse:?|(?:^|\s)(?:in|nach|aus|an|zu)|\p{L}[\s\u00A0]+[1-9]\d{0,3}(?:[ \u00A0]?[a-z])?(?:[-/]\d{1,4}[a-z]?)?)\s*$/iu.test(
          text.slice(Math.max(0, m.index - 12), m.index),
        ))
    )
      return;
    if (QUANTITY_BEFORE_RE.test(text.slice(Math.max(0, m.index - 16), m.index))) return;
    out.push({ start: m.index, end: m.index + m[0].length, kind: 'postcode' });
  });
  eachMatch(POSTCODE_RE, text, (m) => {
    const code = m[1] ?? '';
    const place = (m[2] ?? '').toLowerCase();
    if (code.startsWith('00') || COMMON_WORDS.has(place)) return;
    if (QUANTITY_BEFORE_RE.test(text.slice(Math.max(0, m.index - 16), m.index))) return;
    out.push({ start: m.index, end: m.index + m[0].length, kind: 'postcode' });
  });
}

// "…straße" names a street even without a house number, and is never software vocabulary.
const STREET_NAME_RE = new RegExp(
  `${NOT_AFTER_WORD}[\\p{Lu}][\\p{L}\\p{M}-]*\\p{L}(?:stra(?:ß|ss)e|-Stra(?:ß|ss)e|allee|-Allee|gasse|-Gasse|chaussee|-Chaussee)${NOT_BEFORE_WORD}`,
  'gu',
);

/**
 * Street names ending in "-straße", "-allee", "-gasse" or "-chaussee" without a house number ("wohnt in der
 * Wiesenstraße"), or with one written out ("Goethestraße Nr. 5"). "-weg" or "-platz" alone are too common
 * in office talk ("Dienstweg", "Arbeitsplatz").
 */
// Production lines and figures of speech, not streets: the BA's print centre ("Druckstraße"), a car
// wash, "in eine Sackgasse geraten", "keine Einbahnstraße".
const NOT_STREET_NAMES = new Set([
  'sackgasse',
  'rettungsgasse',
  'einbahnstraße',
  'einbahnstrasse',
  'druckstraße',
  'druckstrasse',
  'waschstraße',
  'waschstrasse',
  'fertigungsstraße',
]);

export function detectStreetNames(text: string, out: Span[]): void {
  eachMatch(STREET_NAME_RE, text, (m) => {
    if (NOT_STREET_NAMES.has(m[0].toLowerCase())) return;
    const end = m.index + m[0].length;
    const number = NUMBER_AFTER_RE.exec(text.slice(end, end + 24));
    out.push({ start: m.index, end: end + (number?.[0].length ?? 0), kind: 'address' });
  });
}

// Endings of street names without a type word ("Altenhof", "Friedenstal", "Ellerbrook").
const STREETLIKE_ENDING =
  /(?:stein|park|hügel|eichen|linden|buchen|birken|tannen|weiden|wiesen|gärten|höfen|reihe|markt|dorf|hof|tal|heide|grund|garten|wiese|aue|hain|kamp|horst|brink|brook|siek|bogen|höhe|winkel|anger|weide|mühle|busch|holz|bach|born|eck|feld|land|wald|kuhle|knick|stieg|redder|hagen|moor|masch|wisch|burg|loh|rott|rode|eiche|linden|kreuz|kamp|halde|diek)$/u;
const HOUSE_NUMBER = `([1-9]\\d{0,3}(?:${SP}?[a-zA-Z](?![\\p{L}\\p{M}]))?(?:${SP}?[-–/]${SP}?\\d{1,4}[a-zA-Z]?)?)`;
// The house number written out after the street: "Goethestraße Nr. 5", "Lindenallee, Hausnummer 12".
const NUMBER_AFTER_RE = new RegExp(
  `^,?${SP}*(?:Nr\\.?|Hausnummer|Hausnr\\.?|Haus-Nr\\.?)${SP}*${HOUSE_NUMBER}(?![\\p{N}])`,
  'iu',
);
// A number glued to letters is part of a code ("100A000000"), not a house number. Units that make a
// number a quantity, not a house number ("Am Freitag 14 Uhr", "Im Feld 3 %"); a
// second number after it only when it is a postcode with its place ("eichenkamp 12 31134 hildesheim").
const NOT_HOUSE_NUMBER = `(?![\\p{N}\\p{L}]|[.,/-]\\d|${SP}+\\d(?!\\d{4}${SP}+\\p{L})|${SP}*(?:Uhr|Min|Minuten|Sekunden|Tage|Wochen|%|€|Euro|Jahre|Monate|Stunden|[Mm]al|Klicks|Versuche|Seiten)${NOT_BEFORE_WORD})`;
const PREFIX_STREET_RE = new RegExp(
  `${NOT_AFTER_WORD}(?:Im|Am|An${SP}+(?:der|den|dem)|Auf${SP}+(?:der|dem|den)|In${SP}+(?:der|den)|Zum|Zur|Hinter${SP}+(?:der|dem|den)|Hinterm|Unterm|Überm|Vorm|Beim|Unter${SP}+(?:der|den)|Vor${SP}+(?:der|dem|den)|Über${SP}+(?:der|dem|den)|Bei${SP}+(?:der|den|dem)|Zwischen${SP}+(?:den|der|dem)|Neben${SP}+(?:der|dem|den)|Op${SP}+(?:de|dem|den|der|'n)|Achter${SP}+(?:de|dem|den|der)|Lange|Alte|Neue|Große|Kleine|Hohe|Breite)${SP}+` +
    `(?:([\\p{L}][\\p{L}\\p{M}]+(?:e|en|er|es))${SP}+)?([\\p{L}][\\p{L}\\p{M}-]+)${SP}*${HOUSE_NUMBER}${NOT_HOUSE_NUMBER}`,
  'giu',
);
// "neuer markt 9 39104 magdeburg": an adjective before the street word belongs to it, in any case.
const BARE_STREET_RE = new RegExp(
  `${NOT_AFTER_WORD}((?:(?:alte[rn]?|neue[rn]?|große[rn]?|kleine[rn]?|lange[rn]?|hohe[rn]?|obere[rn]?|untere[rn]?)${SP}+)?(?:[\\p{L}][\\p{L}\\p{M}-]{3,}(?:str\\.)?|[\\p{L}][\\p{L}\\p{M}]{1,2}str\\.))${SP}*${HOUSE_NUMBER}${NOT_HOUSE_NUMBER}`,
  'giu',
);
/** Words after "im", "auf", "am" that name a room, a floor or a rank: "Im Zimmer 12a", "Auf Platz 3". */
const ROOMS = new Set([
  'zimmer',
  'raum',
  'büro',
  'etage',
  'stock',
  'stockwerk',
  'gebäude',
  'flur',
  'saal',
  'schalter',
  'rang',
  'level',
  'kapitel',
  'abschnitt',
  'schritt',
  'stufe',
  'spalte',
  'zeile',
  'reiter',
  'fenster',
]);
// "Im Sande", "Am Walde", "Zum Felde": the old dative in -e of a noun survives in street names and
// nowhere in software talk ("Im Schritt 3", never "Im Schritte 3").
function oldDative(word: string): boolean {
  return word.length >= 5 && word.endsWith('e') && isNoun(word.slice(0, -1)) && !COMMON_WORDS.has(word);
}

// A postcode and town after a house number, and the verbs of moving after an address.
// The number and the postcode apart by a comma, a table's bar or a dash ("achterdiek 49 | 28239 bremen").
const POSTCODE_AFTER_RE = /^[ \t]*(?:[,|–—-][ \t]*)?(?:D-?)?(?!00)\d{5}[ \t]+(\p{L}+)/u;
// … whose word is a town, not a unit or a verb ("Zimmer 12 30000 Euro", "0151 00000 bleibt").
const postcodeAfter = (after: string) => {
  const word = POSTCODE_AFTER_RE.exec(after)?.[1]?.toLowerCase();
  return word !== undefined && !COMMON_WORDS.has(word) && !isVerbOrAdjective(word);
};
const MOVED_AFTER_RE = /^[ \t]*,?[ \t]*(?:gezogen|umgezogen|verzogen|eingezogen)\b/iu;

// Words after which a street follows: "wohnhaft", "neue Anschrift:", "zieht in die".
const ADDRESS_CUE_RE =
  /(?:wohnhaft|wohnt|wohnen|wohnte|anschrift|adresse|adresswechsel|anschriftenwechsel|meldeadresse|umgezogen|umzug|zieht|verzogen|postanschrift|wohnort|wohnung\p{L}*|whg\.?|hausbesuch|home[ \t]+visit|address|lives|living|moved|moves)(?:\s+(?:in|nach|von|jetzt|nun|seit|ab|zum|zur|der|die|dem|den|im|am|ist|lautet|at|to))*\s*:?\s*$/iu;
// A move's two addresses: "Umzug von Lindenhofstr. 7 nach Am Dobben 34" — the cue stands before the first.
const MOVE_TO_RE =
  /(?:umzug|umgezogen|zieht|ummeldung|verzogen|adresswechsel|anschriftenwechsel|moved|moving)\b[^.!?\n]{0,60}?\b(?:nach|zu|in|to|→)\s*$|(?:umzug|ummeldung)[^.!?\n]{0,60}?→\s*$/iu;

// "berliner chaussee 69", "Dortmunder Platz 53": a place turned adjective and a street type word, any case.
// The type word may be a compound of its own: "vegesacker heerstraße 9", "sülldorfer kirchenweg 11".
const ADJECTIVE_STREET_RE = new RegExp(
  `${NOT_AFTER_WORD}([\\p{L}][\\p{L}\\p{M}]{3,}(?:er|sche[nrs]?))${SP}+((?:[\\p{L}][\\p{L}\\p{M}-]*?)?(?:${STREET_SUFFIXES.map((x) => x.replace('.', '\\.')).join('|')}))${SP}*${HOUSE_NUMBER}${NOT_HOUSE_NUMBER}`,
  'giu',
);

/** Two-word streets of a place adjective and a type word, also typed in lower case. */
export function detectAdjectiveStreets(text: string, out: Span[]): void {
  eachMatch(ADJECTIVE_STREET_RE, text, (m) => {
    const adjective = (m[1] ?? '').toLowerCase();
    // "Berliner" is also the noun for who lives there; "anderer", "neuer" are plain adjectives.
    if (!isPlaceAdjective(adjective) || isVerbOrAdjective(adjective)) return;
    const type = (m[2] ?? '').toLowerCase();
    if (
      NOT_STREETS.has(type) ||
      !STREET_SUFFIXES.some((suffix) => hasStreetEnding(type, suffix, type) || type === suffix)
    )
      return;
    out.push({ start: m.index, end: m.index + m[0].length, kind: 'address' });
  });
}

/**
 * Streets without a type word: after a preposition ("Im Friedenstal 146a", "Auf der Ohmer 17"), with
 * an ending that names places ("Altenhof 21", "Ellerbrook 132"), any case, or after an address cue
 * ("wohnhaft Lindenkamp 4"). "Im Schritt 3", "Feld 2" or "Am Freitag 14 Uhr" stay: a known noun or
 * everyday word is no street, and numbers of time and money are no house numbers.
 */
// "Platz der Republik 1", "Straße des 17. Juni 114": a street type word first, then what it is named for.
const STREET_OF_RE = new RegExp(
  `${NOT_AFTER_WORD}(?:[Pp]latz|[Ss]tra(?:ß|ss)e|[Aa]llee|[Rr]ing|[Dd]amm|[Uu]fer|[Cc]haussee)${SP}+(?:der|des|am|zum|zur)${SP}+` +
    `(?:\\d{1,2}\\.${SP}*)?(?:[\\p{Lu}][\\p{L}\\p{M}-]+${SP}+)?[\\p{Lu}][\\p{L}\\p{M}-]+${SP}*${HOUSE_NUMBER}${NOT_HOUSE_NUMBER}`,
  'gu',
);

export function detectStreetsWithoutType(text: string, out: Span[]): void {
  eachMatch(STREET_OF_RE, text, (m) => {
    out.push({ start: m.index, end: m.index + m[0].length, kind: 'address' });
  });
  eachMatch(PREFIX_STREET_RE, text, (m) => {
    const adjective = (m[1] ?? '').toLowerCase();
    const word = (m[2] ?? '').toLowerCase();
    if (
      word.length < 3 ||
      COMMON_WORDS.has(word) ||
      APP_WORDS.has(word) ||
      (adjective && COMMON_WORDS.has(adjective))
    )
      return;
    // "Im Schritt 3" is a step; "Am Hohen Stein 3", "Unter den Eichen 40", "Im Friedenstal 2" are streets.
    const streetLike =
      STREETLIKE_ENDING.test(word) || BARE_STREET_WORDS.has(word) || adjective !== '' || oldDative(word);
    // A house number with a letter ("137c") is no step, page or count: "Im Sande 137c" is a street.
    const letteredNumber = /\d[ \t]?[a-z]$/iu.test(m[3] ?? '');
    // In lower-case typing any word may follow "im": only street-like words make a street there, or
    // any word where an address is certain (a cue before, a move after, a postcode after) — then also a
    // plain noun ("wohnhaft Hinter der Mauer 3").
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 40);
    const before = text.slice(Math.max(0, m.index - 80), m.index);
    // Certain: a cue before, a postcode or a move after, or the second address of a move ("umzug von
    // lindenhofstr. 7 nach am dobben 34").
    const certain =
      ADDRESS_CUE_RE.test(before.slice(-40)) ||
      postcodeAfter(after) ||
      MOVED_AFTER_RE.test(after) ||
      MOVE_TO_RE.test(before);
    // "Im Zimmer 12a", "Auf Platz 3 der Warteliste": rooms and ranks, never streets.
    if (ROOMS.has(word) || (word === 'platz' && /^auf\b/iu.test(m[0]))) return;
    if (isNoun(word) && !streetLike && !letteredNumber && !certain) return;
    if (!/^\p{Lu}/u.test(m[2] ?? '') && !streetLike && !certain) return;
    out.push({ start: m.index, end: m.index + m[0].length, kind: 'address' });
  });
  eachMatch(BARE_STREET_RE, text, (m) => {
    const word = (m[1] ?? '').toLowerCase();
    const lastPart = word.slice(word.lastIndexOf('-') + 1);
    // An address line: a postcode and town follow the number ("Hemmerich 80, 81737 München").
    const cued =
      ADDRESS_CUE_RE.test(text.slice(Math.max(0, m.index - 40), m.index)) ||
      postcodeAfter(text.slice(m.index + m[0].length, m.index + m[0].length + 40));
    const streetLike =
      STREET_SUFFIXES.some((suffix) => hasStreetEnding(lastPart, suffix, word)) ||
      (STREETLIKE_ENDING.test(lastPart) && lastPart.length >= 6 && !isNoun(word) && !COMMON_WORDS.has(word));
    if (!streetLike && !(cued && !COMMON_WORDS.has(word) && !NOT_STREETS.has(word))) return;
    if (NOT_STREETS.has(word)) return;
    out.push({ start: m.index, end: m.index + m[0].length, kind: 'address' });
  });
}
