import { describe } from 'vitest';
import { scoreEval } from '../../support/redaction-eval';
import { itKeepsFloors, type RedactionFloors } from '../../support/redaction-floors';
import { loadHoldoutCorpus } from '../../support/redaction-holdout';

// The held-out corpus (tests/fixtures/redaction/holdout/) was written from other sources and templates
// after the first evaluation corpus had been used for development; `npm run bench` prints its figures.
// These floors are what the redactor reaches on it today (session 9), below the goals (names 97 %, all 98 %),
// so that no change loses ground; the blind corpus (blind.test.ts) is the one that judges.
const FLOOR: RedactionFloors = {
  names: 0.96,
  birthdates: 0.99,
  identifiers: 1,
  addresses: 0.98,
  all: 0.975,
  allWithPageTerms: 0.995,
  cleanChanged: 0.01,
};

const score = scoreEval(undefined, loadHoldoutCorpus());

describe('redaction on the held-out corpus', () => {
  itKeepsFloors(score, FLOOR, { showSentences: true });
});
