import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { answerableIds } from '../../collector/answers';
import { verifyPassword } from '../../collector/officers';
import { DatabaseTooNewError } from '../../collector/store/migrations';
import { DASHBOARD_POSTGRES_MIGRATIONS } from '../../collector/store/postgres/dashboard-migrations';
import { POSTGRES_MIGRATIONS } from '../../collector/store/postgres/migrations';
import { openPostgres } from '../../collector/store/postgres/open';
import { redactDatabaseUrl } from '../../collector/store/postgres/pool';
import { DASHBOARD_SQLITE_MIGRATIONS } from '../../collector/store/sqlite/dashboard-migrations';
import { SqliteDashboardStore } from '../../collector/store/sqlite/dashboard-store';
import { SQLITE_FILE_NAME } from '../../collector/store/sqlite/database';
import { SQLITE_MIGRATIONS } from '../../collector/store/sqlite/migrations';
import { openSqlite } from '../../collector/store/sqlite/open';
import { SqliteStore } from '../../collector/store/sqlite/store';
import { BadCursorError, type ExportRow, type Backend as Instance } from '../../collector/store/types';
import type { FeedbackRecord } from '../../utils/schema/record';
import { asStored, makeRecord, secretOf } from '../support/records';
import { makeTempDir, removeTempDirs } from './helpers';

// The Store contract (and the dashboard store's) on every available backend: the same tests on the
// embedded SQLite file and on PostgreSQL when DATABASE_URL names a server. Each PostgreSQL case uses
// a fresh schema; two store objects on one database stand in for two collector instances.

const DATABASE_URL = process.env.DATABASE_URL;
const schemas: string[] = [];

if (!DATABASE_URL) {
  console.warn(
    'store contract: PostgreSQL skipped — set DATABASE_URL (e.g. from scripts/ci-postgres.sh) to run it',
  );
}

interface Backend {
  name: string;
  enabled: boolean;
  /**
   * A fresh, empty database; `instance()` opens another collector instance on it; `exec` runs SQL on
   * it directly (after an instance has created the tables), in this backend's dialect.
   */
  database(): Promise<{
    instance(): Promise<Instance>;
    exec(sql: { sqlite: string; postgres: string }): Promise<void>;
  }>;
}

const BACKENDS: Backend[] = [
  {
    name: 'SQLite',
    enabled: true,
    async database() {
      const file = path.join(await makeTempDir(), SQLITE_FILE_NAME);
      return {
        async instance() {
          return openSqlite(file);
        },
        async exec(sql) {
          const db = new Database(file, { fileMustExist: true });
          try {
            db.exec(sql.sqlite);
          } finally {
            db.close();
          }
        },
      };
    },
  },
  {
    name: DATABASE_URL ? 'PostgreSQL' : 'PostgreSQL (skipped: DATABASE_URL is not set)',
    enabled: DATABASE_URL !== undefined,
    async database() {
      const schema = `t_${randomUUID().replace(/-/g, '')}`;
      schemas.push(schema);
      return {
        instance: () => openPostgres(DATABASE_URL as string, { schema, poolSize: 4 }),
        async exec(sql) {
          const client = new pg.Client({
            connectionString: DATABASE_URL,
            options: `-c search_path=${schema}`,
          });
          await client.connect();
          try {
            await client.query(sql.postgres);
          } finally {
            await client.end();
          }
        },
      };
    },
  },
];

afterAll(async () => {
  await removeTempDirs();
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  for (const schema of schemas.splice(0)) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
});

const BATCH = { batchId: '5b0b6a0e-4a8e-4d55-9a57-0d3c2f1e9b11', receivedAt: '2026-11-25T10:05:00.120Z' };

