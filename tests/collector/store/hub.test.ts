import { afterAll, describe, expect, it } from 'vitest';
import type { HubCell } from '../../../collector/hub/protocol';
import { countBits, withBit } from '../../../collector/store/hub';
import type { HubRange, HubRankedScreen } from '../../../collector/store/hub-types';
import { BACKENDS, removeTestData, warnIfPostgresSkipped, withFreshInstance } from '../helpers';
import { cell, HUB_APP, HUB_SCREEN, JC_A, JC_B, JC_C, push, sharedNote } from '../hub';

// The hub's side of the store contract (issue #19) on every available backend: a push replaces its
// weeks, re-sending changes nothing, later parts add, the ranking counts job centres, the comparison
// holds only the asker's own figures, notices carry a cursor.

warnIfPostgresSkipped('hub store contract');
afterAll(removeTestData);

const AT = '2026-12-07T08:00:00.000Z';
const RANGE = { from: '2026-W38', to: '2026-W49' };
const OTHER = '/akte/:id';

describe('sets of job centres as hex bitmaps', () => {
  it.each([
    ['', 0, true, '8'],
    ['', 5, true, '04'],
    ['8', 3, true, '9'],
    ['9', 0, false, '1'],
    ['04', 5, false, ''],
    ['f', 399, true, `f${'0'.repeat(98)}1`],
  ])('%j with bit %i %s is %j', (bits, ordinal, on, expected) => {
    expect(withBit(bits, ordinal, on)).toBe(expected);
  });

  it('counts', () => {
    expect(countBits('f001')).toBe(5);
    expect(countBits('')).toBe(0);
  });
});

