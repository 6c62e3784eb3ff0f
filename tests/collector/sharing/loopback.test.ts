import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { HubPush, PUSH_NOTES_MAX } from '../../../collector/hub/protocol';
import { berlinWeek } from '../../../collector/hub/weeks';
import type { RunningCollector } from '../../../collector/server';
import type { StoredPush } from '../../../collector/store/sharing';
import type { FeedbackRecord } from '../../../utils/schema/record';
import { type FaultProxy, startFaultProxy } from '../../support/fault-proxy';
import {
  BACKENDS,
  BATCH,
  backendConfig,
  makeTempDir,
  queryDatabase,
  removeTestData,
  startTestCollector,
  warnIfPostgresSkipped,
} from '../helpers';
import { JC_A, JC_B, screenNotes, startTestHub } from '../hub';

/** The id of the n-th record made above (the list is never shorter). */
const idAt = (records: readonly { id: string }[], n: number) => records[n]?.id as string;

// Loopback (issue #19): two job centres' collectors and a hub, each a real server on this machine, the
// pushes over HTTP through a forwarding proxy that keeps every body (what went over the wire) and can
// take the hub away. Asserted on the hub's database and on the wire: aggregates arrive once, a re-push
// replaces, a cell below k never leaves, a shared note's reply leaves redacted, an outage and a restart
// lose nothing, one job centre's token cannot write another's rows. On SQLite, and on PostgreSQL with
// DATABASE_URL.

afterAll(removeTestData);

const K = 5;
const APP = 'VerBIS';
// Yesterday noon: inside the current or the last complete week, which every push covers.
const CREATED = new Date(Date.now() - 86_400_000);
CREATED.setUTCHours(11, 0, 0, 0);
const WEEK = berlinWeek(CREATED);
const PHONE = '0511 7654321';

function notes(n: number, route: string, overrides: Partial<FeedbackRecord> = {}): FeedbackRecord[] {
  return screenNotes(n, route, CREATED, overrides);
}

async function configure(collector: RunningCollector, hubUrl: string, jobCentre: string, token: string) {
  expect(
    await collector.sharing.store.saveSettings(
      { enabled: true, hubUrl, jobCentre, token },
      'anna',
      new Date().toISOString(),
    ),
  ).toBe(true);
}

/**
 * Presses "Jetzt senden" and waits until the push it sent (a new one, or the scheduled one that was
 * still waiting when sharing had just been switched on) is no longer pending.
 */
async function pushAndWait(collector: RunningCollector): Promise<StoredPush> {
  const pushId = await collector.sharing.delivery.pushNow();
  expect(pushId).toEqual(expect.any(String));
  let found: StoredPush | undefined;
  await expect
    .poll(
      async () => {
        found = (await collector.sharing.store.pushes(100)).find((push) => push.pushId === pushId);
        return found?.state;
      },
      { timeout: 15_000, interval: 50 },
    )
    .toMatch(/^(sent|refused|cancelled)$/);
  return found as StoredPush;
}

/** The state of push `pushId` in a collector's log; undefined while the log does not hold it. */
async function pushState(collector: RunningCollector, pushId: string): Promise<string | undefined> {
  return (await collector.sharing.store.pushes(100)).find((push) => push.pushId === pushId)?.state;
}

interface CellRow {
  id: string;
  job_centre: string;
  week: string;
  screen: string;
  category: string;
  notes: number;
  minutes_lost: number;
}

