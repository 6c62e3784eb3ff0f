import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxStatus } from '../../../utils/schema/outbox';
import { closeDb } from '../../../utils/store/db';
import { deleteEntry, type PageCursor, readPage, walkSent } from '../../../utils/store/outbox-query';
import { orderedId, resetDb, seed } from '../../support/outbox';

beforeEach(resetDb);
afterEach(closeDb);

/** Every page, following `next`, as lists of ids. */
async function allPages(status?: OutboxStatus, limit = 3): Promise<string[][]> {
  const pages: string[][] = [];
  let after: PageCursor | undefined;
  do {
    const page = await readPage({ limit, ...(status ? { status } : {}), ...(after ? { after } : {}) });
    pages.push(page.entries.map((e) => e.id));
    after = page.next;
  } while (after);
  return pages;
}

describe('readPage', () => {
  it('returns the newest first, a page at a time', async () => {
    const entries = await seed([1000, 3000, 2000, 5000, 4000].map((createdAt) => ({ createdAt })));
    const byTime = [...entries].sort((a, b) => b.createdAt - a.createdAt).map((e) => e.id);
    const first = await readPage({ limit: 2 });
    expect(first.entries.map((e) => e.id)).toEqual(byTime.slice(0, 2));
    expect(first.next).toEqual({ createdAt: 4000, id: byTime[1] });
    expect(await allPages(undefined, 2)).toEqual([byTime.slice(0, 2), byTime.slice(2, 4), byTime.slice(4)]);
  });

  it('has no next cursor when the page is the last one, and an empty page for an empty outbox', async () => {
    expect(await readPage()).toEqual({ entries: [] });
    await seed([{ createdAt: 1 }, { createdAt: 2 }]);
    expect((await readPage({ limit: 2 })).next).toBeUndefined();
  });

  it('neither skips nor repeats records created in the same millisecond across page ends', async () => {
    // Seven records share one millisecond; pages of 3 end in the middle of the run twice.
    const seeds = [
      ...Array.from({ length: 7 }, (_, i) => ({ createdAt: 5000, id: orderedId(10 + i) })),
      { createdAt: 6000, id: orderedId(1) },
      { createdAt: 4000, id: orderedId(2) },
    ];
    await seed(seeds);
    const pages = await allPages(undefined, 3);
    const ids = pages.flat();
    expect(ids).toHaveLength(9);
    expect(new Set(ids).size).toBe(9);
    expect(ids[0]).toBe(orderedId(1));
    expect(ids.at(-1)).toBe(orderedId(2));
    // Within one millisecond the walk is by id, descending.
    expect(ids.slice(1, 8)).toEqual(Array.from({ length: 7 }, (_, i) => orderedId(16 - i)));
  });

  it('continues correctly when the last record of a page was deleted before the next page is read', async () => {
    const entries = await seed([1, 2, 3, 4, 5].map((createdAt) => ({ createdAt })));
    const first = await readPage({ limit: 2 });
    await deleteEntry(first.entries[1]?.id as string);
    const second = await readPage({ limit: 2, after: first.next as PageCursor });
    expect(second.entries.map((e) => e.createdAt)).toEqual([3, 2]);
    expect(entries).toHaveLength(5);
  });

  it('filters by status through the status index, newest first, with the same cursor rules', async () => {
    await seed([
      { createdAt: 1, status: 'sent' },
      { createdAt: 2, status: 'pending' },
      { createdAt: 3, status: 'failed' },
      { createdAt: 4, status: 'sent' },
      { createdAt: 5, status: 'pending' },
      { createdAt: 6, status: 'sent' },
      { createdAt: 6, status: 'sent', id: orderedId(1) },
    ]);
    const times = async (status: OutboxStatus) =>
      (await readPage({ status, limit: 100 })).entries.map((e) => e.createdAt);
    expect(await times('sent')).toEqual([6, 6, 4, 1]);
    expect(await times('pending')).toEqual([5, 2]);
    expect(await times('failed')).toEqual([3]);
    const sentPages = await allPages('sent', 2);
    expect(sentPages.flat()).toHaveLength(4);
    expect(new Set(sentPages.flat()).size).toBe(4);
  });

  it('stops a page before the byte limit, but always returns at least one record', async () => {
    await seed([1, 2, 3].map((createdAt) => ({ createdAt, note: 'x'.repeat(1500) })));
    const tiny = await readPage({ limit: 10, maxBytes: 10 });
    expect(tiny.entries).toHaveLength(1);
    expect(tiny.next).toBeDefined();
  });

  it('reads the same first page where the browser lacks getAllRecords (cursor walk)', async () => {
    await seed([
      ...Array.from({ length: 5 }, (_, i) => ({ createdAt: 7, id: orderedId(20 + i) })),
      ...[3, 9, 1, 8].map((createdAt) => ({ createdAt, status: 'sent' as const })),
    ]);
    const fast = [await readPage({ limit: 4 }), await readPage({ limit: 3, status: 'sent' })];
    const proto = IDBIndex.prototype as { getAllRecords?: unknown };
    const getAllRecords = proto.getAllRecords;
    expect(getAllRecords).toBeTypeOf('function');
    delete proto.getAllRecords;
    try {
      expect([await readPage({ limit: 4 }), await readPage({ limit: 3, status: 'sent' })]).toEqual(fast);
    } finally {
      proto.getAllRecords = getAllRecords;
    }
    expect(fast[0]?.entries.map((e) => e.createdAt)).toEqual([9, 8, 7, 7]);
    expect(fast[0]?.next).toEqual({ createdAt: 7, id: orderedId(23) });
  });

  it('walks sent records exactly, slice by slice, whatever the spread of times (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            createdAt: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 10 ** 12 })),
            status: fc.constantFrom<OutboxStatus>('pending', 'sent', 'failed'),
          }),
          { maxLength: 30 },
        ),
        fc.integer({ min: 1, max: 5 }),
        async (rows, slice) => {
          await resetDb();
          await seed(rows);
          expect(await walkSent(slice)).toBe(rows.filter((r) => r.status === 'sent').length);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('pages through any mix of times and statuses exactly once (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            createdAt: fc.integer({ min: 0, max: 5 }),
            status: fc.constantFrom<OutboxStatus>('pending', 'sent', 'failed'),
          }),
          {
            maxLength: 25,
          },
        ),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom<OutboxStatus | undefined>(undefined, 'pending', 'sent', 'failed'),
        async (rows, limit, status) => {
          await resetDb();
          const entries = await seed(rows);
          const expected = entries
            .filter((e) => !status || e.status === status)
            .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))
            .map((e) => e.id);
          const pages = await allPages(status, limit);
          expect(pages.flat()).toEqual(expected);
          for (const page of pages.slice(0, -1)) expect(page).toHaveLength(limit);
        },
      ),
      { numRuns: 40 },
    );
  });
});
