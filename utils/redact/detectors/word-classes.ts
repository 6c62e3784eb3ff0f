import { COMMON_WORDS } from '../common-words';
import {
  hasLexicon,
  isAnyName as inAnyNameList,
  isEnglishWord,
  isGivenName,
  isNoun,
  isPlace,
  isPlainWord,
  isSurname,
  isVerbOrAdjective,
} from '../lexicon';
import { NAME_LIKENESS_THRESHOLD, nameLikeness } from '../name-model';
import {
  APP_WORDS,
  ENGLISH_PROPER_WORDS,
  ENGLISH_WORDS,
  FUNCTION_WORDS,
  NAME_CUES,
  PARTICLES,
} from './name-words';

/**
 * What a word is to the name detector (names.ts), from the word lists (lexicon.ts) and German word
 * formation; remembered per word, since words recur in every field of a capture.
 *
 * - given: a given name that is no German word ("Kevin", "Norbert") — a name on its own;
 * - surname: in the curated surname lists and no German word ("Stachowicz") — a name on its own;
 * - ambiguous: a name that is also a word ("Koch", "Winter", "Weiß") — a name only beside a name or a cue;
 * - unknown: in no list and formed by no German rule ("Brückmann", "Dualeh");
 * - word: German vocabulary (nouns, verbs, adjectives in all forms, function words, the application's
 *   words), a compound of nouns ("Weiterbewilligungsantrag") or a noun by its suffix ("Belehrung").
 */
export type WordClass = 'given' | 'surname' | 'ambiguous' | 'unknown' | 'word';

// The genitive and plural s of a name: "Kowalskis Antrag", "bei Schulzes".
export function stemOf(lower: string): string | undefined {
  if (lower.length > 4 && (lower.endsWith("'s") || lower.endsWith('’s'))) return lower.slice(0, -2);
  if (lower.length > 4 && lower.endsWith('es')) return lower.slice(0, -2);
  if (lower.length > 3 && lower.endsWith('s')) return lower.slice(0, -1);
  return undefined;
}

const LINKING = ['', 's', 'n', 'en', 'e', 'es', 'er'];
const SHORT_TAILS = new Set([
  'bau',
  'hof',
  'amt',
  'weg',
  'rat',
  'tag',
  'zug',
  'tür',
  'ort',
  'typ',
  'tal',
  'see',
  'bad',
  'eis',
]);

/**
 * A compound of German nouns ("weiterbewilligungsantrag", "eingabefeld"): the last part is a noun of
 * at least three letters and what stands before it is a noun, a known word or again a compound,
 * optionally with a linking element. "brückmann" is none ("brück" is no word), "mustermann" is.
 */
function isCompound(lower: string, depth = 0): boolean {
  if (depth > 3 || lower.length < 7) return false;
  // Parts of four letters at least, or one of the short nouns that end many compounds: three-letter
  // nouns in general ("ami", "ali") split too many names.
  for (let cut = lower.length - 3; cut >= 3; cut--) {
    const tail = lower.slice(cut);
    if (tail.length === 3 && !SHORT_TAILS.has(tail)) continue;
    if (!isNoun(tail) && !COMMON_WORDS.has(tail) && !APP_WORDS.has(tail) && !STRONG_NOUN_SUFFIX_RE.test(tail))
      continue;
    const head = lower.slice(0, cut);
    for (const link of LINKING) {
      if (!head.endsWith(link)) continue;
      const stem = head.slice(0, head.length - link.length);
      if (stem.length < 3) continue;
      if (isNoun(stem) || COMMON_WORDS.has(stem) || APP_WORDS.has(stem) || isCompound(stem, depth + 1))
        return true;
    }
  }
  return false;
}

/**
 * German makes nouns without end ("Mietobergrenze"); a word whose last five letters or more are a known
 * noun, after at least three letters, is one of them. Surnames end in shorter nouns ("-mann", "-berg").
 */
function endsInLongNoun(lower: string): boolean {
  for (let cut = 3; cut <= lower.length - 5; cut++) if (isNoun(lower.slice(cut))) return true;
  return false;
}

/** A German noun by the lists, by a noun suffix, or as a compound of nouns ("Weiterbewilligungsantrag"). */
export function isNounLike(lower: string): boolean {
  return isNoun(lower) || STRONG_NOUN_SUFFIX_RE.test(lower) || isCompound(lower);
}

export function isVocabulary(lower: string): boolean {
  return (
    COMMON_WORDS.has(lower) ||
    APP_WORDS.has(lower) ||
    FUNCTION_WORDS.has(lower) ||
    NAME_CUES.has(lower) ||
    PARTICLES.has(lower)
  );
}

