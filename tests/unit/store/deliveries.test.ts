import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDb, DB_VERSION, getDb } from '../../../utils/store/db';
import { deliveriesNotYetMarked, markDeliveriesSent, readByIds } from '../../../utils/store/deliveries';
import { editPending } from '../../../utils/store/outbox-query';
import { pendingCount, settleBatch, takeBatch } from '../../../utils/store/queue';
import { addRecord, getRecord } from '../../../utils/store/records';
import { openDbAtVersion } from '../../support/db';
import { resetDb, testRecord } from '../../support/sync';

beforeEach(resetDb);
afterEach(closeDb);

const ALL = { maxItems: 1000, maxBytes: Number.POSITIVE_INFINITY };

async function queued(n: number) {
  for (let i = 0; i < n; i++) await addRecord(testRecord());
  return (await takeBatch(ALL)).items.map((item) => ({ id: item.id, seq: item.seq }));
}

describe('settling a batch through the delivery journal', () => {
  it('takes delivered records out of the queue at once and marks them sent afterwards', async () => {
    const items = await queued(4);
    const counts = await settleBatch(items.slice(0, 3), [], 5_000);

    expect(counts).toEqual({ sent: 3, failed: 0 });
    expect(await pendingCount()).toBe(1);
    // Never handed to the sender again, although not yet marked sent.
    expect((await takeBatch(ALL)).items.map((item) => item.id)).toEqual([items[3]?.id]);
    expect((await getRecord(items[0]?.id as string))?.status).toBe('pending');
    expect(await deliveriesNotYetMarked()).toBe(1);

    expect(await markDeliveriesSent()).toBe(true);
    for (const item of items.slice(0, 3)) {
      const entry = await getRecord(item.id);
      expect(entry).toMatchObject({ status: 'sent', sentAt: 5_000, attempts: 1 });
      expect(entry?.seq).toBeUndefined();
    }
    expect((await getRecord(items[3]?.id as string))?.status).toBe('pending');
    expect(await deliveriesNotYetMarked()).toBe(0);
  });

  it('refuses to edit a delivered record that is not yet marked sent', async () => {
    const [item] = await queued(1);
    await settleBatch([item as { id: string; seq: number }], []);
    await expect(
      editPending(item?.id as string, (record) => ({ ...record, note: 'geändert' })),
    ).rejects.toMatchObject({ code: 'not_editable' });
  });

  it('counts a record only once when two senders settle the same batch', async () => {
    const items = await queued(3);
    expect(await settleBatch(items, [])).toEqual({ sent: 3, failed: 0 });
    expect(await settleBatch(items, [])).toEqual({ sent: 0, failed: 0 });
    await markDeliveriesSent();
    expect((await getRecord(items[0]?.id as string))?.attempts).toBe(1);
  });

  it('dead-letters rejected records in the same call, an accepted one winning over its rejection', async () => {
    const items = await queued(3);
    const [a, b, c] = items as [
      { id: string; seq: number },
      { id: string; seq: number },
      { id: string; seq: number },
    ];
    const counts = await settleBatch(
      [a, b],
      [
        { id: b.id, code: 'rejected', reason: 'quirk' },
        { id: c.id, code: 'rejected', reason: 'schema' },
      ],
      7_000,
    );
    expect(counts).toEqual({ sent: 2, failed: 1 });
    await markDeliveriesSent();
    expect((await getRecord(b.id))?.status).toBe('sent');
    expect(await getRecord(c.id)).toMatchObject({
      status: 'failed',
      failure: { reason: 'schema', at: 7_000 },
    });
    expect(await pendingCount()).toBe(0);
  });

  it('skips journalled records the caseworker deleted before they were marked sent', async () => {
    const items = await queued(2);
    await settleBatch(items, []);
    await (await getDb()).delete('records', items[0]?.id as string);
    await markDeliveriesSent();
    expect(await getRecord(items[0]?.id as string)).toBeUndefined();
    expect((await getRecord(items[1]?.id as string))?.status).toBe('sent');
  });

  it('stops marking at the deadline and leaves the rest for later', async () => {
    const items = await queued(4);
    await settleBatch(items.slice(0, 2), []);
    await settleBatch(items.slice(2), []);
    let clock = 0;
    // The first batch is marked, then the clock has passed the deadline.
    expect(await markDeliveriesSent(1, () => clock++)).toBe(false);
    expect((await getRecord(items[0]?.id as string))?.status).toBe('sent');
    expect((await getRecord(items[2]?.id as string))?.status).toBe('pending');
    expect(await markDeliveriesSent()).toBe(true);
    expect((await getRecord(items[2]?.id as string))?.status).toBe('sent');
  });
});

describe('readByIds', () => {
  it('finds every record of a batch in one range read, also past the cap and when some are gone', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await addRecord(testRecord())).id);
    const db = await getDb();
    await db.delete('records', ids[4] as string);
    // The range holds 11 records, more than the read's cap of twice the 4 wanted: the last one is
    // beyond what the range read covered.
    const wanted = [ids[0], ids[4], ids[6], ids[11]] as string[];
    const tx = db.transaction('records');
    const entries = await readByIds(tx.store, [...wanted].reverse());
    await tx.done;
    expect(entries.map((entry) => entry?.id)).toEqual(
      [...wanted].reverse().map((id) => (id === ids[4] ? undefined : id)),
    );
    expect(await readByIds(db.transaction('records').store, [])).toEqual([]);
  });
});

describe('database upgrade 1 → 2', () => {
  it('keeps version-1 records and queue rows and adds the journal', async () => {
    const old = await openDbAtVersion(1);
    const record = testRecord();
    const seq = await old.add('queue', { id: record.id, bytes: 10 });
    await old.add('records', { id: record.id, createdAt: 1, status: 'pending', seq, record, attempts: 0 });
    old.close();

    const db = await getDb();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames]).toContain('deliveries');
    expect((await takeBatch(ALL)).items.map((item) => item.id)).toEqual([record.id]);
  });
});
