/**
 * Quality figures for on-device redaction on the blind corpus (tests/fixtures/redaction/blind/), the judge
 * nobody on the redactor side reads. Prints only aggregate figures — per kind and group, per origin of the
 * names, per form, lower case against as written, English notes, clean sentences changed as a count — and
 * never a sentence, a value, a miss or a template name, so that reading the bench does not unseal the
 * corpus. Asserts nothing (floors are in tests/unit/redact/blind.test.ts).
 * Run with `npx tsx scripts/bench/redaction-blind.ts`.
 */
import { EvalCorpus } from '../../tests/fixtures/redaction/eval/measure';
import { isEnglish, loadBlindCorpus } from '../../tests/support/redaction-blind';
import { extensionRedactor, formatRates, formatReport, scoreEval } from '../../tests/support/redaction-eval';

const corpus = loadBlindCorpus();
const redact = extensionRedactor();
const score = scoreEval(redact, corpus);

console.log(
  formatReport(
    `Blind corpus: ${corpus.notes.length} notes, ${corpus.clean.length} clean sentences (seed ${corpus.seed})`,
    score,
  ),
);
const withPt = score.with.overRedaction;
console.log(`clean sentences changed (+pt, none carry pageTerms): ${withPt.changed} of ${withPt.sentences}`);

// English notes on their own: the same scorer on the subset, groups only.
const english = scoreEval(
  redact,
  EvalCorpus.parse({ ...corpus, notes: corpus.notes.filter(isEnglish), clean: [] }),
);
console.log(`\n${formatRates('English notes', english.without.groups, english.with.groups)}`);
