/**
 * The sixth corpus (tests/fixtures/redaction/sixth/): an evaluation corpus written without sight of the
 * detectors, their data or the other corpora. Its emphasis: German surnames that are also ordinary words
 * (Hase, Taube, Gärtner, Klein, Frost …), written without a form of address, in lower case, in lists, file
 * names, page titles, table rows and breadcrumbs; towns and streets of the Ruhr area, Bavaria,
 * Baden-Württemberg, Schleswig-Holstein, Brandenburg and Thuringia; and clean sentences full of the same
 * words as ordinary words. Scored with the same measure as the other corpora
 * (tests/fixtures/redaction/eval/measure.ts). Kept in its own module so that importing the scorer does not
 * load this corpus as well.
 */

import { EvalCorpus } from '../fixtures/redaction/eval/measure';
import sixthCorpusJson from '../fixtures/redaction/sixth/corpus.json';

/** The sixth corpus, validated. */
export function loadSixthCorpus(): EvalCorpus {
  return EvalCorpus.parse(sixthCorpusJson);
}
