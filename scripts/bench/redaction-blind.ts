/**
 * Quality figures for on-device redaction on the judge corpus (tests/fixtures/redaction/judge/, since
 * session 10) and the blind corpus (tests/fixtures/redaction/blind/, the judge of session 9, now a
 * development set). The judge is read by nobody on the redactor side. Prints only aggregate figures — per kind and group, per origin of the
 * names, per form, lower case against as written, English notes, clean sentences changed as a count — and
 * never a sentence, a value, a miss or a template name, so that reading the bench does not unseal the
 * corpus. Asserts nothing (floors are in tests/unit/redact/blind.test.ts).
 * Run with `npx tsx scripts/bench/redaction-blind.ts`.
 */
import { EvalCorpus } from '../../tests/fixtures/redaction/eval/measure';
import { isEnglish, loadBlindCorpus } from '../../tests/support/redaction-blind';
import { extensionRedactor, formatRates, formatReport, scoreEval } from '../../tests/support/redaction-eval';
import { loadFifthCorpus } from '../../tests/support/redaction-fifth';
import { isEnglishJudge, loadJudgeCorpus } from '../../tests/support/redaction-judge';
import { loadSixthCorpus } from '../../tests/support/redaction-sixth';

const redact = extensionRedactor();

function report(
  name: string,
  corpus: EvalCorpus,
  english: (note: EvalCorpus['notes'][number]) => boolean,
): void {
  const score = scoreEval(redact, corpus);
  console.log(
    formatReport(
      `${name}: ${corpus.notes.length} notes, ${corpus.clean.length} clean sentences (seed ${corpus.seed})`,
      score,
    ),
  );
  const withPt = score.with.overRedaction;
  console.log(
    `clean sentences changed (+pt, none carry pageTerms): ${withPt.changed} of ${withPt.sentences}`,
  );
  // English notes on their own: the same scorer on the subset, groups only.
  const englishScore = scoreEval(
    redact,
    EvalCorpus.parse({ ...corpus, notes: corpus.notes.filter(english), clean: [] }),
  );
  console.log(`\n${formatRates('English notes', englishScore.without.groups, englishScore.with.groups)}\n`);
}

report('Judge corpus (unseen)', loadJudgeCorpus(), isEnglishJudge);
report('Blind corpus (development set since session 10)', loadBlindCorpus(), isEnglish);
report('Fifth corpus (development set since session 12)', loadFifthCorpus(), isEnglishJudge);
report('Sixth corpus (development set since session 12)', loadSixthCorpus(), isEnglishJudge);
