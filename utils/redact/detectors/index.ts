import type { Span } from '../spans';
import {
  detectAdjectiveStreets,
  detectPostcodes,
  detectStreetNames,
  detectStreets,
  detectStreetsWithoutType,
} from './addresses';
import { detectEmails, detectPhones } from './contact';
import { detectDates } from './dates';
import {
  detectCaseNumbers,
  detectFileReferences,
  detectIbans,
  detectIdCardNumbers,
  detectLongNumbers,
  detectRvnrs,
  detectSteuerIds,
} from './identifiers';
import { detectLabelledValues, detectSalutations } from './labels';
import { detectNames } from './names';
import { detectConfiguredTerms, detectPageTerms, detectPatterns } from './terms';

export {
  detectAdjectiveStreets,
  detectPostcodes,
  detectStreetNames,
  detectStreets,
  detectStreetsWithoutType,
} from './addresses';
export { detectEmails, detectPhones } from './contact';
export { detectDates } from './dates';
export {
  detectCaseNumbers,
  detectFileReferences,
  detectIbans,
  detectIdCardNumbers,
  detectLongNumbers,
  detectRvnrs,
  detectSteuerIds,
} from './identifiers';
export { detectLabelledValues, detectSalutations } from './labels';
export { detectNames, findSuspects } from './names';
export type { Detector } from './shared';
export { compilePattern, detectConfiguredTerms, detectPageTerms, detectPatterns } from './terms';

const DIGIT_RE = /\d/;
// "@", or the spelled-out forms the e-mail detector reads ("max (at) example.de").
const EMAIL_HINT_RE = /@|[([]at[)\]]/i;

/** What the detectors need besides the text; the same fields as `RedactOptions`. */
export interface DetectOptions {
  pageTerms?: ReadonlySet<string> | readonly string[];
  terms?: readonly string[];
  patterns?: readonly { name: string; source: string }[];
  allDates?: boolean;
}

/** Runs every detector over `text` and returns all candidate spans, overlapping and unsorted. */
export function detectAll(text: string, options: DetectOptions = {}): Span[] {
  const out: Span[] = [];
  // Most detectors need a digit (identifiers, dates, house numbers, postcodes) or an "@": a text without
  // them skips their scans, which are most of the time a short note costs.
  if (EMAIL_HINT_RE.test(text)) detectEmails(text, out);
  if (DIGIT_RE.test(text)) {
    detectIbans(text, out);
    detectRvnrs(text, out);
    detectSteuerIds(text, out);
    detectCaseNumbers(text, out);
    detectFileReferences(text, out);
    detectPhones(text, out);
    detectLongNumbers(text, out);
    detectIdCardNumbers(text, out);
    detectDates(text, out, options.allDates === true);
    detectStreets(text, out);
    detectStreetsWithoutType(text, out);
    detectAdjectiveStreets(text, out);
    detectPostcodes(text, out);
  }
  detectStreetNames(text, out);
  detectLabelledValues(text, out);
  detectSalutations(text, out);
  detectNames(text, out);
  detectPageTerms(text, out, options.pageTerms);
  detectConfiguredTerms(text, out, options.terms);
  detectPatterns(text, out, options.patterns);
  return out;
}