// Suffixes that make German nouns of any stem ("Belehrung", "Inaktivität"), the noun list lacking many;
// only the safe ones: "-er", "-ik" or "-ur" also end surnames (Fischer, Janik).
const STRONG_NOUN_SUFFIX_RE =
  /(?:ung|ungen|heit|heiten|keit|keiten|ität|itäten|schaft|schaften|tion|tionen|ismus|nisse|ierung|ierungen)$/u;

const ENGLISH_PARTICLES = new Set(['in', 'on', 'to', 'up', 'off', 'and', 'of', 'out', 'by', 'how']);

// German words the word lists lack that are also given names: a name only beside a name or a cue
// ("frank und frei", but "Frank Heller").
const WORDS_THE_LISTS_LACK = new Set(['frank', 'ernst', 'rosa', 'hold', 'fromm']);

// Function words that are frequent surnames too ("wie lange", "Frau Lange"; "kraft Gesetzes", "Herr Kraft").
const SURNAME_FUNCTION_WORDS = new Set(['lange', 'kraft']);

// Words recur in every field of a capture; classifying one costs a dozen list look-ups.
const classCache = new Map<string, WordClass>();
const anyNameCache = new Map<string, boolean>();

/** The large name list, remembered per word (the rules ask it several times per token). */
export function isAnyName(lower: string): boolean {
  if (!hasLexicon()) return inAnyNameList(lower);
  let known = anyNameCache.get(lower);
  if (known === undefined) {
    known = inAnyNameList(lower);
    if (anyNameCache.size > 20_000) anyNameCache.clear();
    anyNameCache.set(lower, known);
  }
  return known;
}

export function classify(lower: string): WordClass {
  // Before the lists arrive (a dialog still loading them) nothing is remembered.
  if (!hasLexicon()) return classifyWord(lower);
  const cached = classCache.get(lower);
  if (cached !== undefined) return cached;
  const cls = classifyWord(lower);
  if (classCache.size > 20_000) classCache.clear();
  classCache.set(lower, cls);
  return cls;
}

function classifyWord(lower: string): WordClass {
  // No name is this long; a run of letters this long is a hash or garbage, and splitting it as a
  // compound would cost time that a hostile sender could multiply.
  if (lower.length > 40) return 'word';
  if (lower.includes('-')) {
    // "Hense-Maisch" is a name when a part is; "PDF-Erzeugung", "Bescheid-Editor" are vocabulary.
    // Particles and two-letter parts ("al-", "-ID") say nothing about a name.
    const parts = lower.split('-');
    // "Sign-in", "Add-on", "Face-to-Face", "Stand-up": English particles make a term, never a name.
    if (parts.some((part) => ENGLISH_PARTICLES.has(part))) return 'word';
    const classes = parts
      .filter((part) => !PARTICLES.has(part) && part.length >= 3)
      .map((part) => classify(part));
    if (classes.length === 0) return 'word';
    if (classes.includes('given')) return 'given';
    if (classes.includes('surname')) return 'surname';
    if (classes.includes('word')) return 'word';
    if (classes.includes('unknown')) return 'unknown';
    return 'ambiguous';
  }
  if (lower.length < 2) return 'word';
  if (isVocabulary(lower)) {
    // "Soraya Montag", "Leo Winter": everyday words that are also curated names join a name beside them.
    const everyday =
      (COMMON_WORDS.has(lower) || SURNAME_FUNCTION_WORDS.has(lower)) &&
      !NAME_CUES.has(lower) &&
      !PARTICLES.has(lower) &&
      !APP_WORDS.has(lower);
    return everyday && (isGivenName(lower) || isSurname(lower)) ? 'ambiguous' : 'word';
  }
  // English words of an English note are words; one that is also a listed name ("Long", "Will") is a
  // name beside a name or after a cue ("Frau Long"), as German words are.
  if (ENGLISH_WORDS.has(lower)) return isGivenName(lower) || isSurname(lower) ? 'ambiguous' : 'word';
  // Nouns, and verbs or adjectives ("Klein", "Lange", "Weiß" are surnames too).
  const noun =
    isNoun(lower) ||
    isVerbOrAdjective(lower) ||
    isPlainWord(lower) ||
    STRONG_NOUN_SUFFIX_RE.test(lower) ||
    WORDS_THE_LISTS_LACK.has(lower) ||
    // A town is a word like a noun: a name only beside a name or a cue ("Frau Celle" stays masked) —
    // unless the curated lists know it as a surname ("Vogt" is a town too).
    (isPlace(lower) && !isSurname(lower)) ||
    // "Wolfsburger", "Hildesheimer": the adjective of a town.
    (lower.endsWith('er') && lower.length >= 7 && isPlace(lower.slice(0, -2)) && !isSurname(lower));
  if (isGivenName(lower)) return noun ? 'ambiguous' : 'given';
  if (isSurname(lower)) return noun ? 'ambiguous' : 'surname';
  if (noun) return isAnyName(lower) ? 'ambiguous' : 'word';
  const stem = stemOf(lower);
  if (stem && !isNoun(stem) && !isVerbOrAdjective(stem) && !isVocabulary(stem)) {
    if (isGivenName(stem)) return 'given';
    if (isSurname(stem)) return 'surname';
  }
  if (isCompound(lower) || endsInLongNoun(lower)) return isAnyName(lower) ? 'ambiguous' : 'word';
  return 'unknown';
}

