import { describe, expect, it } from 'vitest';
import { fold, leftovers, REPORT_KINDS } from '../../fixtures/redaction/eval/measure';
import { isEnglish, loadBlindCorpus } from '../../support/redaction-blind';
import { scoreEval } from '../../support/redaction-eval';
import { itKeepsFloors, type RedactionFloors } from '../../support/redaction-floors';

// The blind corpus (tests/fixtures/redaction/blind/) is the judge of issue #13: written without looking at
// the detectors or the other corpora, from other name sources, and read by nobody on the redactor side —
// only these figures and `npm run bench` (aggregates only) are. A failure message therefore names only
// figures, never a sentence.
// Floors: the goal where the redactor meets it, otherwise today's figure rounded down to the
// percent, so no change loses ground. Figures of 2026-12-07, session 9 (first scoring: names 92.5 %,
// birth dates 97.1 %, identifiers 93.6 %, addresses 95.2 %, all 93.5 % / 97.3 %, 42 of 240 changed).
// How far this corpus is still unseen: docs/redaction.md, "Evaluation that cannot fool itself".
const FLOOR: RedactionFloors = {
  names: 0.93, // today 93.5 %; goal 97 %
  birthdates: 0.97, // today 97.1 %; goal 99 %
  identifiers: 1, // goal met
  addresses: 0.97, // today 100 %; goal 97 % met
  all: 0.96, // today 96.4 %; goal 98 %
  allWithPageTerms: 0.995, // today 99.7 %; goal 99.5 % met
  cleanChanged: 0.01, // today 0.8 % (2 of 240); goal at most 1 % met
};

const corpus = loadBlindCorpus();
const score = scoreEval(undefined, corpus);

describe('redaction on the blind corpus', () => {
  itKeepsFloors(score, FLOOR, { showSentences: false });
});

// The corpus is only a judge if it is what the issue asks for; a regenerated corpus that falls short fails
// here, again with counts only.
describe('the blind corpus itself', () => {
  const spans = corpus.notes.flatMap((n) => n.spans);
  const count = (pred: (n: (typeof corpus.notes)[number]) => boolean) => corpus.notes.filter(pred).length;

  it('has at least 600 sentences with client data, 200 without and 350 planted names', () => {
    expect(corpus.notes.length).toBeGreaterThanOrEqual(600);
    expect(corpus.clean.length).toBeGreaterThanOrEqual(200);
    expect(spans.filter((s) => s.reportKind === 'name').length).toBeGreaterThanOrEqual(350);
  });

  it('plants every report kind, in every form of text, a fifth in lower case and some English', () => {
    expect(new Set(spans.map((s) => s.reportKind))).toEqual(new Set(REPORT_KINDS));
    expect(new Set(corpus.notes.map((n) => n.form))).toEqual(
      new Set(['note', 'title', 'heading', 'breadcrumb', 'cell']),
    );
    expect(count((n) => n.lower) / corpus.notes.length).toBeGreaterThanOrEqual(0.2);
    expect(count(isEnglish) / corpus.notes.length).toBeGreaterThanOrEqual(0.04);
  });

  it('holds each planted value in its text, and nothing that would count as left over once it is cut out', () => {
    const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    let notInText = 0;
    let unsatisfiable = 0;
    for (const note of corpus.notes) {
      let cut = note.text;
      for (const s of [...note.spans].sort((a, b) => b.value.length - a.value.length))
        cut = cut.replace(new RegExp(escapeRe(s.value), 'giu'), '[X]');
      for (const s of note.spans) {
        if (!fold(note.text).includes(fold(s.value))) notInText++;
        if (leftovers(cut, s).length > 0) unsatisfiable++;
      }
    }
    expect({ notInText, unsatisfiable }).toEqual({ notInText: 0, unsatisfiable: 0 });
  });
});
