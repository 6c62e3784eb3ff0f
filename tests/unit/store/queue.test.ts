import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDb, getDb } from '../../../utils/store/db';
import {
  markFailed,
  markSent,
  pendingCount,
  queueHead,
  readNext,
  requeue,
  settle,
  settleBatch,
  takeBatch,
} from '../../../utils/store/queue';
import { addRecord, getRecord, INLINE_JSON_MAX, recordBytes } from '../../../utils/store/records';
import { resetDb, testRecord } from '../../support/sync';

beforeEach(resetDb);
afterEach(closeDb);

async function addMany(n: number, padding = 0) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await addRecord(testRecord(padding))).id);
  return ids;
}

const ALL = { maxItems: 1000, maxBytes: Number.POSITIVE_INFINITY };
const idsOf = (batch: Awaited<ReturnType<typeof takeBatch>>) => batch.items.map((item) => item.id);

async function queueRows() {
  return (await getDb()).getAll('queue');
}

describe('takeBatch', () => {
  it('returns the oldest pending first, at most maxItems', async () => {
    const ids = await addMany(7);
    expect(idsOf(await takeBatch({ maxItems: 3, maxBytes: Number.POSITIVE_INFINITY }))).toEqual(
      ids.slice(0, 3),
    );
    // Reading does not consume: the same records come back until they are settled.
    expect(idsOf(await takeBatch({ maxItems: 3, maxBytes: Number.POSITIVE_INFINITY }))).toEqual(
      ids.slice(0, 3),
    );
  });

  it('stops before the byte limit would be exceeded', async () => {
    const ids = await addMany(5);
    const size = recordBytes((await getRecord(ids[0] as string))?.record as never);
    const batch = await takeBatch({ maxItems: 50, maxBytes: size * 3 + size - 1 });
    expect(idsOf(batch)).toEqual(ids.slice(0, 3));
    expect(batch.items.reduce((sum, item) => sum + item.bytes, 0)).toBeLessThanOrEqual(size * 4 - 1);
  });

  it('returns one item even when it alone exceeds maxBytes', async () => {
    const [big] = await addMany(1, 5000);
    await addMany(2);
    const batch = await takeBatch({ maxItems: 50, maxBytes: 100 });
    expect(idsOf(batch)).toEqual([big]);
    expect(batch.items[0]?.bytes).toBeGreaterThan(5000);
  });

  it('is empty when nothing is pending', async () => {
    expect((await takeBatch(ALL)).items).toEqual([]);
  });

  it('drops rows without wire JSON whose record is gone, and reads on', async () => {
    const ids = await addMany(3);
    const db = await getDb();
    // Only rows written by database version 2 (or for large records) point at a record without
    // carrying it; the store deletes a record together with its row.
    for (const row of await queueRows())
      await db.put('queue', { seq: row.seq, id: row.id, bytes: row.bytes });
    await db.delete('records', ids[0] as string);
    await db.delete('records', ids[1] as string);
    expect(idsOf(await takeBatch({ maxItems: 2, maxBytes: Number.POSITIVE_INFINITY }))).toEqual([ids[2]]);
    expect((await queueRows()).map((row) => row.id)).toEqual([ids[2]]);
  });
});

