import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SQLITE_FILE_NAME } from '../../../../collector/store/sqlite/database';
import { SqliteStore } from '../../../../collector/store/sqlite/store';
import type { BatchMeta } from '../../../../collector/store/types';
import type { FeedbackRecord } from '../../../../utils/schema/record';
import { makeRecord } from '../../../support/records';
import { makeTempDir, queryDatabase, removeTempDirs } from '../../helpers';

afterAll(removeTempDirs);

const batchMeta = (): BatchMeta => ({ batchId: crypto.randomUUID(), receivedAt: new Date().toISOString() });
const accepted = (record: FeedbackRecord) => ({ id: record.id, status: 'accepted' });

async function databaseFile(): Promise<string> {
  return path.join(await makeTempDir(), SQLITE_FILE_NAME);
}

// The SQLite store hands every batch to its writer thread as it arrives; the thread commits the
// batches that queued while it was busy as one group (collector/store/sqlite/writer-thread.ts).
describe('SQLite ingest through the writer thread', () => {
  it('answers batches handed over together one by one; one SQLite refuses does not fail its neighbours', async () => {
    const file = await databaseFile();
    const store = new SqliteStore(file);
    try {
      const shared = makeRecord();
      const first = makeRecord();
      const second = makeRecord();
      const third = makeRecord();
      const fourth = makeRecord();
      // What a validation bug could let through: records.app is NOT NULL in SQLite.
      const broken = {
        ...makeRecord(),
        context: { ...makeRecord().context, app: null },
      } as unknown as FeedbackRecord;
      const batches = [[first, shared], [broken, second], [shared, third], [fourth]];

      // Handed over in one turn: they queue behind each other and share a transaction.
      const settled = await Promise.allSettled(batches.map((records) => store.ingest(records, batchMeta())));

      expect(settled.map((outcome) => outcome.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'fulfilled',
        'fulfilled',
      ]);
      expect(settled[0]).toMatchObject({ value: [accepted(first), accepted(shared)] });
      // The record SQLite refuses is rejected alone, with the reason; its neighbour is stored (issue #14).
      expect(settled[1]).toMatchObject({
        value: [
          {
            id: broken.id,
            status: 'rejected',
            reason: 'store_refused: NOT NULL constraint failed: records.app',
          },
          accepted(second),
        ],
      });
      expect(settled[2]).toMatchObject({
        value: [{ id: shared.id, status: 'duplicate' }, accepted(third)],
      });
      expect(settled[3]).toMatchObject({ value: [accepted(fourth)] });
      expect(
        queryDatabase<{ id: string }>(file, 'SELECT id FROM records ORDER BY seq').map((row) => row.id),
      ).toEqual([first, shared, second, third, fourth].map((record) => record.id));
    } finally {
      await store.close();
    }
  });

  it('commits and answers every batch handed over before close(), then stops', async () => {
    const file = await databaseFile();
    const store = new SqliteStore(file);
    const records = Array.from({ length: 20 }, () => makeRecord());
    const answers = records.map((record) => store.ingest([record], batchMeta()));
    const closed = store.close();

    expect(await Promise.all(answers)).toEqual(records.map((record) => [accepted(record)]));
    await closed;
    expect(queryDatabase(file, 'SELECT count(*) AS n FROM records')).toEqual([{ n: records.length }]);
  });
});
