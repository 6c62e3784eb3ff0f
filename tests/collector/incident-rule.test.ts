import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INCIDENT_RULE,
  findIncidentWindow,
  type IncidentRule,
  type WaitingReport,
} from '../../collector/store/incident-rule';

// The grouping rule of issue #17 as a table: N reports from M episodes within T minutes (both ends of
// the window included). Each row: reports as [minute after 10:00, episode], and the expected
// (start, end) indexes of the first matching window, or null.

const AT = Date.parse('2026-12-07T10:00:00.000Z');

function reports(rows: readonly (readonly [number, string])[]): WaitingReport[] {
  return rows.map(([minute, episode], index) => ({
    id: `r${index}`,
    receivedAt: new Date(AT + minute * 60_000).toISOString(),
    episode,
  }));
}

const RULE: IncidentRule = { reports: 3, installations: 2, windowMinutes: 10 };

describe('findIncidentWindow', () => {
  it.each([
    ['no reports', [], null],
    [
      'N−1 reports from two episodes',
      [
        [0, 'a'],
        [1, 'b'],
      ],
      null,
    ],
    [
      'N reports from one episode only',
      [
        [0, 'a'],
        [1, 'a'],
        [2, 'a'],
      ],
      null,
    ],
    [
      'many reports from one episode only',
      [
        [0, 'a'],
        [1, 'a'],
        [2, 'a'],
        [3, 'a'],
        [4, 'a'],
      ],
      null,
    ],
    [
      'N reports from M episodes',
      [
        [0, 'a'],
        [1, 'a'],
        [2, 'b'],
      ],
      [0, 2],
    ],
    [
      'exactly T minutes apart (boundary included)',
      [
        [0, 'a'],
        [5, 'b'],
        [10, 'a'],
      ],
      [0, 2],
    ],
    [
      'just over T minutes apart',
      [
        [0, 'a'],
        [5, 'b'],
        [10.001, 'a'],
      ],
      null,
    ],
    [
      'an old report drops out of the window; a later window matches',
      [
        [0, 'a'],
        [5, 'b'],
        [11, 'b'],
        [12, 'c'],
      ],
      [1, 3],
    ],
    [
      'the earliest completing report wins',
      [
        [0, 'a'],
        [1, 'b'],
        [2, 'c'],
        [3, 'd'],
      ],
      [0, 2],
    ],
    [
      'episodes leaving the window stop counting',
      [
        [0, 'a'],
        [11, 'b'],
        [12, 'b'],
        [13, 'b'],
      ],
      null,
    ],
  ] as const)('%s', (_, rows, expected) => {
    const match = findIncidentWindow(reports(rows), RULE);
    if (expected === null) expect(match).toBeNull();
    else {
      expect(match && [match.start, match.end]).toEqual(expected);
      expect(match?.windowStart).toBe(reports(rows)[expected[0]]?.receivedAt);
    }
  });

  it('counts installations by episode, not by report: M = 3 needs three episodes', () => {
    const rule = { reports: 3, installations: 3, windowMinutes: 10 };
    expect(
      findIncidentWindow(
        reports([
          [0, 'a'],
          [1, 'b'],
          [2, 'b'],
          [3, 'b'],
        ]),
        rule,
      ),
    ).toBeNull();
    expect(
      findIncidentWindow(
        reports([
          [0, 'a'],
          [1, 'b'],
          [2, 'b'],
          [3, 'c'],
        ]),
        rule,
      ),
    ).toMatchObject({
      start: 0,
      end: 3,
    });
  });

  it('opens on a single report when the rule asks for one (N = M = 1)', () => {
    expect(
      findIncidentWindow(reports([[0, 'a']]), { reports: 1, installations: 1, windowMinutes: 1 }),
    ).toMatchObject({ start: 0, end: 0 });
  });

  it('has the documented defaults (docs/incidents.md)', () => {
    expect(DEFAULT_INCIDENT_RULE).toEqual({ reports: 3, installations: 2, windowMinutes: 10 });
  });
});
