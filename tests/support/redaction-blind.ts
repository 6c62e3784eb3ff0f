/**
 * The blind evaluation corpus (tests/fixtures/redaction/blind/): the judge of on-device redaction. Nobody on
 * the redactor side reads it example by example; only its aggregate figures are looked at (the bench prints
 * no sentence, value or template). Scored with the same measure as the other corpora (`scoreEval` in
 * redaction-eval.ts), so the figures compare. Kept in its own module so that importing the scorer does not
 * load this corpus as well.
 */
import blindCorpusJson from '../fixtures/redaction/blind/corpus.json';
import { EvalCorpus } from '../fixtures/redaction/eval/measure';

/** The blind corpus, validated. */
export function loadBlindCorpus(): EvalCorpus {
  return EvalCorpus.parse(blindCorpusJson);
}

/** Whether a note of the blind corpus is written in English (the generator marks its template so). */
export const isEnglish = (note: { template: string }) => note.template.startsWith('en:');
