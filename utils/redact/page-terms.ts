import { COMMON_WORDS } from './common-words';
import { isGivenName, isSurname } from './lexicon';

/**
 * Texts collected from the screen: data regions (cells, dd, headings, read-only text), the app's own
 * UI (labels, headers, buttons) and its frame (banner, footer, navigation).
 */
export interface PageTexts {
  data: readonly string[];
  ui: readonly string[];
  chrome?: readonly string[];
}

// Capitalised (or all-caps) words, hyphenated and apostrophe names as one word.
const CAPITALISED_RE = /(?<![\p{L}\p{M}\p{N}])\p{Lu}[\p{L}\p{M}]*(?:['’-][\p{L}\p{M}]+)*/gu;
const ANY_WORD_RE = /[\p{L}\p{M}]+/gu;

// The capture is handed over as one object and read for the note and every context field.
const cache = new WeakMap<PageTexts, Set<string>>();

/** Every word of `texts`, lower case. */
function lowerWords(texts: readonly string[]): Set<string> {
  const words = new Set<string>();
  for (const text of texts) {
    for (const m of text.normalize('NFC').matchAll(ANY_WORD_RE)) words.add(m[0].toLowerCase());
  }
  return words;
}

/**
 * Words that are probably client data: capitalised words of at least two letters from the data
 * regions, minus every word the application itself uses in its UI (labels, column headers, buttons,
 * navigation) and minus common German and job-centre vocabulary. A hyphenated name yields itself
 * and its parts, so "Frau Lüdenscheidt" is caught when the page said "Müller-Lüdenscheidt".
 * The result is cached per `texts` object; treat it as read-only.
 */
export function extractPageTerms(texts: PageTexts): Set<string> {
  const cached = cache.get(texts);
  if (cached) return cached;
  const ui = lowerWords(texts.ui);
  // The frame's words are the application's ("Jobcenter Musterstadt (DEMO)") unless they are names: some
  // applications show the open case's client in the banner, and the staff member's name may stand there.
  const chrome = lowerWords(texts.chrome ?? []);
  const terms = new Set<string>();
  const isCandidate = (word: string) => {
    const lower = word.toLowerCase();
    return (
      lower.replace(/[^\p{L}]/gu, '').length >= 2 &&
      !COMMON_WORDS.has(lower) &&
      !ui.has(lower) &&
      !(chrome.has(lower) && !isGivenName(lower) && !isSurname(lower))
    );
  };
  for (const text of texts.data) {
    for (const m of text.normalize('NFC').matchAll(CAPITALISED_RE)) {
      const word = m[0];
      if (!word.includes('-')) {
        if (isCandidate(word)) terms.add(word);
        continue;
      }
      // "Kosten-Übersicht" is vocabulary throughout; "Müller-Lüdenscheidt" has at least one name part.
      const parts = word.split('-').filter((part) => /^\p{Lu}/u.test(part) && isCandidate(part));
      if (parts.length === 0) continue;
      terms.add(word);
      for (const part of parts) terms.add(part);
    }
  }
  cache.set(texts, terms);
  return terms;
}
