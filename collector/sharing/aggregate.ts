import { cellId, type HubCell, SHARE_MIN_NOTES_FLOOR, WHOLE_APPLICATION } from '../hub/protocol';

// Small-cell suppression (issue #19), as official statistics do it: a count of fewer than k notes
// could point at one caseworker, so no such cell leaves the job centre. Per week × application ×
// category × impact, screens below k are pooled into one cell for the whole application (`*`); a
// pool still below k is dropped. The pool holds only the small screens, never a screen that is also
// sent on its own, so no subtraction of two sent cells can give back a small one.

/** Notes of one key as the store counted them (several rows of one key are summed). */
export interface CountRow {
  week: string;
  app: string;
  /** The route template; anything that is not one (no leading `/`) only ever goes to the pool. */
  screen: string;
  category: HubCell['category'];
  impact: HubCell['impact'];
  notes: number;
  minutesLost: number;
}

/** What suppression held back, for the preview page. */
export interface Suppressed {
  /** Screen cells below k pooled into a `*` cell that was sent. */
  mergedCells: number;
  mergedNotes: number;
  /** Cells (screen or pool) still below k after merging: not sent at all. */
  droppedCells: number;
  droppedNotes: number;
}

export interface Aggregation {
  cells: HubCell[];
  suppressed: Suppressed;
}

const keyOf = (...parts: string[]) => parts.join('\u0000');

function compareCells(a: HubCell, b: HubCell): number {
  for (const field of ['week', 'app', 'screen', 'category', 'impact'] as const) {
    if (a[field] !== b[field]) return a[field] < b[field] ? -1 : 1;
  }
  return 0;
}

/** The cells that may leave the job centre `jobCentre` under `k`, sorted, with what was held back. */
export function aggregateCells(jobCentre: string, rows: readonly CountRow[], k: number): Aggregation {
  if (!Number.isInteger(k) || k < SHARE_MIN_NOTES_FLOOR) {
    throw new RangeError(`k must be an integer of at least ${SHARE_MIN_NOTES_FLOOR}`);
  }
  // Sum rows of one fine key first (the store hands out one row per UTC hour).
  const fine = new Map<string, CountRow>();
  for (const row of rows) {
    const screen = row.screen.startsWith('/') ? row.screen : WHOLE_APPLICATION;
    const key = keyOf(row.week, row.app, screen, row.category, row.impact);
    const found = fine.get(key);
    if (found) {
      found.notes += row.notes;
      found.minutesLost += row.minutesLost;
    } else {
      fine.set(key, { ...row, screen, notes: row.notes, minutesLost: row.minutesLost });
    }
  }

  const cells: HubCell[] = [];
  const pools = new Map<string, CountRow & { members: number }>();
  const suppressed: Suppressed = { mergedCells: 0, mergedNotes: 0, droppedCells: 0, droppedNotes: 0 };
  const cell = (row: CountRow): HubCell => {
    const key = { app: row.app, screen: row.screen, category: row.category, impact: row.impact };
    return {
      id: cellId(jobCentre, row.week, key),
      week: row.week,
      ...key,
      notes: row.notes,
      minutesLost: row.minutesLost,
    };
  };

  for (const row of fine.values()) {
    if (row.notes <= 0) continue;
    if (row.screen !== WHOLE_APPLICATION && row.notes >= k) {
      cells.push(cell(row));
      continue;
    }
    const key = keyOf(row.week, row.app, row.category, row.impact);
    const pool = pools.get(key);
    // A row whose screen was no route template joins the pool as it is; it counts as a member too.
    if (pool) {
      pool.notes += row.notes;
      pool.minutesLost += row.minutesLost;
      pool.members += 1;
    } else {
      pools.set(key, { ...row, screen: WHOLE_APPLICATION, members: 1 });
    }
  }
  for (const pool of pools.values()) {
    if (pool.notes >= k) {
      cells.push(cell(pool));
      suppressed.mergedCells += pool.members;
      suppressed.mergedNotes += pool.notes;
    } else {
      suppressed.droppedCells += pool.members;
      suppressed.droppedNotes += pool.notes;
    }
  }
  cells.sort(compareCells);
  return { cells, suppressed };
}
