/**
 * The judge corpus (tests/fixtures/redaction/judge/): an evaluation corpus written by someone who never saw
 * the detectors or the other corpora, from name, street and town sources none of them use. Nobody on the
 * redactor side reads it example by example; only aggregate figures may be looked at. Scored with the same
 * measure as the other corpora (tests/fixtures/redaction/eval/measure.ts). Kept in its own module so that
 * importing the scorer does not load this corpus as well.
 */

import { EvalCorpus } from '../fixtures/redaction/eval/measure';
import judgeCorpusJson from '../fixtures/redaction/judge/corpus.json';

/** The judge corpus, validated. */
export function loadJudgeCorpus(): EvalCorpus {
  return EvalCorpus.parse(judgeCorpusJson);
}

/** Whether a note of the judge corpus is written in English (its template id starts with "en:"). */
export const isEnglishJudge = (note: { template: string }) => note.template.startsWith('en:');
