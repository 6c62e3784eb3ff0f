import { describe, expect, it } from 'vitest';
import { fold, leftovers, REPORT_KINDS } from '../../fixtures/redaction/eval/measure';
import { isEnglish, loadBlindCorpus } from '../../support/redaction-blind';
import { scoreEval } from '../../support/redaction-eval';
import { itKeepsFloors, type RedactionFloors } from '../../support/redaction-floors';

// The blind corpus (tests/fixtures/redaction/blind/) was the judge of issue #13 in session 9: written without
// looking at the detectors, from other name sources. In session 10 it became a DEVELOPMENT set: its missed
// names and dates were read example by example and rules written for their classes (docs/redaction.md,
// "Evaluation that cannot fool itself"). The judge is now tests/fixtures/redaction/judge/ (judge.test.ts).
// Floors: today's figure rounded down to the percent, so no change loses ground. Figures of session 10:
// names 98.3 %, birth dates 100 %, addresses 100 %, identifiers 100 %, all 99.1 % / 100 %, 2 of 240 changed.
const FLOOR: RedactionFloors = {
  names: 0.98,
  birthdates: 1,
  identifiers: 1,
  addresses: 0.99,
  all: 0.99,
  allWithPageTerms: 0.995,
  cleanChanged: 0.01,
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
