import { describe } from 'vitest';
import { scoreEval } from '../../support/redaction-eval';
import { loadFifthCorpus } from '../../support/redaction-fifth';
import { itKeepsFloors, type RedactionFloors } from '../../support/redaction-floors';

// The fifth corpus (tests/fixtures/redaction/fifth/) was written in session 12 by a helper session that read
// neither the detectors nor any other corpus, from hand-written lists of streets of Hannover, Hamburg, Köln,
// Leipzig, Dresden, Bremen, Nürnberg and Lower Saxony towns and name lists per origin. Its misses were then
// read example by example and rules written for their classes, so it is a DEVELOPMENT set; the judge stays
// tests/fixtures/redaction/judge/ (judge.test.ts). First scoring: names 92.1 %, birth dates 98.4 %, addresses
// 82.9 %, all 92.0 % / 94.6 %, 8 of 260 clean sentences changed. Floors: today's figures rounded down.
const FLOOR: RedactionFloors = {
  names: 0.96,
  birthdates: 1,
  identifiers: 1,
  addresses: 0.98,
  all: 0.97,
  allWithPageTerms: 0.98,
  cleanChanged: 0.02,
};

describe('redaction on the fifth corpus', () => {
  itKeepsFloors(scoreEval(undefined, loadFifthCorpus()), FLOOR, { showSentences: false });
});
