import type { Span } from '../spans';
import { detectPostcodes, detectStreetNames, detectStreets, detectStreetsWithoutType } from './addresses';
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

export { detectPostcodes, detectStreetNames, detectStreets, detectStreetsWithoutType } from './addresses';
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
  detectEmails(text, out);
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
  detectStreetNames(text, out);
  detectStreetsWithoutType(text, out);
  detectPostcodes(text, out);
  detectLabelledValues(text, out);
  detectSalutations(text, out);
  detectNames(text, out);
  detectPageTerms(text, out, options.pageTerms);
  detectConfiguredTerms(text, out, options.terms);
  detectPatterns(text, out, options.patterns);
  return out;
}