/** Rows of the hub's own database, SQLite file or PostgreSQL schema alike. */
async function hubQuery<Row>(hub: RunningCollector, sql: string): Promise<Row[]> {
  if (!hub.config.databaseUrl) return queryDatabase<Row>(hub.databaseFile, sql);
  const client = new pg.Client({ connectionString: hub.config.databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Row[];
  } finally {
    await client.end();
  }
}

function hubCells(hub: RunningCollector): Promise<CellRow[]> {
  return hubQuery<CellRow>(
    hub,
    'SELECT id, job_centre, week, screen, category, notes, minutes_lost FROM hub_cells ORDER BY job_centre, screen',
  );
}

async function hubNoteCount(hub: RunningCollector): Promise<number> {
  return Number((await hubQuery<{ n: number | string }>(hub, 'SELECT count(*) AS n FROM hub_notes'))[0]?.n);
}

function wirePushes(proxy: FaultProxy): HubPush[] {
  return proxy.requests
    .filter((request) => request.method === 'POST' && request.path === '/hub/v1/push' && request.body)
    .map((request) => HubPush.parse(JSON.parse(request.body as string)));
}

warnIfPostgresSkipped('sharing loopback');

describe.each(BACKENDS)('two job centres and a hub, over HTTP, on $name', (backend) => {
  const kind = backend.kind;
  // The same database settings for a collector's restart: the same file or schema.
  const on = async (dataDir: string) => ({
    ...(await backendConfig(kind)),
    dataDir,
    shareMinNotes: K,
    shareRetryMs: 100,
  });
  it.skipIf(!backend.enabled)(
    'sends only cells of k notes, once, replaces on re-push, survives an outage and a restart, keeps tokens apart',
    async () => {
      const hub = await startTestHub(kind);
      const proxy = await startFaultProxy(hub.url, { captureBodies: true });
      const hubUrl = new URL(proxy.url).origin;
      const settingsA = await on(await makeTempDir());
      let a = await startTestCollector(settingsA);
      const b = await startTestCollector(await on(await makeTempDir()));
      try {
        // A: six notes on one screen (one cell), two on another in another category (below k even for
        // the whole application: dropped); one of the six shared, with a reply naming a phone number.
        const kunde = notes(6, '/kunde/:id');
        const akte = notes(2, '/akte/:id', { category: 'error' });
        await a.store.ingest([...kunde, ...akte], BATCH);
        await a.store.setStatus(idAt(kunde, 0), { status: 'solved', reply: `Hotline anrufen: ${PHONE}` });
        expect(await a.sharing.store.share(idAt(kunde, 0), 'anna', new Date().toISOString())).toBe(true);
        await b.store.ingest(notes(5, '/kunde/:id'), BATCH);
        // A change marker of this week travels with the figures it explains.
        const marker = await a.questions.createMarker(
          {
            day: CREATED.toISOString().slice(0, 10),
            title: 'Release 24.3',
            kind: 'release',
            apps: [APP],
            screens: [],
          },
          new Date().toISOString(),
        );
        await configure(a, hubUrl, JC_A.id, JC_A.token);
        await configure(b, hubUrl, JC_B.id, JC_B.token);

        const preview = await a.sharing.delivery.preview({ jobCentre: JC_A.id });
        const first = await pushAndWait(a);
        expect(first).toMatchObject({
          state: 'sent',
          parts: 1,
          partsSent: 1,
          summary: { cells: 1, notes: 1 },
        });
        expect((await pushAndWait(b)).state).toBe('sent');

        // The preview is what left: the same cells and notes, byte for byte. (The loop may have sent a
        // scheduled push as soon as sharing was switched on; the button's push is the one compared.)
        const sentA = wirePushes(proxy).find((push) => push.pushId === first.pushId);
        expect(sentA).toMatchObject({ jobCentre: JC_A.id, weeks: preview.weeks });
        const { cells, notes: shared, markers, questions, withdrawn } = preview;
        expect(sentA).toEqual(
          expect.objectContaining({ cells, notes: shared, markers, questions, withdrawn }),
        );
        expect(markers).toHaveLength(1);

        // On the hub: each job centre's one cell, once.
        expect(
          (await hubCells(hub)).map((row) => [
            row.job_centre,
            row.week,
            row.screen,
            row.notes,
            row.minutes_lost,
          ]),
        ).toEqual(
          [
            [JC_B.id, WEEK, '/kunde/:id', 5, 20],
            [JC_A.id, WEEK, '/kunde/:id', 6, 24],
          ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
        );
        // Below k never left: not on the wire, not at the hub.
        for (const push of wirePushes(proxy)) expect(push.cells.every((cell) => cell.notes >= K)).toBe(true);
        expect(proxy.requests.some((request) => request.body?.includes('/akte/:id'))).toBe(false);
        expect((await hubCells(hub)).some((row) => row.notes < K || row.screen === '/akte/:id')).toBe(false);
        // The shared note's reply was redacted on the way out: the number is not on the wire or at the hub.
        expect(sentA?.notes[0]?.reply).toContain('[TELEFON]');
        expect(proxy.requests.some((request) => request.body?.includes(PHONE))).toBe(false);
        const hubNotes = await hubQuery<Record<string, unknown>>(hub, 'SELECT * FROM hub_notes');
        expect(hubNotes).toHaveLength(1);
        expect(JSON.stringify(hubNotes)).not.toContain(PHONE);
        expect(await hubQuery(hub, 'SELECT id, job_centre FROM hub_markers')).toEqual([
          { id: `${JC_A.id}:marker:${marker.id}`, job_centre: JC_A.id },
        ]);
        // The feed was read after the push.
        await expect.poll(() => a.sharing.store.feed()).toMatchObject({ cursor: expect.any(String) });

        // A re-push replaces: a note marked duplicate leaves 5, the same cell id now says 5.
        expect(
          await a.dashboard.markDuplicate(idAt(kunde, 1), idAt(kunde, 2), 'anna', new Date().toISOString()),
        ).toBe('ok');
        expect((await pushAndWait(a)).state).toBe('sent');
        expect(
          (await hubCells(hub)).filter((row) => row.job_centre === JC_A.id).map((row) => row.notes),
        ).toEqual([5]);
        // One more: 4 notes, below k — the week's replacement removes the cell at the hub.
        expect(
          await a.dashboard.markDuplicate(idAt(kunde, 3), idAt(kunde, 2), 'anna', new Date().toISOString()),
        ).toBe('ok');
        expect((await pushAndWait(a)).summary.cells).toBe(0);
        expect((await hubCells(hub)).filter((row) => row.job_centre === JC_A.id)).toEqual([]);

        // Outage: the hub is unreachable; the push waits, retries, and survives a restart of the collector.
        await a.store.ingest(notes(7, '/antrag/:id'), BATCH);
        proxy.setMode({ kind: 'down' });
        expect(await a.sharing.delivery.pushNow()).toEqual(expect.any(String));
        await expect
          .poll(async () => (await a.sharing.store.pendingPush())?.push.attempts ?? 0, { timeout: 10_000 })
          .toBeGreaterThanOrEqual(2);
        const waiting = (await a.sharing.store.pendingPush())?.push as StoredPush;
        expect(waiting.lastError).toMatch(/^unreachable/);
        await a.close();
        proxy.setMode({ kind: 'pass' });
        a = await startTestCollector(settingsA);
        await expect.poll(() => pushState(a, waiting.pushId), { timeout: 15_000 }).toBe('sent');
        expect(
          (await hubCells(hub))
            .filter((row) => row.job_centre === JC_A.id)
            .map((row) => [row.screen, row.notes]),
        ).toEqual([['/antrag/:id', 7]]);

        // A job centre's token cannot write another's rows: B's collector set to A's id is refused, once.
        await configure(b, hubUrl, JC_A.id, JC_B.token);
        const refused = await pushAndWait(b);
        expect(refused).toMatchObject({ state: 'refused', lastError: 'wrong_job_centre (403)', attempts: 0 });
        const requests = proxy.requests.length;
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(proxy.requests.length).toBe(requests);
        expect(
          (await hubCells(hub)).filter((row) => row.job_centre === JC_A.id).map((row) => row.notes),
        ).toEqual([7]);
      } finally {
        await Promise.all([a.close(), b.close()]);
        await proxy.close();
        await hub.close();
      }
    },
    90_000,
  );

  it.skipIf(!backend.enabled)(
    'resumes a push of several parts at the part that failed, after a restart, with the same push id',
    async () => {
      const hub = await startTestHub(kind);
      const proxy = await startFaultProxy(hub.url, { captureBodies: true });
      const settings = await on(await makeTempDir());
      let a = await startTestCollector(settings);
      try {
        // One note more than a part holds: two parts. The last one shared carries a marker the proxy
        // answers with 500, so part 1 is stored and part 2 fails until the hub "recovers".
        const shared = [
          ...notes(PUSH_NOTES_MAX, '/kunde/:id'),
          ...notes(1, '/kunde/:id', { note: 'Teil zwei: Speichern hakt POISON-PART-2' }),
        ];
        await a.store.ingest(shared, BATCH);
        const at = (i: number) => new Date(Date.UTC(2026, 11, 1) + i * 1000).toISOString();
        for (const [i, record] of shared.entries()) await a.sharing.store.share(record.id, 'anna', at(i));
        proxy.setMode({ kind: 'poison', marker: 'POISON-PART-2' });
        await a.sharing.store.saveSettings(
          { enabled: true, hubUrl: new URL(proxy.url).origin, jobCentre: JC_A.id, token: JC_A.token },
          'anna',
          new Date().toISOString(),
        );
        // Part 1 stored, part 2 refused at least once.
        await expect
          .poll(
            async () => {
              const push = (await a.sharing.store.pendingPush())?.push;
              return push && [push.parts, push.partsSent, push.attempts >= 1];
            },
            { timeout: 10_000 },
          )
          .toEqual([2, 1, true]);
        const pending = (await a.sharing.store.pendingPush())?.push as StoredPush;
        expect(await hubNoteCount(hub)).toBe(PUSH_NOTES_MAX);

        await a.close();
        proxy.setMode({ kind: 'pass' });
        a = await startTestCollector(settings);
        await expect.poll(() => pushState(a, pending.pushId), { timeout: 15_000 }).toBe('sent');
        expect(await hubNoteCount(hub)).toBe(PUSH_NOTES_MAX + 1);
        // Part 1 went once; part 2 was retried until it passed — the same push, not a new one.
        const parts = wirePushes(proxy).filter((push) => push.pushId === pending.pushId);
        expect(parts.filter((push) => push.part === 1)).toHaveLength(1);
        expect(parts.filter((push) => push.part === 2).length).toBeGreaterThanOrEqual(2);
        expect(new Set(wirePushes(proxy).map((push) => push.pushId))).toEqual(new Set([pending.pushId]));
      } finally {
        await a.close();
        await proxy.close();
        await hub.close();
      }
    },
    90_000,
  );

  it.skipIf(!backend.enabled)(
    'waits as long as the hub asks when it is too busy (503 with Retry-After)',
    async () => {
      const hub = await startTestHub(kind);
      const proxy = await startFaultProxy(hub.url, { captureBodies: true });
      const a = await startTestCollector(await on(await makeTempDir()));
      try {
        await a.store.ingest(notes(5, '/kunde/:id'), BATCH);
        proxy.setMode({ kind: 'status', status: 503, times: 1, retryAfter: 2 });
        const started = Date.now();
        await configure(a, new URL(proxy.url).origin, JC_A.id, JC_A.token);
        await a.sharing.delivery.pushNow();
        await expect
          .poll(async () => (await a.sharing.store.pendingPush())?.push.attempts, { timeout: 10_000 })
          .toBe(1);
        const waiting = (await a.sharing.store.pendingPush())?.push as StoredPush;
        // retryMs is 100 ms here: only the hub's Retry-After makes it wait two seconds.
        expect(Date.parse(waiting.nextAttemptAt as string) - started).toBeGreaterThanOrEqual(1900);
        expect(waiting.lastError).toBe('unavailable (503)');
        await expect.poll(() => pushState(a, waiting.pushId), { timeout: 10_000 }).toBe('sent');
        expect((await hubCells(hub)).map((row) => row.notes)).toEqual([5]);
      } finally {
        await a.close();
        await proxy.close();
        await hub.close();
      }
    },
    60_000,
  );
});
