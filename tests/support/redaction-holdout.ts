/**
 * The held-out evaluation corpus (tests/fixtures/redaction/holdout/): written after the first evaluation
 * corpus had become a development set, from sources and templates nobody tuned the redactor to. Scored with
 * the same measure as the first corpus (`scoreEval` in redaction-eval.ts), so the figures compare.
 * Kept in its own module so that importing the scorer does not load this corpus as well.
 */
import { EvalCorpus } from '../fixtures/redaction/eval/measure';
import holdoutCorpusJson from '../fixtures/redaction/holdout/corpus.json';

/** The held-out corpus, validated. */
export function loadHoldoutCorpus(): EvalCorpus {
  return EvalCorpus.parse(holdoutCorpusJson);
}
