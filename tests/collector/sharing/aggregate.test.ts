import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellId, HubCell, WHOLE_APPLICATION } from '../../../collector/hub/protocol';
import { aggregateCells, type CountRow } from '../../../collector/sharing/aggregate';

const JC = 'jc-test';

function row(partial: Partial<CountRow>): CountRow {
  return {
    week: '2026-W49',
    app: 'VerBIS',
    screen: '/kunde/:id',
    category: 'slow',
    impact: 'slows',
    notes: 1,
    minutesLost: 0,
    ...partial,
  };
}

describe('aggregateCells', () => {
  it('sends a screen of k notes as it is, with its deterministic id', () => {
    const { cells } = aggregateCells(JC, [row({ notes: 5, minutesLost: 40 })], 5);
    expect(cells).toEqual([
      {
        id: cellId(JC, '2026-W49', {
          app: 'VerBIS',
          screen: '/kunde/:id',
          category: 'slow',
          impact: 'slows',
        }),
        week: '2026-W49',
        app: 'VerBIS',
        screen: '/kunde/:id',
        category: 'slow',
        impact: 'slows',
        notes: 5,
        minutesLost: 40,
      },
    ]);
    expect(HubCell.parse(cells[0])).toEqual(cells[0]);
  });

  it('sums rows of one key before deciding (the store counts per hour)', () => {
    const { cells } = aggregateCells(JC, [row({ notes: 2 }), row({ notes: 3, minutesLost: 7 })], 5);
    expect(cells.map((cell) => [cell.screen, cell.notes, cell.minutesLost])).toEqual([['/kunde/:id', 5, 7]]);
  });

  it('merges small screens upward to the whole application and drops what is still small', () => {
    const { cells, suppressed } = aggregateCells(
      JC,
      [
        row({ screen: '/a', notes: 6 }),
        row({ screen: '/b', notes: 2, minutesLost: 10 }),
        row({ screen: '/c', notes: 3, minutesLost: 5 }),
        // Another category: alone below k, nothing to merge with.
        row({ screen: '/d', category: 'error', notes: 4 }),
      ],
      5,
    );
    expect(cells.map((cell) => [cell.screen, cell.category, cell.notes, cell.minutesLost])).toEqual([
      [WHOLE_APPLICATION, 'slow', 5, 15],
      ['/a', 'slow', 6, 0],
    ]);
    expect(suppressed).toEqual({ mergedCells: 2, mergedNotes: 5, droppedCells: 1, droppedNotes: 4 });
  });

  it('pools a screen that is no route template, never sending it under its own name', () => {
    const { cells } = aggregateCells(JC, [row({ screen: 'https://x.example/kunde/4711', notes: 9 })], 5);
    expect(cells.map((cell) => cell.screen)).toEqual([WHOLE_APPLICATION]);
  });

  it('refuses a k below the floor', () => {
    expect(() => aggregateCells(JC, [], 2)).toThrow(RangeError);
  });

  const rows = fc.array(
    fc.record({
      week: fc.constantFrom('2026-W48', '2026-W49'),
      app: fc.constantFrom('VerBIS', 'ALLEGRO'),
      screen: fc.constantFrom('/a', '/b', '/c', '/d/:id', 'not-a-template'),
      category: fc.constantFrom('slow', 'error'),
      impact: fc.constantFrom('slows', 'blocks'),
      notes: fc.integer({ min: 1, max: 12 }),
      minutesLost: fc.integer({ min: 0, max: 300 }),
    }),
    { maxLength: 60 },
  );

  it('never emits a cell below k; never more than the truth; merged cells are the sums', () => {
    fc.assert(
      fc.property(rows, fc.integer({ min: 3, max: 10 }), (input, k) => {
        const { cells, suppressed } = aggregateCells(JC, input as CountRow[], k);
        const totalNotes = input.reduce((sum, r) => sum + r.notes, 0);
        const totalMinutes = input.reduce((sum, r) => sum + r.minutesLost, 0);
        expect(cells.every((cell) => cell.notes >= k)).toBe(true);
        const sentNotes = cells.reduce((sum, cell) => sum + cell.notes, 0);
        expect(sentNotes).toBeLessThanOrEqual(totalNotes);
        expect(cells.reduce((sum, cell) => sum + cell.minutesLost, 0)).toBeLessThanOrEqual(totalMinutes);
        // Nothing is lost silently: sent + dropped is everything.
        expect(sentNotes + suppressed.droppedNotes).toBe(totalNotes);
        // Ids are unique, so the hub never adds two cells of one key.
        expect(new Set(cells.map((cell) => cell.id)).size).toBe(cells.length);
        for (const cell of cells) {
          const same = (r: (typeof input)[number]) =>
            r.week === cell.week &&
            r.app === cell.app &&
            r.category === cell.category &&
            r.impact === cell.impact;
          if (cell.screen === WHOLE_APPLICATION) {
            // The pool is the sum of exactly the screens below k (and the non-templates).
            const perScreen = new Map<string, { notes: number; minutes: number }>();
            for (const r of input.filter(same)) {
              const screen = r.screen.startsWith('/') ? r.screen : WHOLE_APPLICATION;
              const found = perScreen.get(screen) ?? { notes: 0, minutes: 0 };
              perScreen.set(screen, { notes: found.notes + r.notes, minutes: found.minutes + r.minutesLost });
            }
            const small = [...perScreen].filter(([screen, v]) => screen === WHOLE_APPLICATION || v.notes < k);
            expect(cell.notes).toBe(small.reduce((sum, [, v]) => sum + v.notes, 0));
            expect(cell.minutesLost).toBe(small.reduce((sum, [, v]) => sum + v.minutes, 0));
          } else {
            const mine = input.filter((r) => same(r) && r.screen === cell.screen);
            expect(cell.notes).toBe(mine.reduce((sum, r) => sum + r.notes, 0));
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