async function collect<T>(rows: AsyncIterableIterator<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

describe('migration series (meta-test)', () => {
  it('has a PostgreSQL variant of every SQLite step of the collector, same number and name', () => {
    expect(POSTGRES_MIGRATIONS.map(({ version, name }) => ({ version, name }))).toEqual(
      SQLITE_MIGRATIONS.map(({ version, name }) => ({ version, name })),
    );
  });

  it('has both variants of every dashboard step, numbered 1, 2, 3 … without gaps', () => {
    const steps = DASHBOARD_SQLITE_MIGRATIONS.map(({ version, name }) => ({ version, name }));
    expect(DASHBOARD_POSTGRES_MIGRATIONS.map(({ version, name }) => ({ version, name }))).toEqual(steps);
    expect(steps.map((step) => step.version)).toEqual(steps.map((_, index) => index + 1));
  });

  it('fills the search index and the hotspot weeks from records stored before the dashboard existed', async () => {
    const file = path.join(await makeTempDir(), SQLITE_FILE_NAME);
    const store = new SqliteStore(file);
    await store.ingest([makeRecord({ note: 'Fristenrechner rechnet falsch' }), makeRecord()], BATCH);
    await store.close();

    const dashboard = new SqliteDashboardStore(file);
    try {
      const found = await dashboard.listRecords(
        { q: 'fristenrechner' },
        { key: 'created', dir: 'desc' },
        0,
        10,
      );
      const report = await dashboard.hotspots({
        toWeek: '2026-11-30',
        thisWeek: '2026-11-23',
        metric: 'count',
        limit: 5,
        filter: {},
      });
      expect(found.total).toBe(1);
      expect(report.hotspots.map((h) => [h.app, h.routeTemplate, h.count])).toEqual([
        ['Leistungsverfahren', '/akte/:id/leistungen', 2],
      ]);
    } finally {
      await dashboard.close();
    }
  });

  it('refuses a database whose dashboard tables a newer collector wrote', async () => {
    const file = path.join(await makeTempDir(), SQLITE_FILE_NAME);
    await new SqliteDashboardStore(file).close();
    const db = new Database(file);
    db.prepare(
      "INSERT INTO dashboard_schema_migrations (version, name, applied_at) VALUES (99, 'future', 'x')",
    ).run();
    db.close();

    expect(() => new SqliteDashboardStore(file)).toThrow(DatabaseTooNewError);
  });

  it('keeps the password out of the database URL it prints', () => {
    expect(redactDatabaseUrl('postgres://mitsprache:s3cret@db.example:5432/feedback')).toBe(
      'postgres://mitsprache:***@db.example:5432/feedback',
    );
  });
});

describe.each(BACKENDS)('store contract on $name', (backend) => {
  describe.skipIf(!backend.enabled)('Store', () => {
    it('keeps the hash of each record’s answer secret, none for version 1 records, and lets only its holder read answers', async () => {
      const db = await backend.database();
      const { store, close } = await db.instance();
      try {
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
      } finally {
        await close();
      }
    });

    it('stores new records, reports duplicates from earlier batches and within a batch, in input order', async () => {
      const db = await backend.database();
      const { store, close } = await db.instance();
      try {
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
      } finally {
        await close();
      }
    });

    it('refuses a record the database cannot take by itself and stores the rest of its batch', async () => {
      const db = await backend.database();
      const { store, close } = await db.instance();
      try {
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
      } finally {
        await close();
      }
    });

    it('hands out status changes behind a cursor that never skips one', async () => {
      const db = await backend.database();
      const { store, close } = await db.instance();
      try {
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
      } finally {
        await close();
      }
    });

    it('keeps the reply when omitted, clears it on null, keeps the history; null for unknown ids', async () => {
      const db = await backend.database();
      const { store, close } = await db.instance();
      try {
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
      } finally {
        await close();
      }
    });

    it('exports in arrival order within a window, by arrival or by creation, lazily', async () => {
      const db = await backend.database();
      const { store, close } = await db.instance();
      try {
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
      } finally {
        await close();
      }
    });

    it('answers the health check', async () => {
      const db = await backend.database();
      const { store, close } = await db.instance();
      try {
        await expect(store.health()).resolves.toBeUndefined();
      } finally {
        await close();
      }
    });
  });

  describe.skipIf(!backend.enabled)('several instances on one database', () => {
    it('accepts each id exactly once when two instances ingest the same records at once', async () => {
      const db = await backend.database();
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
      const db = await backend.database();
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
      const db = await backend.database();
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
      const db = await backend.database();
      const { dashboard, close } = await db.instance();
      try {
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
      } finally {
        await close();
      }
    });

    it('counts failed sign-ins per key within the window and forgets old ones', async () => {
      const db = await backend.database();
      const { dashboard, close } = await db.instance();
      try {
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
      } finally {
        await close();
      }
    });

    it('sums what the collector caught per week of arrival, zero weeks included; a duplicate id adds nothing', async () => {
      const db = await backend.database();
      const { store, dashboard, close } = await db.instance();
      try {
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
      } finally {
        await close();
      }
    });

    it('takes a duplicate out of the hotspot counts and puts it back when unmarked', async () => {
      const db = await backend.database();
      const { store, dashboard, close } = await db.instance();
      try {
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
      } finally {
        await close();
      }
    });
  });
});

function runCli(script: string, args: string[], input: string, env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      env: { ...process.env, DATABASE_URL: '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe.skipIf(!DATABASE_URL)('PostgreSQL and characters its text columns refuse', () => {
  it('stores the rest of a batch when one record carries U+0000 past the schema, and refuses that one', async () => {
    const db = await (BACKENDS[1] as Backend).database();
    const { store, close } = await db.instance();
    try {
      // The schema strips U+0000 now (utils/schema/text.ts); a record stored without it (an older
      // collector's import, a test) must still fail alone, with PostgreSQL's reason (22021).
      const good = makeRecord();
      const bad = { ...makeRecord(), note: 'Knopf\u0000fehlt' } as FeedbackRecord;
      const results = await store.ingest([good, bad], BATCH);
      expect(results).toEqual([
        { id: good.id, status: 'accepted' },
        { id: bad.id, status: 'rejected', reason: expect.stringMatching(/^store_refused: .*0x00/) },
      ]);
    } finally {
      await close();
    }
  });
});

describe.skipIf(!DATABASE_URL)('PostgreSQL under contention', () => {
  it('retries an ingest PostgreSQL picked as the victim of a deadlock, and loses nothing', async () => {
    const db = await (BACKENDS[1] as Backend).database();
    const { store, close } = await db.instance();
    const schema = schemas.at(-1) as string;
    const other = new pg.Client({ connectionString: DATABASE_URL });
    await other.connect();
    await other.query(`SET search_path TO ${schema}`);
    try {
      // Two records on one screen in one week: one hotspot row, which the insert trigger locks.
      const [first, second] = [makeRecord(), makeRecord()] as [FeedbackRecord, FeedbackRecord];
      const insert = (record: FeedbackRecord) =>
        other.query(
          `INSERT INTO records (id, received_at, batch_id, created_at, app, route_template,
             screen_name, category, impact, during_appointment, note, record_json)
           VALUES ($1, $2, $3, $4, $5, $6, 'Screen', 'bug', 'low', 0, 'note', '{}')`,
          [
            record.id,
            BATCH.receivedAt,
            BATCH.batchId,
            record.createdAt,
            record.context.app,
            record.context.routeTemplate,
          ],
        );
      // Another writer holds the hotspot row (through `second`) while this instance inserts
      // `first` and waits for that row; then the writer wants `first` too: a deadlock, which
      // PostgreSQL resolves by aborting the instance's transaction, the one that waited longer.
      await other.query('BEGIN');
      await insert(second);
      const { rows } = await other.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const ingest = store.ingest([first], BATCH);
      await expect
        .poll(async () => {
          const blocked = await other.query<{ n: string }>(
            'SELECT count(*) AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))',
            [rows[0]?.pid],
          );
          return Number(blocked.rows[0]?.n);
        })
        .toBe(1);
      await insert(first);
      await other.query('COMMIT');

      await expect(ingest).resolves.toEqual([{ id: first.id, status: 'duplicate' }]);
      const stored = await other.query<{ id: string }>('SELECT id FROM records ORDER BY id');
      expect(stored.rows.map((row) => row.id)).toEqual([first.id, second.id].sort());
    } finally {
      await other.end();
      await close();
    }
  });
});

describe('officer CLI', () => {
  it('adds an officer with the password from stdin, refuses a second add, replaces with --replace', async () => {
    const dataDir = await makeTempDir();
    const args = ['--data-dir', dataDir, '--user', 'a.mueller'];

    const added = await runCli('collector/cli/add-officer.ts', args, 'correct horse battery staple\n');
    const again = await runCli('collector/cli/add-officer.ts', args, 'another long password\n');
    const short = await runCli(
      'collector/cli/add-officer.ts',
      ['--data-dir', dataDir, '--user', 'b'],
      'short\n',
    );
    const replaced = await runCli(
      'collector/cli/add-officer.ts',
      [...args, '--replace'],
      'another long password\n',
    );

    const file = path.join(dataDir, SQLITE_FILE_NAME);
    expect(added).toEqual({ code: 0, stdout: `officer "a.mueller" added (${file})\n`, stderr: '' });
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`officer "a.mueller" exists in ${file}; use --replace to set a new password\n`);
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/^the password must have at least 12 characters\n\nUsage: /);
    expect(replaced.code).toBe(0);
    const dashboard = new SqliteDashboardStore(file);
    try {
      const account = await dashboard.findOfficer('a.mueller');
      expect(await verifyPassword('another long password', account?.passwordHash ?? '')).toBe(true);
    } finally {
      await dashboard.close();
    }
  }, 60_000);

  it('prints a hash for the officers file', async () => {
    const result = await runCli('collector/cli/hash-password.ts', [], 'correct horse battery staple\n');

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=\n$/);
    expect(await verifyPassword('correct horse battery staple', result.stdout.trim())).toBe(true);
  }, 30_000);
});