// Words only English has, and words only German has, among the most frequent of each: they tell which
// language a text is in. Words both languages write are left out ("was", "will", "die", "an", "in").
const ENGLISH_MARKER_RE =
  /(?<![\p{L}\p{M}'’-])(?:the|and|is|are|were|of|to|with|for|has|have|had|this|that|it|he|she|they|his|her|their|on|at|be|been|not|from|but|which|when|after|about|we|our|my|can|could|does|did|would|should|there|because|again|only|still|every)(?![\p{L}\p{M}'’-])/giu;
const GERMAN_MARKER_RE =
  /(?<![\p{L}\p{M}'’-])(?:der|das|und|ist|sind|nicht|mit|für|hat|haben|auf|ein|eine|einen|einem|zu|von|im|den|dem|des|sie|er|es|wir|ich|bei|nach|wird|wurde|kann|aus|auch|noch|oder|aber|wenn|dass|sich|zum|zur|nur|schon|wieder|kein|keine)(?![\p{L}\p{M}'’-])/giu;

/**
 * Is the text written in English (more English function words than German ones)? The
 * English vocabulary then counts as words: without it the words of an English note that the German lists
 * do not know ("notice", "lives", "years") looked like names, and a note lost half its words. In a German
 * text it is not consulted, so a surname that is also an English word ("Beck", "Hunt") stays a name there.
 */
export function isEnglishText(text: string): boolean {
  const english = text.match(ENGLISH_MARKER_RE)?.length ?? 0;
  if (english === 0) return false;
  return english > (text.match(GERMAN_MARKER_RE)?.length ?? 0);
}

/**
 * The class of a word of an English text: English vocabulary is a word, or ambiguous when it is a curated
 * name too ("Lea", "Will", "Save"); other words as in German text.
 */
export function classifyInEnglish(lower: string, capitalInside: boolean): WordClass {
  if (isEnglishWord(lower)) return isGivenName(lower) || isSurname(lower) ? 'ambiguous' : 'word';
  // A German noun that is a given name ("Mark", "Rosa", "Frank") is no word in English; capitalised
  // inside a sentence it is the name. English words that are names too ("the Save button", "Daughter
  // Lea") stay ambiguous: a name beside a name or after a cue.
  if (capitalInside && !ENGLISH_PROPER_WORDS.has(lower)) {
    if (isGivenName(lower)) return 'given';
    if (isSurname(lower)) return 'surname';
  }
  return classify(lower);
}

// Endings of surnames of the origins common in job centres; German verb forms end otherwise (-t, -en, -e).
const SURNAME_ENDING =
  /(?:mann|ski|sky|cki|cka|ska|wicz|witz|ow|owa|ova|ev|eva|enko|chuk|tschuk|ic|ić|vić|escu|eanu|oglu|oğlu|yan|ian|zadeh|zai|poulos|ak|ek|uk|berg|burg|stein|haus|hof|ler|ner|mayer|meier|maier|bauer|dorf|kamp|brink|ling|inger)$/u;
export const looksLikeSurname = (lower: string) => lower.length >= 4 && SURNAME_ENDING.test(lower);

// Letters German words do not have: "Yıldırım", "Hadžić", "Ionuț".
const FOREIGN_LETTER_RE = /[^a-zäöüß'’-]/u;

/**
 * An unknown word alone is a name when it looks like one: a surname ending, letters no German word
 * has, an entry of the large name list, or spelled the way names are and German words are not
 * (name-model.ts: "Esmatullah", "oliinyk"). Otherwise it is only a suspect: the noun list cannot know
 * every German noun, and a note full of masked nouns helps nobody.
 */
export const looksLikeName = (lower: string) =>
  looksLikeSurname(lower) ||
  FOREIGN_LETTER_RE.test(lower) ||
  isAnyName(lower) ||
  // Four letters and fewer are as often abbreviations and file types ("avgs", "docx", "doku").
  (lower.length >= 5 && nameLikeness(lower) > NAME_LIKENESS_THRESHOLD);

export const isNameClass = (c: WordClass) => c === 'given' || c === 'surname';
