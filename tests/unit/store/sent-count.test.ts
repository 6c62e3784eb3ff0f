import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../../utils/schema/outbox';
import { closeDb, DB_VERSION, getDb } from '../../../utils/store/db';
import { deliveriesNotYetMarked, markDeliveriesSent } from '../../../utils/store/deliveries';
import { countSent, deleteEntry, walkSent } from '../../../utils/store/outbox-query';
import { markFailed, markSent, requeue, settleBatch, takeBatch } from '../../../utils/store/queue';
import { addRecord } from '../../../utils/store/records';
import { DAY_MS, pruneSent } from '../../../utils/store/retention';
import { SENT_KEY } from '../../../utils/store/sent-count';
import { applyStatusUpdates } from '../../../utils/sync/status';
import { openDbAtVersion } from '../../support/db';
import { resetDb, testRecord } from '../../support/sync';

beforeEach(resetDb);
afterEach(closeDb);

const ALL = { maxItems: 1000, maxBytes: Number.POSITIVE_INFINITY };

async function storedCount(): Promise<unknown> {
  return (await getDb()).get('counters', SENT_KEY);
}

/** The truth, read the slow way: every record's status. */
async function sentRecords(): Promise<number> {
  const all = await (await getDb()).getAll('records');
  return all.filter((entry) => entry.status === 'sent').length;
}

describe('database upgrade 2 → 3', () => {
  it('keeps every record, queue row and journal row and counts the sent records once', async () => {
    const old = await openDbAtVersion(2);
    const entries: OutboxEntry[] = [];
    for (const [i, status] of (['sent', 'pending', 'sent', 'failed', 'sent'] as const).entries()) {
      const record = testRecord();
      const seq =
        status === 'pending' ? Number(await old.add('queue', { id: record.id, bytes: 10 })) : undefined;
      const entry: OutboxEntry = {
        id: record.id,
        createdAt: i,
        status,
        record,
        attempts: status === 'pending' ? 0 : 1,
        ...(seq !== undefined ? { seq } : {}),
        ...(status === 'sent' ? { sentAt: i + 1 } : {}),
        ...(status === 'failed' ? { failure: { code: 'rejected', reason: 'x', at: i } } : {}),
      };
      await old.add('records', entry);
      entries.push(entry);
    }
    await old.add('deliveries', { at: 9, ids: [entries[1]?.id as string] });
    await old.put('meta', 'kept', 'something');
    old.close();

    const db = await getDb();
    expect(db.version).toBe(DB_VERSION);
    expect(await storedCount()).toBe(3);
    expect(await countSent()).toBe(3);
    expect(await db.getAll('records')).toEqual(entries);
    expect((await takeBatch(ALL)).items.map((item) => item.id)).toEqual([entries[1]?.id]);
    expect(await deliveriesNotYetMarked()).toBe(1);
    expect(await db.get('meta', 'something')).toBe('kept');
  });

  it('starts a new database at zero', async () => {
    expect(await storedCount()).toBe(0);
    expect(await countSent()).toBe(0);
  });
});

describe('countSent', () => {
  it('reads the kept count, not the records', async () => {
    const a = await addRecord(testRecord());
    await markSent([a.id]);
    // A count that disagrees with the records shows that only the count was read.
    await (await getDb()).put('counters', 7, SENT_KEY);
    expect(await countSent()).toBe(7);
  });

  it.each([
    ['missing', undefined],
    ['negative', -1],
    ['not a number', 'zwei'],
    ['fractional', 1.5],
    ['a repair marker', { changes: 3 }],
  ])('walks the records when the count is %s, and writes the result back', async (_name, damaged) => {
    const [a, b] = [await addRecord(testRecord()), await addRecord(testRecord())];
    await markSent([a.id, b.id]);
    const db = await getDb();
    if (damaged === undefined) await db.delete('counters', SENT_KEY);
    else await db.put('counters', damaged, SENT_KEY);

    expect(await countSent()).toBe(2);
    expect(await storedCount()).toBe(2);
  });

  it('keeps an unknown count unknown through changes, then repairs it exactly', async () => {
    const [a, b, c] = [
      await addRecord(testRecord()),
      await addRecord(testRecord()),
      await addRecord(testRecord()),
    ];
    await (await getDb()).delete('counters', SENT_KEY);
    await markSent([a.id, b.id]);
    await deleteEntry(a.id);
    expect(await storedCount()).toEqual({ changes: 2 });
    await markSent([c.id]);
    expect(await countSent()).toBe(2);
    expect(await storedCount()).toBe(2);
  });

  it('never keeps a walk that a concurrent change may have made wrong', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await addRecord(testRecord(), i)).id);
    await markSent(ids);
    await (await getDb()).delete('counters', SENT_KEY);
    // Started together: however the walk and the deletes interleave, what ends up stored is exact.
    await Promise.all([countSent(1), deleteEntry(ids[0] as string), deleteEntry(ids[5] as string)]);
    const stored = await storedCount();
    if (typeof stored === 'number') expect(stored).toBe(4);
    expect(await countSent()).toBe(4);
    expect(await storedCount()).toBe(4);
  });
});

