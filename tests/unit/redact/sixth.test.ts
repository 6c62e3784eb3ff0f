import { describe } from 'vitest';
import { scoreEval } from '../../support/redaction-eval';
import { itKeepsFloors, type RedactionFloors } from '../../support/redaction-floors';
import { loadSixthCorpus } from '../../support/redaction-sixth';

// The sixth corpus (tests/fixtures/redaction/sixth/) was written in session 12 by a helper session that read
// neither the detectors nor any corpus. Its brief asked for German surnames that are ordinary words (animals,
// trades, adjectives, weather) mostly without a cue word, and clean sentences full of the same words; the
// brief's own examples overlap the surnames added to the lexicon in the same session, so its names figure is
// flattered where they meet. Its misses were read example by example: a DEVELOPMENT set. First scoring (after
// the lexicon additions): names 85.4 %, all 90.2 % / 94.5 %, 33 of 377 clean sentences changed.
// Floors: today's figures rounded down.
const FLOOR: RedactionFloors = {
  names: 0.89,
  birthdates: 1,
  identifiers: 1,
  addresses: 0.99,
  all: 0.93,
  allWithPageTerms: 0.95,
  cleanChanged: 0.035,
};

describe('redaction on the sixth corpus', () => {
  itKeepsFloors(scoreEval(undefined, loadSixthCorpus()), FLOOR, { showSentences: false });
});
