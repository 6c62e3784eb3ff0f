import { describe, expect, it } from 'vitest';
import { scoreEval } from '../../support/redaction-eval';
import { loadHoldoutCorpus } from '../../support/redaction-holdout';

// The held-out corpus (tests/fixtures/redaction/holdout/) was written from other sources and templates
// after the first evaluation corpus had been used for development; `npm run bench` prints its figures.
// These floors are what the redactor reaches on it today (session 9), below the goals (names 97 %, all 98 %),
// so that no change loses ground; the blind corpus (blind.test.ts) is the one that judges.
const FLOOR = {
  names: 0.96,
  birthdates: 0.99,
  identifiers: 1,
  addresses: 0.98,
  all: 0.975,
  allWithPageTerms: 0.995,
  cleanChanged: 0.01,
};

const score = scoreEval(undefined, loadHoldoutCorpus());
const pct = (n: number) => `${(n * 100).toFixed(1)} %`;

describe('redaction on the held-out corpus', () => {
  it.each([
    ['names', FLOOR.names],
    ['birthdates', FLOOR.birthdates],
    ['identifiers', FLOOR.identifiers],
    ['addresses', FLOOR.addresses],
    ['all', FLOOR.all],
  ] as const)('leaves %s clean at least as often as today', (group, floor) => {
    const rate = score.without.groups[group].cleanRate;
    expect(rate, `${group}: ${pct(rate)}`).toBeGreaterThanOrEqual(floor);
  });

  it("leaves all values clean with the screen's persons at least as often as today", () => {
    const rate = score.with.groups.all.cleanRate;
    expect(rate, pct(rate)).toBeGreaterThanOrEqual(FLOOR.allWithPageTerms);
  });

  it('changes few sentences without client data', () => {
    const o = score.without.overRedaction;
    const list = o.list.map((c) => `  «${c.text}» → «${c.output}»`).join('\n');
    expect(o.rate, `${o.changed} of ${o.sentences} changed:\n${list}`).toBeLessThanOrEqual(
      FLOOR.cleanChanged,
    );
  });
});