describe('markSent / markFailed / requeue', () => {
  it('marks sent: queue row gone, status sent with sentAt, seq cleared', async () => {
    const ids = await addMany(3);
    await takeBatch(ALL);
    expect(await markSent(ids.slice(0, 2), 1234)).toBe(2);
    const entry = await getRecord(ids[0] as string);
    expect(entry).toMatchObject({ status: 'sent', sentAt: 1234, attempts: 1 });
    expect(entry?.seq).toBeUndefined();
    expect((await queueRows()).map((row) => row.id)).toEqual([ids[2]]);
    expect(await pendingCount()).toBe(1);
    // Idempotent: a second verdict for the same records changes nothing.
    expect(await markSent(ids.slice(0, 2), 9999)).toBe(0);
    expect((await getRecord(ids[0] as string))?.sentAt).toBe(1234);
  });

  it('dead-letters without deleting, and requeues at the tail', async () => {
    const ids = await addMany(3);
    const before = (await getRecord(ids[0] as string))?.seq as number;
    await markFailed(ids[0] as string, 'rejected', 'note too long', 50);
    expect(await getRecord(ids[0] as string)).toMatchObject({
      status: 'failed',
      failure: { code: 'rejected', reason: 'note too long', at: 50 },
    });
    expect(idsOf(await takeBatch(ALL))).toEqual(ids.slice(1));

    const again = await requeue(ids[0] as string);
    expect(again.status).toBe('pending');
    expect(again.failure).toBeUndefined();
    expect(again.seq).toBeGreaterThan(before);
    expect(idsOf(await takeBatch(ALL))).toEqual([ids[1], ids[2], ids[0]]);
    // Requeueing a pending record must not create a second queue row (it would be sent twice).
    await requeue(ids[0] as string);
    expect(await pendingCount()).toBe(3);
  });

  it('refuses to requeue an unknown record', async () => {
    await expect(requeue('00000000-0000-4000-8000-ffffffffffff')).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('settles sent and failed in one call, accepted winning over rejected', async () => {
    const ids = await addMany(3);
    const counts = await settle(
      [ids[0] as string, ids[1] as string],
      [
        { id: ids[1] as string, code: 'rejected', reason: 'x' },
        { id: ids[2] as string, code: 'rejected', reason: 'y' },
      ],
    );
    expect(counts).toEqual({ sent: 2, failed: 1 });
    expect(await pendingCount()).toBe(0);
  });

  it('keeps rows between non-adjacent settled records (range deletes never cover them)', async () => {
    const ids = await addMany(6);
    await takeBatch(ALL);
    await markSent([ids[0], ids[2], ids[3], ids[5]] as string[]);
    expect((await queueRows()).map((row) => row.id)).toEqual([ids[1], ids[4]]);
  });
});

describe('queue head', () => {
  it('follows take, markSent, markFailed and requeue', async () => {
    const ids = await addMany(10);
    const seqs = await Promise.all(ids.map(async (id) => (await getRecord(id))?.seq as number));
    expect(await queueHead()).toBe(0);

    await takeBatch({ maxItems: 5, maxBytes: Number.POSITIVE_INFINITY });
    expect(await queueHead()).toBe(seqs[0]);
    await markSent(ids.slice(0, 5));
    expect(await queueHead()).toBe(seqs[5]);

    await takeBatch({ maxItems: 5, maxBytes: Number.POSITIVE_INFINITY });
    // A hole in the middle does not move the head …
    await markFailed(ids[7] as string, 'rejected', 'r');
    expect(await queueHead()).toBe(seqs[5]);
    // … the front does, past the hole.
    await markSent([ids[5], ids[6], ids[8], ids[9]] as string[]);
    expect(await queueHead()).toBe((seqs[9] as number) + 1);

    const again = await requeue(ids[7] as string);
    expect(idsOf(await takeBatch(ALL))).toEqual([ids[7]]);
    expect(await queueHead()).toBe(again.seq);
  });

  it('survives a new connection (persisted in meta)', async () => {
    const ids = await addMany(4);
    await takeBatch(ALL);
    await markSent(ids.slice(0, 3));
    const head = await queueHead();
    await closeDb();
    expect(await queueHead()).toBe(head);
    expect(idsOf(await takeBatch(ALL))).toEqual([ids[3]]);
  });

  it('never skips or duplicates a pending record under random operations', async () => {
    type Op =
      | { op: 'add'; n: number }
      | { op: 'take'; max: number }
      | { op: 'sent'; pick: number[] }
      | { op: 'failed'; pick: number }
      | { op: 'requeue'; pick: number }
      | { op: 'reopen' };
    const ops = fc.array(
      fc.oneof(
        fc.record({ op: fc.constant('add' as const), n: fc.integer({ min: 1, max: 4 }) }),
        fc.record({ op: fc.constant('take' as const), max: fc.integer({ min: 1, max: 6 }) }),
        fc.record({ op: fc.constant('sent' as const), pick: fc.array(fc.nat(), { maxLength: 4 }) }),
        fc.record({ op: fc.constant('failed' as const), pick: fc.nat() }),
        fc.record({ op: fc.constant('requeue' as const), pick: fc.nat() }),
        fc.record({ op: fc.constant('reopen' as const) }),
      ),
      { maxLength: 25 },
    );
    await fc.assert(
      fc.asyncProperty(ops, async (script: Op[]) => {
        await resetDb();
        // Model: pending ids in queue order, and dead letters.
        let pending: string[] = [];
        let failed: string[] = [];
        let lastTaken: string[] = [];
        for (const step of script) {
          if (step.op === 'add') {
            pending.push(...(await addMany(step.n)));
          } else if (step.op === 'take') {
            lastTaken = idsOf(await takeBatch({ maxItems: step.max, maxBytes: Number.POSITIVE_INFINITY }));
            expect(lastTaken).toEqual(pending.slice(0, step.max));
          } else if (step.op === 'sent') {
            // Mostly from the last batch, like the engine; sometimes any pending record.
            const pool = lastTaken.length > 0 ? lastTaken : pending;
            const chosen = [...new Set(step.pick.map((i) => pool[i % Math.max(1, pool.length)]))].filter(
              (id): id is string => id !== undefined && pending.includes(id),
            );
            await markSent(chosen);
            pending = pending.filter((id) => !chosen.includes(id));
          } else if (step.op === 'failed') {
            const id = pending[step.pick % Math.max(1, pending.length)];
            if (!id) continue;
            await markFailed(id, 'rejected', 'r');
            pending = pending.filter((other) => other !== id);
            failed.push(id);
          } else if (step.op === 'requeue') {
            const id = failed[step.pick % Math.max(1, failed.length)];
            if (!id) continue;
            await requeue(id);
            failed = failed.filter((other) => other !== id);
            pending.push(id);
          } else {
            await closeDb();
          }
          expect(await pendingCount()).toBe(pending.length);
        }
        expect(idsOf(await takeBatch(ALL))).toEqual(pending);
        expect((await queueRows()).map((row) => row.id)).toEqual(pending);
      }),
      { numRuns: 40 },
    );
  });
});

describe('readNext', () => {
  const LIMITS = { maxItems: 3, maxBytes: Number.POSITIVE_INFINITY };
  const delivered = (items: { id: string; seq: number }[]) => items.map(({ id, seq }) => ({ id, seq }));

  it('reads the batches after the ones on the wire, settled in any order, and the queue stays consistent', async () => {
    const ids = await addMany(8);
    const first = (await takeBatch(LIMITS)).items;
    const second = await readNext(LIMITS);
    const third = await readNext(LIMITS);
    expect(second.map((item) => item.id)).toEqual(ids.slice(3, 6));
    expect(third.map((item) => item.id)).toEqual(ids.slice(6, 8));

    await settleBatch(delivered(second), []);
    // The first batch is still undecided: the head stays before it.
    expect(await queueHead()).toBe(first[0]?.seq);
    await settleBatch(delivered(first), []);
    expect(await queueHead()).toBe(third[0]?.seq);
    await settleBatch(delivered(third), []);

    expect(await readNext(LIMITS)).toEqual([]);
    expect((await takeBatch(LIMITS)).items).toEqual([]);
    expect(await pendingCount()).toBe(0);
    expect(await queueRows()).toEqual([]);
  });

  it('leaves undecided records to takeBatch, which starts at the head again', async () => {
    const ids = await addMany(6);
    const first = (await takeBatch(LIMITS)).items;
    const second = await readNext(LIMITS);
    // The collector answered for two of three: the third stays pending and goes first next time.
    await settleBatch(delivered(first).slice(0, 2), []);
    await settleBatch(delivered(second), []);
    expect(await readNext(LIMITS)).toEqual([]);
    expect(idsOf(await takeBatch(LIMITS))).toEqual([ids[2]]);
    expect(await pendingCount()).toBe(1);
  });

  it('starts over after takeBatch, however far earlier reads went', async () => {
    const ids = await addMany(7);
    await takeBatch(LIMITS);
    while ((await readNext(LIMITS)).length > 0) {}
    expect(idsOf(await takeBatch(LIMITS))).toEqual(ids.slice(0, 3));
    expect((await readNext(LIMITS)).map((item) => item.id)).toEqual(ids.slice(3, 6));
  });

  it('ends a batch before the byte limit and reads the rest next', async () => {
    const ids = await addMany(4);
    const size = recordBytes((await getRecord(ids[0] as string))?.record as never);
    const limits = { maxItems: 10, maxBytes: size * 2 };
    expect((await takeBatch(limits)).items.map((item) => item.id)).toEqual(ids.slice(0, 2));
    expect((await readNext(limits)).map((item) => item.id)).toEqual(ids.slice(2, 4));
  });
});

describe('wire JSON in the queue row', () => {
  it('is written at save time and handed to the sender as stored', async () => {
    const [id] = await addMany(1);
    const entry = await getRecord(id as string);
    const [row] = await queueRows();
    expect(row?.json).toBe(JSON.stringify(entry?.record));
    expect(row?.bytes).toBe(recordBytes(entry?.record as never));
    const [item] = (await takeBatch(ALL)).items;
    expect(item).toEqual({ seq: entry?.seq, id, bytes: row?.bytes, json: row?.json });
  });

  it('is left out for a record too large to keep twice, which is read from the records', async () => {
    const [big] = await addMany(1, INLINE_JSON_MAX);
    const [row] = await queueRows();
    expect(row?.json).toBeUndefined();
    const [item] = (await takeBatch(ALL)).items;
    expect(item?.id).toBe(big);
    expect(item?.json).toBe(JSON.stringify((await getRecord(big as string))?.record));
    expect(item?.bytes).toBe(row?.bytes);
  });

  it('is written again when a dead letter is requeued', async () => {
    const [id] = await addMany(1);
    await markFailed(id as string, 'rejected', 'r');
    await requeue(id as string);
    const [row] = await queueRows();
    expect(row?.json).toBe(JSON.stringify((await getRecord(id as string))?.record));
  });

  it('is not needed for rows queued by database version 2, which are read from the records', async () => {
    const ids = await addMany(3);
    const db = await getDb();
    // What version 2 wrote: size only.
    for (const row of await queueRows())
      await db.put('queue', { seq: row.seq, id: row.id, bytes: row.bytes });
    const items = (await takeBatch(ALL)).items;
    expect(items.map((item) => item.id)).toEqual(ids);
    for (const item of items) {
      expect(item.json).toBe(JSON.stringify((await getRecord(item.id))?.record));
    }
    await settleBatch(
      items.map(({ id, seq }) => ({ id, seq })),
      [],
    );
    expect(await pendingCount()).toBe(0);
  });
});
