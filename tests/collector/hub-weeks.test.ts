import { describe, expect, it } from 'vitest';
import {
  berlinMidnight,
  berlinWeek,
  coveredWeeks,
  isoWeekOfDay,
  lastCompleteWeeks,
  mondayOf,
  weeksWindow,
} from '../../collector/hub/weeks';

describe('ISO weeks on the Berlin calendar', () => {
  it.each([
    ['2026-01-01', '2026-W01'],
    ['2027-01-01', '2026-W53'],
    ['2024-12-30', '2025-W01'],
    ['2026-12-07', '2026-W50'],
    ['2021-01-03', '2020-W53'],
  ])('%s is in %s', (day, week) => {
    expect(isoWeekOfDay(day)).toBe(week);
  });

  it('puts Monday 00:30 in Berlin into the new week although UTC is still on Sunday', () => {
    // 2026-12-06 is a Sunday; 23:30 UTC is Monday 00:30 in Berlin (winter, +01:00).
    expect(berlinWeek('2026-12-06T23:30:00Z')).toBe('2026-W50');
    expect(berlinWeek('2026-12-06T22:30:00Z')).toBe('2026-W49');
    // Summer (+02:00): Sunday 2026-06-07 22:30 UTC is Monday 00:30.
    expect(berlinWeek('2026-06-07T22:30:00Z')).toBe('2026-W24');
  });

  it('finds Berlin midnight in winter and summer', () => {
    expect(berlinMidnight('2026-12-07').toISOString()).toBe('2026-12-06T23:00:00.000Z');
    expect(berlinMidnight('2026-06-08').toISOString()).toBe('2026-06-07T22:00:00.000Z');
  });

  it('covers eight complete weeks and the current one, with their UTC window', () => {
    const weeks = coveredWeeks(new Date('2026-12-09T10:00:00Z'));
    expect(weeks).toHaveLength(9);
    expect(weeks.at(-1)).toBe('2026-W50');
    expect(weeks[0]).toBe('2026-W42');
    expect(mondayOf('2026-W50')).toBe('2026-12-07');
    expect(weeksWindow(weeks)).toEqual({
      // 2026-10-12 is still summer time (+02:00); 2026-12-14 winter (+01:00).
      from: '2026-10-11T22:00:00.000Z',
      to: '2026-12-13T23:00:00.000Z',
    });
  });

  it('gives the hub the complete weeks before the current one, oldest first', () => {
    // Wednesday of 2026-W50; Monday 00:30 in Berlin (Sunday 23:30 UTC) already counts W50 as current.
    expect(lastCompleteWeeks(new Date('2026-12-09T10:00:00Z'), 3)).toEqual([
      '2026-W47',
      '2026-W48',
      '2026-W49',
    ]);
    expect(lastCompleteWeeks(new Date('2026-12-06T23:30:00Z'), 1)).toEqual(['2026-W49']);
    expect(lastCompleteWeeks(new Date('2027-01-05T10:00:00Z'), 2)).toEqual(['2026-W52', '2026-W53']);
    expect(lastCompleteWeeks(new Date('2026-12-09T10:00:00Z'), 0)).toEqual([]);
  });

  it('agrees with berlinWeek on every hour of a year', () => {
    for (
      let at = Date.parse('2026-01-01T00:00:00Z');
      at < Date.parse('2027-01-05T00:00:00Z');
      at += 3_600_000
    ) {
      const week = berlinWeek(new Date(at));
      const { from, to } = weeksWindow([week]);
      expect(at >= Date.parse(from) && at < Date.parse(to)).toBe(true);
    }
  });
});