describe.each(BACKENDS)('hub store on $name', (backend) => {
  describe.skipIf(!backend.enabled)('HubStore', () => {
    it('replaces a job centre’s weeks, idempotently, and later parts add', async () => {
      await withFreshInstance(backend.kind, async ({ hub }) => {
        const first = push(JC_A.id, ['2026-W48', '2026-W49'], {
          cells: [
            cell(JC_A.id, '2026-W48'),
            cell(JC_A.id, '2026-W49'),
            cell(JC_A.id, '2026-W49', { screen: OTHER, notes: 7, minutesLost: 70 }),
          ],
          notes: [sharedNote(JC_A.id, 'r1', '2026-W49')],
        });
        expect(await hub.push(first, AT)).toEqual({
          pushId: first.pushId,
          part: 1,
          cells: 3,
          notes: 1,
          markers: 0,
          questions: 0,
        });
        // The same push again: the same state.
        await hub.push(first, AT);
        const once = await hub.ranking(RANGE, 10);
        expect(once).toEqual([
          expect.objectContaining({ screen: OTHER, jobCentres: 1, notes: 7, minutesLost: 70 }),
          expect.objectContaining({ screen: HUB_SCREEN, jobCentres: 1, notes: 10, minutesLost: 60 }),
        ]);

        // A new push of W49 without the other screen: it disappears, W48 stays.
        const second = push(JC_A.id, ['2026-W49'], {
          parts: 2,
          cells: [cell(JC_A.id, '2026-W49', { notes: 6 })],
        });
        await hub.push(second, AT);
        await hub.push({ ...second, part: 2, cells: [cell(JC_A.id, '2026-W49', { category: 'error' })] }, AT);
        // A retried first part must not wipe what part 2 added.
        await hub.push(second, AT);
        expect(await hub.ranking(RANGE, 10)).toEqual([
          expect.objectContaining({ screen: HUB_SCREEN, jobCentres: 1, notes: 16, minutesLost: 90 }),
        ]);
        expect(await hub.trend(HUB_APP, HUB_SCREEN, RANGE)).toEqual([
          { week: '2026-W48', jobCentres: 1, notes: 5, minutesLost: 30 },
          { week: '2026-W49', jobCentres: 1, notes: 11, minutesLost: 60 },
        ]);
        expect(await hub.receipts()).toEqual([
          { jobCentre: JC_A.id, lastPushId: second.pushId, lastPushAt: AT },
        ]);
        expect(await hub.sharedNotes(RANGE, 10)).toEqual([
          expect.objectContaining({
            id: sharedNote(JC_A.id, 'r1', '2026-W49').id,
            reply: expect.any(String),
          }),
        ]);
        await hub.push(push(JC_A.id, [], { withdrawn: [sharedNote(JC_A.id, 'r1', '2026-W49').id] }), AT);
        expect(await hub.sharedNotes(RANGE, 10)).toEqual([]);
      });
    });

    it('keeps a later part that arrived before the first', async () => {
      await withFreshInstance(backend.kind, async ({ hub }) => {
        await hub.push(
          push(JC_A.id, ['2026-W49'], { cells: [cell(JC_A.id, '2026-W49', { screen: OTHER })] }),
          AT,
        );
        const next = push(JC_A.id, ['2026-W49'], { parts: 2, cells: [cell(JC_A.id, '2026-W49')] });
        await hub.push({ ...next, part: 2, cells: [cell(JC_A.id, '2026-W49', { category: 'error' })] }, AT);
        await hub.push(next, AT);
        // The older push's cell is gone, both parts of the newer one are there.
        expect(await hub.ranking(RANGE, 10)).toEqual([
          { app: HUB_APP, screen: HUB_SCREEN, jobCentres: 1, notes: 10, minutesLost: 60 },
        ]);
      });
    });

    it('ranks by job centres affected, then minutes, with medians, and compares only the asker', async () => {
      await withFreshInstance(backend.kind, async ({ hub }) => {
        await hub.push(
          push(JC_A.id, ['2026-W49'], {
            cells: [
              cell(JC_A.id, '2026-W49', { minutesLost: 10 }),
              cell(JC_A.id, '2026-W49', { screen: OTHER, minutesLost: 500 }),
            ],
          }),
          AT,
        );
        await hub.push(
          push(JC_B.id, ['2026-W49'], { cells: [cell(JC_B.id, '2026-W49', { minutesLost: 20, notes: 9 })] }),
          AT,
        );
        await hub.push(
          push(JC_C.id, ['2026-W48'], { cells: [cell(JC_C.id, '2026-W48', { minutesLost: 90, notes: 3 })] }),
          AT,
        );

        expect(await hub.ranking(RANGE, 10)).toEqual([
          { app: HUB_APP, screen: HUB_SCREEN, jobCentres: 3, notes: 17, minutesLost: 120 },
          { app: HUB_APP, screen: OTHER, jobCentres: 1, notes: 5, minutesLost: 500 },
        ]);
        expect(await hub.hotspot(HUB_APP, HUB_SCREEN, RANGE)).toEqual({
          app: HUB_APP,
          screen: HUB_SCREEN,
          jobCentres: 3,
          notes: 17,
          minutesLost: 120,
          medianNotes: 5,
          medianMinutesLost: 20,
        });
        expect(await hub.hotspot(HUB_APP, '/nowhere', RANGE)).toBeNull();
        expect(await hub.ranking({ ...RANGE, app: 'E-Akte' }, 10)).toEqual([]);
        expect(await hub.ranking({ from: '2026-W49', to: '2026-W49' }, 10)).toEqual([
          expect.objectContaining({ screen: HUB_SCREEN, jobCentres: 2 }),
          expect.objectContaining({ screen: OTHER, jobCentres: 1 }),
        ]);

        const comparison = await hub.comparison(JC_B.id, 25, RANGE, 10);
        expect(comparison).toEqual([
          {
            app: HUB_APP,
            screen: HUB_SCREEN,
            jobCentresAffected: 3,
            jobCentresTotal: 25,
            ownNotes: 9,
            ownMinutesLost: 20,
            medianNotes: 5,
            medianMinutesLost: 20,
          },
          // OTHER troubles one job centre only: its median would be that job centre's figure.
        ]);
        expect(await hub.jobCentreFigures(HUB_APP, HUB_SCREEN, RANGE)).toEqual([
          { jobCentre: JC_C.id, notes: 3, minutesLost: 90 },
          { jobCentre: JC_B.id, notes: 9, minutesLost: 20 },
          { jobCentre: JC_A.id, notes: 5, minutesLost: 10 },
        ]);
        expect(await hub.apps()).toEqual([HUB_APP]);
      });
    });

    it('counts the job centres affected as a DISTINCT over the rollup would, for random pushes', async () => {
      // The ranking and the trend count job centres from the weeks' sets (OR-ed in SQL on PostgreSQL, in
      // the process on SQLite); the plain answer is a count(DISTINCT job_centre) over hub_screen_weeks.
      // 37 job centres: the sets span ten hex digits, the last one partly used.
      const seed = Date.now() % 100_000;
      const random = seeded(seed);
      const weeks = Array.from({ length: 10 }, (_, i) => `2026-W${40 + i}`);
      const screens = [
        [HUB_APP, HUB_SCREEN],
        [HUB_APP, OTHER],
        [HUB_APP, '/B-liste'],
        [HUB_APP, '/a-liste'],
        ['E-Akte', '/akte/:id'],
        ['E-Akte', '/suche'],
      ] as const;
      const categories = ['slow', 'error', 'unclear'];
      const randomCells = (jobCentre: string, of: readonly string[]): HubCell[] =>
        of.flatMap((week) =>
          screens.flatMap(([app, screen]) =>
            categories
              .filter(() => random() < 0.3)
              .map((category) =>
                cell(jobCentre, week, {
                  app,
                  screen,
                  category,
                  notes: 3 + Math.floor(random() * 10),
                  minutesLost: Math.floor(random() * 200),
                }),
              ),
          ),
        );
      const jobCentres = Array.from({ length: 37 }, (_, i) => `jc-random-${String(i).padStart(2, '0')}`);
      const periods: HubRange[] = [
        { from: '2026-W49', to: '2026-W49' },
        { from: '2026-W46', to: '2026-W49' },
        { from: '2026-W40', to: '2026-W49' },
        { from: '2026-W43', to: '2026-W47', app: 'E-Akte' },
        { from: '2025-W01', to: '2025-W10' },
      ];
      await withFreshInstance(backend.kind, async ({ hub }, db) => {
        for (const jobCentre of jobCentres) {
          await hub.push(push(jobCentre, weeks, { cells: randomCells(jobCentre, weeks) }), AT);
        }
        // Some job centres send again for the last four weeks: their bits are set or cleared anew.
        for (const jobCentre of jobCentres.filter(() => random() < 0.4)) {
          const last = weeks.slice(-4);
          await hub.push(push(jobCentre, last, { cells: randomCells(jobCentre, last) }), AT);
        }
        for (const range of periods) {
          const app = range.app === undefined ? '' : ' AND app = ?';
          const rows = await db.all<{
            app: string;
            screen: string;
            job_centres: number | string;
            notes: number | string;
            minutes_lost: number | string;
          }>(
            `SELECT app, screen, count(DISTINCT job_centre) AS job_centres, sum(notes) AS notes,
               sum(minutes_lost) AS minutes_lost
             FROM hub_screen_weeks WHERE week >= ? AND week <= ?${app} GROUP BY app, screen`,
            range.from,
            range.to,
            ...(range.app === undefined ? [] : [range.app]),
          );
          const expected: HubRankedScreen[] = rows
            .map((row) => ({
              app: row.app,
              screen: row.screen,
              jobCentres: Number(row.job_centres),
              notes: Number(row.notes),
              minutesLost: Number(row.minutes_lost),
            }))
            .sort(
              (a, b) =>
                b.jobCentres - a.jobCentres ||
                b.minutesLost - a.minutesLost ||
                b.notes - a.notes ||
                (a.app < b.app ? -1 : a.app > b.app ? 1 : 0) ||
                (a.screen < b.screen ? -1 : 1),
            );
          expect(await hub.ranking(range, 100), `seed ${seed}, ${JSON.stringify(range)}`).toEqual(expected);
        }
        const perWeek = await db.all<{ week: string; job_centres: number | string }>(
          `SELECT week, count(DISTINCT job_centre) AS job_centres FROM hub_screen_weeks
           WHERE app = ? AND screen = ? GROUP BY week ORDER BY week`,
          HUB_APP,
          '/B-liste',
        );
        const trend = await hub.trend(HUB_APP, '/B-liste', { from: '2026-W40', to: '2026-W49' });
        expect(
          trend.map(({ week, jobCentres }) => ({ week, jobCentres })),
          `seed ${seed}`,
        ).toEqual(perWeek.map((row) => ({ week: row.week, jobCentres: Number(row.job_centres) })));
      });
    });

    it('publishes, edits and withdraws notices behind a cursor', async () => {
      await withFreshInstance(backend.kind, async ({ hub }) => {
        const published = await hub.publishNotice(
          { kind: 'known-issue', app: HUB_APP, screen: HUB_SCREEN, text: { de: 'Bekanntes Problem' } },
          AT,
        );
        const first = await hub.noticesSince(0);
        expect(first).toEqual({ notices: [published], cursor: 1 });
        expect(await hub.noticesSince(first.cursor)).toEqual({ notices: [], cursor: 1 });

        const fixed = await hub.updateNotice(
          published.id,
          { kind: 'fixed', app: HUB_APP, screen: HUB_SCREEN, text: { de: 'Behoben' }, fixedIn: '24.3' },
          '2026-12-08T08:00:00.000Z',
        );
        expect(fixed).toMatchObject({ kind: 'fixed', fixedIn: '24.3', publishedAt: AT, withdrawn: false });
        const withdrawn = await hub.withdrawNotice(published.id, '2026-12-09T08:00:00.000Z');
        expect(withdrawn).toMatchObject({ withdrawn: true, fixedIn: '24.3' });
        expect(await hub.noticesSince(first.cursor)).toEqual({ notices: [withdrawn], cursor: 3 });
        expect(await hub.notices()).toEqual([withdrawn]);
        expect(await hub.withdrawNotice('6f1c8a3e-0000-4000-8000-000000000000', AT)).toBeNull();
      });
    });
  });
});

/** A small seeded generator (mulberry32): a failing random case can be replayed from its seed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
