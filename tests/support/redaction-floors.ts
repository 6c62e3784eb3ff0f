import { expect, it } from 'vitest';
import type { scoreEval } from './redaction-eval';

/** Lowest acceptable "clean" rates of one corpus, and the highest share of clean sentences changed. */
export interface RedactionFloors {
  names: number;
  birthdates: number;
  identifiers: number;
  addresses: number;
  all: number;
  allWithPageTerms: number;
  cleanChanged: number;
}

const pct = (n: number) => `${(n * 100).toFixed(1)} %`;

/**
 * The floor tests of an evaluation corpus, inside the caller's `describe`. `showSentences`: whether a
 * failure may name the changed clean sentences; the blind corpus's never do, so it stays unseen.
 */
export function itKeepsFloors(
  score: ReturnType<typeof scoreEval>,
  floor: RedactionFloors,
  { showSentences }: { showSentences: boolean },
): void {
  it.each([
    ['names', floor.names],
    ['birthdates', floor.birthdates],
    ['identifiers', floor.identifiers],
    ['addresses', floor.addresses],
    ['all', floor.all],
  ] as const)('leaves %s clean at least as often as the floor', (group, min) => {
    const rate = score.without.groups[group].cleanRate;
    expect(rate, `${group}: ${pct(rate)}`).toBeGreaterThanOrEqual(min);
  });

  it("leaves all values clean with the screen's persons at least as often as the floor", () => {
    const rate = score.with.groups.all.cleanRate;
    expect(rate, pct(rate)).toBeGreaterThanOrEqual(floor.allWithPageTerms);
  });

  it('changes few sentences without client data', () => {
    const o = score.without.overRedaction;
    const list = showSentences ? `:\n${o.list.map((c) => `  «${c.text}» → «${c.output}»`).join('\n')}` : '';
    expect(o.rate, `${o.changed} of ${o.sentences} changed${list}`).toBeLessThanOrEqual(floor.cleanChanged);
  });
}
