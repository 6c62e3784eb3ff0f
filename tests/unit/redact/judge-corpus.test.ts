import { describe, expect, it } from 'vitest';
import { fold, leftovers, REPORT_KINDS } from '../../fixtures/redaction/eval/measure';
import { isEnglishJudge, loadJudgeCorpus } from '../../support/redaction-judge';

// The judge corpus itself, not the redactor: it must be valid and as large and varied as its brief asks.
// No redactor is called here, and a failure names counts only, never a sentence.
const corpus = loadJudgeCorpus();
const spans = corpus.notes.flatMap((n) => n.spans);
const share = (pred: (n: (typeof corpus.notes)[number]) => boolean) =>
  corpus.notes.filter(pred).length / corpus.notes.length;

describe('the judge corpus', () => {
  it('has at least 600 notes with client data, 900 planted values and 200 clean sentences', () => {
    expect(corpus.notes.length).toBeGreaterThanOrEqual(600);
    expect(spans.length).toBeGreaterThanOrEqual(900);
    expect(corpus.clean.length).toBeGreaterThanOrEqual(200);
    expect(new Set(corpus.clean).size).toBe(corpus.clean.length);
  });

  it('plants every report kind in every form, a quarter in lower case, a tenth in English', () => {
    expect(new Set(spans.map((s) => s.reportKind))).toEqual(new Set(REPORT_KINDS));
    expect(new Set(corpus.notes.map((n) => n.form))).toEqual(
      new Set(['note', 'title', 'heading', 'breadcrumb', 'cell']),
    );
    expect(share((n) => n.lower)).toBeGreaterThanOrEqual(0.22);
    expect(share(isEnglishJudge)).toBeGreaterThanOrEqual(0.08);
    expect(
      new Set(corpus.notes.filter((n) => n.form === 'note').map((n) => n.template)).size,
    ).toBeGreaterThanOrEqual(120);
  });

  it('draws names from many origins, German ones over a third', () => {
    const origins = corpus.notes.map((n) => n.origin).filter((o): o is string => Boolean(o));
    expect(new Set(origins).size).toBeGreaterThanOrEqual(10);
    expect(origins.filter((o) => o === 'german').length / origins.length).toBeGreaterThanOrEqual(0.35);
  });

  // Scans every note once per value: seconds on a busy machine.
  it('holds each planted value in its text, and nothing left over once every value is cut out', {
    timeout: 60_000,
  }, () => {
    const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    let notInText = 0;
    let unsatisfiable = 0;
    for (const note of corpus.notes) {
      let cut = note.text;
      for (const s of [...note.spans].sort((a, b) => b.value.length - a.value.length))
        cut = cut.replace(new RegExp(escapeRe(s.value), 'giu'), ' [X] ');
      for (const s of note.spans) {
        if (!fold(note.text).includes(fold(s.value))) notInText++;
        if (leftovers(cut, s).length) unsatisfiable++;
      }
    }
    expect({ notInText, unsatisfiable }).toEqual({ notInText: 0, unsatisfiable: 0 });
  });

  it('gives birth dates their day and month, and names their parts', () => {
    const dates = spans.filter((s) => s.reportKind === 'birthdate');
    expect(dates.every((s) => s.day && s.month)).toBe(true);
    expect(spans.filter((s) => s.reportKind === 'name').every((s) => s.parts?.length)).toBe(true);
  });
});
