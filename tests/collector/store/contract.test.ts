import { createHash, randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { answerableIds } from '../../../collector/answers';
import { BadCursorError, type ExportRow } from '../../../collector/store/types';
import type { FeedbackRecord } from '../../../utils/schema/record';
import { asStored, makeRecord, secretOf } from '../../support/records';
import {
  BACKENDS,
  BATCH,
  freshDatabase,
  removeTestData,
  warnIfPostgresSkipped,
  withFreshInstance,
} from '../helpers';

// The Store contract (and the dashboard store's) on every available backend: the same tests on the
// embedded SQLite file and on PostgreSQL when DATABASE_URL names a server. Each PostgreSQL case uses
// a fresh schema; two store objects on one database stand in for two collector instances.

warnIfPostgresSkipped('store contract');
afterAll(removeTestData);

async function collect<T>(rows: AsyncIterableIterator<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

describe.each(BACKENDS)('store contract on $name', (backend) => {
  describe.skipIf(!backend.enabled)('Store', () => {
    it('keeps the hash of each record’s answer secret, none for version 1 records, and lets only its holder read answers', async () => {
      await withFreshInstance(backend.kind, async ({ store }) => {
        const mine = makeRecord();
        const old = makeRecord({ schemaVersion: 1 });
        await store.ingest([mine, old], BATCH);
        const unknown = randomUUID();
        const hashes = await store.answerHashes([mine.id, old.id, unknown]);
        expect(hashes).toEqual(
          new Map([
            [mine.id, createHash('sha256').update(secretOf(mine)).digest('hex')],
            [old.id, null],
          ]),
        );
        const ids = [mine.id, old.id, unknown];
        expect(await answerableIds(store, ids, {})).toEqual([old.id, unknown]);
        expect(await answerableIds(store, ids, { [mine.id]: secretOf(makeRecord()) })).toEqual([
          old.id,
          unknown,
        ]);
        expect(await answerableIds(store, ids, { [mine.id]: secretOf(mine) })).toEqual(ids);
      });
    });

    it('stores new records, reports duplicates from earlier batches and within a batch, in input order', async () => {
      await withFreshInstance(backend.kind, async ({ store }) => {
        const a = makeRecord();
        const b = makeRecord();
        expect(await store.ingest([a], BATCH)).toEqual([{ id: a.id, status: 'accepted' }]);

        const results = await store.ingest([b, a, { ...b, note: 'second copy' }], BATCH);

        expect(results).toEqual([
          { id: b.id, status: 'accepted' },
          { id: a.id, status: 'duplicate' },
          { id: b.id, status: 'duplicate' },
        ]);
        // The first copy is the one kept.
        expect((await store.getRecord(b.id))?.record).toEqual(asStored(b));
      });
    });

    it('refuses a record the database cannot take by itself and stores the rest of its batch', async () => {
      await withFreshInstance(backend.kind, async ({ store }, db) => {
        // A database-side refusal that depends on one record only, as a NUL character was on PostgreSQL.
        await db.exec({
          sqlite: `CREATE TRIGGER poison BEFORE INSERT ON records WHEN NEW.note LIKE '%POISON%'
                   BEGIN SELECT RAISE(ABORT, 'poisoned record'); END`,
          postgres: `CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$
                     BEGIN
                       IF NEW.note LIKE '%POISON%' THEN
                         RAISE EXCEPTION 'poisoned record' USING ERRCODE = 'check_violation';
                       END IF;
                       RETURN NEW;
                     END $$;
                     CREATE TRIGGER poison BEFORE INSERT ON records FOR EACH ROW EXECUTE FUNCTION poison();`,
        });
        const before = makeRecord();
        const bad = makeRecord({ note: 'POISON in this one' });
        const after = makeRecord();
        await store.ingest([before], BATCH);

        const results = await store.ingest([before, bad, after], BATCH);

        expect(results).toEqual([
          { id: before.id, status: 'duplicate' },
          {
            id: bad.id,
            status: 'rejected',
            reason: expect.stringMatching(/^store_refused: .*poisoned record/),
          },
          { id: after.id, status: 'accepted' },
        ]);
        expect(await store.getRecord(bad.id)).toBeNull();
        expect((await store.getRecord(after.id))?.record).toEqual(asStored(after));
      });
    });

    it('hands out status changes behind a cursor that never skips one', async () => {
      await withFreshInstance(backend.kind, async ({ store }) => {
        const a = makeRecord();
        const b = makeRecord();
        await store.ingest([a, b], BATCH);
        expect(await store.statusSince([a.id, b.id], undefined)).toEqual({ updates: [], cursor: '0' });
        await expect(store.statusSince([a.id], '1')).rejects.toThrow(BadCursorError);

        await store.setStatus(a.id, { status: 'in_review' }, '2026-11-26T08:00:00.000Z');
        await store.setStatus(
          b.id,
          { status: 'forwarded', reply: 'An den Hersteller.' },
          '2026-11-26T08:01:00.000Z',
        );
        const onlyB = await store.statusSince([b.id], '0');
        const both = await store.statusSince([a.id, b.id], '0');

        expect(onlyB).toEqual({
          updates: [
            {
              id: b.id,
              status: 'forwarded',
              reply: 'An den Hersteller.',
              updatedAt: '2026-11-26T08:01:00.000Z',
            },
          ],
          cursor: '2',
        });
        expect(both).toEqual({
          updates: [
            { id: a.id, status: 'in_review', reply: null, updatedAt: '2026-11-26T08:00:00.000Z' },
            {
              id: b.id,
              status: 'forwarded',
              reply: 'An den Hersteller.',
              updatedAt: '2026-11-26T08:01:00.000Z',
            },
          ],
          cursor: '2',
        });
        expect(await store.statusSince([a.id, b.id], '2')).toEqual({ updates: [], cursor: '2' });
        await expect(store.statusSince([a.id], 'abc')).rejects.toThrow(BadCursorError);
        // A cursor beyond the last change was never handed out (issue #14, item 6): after a restore from
        // a backup the device would otherwise wait for numbers already given to other changes.
        await expect(store.statusSince([a.id], '3')).rejects.toThrow(BadCursorError);
        await expect(store.statusSince([a.id], '999999999999999')).rejects.toThrow(BadCursorError);
      });
    });

    it('keeps the reply when omitted, clears it on null, keeps the history; null for unknown ids', async () => {
      await withFreshInstance(backend.kind, async ({ store }) => {
        const record = makeRecord();
        await store.ingest([record], BATCH);
        await store.setStatus(
          record.id,
          { status: 'in_review', reply: 'Wir prüfen.' },
          '2026-11-26T08:00:00.000Z',
        );
        const kept = await store.setStatus(record.id, { status: 'forwarded' }, '2026-11-26T08:01:00.000Z');
        await store.setStatus(record.id, { status: 'wont_change', reply: null }, '2026-11-26T08:02:00.000Z');

        expect(kept).toEqual({
          id: record.id,
          status: 'forwarded',
          reply: 'Wir prüfen.',
          updatedAt: '2026-11-26T08:01:00.000Z',
        });
        expect(await store.getRecord(record.id)).toEqual({
          id: record.id,
          receivedAt: BATCH.receivedAt,
          batchId: BATCH.batchId,
          record: asStored(record),
          status: 'wont_change',
          reply: null,
          updatedAt: '2026-11-26T08:02:00.000Z',
          caughtByCollector: {},
          history: [
            { status: 'in_review', reply: 'Wir prüfen.', at: '2026-11-26T08:00:00.000Z' },
            { status: 'forwarded', reply: 'Wir prüfen.', at: '2026-11-26T08:01:00.000Z' },
            { status: 'wont_change', reply: null, at: '2026-11-26T08:02:00.000Z' },
          ],
        });
        expect(await store.setStatus(randomUUID(), { status: 'solved' })).toBeNull();
        expect(await store.getRecord(randomUUID())).toBeNull();
      });
    });

    it('exports in arrival order within a window, by arrival or by creation, lazily', async () => {
      await withFreshInstance(backend.kind, async ({ store }) => {
        const early = makeRecord({ createdAt: '2026-11-20T09:00:00.000+01:00' });
        const late = makeRecord({ createdAt: '2026-11-10T09:00:00.000+01:00' });
        await store.ingest([early], { batchId: BATCH.batchId, receivedAt: '2026-11-20T10:00:00.000Z' });
        await store.ingest([late], { batchId: BATCH.batchId, receivedAt: '2026-11-24T10:00:00.000Z' });
        const ids = (rows: ExportRow[]) => rows.map((row) => row.id);

        expect(ids(await collect(store.exportStream({})))).toEqual([early.id, late.id]);
        expect(ids(await collect(store.exportStream({ by: 'created' })))).toEqual([late.id, early.id]);
        expect(ids(await collect(store.exportStream({ from: '2026-11-21T00:00:00.000Z' })))).toEqual([
          late.id,
        ]);
        const [row] = await collect(store.exportStream({ to: '2026-11-21T00:00:00.000Z' }));
        expect(row).toEqual({
          id: early.id,
          receivedAt: '2026-11-20T10:00:00.000Z',
          batchId: BATCH.batchId,
          status: null,
          reply: null,
          recordJson: JSON.stringify(asStored(early)),
          caughtJson: '{}',
        });
        // Leaving an export early releases it; the store still closes.
        for await (const _ of store.exportStream({})) break;
        const abandoned = store.exportStream({});
        await abandoned.next();
      });
    });

    it('answers the health check', async () => {
      await withFreshInstance(backend.kind, async ({ store }) => {
        await expect(store.health()).resolves.toBeUndefined();
      });
    });
  });

  describe.skipIf(!backend.enabled)('several instances on one database', () => {
    it('accepts each id exactly once when two instances ingest the same records at once', async () => {
      const db = await freshDatabase(backend.kind);
      const one = await db.instance();
      const two = await db.instance();
      try {
        const records: FeedbackRecord[] = Array.from({ length: 60 }, (_, i) =>
          makeRecord({
            context: { ...makeRecord().context, app: `App ${i % 3}`, routeTemplate: `/r/${i % 5}` },
          }),
        );
        const [a, b] = await Promise.all([
          one.store.ingest(records, BATCH),
          two.store.ingest([...records].reverse(), BATCH),
        ]);
        const accepted = [...a, ...b]
          .filter((result) => result.status === 'accepted')
          .map((result) => result.id);

        expect(accepted.sort()).toEqual(records.map((record) => record.id).sort());
        const report = await one.dashboard.hotspots({
          toWeek: '2026-11-30',
          thisWeek: '2026-11-23',
          metric: 'count',
          limit: 50,
          filter: {},
        });
        expect(report.totals.count).toBe(60);
      } finally {
        await one.close();
        await two.close();
      }
    });

    it('accepts each id exactly once when several instances ingest partly overlapping batches at once', async () => {
      const db = await freshDatabase(backend.kind);
      const instances = await Promise.all([db.instance(), db.instance(), db.instance()]);
      try {
        // Overlapping slices put a hotspot's first id in different places for different instances,
        // the pattern a fixed lock order alone cannot keep apart.
        const records: FeedbackRecord[] = Array.from({ length: 90 }, (_, i) =>
          makeRecord({
            context: { ...makeRecord().context, app: `App ${i % 2}`, routeTemplate: `/r/${i % 3}` },
          }),
        );
        const slices = [records.slice(0, 60), records.slice(15, 75), records.slice(30, 90)];
        const results = await Promise.all(
          [0, 1, 2, 0, 1, 2].map((n, round) =>
            (instances[n] as (typeof instances)[number]).store.ingest(
              round < 3 ? (slices[n] as FeedbackRecord[]) : [...(slices[n] as FeedbackRecord[])].reverse(),
              BATCH,
            ),
          ),
        );
        const accepted = results
          .flat()
          .filter((result) => result.status === 'accepted')
          .map((result) => result.id);

        expect(accepted.sort()).toEqual(records.map((record) => record.id).sort());
      } finally {
        await Promise.all(instances.map((instance) => instance.close()));
      }
    });

    it('numbers concurrent status changes from two instances without gaps in what a client sees', async () => {
      const db = await freshDatabase(backend.kind);
      const one = await db.instance();
      const two = await db.instance();
      try {
        const records = Array.from({ length: 20 }, () => makeRecord());
        await one.store.ingest(records, BATCH);
        await Promise.all(
          records.map((record, i) => (i % 2 ? one : two).store.setStatus(record.id, { status: 'in_review' })),
        );

        const seen = await two.store.statusSince(
          records.map((record) => record.id),
          '0',
        );
        expect(seen.updates).toHaveLength(20);
        expect(seen.cursor).toBe('20');
      } finally {
        await one.close();
        await two.close();
      }
    });
  });

  describe.skipIf(!backend.enabled)('DashboardStore', () => {
    it('keeps officer accounts: add, refuse a second add, replace (ending sessions), remove', async () => {
      await withFreshInstance(backend.kind, async ({ dashboard }) => {
        const at = '2026-11-26T08:00:00.000Z';
        expect(await dashboard.putOfficer({ user: 'anna', passwordHash: 'h1' }, false, at)).toBe(true);
        expect(await dashboard.putOfficer({ user: 'anna', passwordHash: 'h2' }, false, at)).toBe(false);
        await dashboard.createSession({
          tokenHash: 'abc',
          user: 'anna',
          csrfToken: 'csrf',
          createdAt: at,
          expiresAt: '2026-11-26T18:00:00.000Z',
          lastSeenAt: at,
        });
        expect(await dashboard.findSession('abc', '2026-11-26T09:00:00.000Z')).toEqual({
          tokenHash: 'abc',
          user: 'anna',
          csrfToken: 'csrf',
          createdAt: at,
          expiresAt: '2026-11-26T18:00:00.000Z',
          lastSeenAt: at,
        });
        expect(await dashboard.findSession('abc', '2026-11-26T18:00:00.000Z')).toBeNull();

        expect(await dashboard.putOfficer({ user: 'anna', passwordHash: 'h3' }, true, at)).toBe(true);

        expect(await dashboard.findOfficer('anna')).toEqual({ user: 'anna', passwordHash: 'h3' });
        expect(await dashboard.findSession('abc', '2026-11-26T09:00:00.000Z')).toBeNull();
        expect(await dashboard.listOfficers()).toEqual(['anna']);
        expect(await dashboard.removeOfficer('anna')).toBe(true);
        expect(await dashboard.removeOfficer('anna')).toBe(false);
        expect(await dashboard.findOfficer('anna')).toBeNull();
      });
    });

    it('counts failed sign-ins per key within the window and forgets old ones', async () => {
      await withFreshInstance(backend.kind, async ({ dashboard }) => {
        await dashboard.addSigninFailure(
          ['ip:a', 'user:x'],
          '2026-11-26T08:00:00.000Z',
          '2026-11-26T07:59:00.000Z',
        );
        await dashboard.addSigninFailure(
          ['ip:a', 'user:y'],
          '2026-11-26T08:00:30.000Z',
          '2026-11-26T07:59:30.000Z',
        );

        expect(
          await dashboard.signinFailures(['ip:a', 'user:x', 'user:z'], '2026-11-26T07:59:45.000Z'),
        ).toEqual(
          new Map([
            ['ip:a', 2],
            ['user:x', 1],
            ['user:z', 0],
          ]),
        );
        expect(await dashboard.signinFailures(['ip:a'], '2026-11-26T08:00:10.000Z')).toEqual(
          new Map([['ip:a', 1]]),
        );
      });
    });

    it('sums what the collector caught per week of arrival, zero weeks included; a duplicate id adds nothing', async () => {
      await withFreshInstance(backend.kind, async ({ store, dashboard }) => {
        const [a, b, c, d] = [makeRecord(), makeRecord(), makeRecord(), makeRecord()];
        await store.ingest([a, b, c], { batchId: BATCH.batchId, receivedAt: '2026-11-25T10:00:00.000Z' }, [
          { name: 2, phone: 1 },
          {},
          { name: 1 },
        ]);
        // Sunday night still belongs to that week; the record created earlier does not matter.
        await store.ingest([d, a], { batchId: BATCH.batchId, receivedAt: '2026-11-29T23:59:59.999Z' }, [
          { 'url-segment': 1 },
          { name: 5 },
        ]);

        expect(await dashboard.leaks(['2026-11-16', '2026-11-23', '2026-11-30'])).toEqual([
          { week: '2026-11-16', records: 0, masks: 0, kinds: {} },
          { week: '2026-11-23', records: 3, masks: 5, kinds: { name: 3, phone: 1, 'url-segment': 1 } },
          { week: '2026-11-30', records: 0, masks: 0, kinds: {} },
        ]);
      });
    });

    it('takes a duplicate out of the hotspot counts and puts it back when unmarked', async () => {
      await withFreshInstance(backend.kind, async ({ store, dashboard }) => {
        const original = makeRecord({ impact: 'minor', minutesLost: 1 });
        const copy = makeRecord({ impact: 'blocks', minutesLost: 30 });
        await store.ingest([original, copy], BATCH);
        const counts = async () => {
          const [hotspot] = (
            await dashboard.hotspots({
              toWeek: '2026-11-30',
              thisWeek: '2026-11-23',
              metric: 'count',
              limit: 5,
              filter: {},
            })
          ).hotspots;
          return [hotspot?.count, hotspot?.score, hotspot?.minutes];
        };
        expect(await counts()).toEqual([2, 4, 31]);

        expect(await dashboard.markDuplicate(copy.id, original.id, 'anna', '2026-11-26T08:00:00.000Z')).toBe(
          'ok',
        );
        expect(await counts()).toEqual([1, 1, 1]);
        // Marking again (re-pointing) does not subtract twice.
        expect(await dashboard.markDuplicate(copy.id, original.id, 'anna', '2026-11-26T08:01:00.000Z')).toBe(
          'ok',
        );
        expect(await counts()).toEqual([1, 1, 1]);
        expect(await dashboard.clearDuplicate(copy.id, 'anna', '2026-11-26T08:02:00.000Z')).toBe(true);
        expect(await counts()).toEqual([2, 4, 31]);
        expect(await dashboard.markDuplicate(copy.id, randomUUID(), 'anna', '2026-11-26T08:03:00.000Z')).toBe(
          'target_not_found',
        );
        expect(await dashboard.existingIds([original.id, randomUUID()])).toEqual(new Set([original.id]));
      });
    });

    it('lists the other records of the same application and screen since a time, newest first, up to a limit', async () => {
      await withFreshInstance(backend.kind, async ({ store, dashboard }) => {
        const at = (app: string, routeTemplate: string) => ({ ...makeRecord().context, app, routeTemplate });
        const here = (createdAt: string, note = 'Suche') =>
          makeRecord({ context: at('E-Akte', '/suche'), createdAt, note });
        const mine = here('2026-11-20T09:00:00.000+01:00');
        const newer = here('2026-11-25T09:00:00.000+01:00', 'neuer');
        const older = here('2026-11-02T09:00:00.000+01:00', 'älter');
        const tooOld = here('2026-09-01T09:00:00.000+02:00');
        const otherRoute = makeRecord({
          context: at('E-Akte', '/suche/erweitert'),
          createdAt: newer.createdAt,
        });
        const otherApp = makeRecord({
          context: at('Leistungsverfahren', '/suche'),
          createdAt: newer.createdAt,
        });
        await store.ingest([mine, newer, older, tooOld, otherRoute, otherApp], BATCH);
        await dashboard.markDuplicate(older.id, newer.id, 'anna', '2026-11-26T08:00:00.000Z');

        const since = '2026-10-01T00:00:00.000Z';
        const found = await dashboard.sameScreenRecords(mine.id, since, 10);
        expect(found.map((row) => row.id)).toEqual([newer.id, older.id]);
        expect(found[0]).toMatchObject({
          app: 'E-Akte',
          routeTemplate: '/suche',
          note: 'neuer',
          duplicateOf: null,
        });
        expect(found[1]).toMatchObject({ note: 'älter', duplicateOf: newer.id });
        expect((await dashboard.sameScreenRecords(mine.id, since, 1)).map((row) => row.id)).toEqual([
          newer.id,
        ]);
        expect(await dashboard.sameScreenRecords(randomUUID(), since, 10)).toEqual([]);
      });
    });
  });
});
