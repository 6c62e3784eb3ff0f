import { describe } from 'vitest';
import { scoreEval } from '../../support/redaction-eval';
import { itKeepsFloors, type RedactionFloors } from '../../support/redaction-floors';
import { loadJudgeCorpus } from '../../support/redaction-judge';

// The judge corpus (tests/fixtures/redaction/judge/) is the judge of issue #13 since session 10: written by a
// helper that read neither the detectors nor the other corpora, from name, street and town sources nobody
// else here uses (Berlin first-name statistics 2023, OpenStreetMap streets, hand lists). Nobody on the
// redactor side reads it example by example: only these figures and aggregates by kind, origin, form and
// case are looked at, so a failure names figures only, never a sentence.
// Floors: today's figures rounded down to the percent (the goals are not met), so no change loses ground.
// First scoring, 2026-12-07: names 94.4 %, birth dates 96.8 %, addresses 92.2 %, identifiers 100 %,
// all 95.6 % / 97.2 % with the screen's persons, 16 of 227 clean sentences changed (7.0 %); with the place
// list: names 94.2 %, all 95.4 % / 97.1 %, 14 of 227 changed (6.2 %); with the streets named for something:
// addresses 94.2 %, all 95.6 % / 97.2 %. With English vocabulary and English date formats (written from
// our own English sentences, tests/unit/redact/english-notes.test.ts): names 94.3 %, birth dates 98.7 %,
// all 95.9 % / 97.5 %, 6 of 227 clean sentences changed (2.6 %). With ~400 frequent German surnames and
// list, call-noun, table-row and lower-case rules (from our own templates): names 95.3 % (German 88.6 %),
// all 96.5 % / 97.8 %, still 6 of 227 changed. Session 12 (rules from the fifth and sixth corpora, more
// German given names and word surnames; scored four times, nothing chosen by it): names 96.1 % (German
// 90.5 %), dates of birth 99.4 %, addresses 97.1 %, all 97.3 % / 98.2 %, still 6 of 227 changed.
const FLOOR: RedactionFloors = {
  names: 0.96, // goal 97 %
  birthdates: 0.99, // goal 99 % (met in session 12)
  identifiers: 1, // goal met
  addresses: 0.97, // goal 97 % (met in session 12)
  all: 0.97, // goal 98 %
  allWithPageTerms: 0.98, // goal 99.5 %
  cleanChanged: 0.027, // goal at most 1 %
};

const score = scoreEval(undefined, loadJudgeCorpus());

describe('redaction on the judge corpus', () => {
  itKeepsFloors(score, FLOOR, { showSentences: false });
});
