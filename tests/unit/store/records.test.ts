import { afterEach, describe, expect, it } from 'vitest';
import { DB_VERSION, getDb, UPGRADES } from '../../../utils/store/db';
import { addRecord, countByStatus, getRecord } from '../../../utils/store/records';
import { resetDb } from '../../support/db';
import { makeRecord } from '../../support/records';

afterEach(async () => {
  await resetDb();
});

describe('outbox store', () => {
  it('has one upgrade step per version', () => {
    expect(DB_VERSION).toBe(UPGRADES.length);
  });

  it('stores a new record as pending and queues it', async () => {
    const record = makeRecord();
    const entry = await addRecord(record, 1_000);
    expect(entry).toMatchObject({ id: record.id, status: 'pending', createdAt: 1_000, attempts: 0 });
    expect(await getRecord(record.id)).toEqual(entry);
    const queue = await (await getDb()).getAll('queue');
    expect(queue).toEqual([
      { seq: entry.seq, id: record.id, bytes: expect.any(Number), json: JSON.stringify(record) },
    ]);
    expect(await countByStatus()).toEqual({ pending: 1, sent: 0, failed: 0 });
  });

  it('treats a retried save of the same record as one record', async () => {
    const record = makeRecord();
    await addRecord(record);
    await addRecord(record);
    expect(await countByStatus()).toEqual({ pending: 1, sent: 0, failed: 0 });
    expect(await (await getDb()).count('queue')).toBe(1);
  });
});