describe('keeping the sent count', () => {
  it('counts only records that really change to sent when a journal row is marked twice', async () => {
    for (let i = 0; i < 3; i++) await addRecord(testRecord());
    const items = (await takeBatch(ALL)).items.map(({ id, seq }) => ({ id, seq }));
    await settleBatch(items, [], 1_000);
    // Delivered but not marked: not sent yet.
    expect(await storedCount()).toBe(0);
    await markDeliveriesSent();
    expect(await storedCount()).toBe(3);
    // The same ids journalled again (a stop after a fold, before the row was deleted).
    const db = await getDb();
    await db.add('deliveries', { at: 2_000, ids: items.map((item) => item.id) });
    await markDeliveriesSent();
    expect(await storedCount()).toBe(3);
  });

  it('leaves the count alone when officers answer sent records', async () => {
    const a = await addRecord(testRecord());
    await markSent([a.id]);
    await applyStatusUpdates([
      { id: a.id, status: 'solved', reply: 'Erledigt', updatedAt: '2026-11-26T10:00:00Z' },
    ]);
    expect(await storedCount()).toBe(1);
  });

  it('counts a dead letter that the collector later accepted, and not its retry', async () => {
    const a = await addRecord(testRecord());
    await markFailed(a.id, 'rejected', 'invalid_item');
    expect(await storedCount()).toBe(0);
    await requeue(a.id);
    await markSent([a.id]);
    await markSent([a.id]);
    expect(await storedCount()).toBe(1);
  });
});

type Op =
  | { kind: 'add' }
  | { kind: 'deliver'; n: number }
  | { kind: 'fold' }
  | { kind: 'foldOneRow' }
  | { kind: 'markSent'; pick: number }
  | { kind: 'fail'; pick: number }
  | { kind: 'requeue'; pick: number }
  | { kind: 'delete'; pick: number }
  | { kind: 'answer'; pick: number }
  | { kind: 'prune'; days: number }
  | { kind: 'forget' }
  | { kind: 'read' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.constant({ kind: 'add' as const }), weight: 4 },
  fc.record({ kind: fc.constant('deliver' as const), n: fc.integer({ min: 1, max: 4 }) }),
  fc.constant({ kind: 'fold' as const }),
  fc.constant({ kind: 'foldOneRow' as const }),
  fc.record({ kind: fc.constant('markSent' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('fail' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('requeue' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('answer' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('prune' as const), days: fc.integer({ min: 1, max: 5 }) }),
  fc.constant({ kind: 'forget' as const }),
  fc.constant({ kind: 'read' as const }),
);

describe('the sent count after any sequence of changes (property)', () => {
  it('equals a walk over the records', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 25 }), async (ops) => {
        await resetDb();
        const ids: string[] = [];
        let day = 0;
        const pick = (n: number) => ids[n % Math.max(1, ids.length)];
        for (const step of ops) {
          day++;
          const now = day * DAY_MS;
          switch (step.kind) {
            case 'add':
              ids.push((await addRecord(testRecord(), now)).id);
              break;
            case 'deliver': {
              const items = (await takeBatch(ALL)).items.slice(0, step.n);
              await settleBatch(
                items.map(({ id, seq }) => ({ id, seq })),
                [],
                now,
              );
              break;
            }
            case 'fold':
              await markDeliveriesSent();
              break;
            case 'foldOneRow': {
              // The deadline passes after the first row: a fold cut short by the worker's time limit.
              let calls = 0;
              await markDeliveriesSent(1, () => (calls++ < 1 ? 0 : 2));
              break;
            }
            case 'markSent': {
              const id = pick(step.pick);
              if (id) await markSent([id], now);
              break;
            }
            case 'fail': {
              const id = pick(step.pick);
              if (id) await markFailed(id, 'rejected', 'invalid_item', now);
              break;
            }
            case 'requeue': {
              const id = pick(step.pick);
              if (id) await requeue(id).catch(() => undefined);
              break;
            }
            case 'delete': {
              const id = pick(step.pick);
              if (id) await deleteEntry(id, now).catch(() => undefined);
              break;
            }
            case 'answer': {
              const id = pick(step.pick);
              if (id) {
                const updatedAt = new Date(now).toISOString();
                await applyStatusUpdates([{ id, status: 'in_review', reply: 'Danke', updatedAt }]);
              }
              break;
            }
            case 'prune':
              await pruneSent(step.days, now);
              break;
            case 'forget':
              await (await getDb()).delete('counters', SENT_KEY);
              break;
            case 'read':
              expect(await countSent()).toBe(await sentRecords());
              break;
          }
        }
        const truth = await sentRecords();
        expect(await walkSent()).toBe(truth);
        const stored = await storedCount();
        // Exact whenever it is known; unknown only after a 'forget' not yet repaired by a read.
        if (typeof stored === 'number') expect(stored).toBe(truth);
        else expect(ops.some((step) => step.kind === 'forget')).toBe(true);
        expect(await countSent()).toBe(truth);
        expect(await storedCount()).toBe(truth);
      }),
      { numRuns: 60 },
    );
  });
});
