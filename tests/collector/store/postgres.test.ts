import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { FeedbackRecord } from '../../../utils/schema/record';
import { makeRecord } from '../../support/records';
import { BATCH, DATABASE_URL, freshDatabase, removeTestData } from '../helpers';

// What only PostgreSQL does: refuse characters its text columns cannot hold, and abort one of two
// deadlocked ingests. Runs when DATABASE_URL names a server.

afterAll(removeTestData);

describe.skipIf(!DATABASE_URL)('PostgreSQL and characters its text columns refuse', () => {
  it('stores the rest of a batch when one record carries U+0000 past the schema, and refuses that one', async () => {
    const db = await freshDatabase('postgres');
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
    const db = await freshDatabase('postgres');
    const { store, close } = await db.instance();
    const schema = db.schema as string;
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
