/**
 * The fifth corpus (tests/fixtures/redaction/fifth/): an evaluation corpus written by someone who never saw
 * the detectors, their data or the other corpora, from hand-written name, street and town lists none of them
 * use (Hannover, Hamburg, Köln, Leipzig, Dresden, Bremen, Nürnberg, small towns of Lower Saxony). Scored with
 * the same measure as the other corpora (tests/fixtures/redaction/eval/measure.ts). Kept in its own module so
 * that importing the scorer does not load this corpus as well.
 */

import { EvalCorpus } from '../fixtures/redaction/eval/measure';
import fifthCorpusJson from '../fixtures/redaction/fifth/corpus.json';

/** The fifth corpus, validated. */
export function loadFifthCorpus(): EvalCorpus {
  return EvalCorpus.parse(fifthCorpusJson);
}
