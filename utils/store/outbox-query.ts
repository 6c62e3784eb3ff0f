import { AppError } from '../errors';
import type { OutboxEntry, OutboxStatus } from '../schema/outbox';
import { FeedbackRecord } from '../schema/record';
import { LEASE_KEY, Lease } from '../sync/lease';
import { getDb } from './db';
import { PAGE_SIZE } from './outbox-first-page';
import { pendingCount } from './queue';
import { queueRow, recordBytes } from './records';
import { adjustSent, SENT_KEY, unknownChanges, validCount } from './sent-count';

/**
 * What the caseworker's outbox reads and changes: pages of records newest first, edit and delete while
 * pending, and the export. Every read walks an index from a cursor, so opening the popup costs the same
 * with 50 records as with 50,000.
 */

/** Rows per page of the popup's list (defined beside the popup's own read of the first page). */
export { PAGE_SIZE } from './outbox-first-page';
/** Upper bound for any page (the export reads larger ones, still bounded by bytes). */
export const MAX_PAGE_SIZE = 500;

/**
 * Where a page ended: the last entry's index key and id. The id breaks ties between records created in
 * the same millisecond, so no record is skipped or shown twice across pages.
 */
export interface PageCursor {
  createdAt: number;
  id: string;
}

export interface PageQuery {
  /** Only records with this status (through `byStatus`); all records otherwise (through `byCreated`). */
  status?: OutboxStatus;
  /** Continue after this entry (exclusive). */
  after?: PageCursor;
  limit?: number;
  /** Stop before a page's records would exceed this many serialised bytes (at least one is returned). */
  maxBytes?: number;
}

export interface Page {
  entries: OutboxEntry[];
  /** Present when more entries follow. */
  next?: PageCursor;
}

/** The minimal cursor surface used here: idb's typed cursors differ per index, the walk does not. */
interface IndexCursor {
  readonly key: IDBValidKey;
  readonly primaryKey: IDBValidKey;
  readonly value: OutboxEntry;
  continue(): Promise<IndexCursor | null>;
  continuePrimaryKey(key: IDBValidKey, primaryKey: IDBValidKey): Promise<IndexCursor | null>;
}

/**
 * Moves a 'prev' cursor, opened on a range whose upper bound is `key`, past the entry (key, id) and
 * everything after it in walk order. `continuePrimaryKey` seeks instead of stepping over records that
 * share the millisecond; the spec forbids seeking to the current position, hence the plain `continue`.
 */
export async function seekPastPrev<C extends { readonly key: unknown; readonly primaryKey: unknown }>(
  cursor: C | null,
  key: IDBValidKey,
  id: string,
): Promise<C | null> {
  let current = cursor as unknown as IndexCursor | null;
  if (!current || indexedDB.cmp(current.key, key) !== 0) return cursor;
  if (indexedDB.cmp(current.primaryKey, id) > 0) current = await current.continuePrimaryKey(key, id);
  if (current && indexedDB.cmp(current.key, key) === 0 && current.primaryKey === id) {
    current = await current.continue();
  }
  return current as unknown as C | null;
}

/** Reads one page, newest first. */
export async function readPage({
  status,
  after,
  limit = PAGE_SIZE,
  maxBytes = Number.POSITIVE_INFINITY,
}: PageQuery = {}): Promise<Page> {
  const size = Math.min(Math.max(1, Math.floor(limit)), MAX_PAGE_SIZE);
  const db = await getDb();
  const tx = db.transaction('records');
  if (!after && !Number.isFinite(maxBytes)) {
    const head = await readHead(tx.store.index(status ? 'byStatus' : 'byCreated'), status, size + 1);
    if (head) {
      await tx.done;
      const entries = head.slice(0, size);
      const last = entries.at(-1);
      return head.length > size && last
        ? { entries, next: { createdAt: last.createdAt, id: last.id } }
        : { entries };
    }
  }
  let cursor: IndexCursor | null;
  let afterKey: IDBValidKey | undefined;
  if (status) {
    afterKey = after ? [status, after.createdAt] : undefined;
    const upper: IDBValidKey = afterKey ?? [status, Number.POSITIVE_INFINITY];
    const range = IDBKeyRange.bound([status, Number.NEGATIVE_INFINITY], upper);
    cursor = (await tx.store.index('byStatus').openCursor(range, 'prev')) as IndexCursor | null;
  } else {
    afterKey = after?.createdAt;
    const range = after ? IDBKeyRange.upperBound(after.createdAt) : null;
    cursor = (await tx.store.index('byCreated').openCursor(range, 'prev')) as IndexCursor | null;
  }
  if (after && afterKey !== undefined) cursor = await seekPastPrev(cursor, afterKey, after.id);

  const entries: OutboxEntry[] = [];
  const limitBytes = Number.isFinite(maxBytes);
  let bytes = 0;
  let more = false;
  while (cursor) {
    const entry = cursor.value;
    const entryBytes = limitBytes ? recordBytes(entry.record) : 0;
    if (entries.length >= size || (entries.length > 0 && bytes + entryBytes > maxBytes)) {
      more = true;
      break;
    }
    entries.push(entry);
    bytes += entryBytes;
    cursor = await cursor.continue();
  }
  await tx.done;
  const last = entries.at(-1);
  return more && last ? { entries, next: { createdAt: last.createdAt, id: last.id } } : { entries };
}

/** IDBIndex.getAllRecords (Chromium 141+, recent fake-indexeddb), which lib.dom does not know yet. */
interface RecordsIndex {
  getAllRecords?(options: {
    query?: IDBKeyRange | null;
    count?: number;
    direction?: IDBCursorDirection;
  }): Promise<{ value: OutboxEntry }[]>;
}

/**
 * The newest `count` entries of an index in one request, or undefined where the browser lacks
 * getAllRecords. A first page is what opening the popup waits for: a cursor takes a round trip to
 * IndexedDB per record or prefetch batch, this takes one.
 */
async function readHead(
  index: unknown,
  status: OutboxStatus | undefined,
  count: number,
): Promise<OutboxEntry[] | undefined> {
  const { getAllRecords } = index as RecordsIndex;
  if (typeof getAllRecords !== 'function') return undefined;
  const query = status ? statusRange(status) : null;
  const records = await getAllRecords.call(index, { query, count, direction: 'prev' });
  return records.map((record) => record.value);
}

/**
 * The counts the popup shows first, each costing time in proportion to its own records only.
 * Chromium's IDBIndex.count visits every entry of the range and reads more than the key: with 40,000
 * sent records it took 0.6–4.7 s (scripts/bench/popup-open.ts, Chromium 156), and capping it through
 * getAllKeys(range, n) was no cheaper per entry. Pending is counted on the queue, whose rows are tiny
 * (9,000 in 4 ms); failed records are few. The sent count is read separately (countSent): it may
 * have to walk once to repair itself.
 */
export async function countWaiting(): Promise<{ pending: number; failed: number }> {
  const db = await getDb();
  const [pending, failed] = await Promise.all([
    pendingCount(),
    db.countFromIndex('records', 'byStatus', statusRange('failed')),
  ]);
  return { pending, failed };
}

/**
 * Index entries one count request visits. With 2,000, a request issued during the count waited 12-19 ms
 * at the median and 35-48 ms at most (instead of 450-510 ms); 1,000 was no better on a loaded machine
 * and made the count itself slower (Chromium 156, 40,000 sent records, load average 8-10).
 */
export const COUNT_SLICE = 2000;

/**
 * Sent records on this device: the count kept beside the records (sent-count.ts), one read. Where it
 * is missing or damaged, the records are walked once (walkSent) and the result written back — unless
 * a record was sent or deleted during the walk, in which case the next call walks again.
 */
export async function countSent(slice = COUNT_SLICE): Promise<number> {
  const db = await getDb();
  const stored = await db.get('counters', SENT_KEY);
  const count = validCount(stored);
  if (count !== undefined) return count;
  const total = await walkSent(slice);
  const tx = db.transaction('counters', 'readwrite');
  const now = await tx.store.get(SENT_KEY);
  // Written only if no writer noted a change since the walk began (see UnknownCount).
  if (validCount(now) === undefined && unknownChanges(now) === unknownChanges(stored)) {
    await tx.store.put(total, SENT_KEY);
  }
  await tx.done;
  return total;
}

/**
 * Counts sent records by walking `byStatus` (0.3–0.8 s for 40,000 in Chromium 156): only to repair a
 * missing sent count. Chromium runs one IndexedDB request at a time per database and a single count
 * request over the whole range held every other request — a save, the popup's next page — for as long
 * as it walked. Counting slices of creation time, each in its own transaction and sized to about
 * COUNT_SLICE entries, lets them in between. The slices cover the key range without gap or overlap; a
 * record that is sent or deleted during the walk may be counted as before or after.
 */
export async function walkSent(slice = COUNT_SLICE): Promise<number> {
  const db = await getDb();
  const ends = async (direction: IDBCursorDirection) =>
    (await db.transaction('records').store.index('byStatus').openKeyCursor(statusRange('sent'), direction))
      ?.key[1];
  const [first, last] = await Promise.all([ends('next'), ends('prev')]);
  if (first === undefined || last === undefined) return 0;
  let total = 0;
  let from = Number.NEGATIVE_INFINITY;
  // Start with a guess (records spread evenly over time), then size each slice from the last one's density.
  let width = Math.max(1, (last - first) / 16);
  for (;;) {
    const start = Number.isFinite(from) ? from : first;
    const to = start + width > last ? Number.POSITIVE_INFINITY : start + width;
    const range = IDBKeyRange.bound(['sent', from], ['sent', to], false, true);
    const n = await db.countFromIndex('records', 'byStatus', range);
    total += n;
    if (to === Number.POSITIVE_INFINITY) return total;
    from = to;
    width = n > 0 ? Math.max(1, (width * slice) / n) : width * 2;
  }
}

function statusRange(status: OutboxStatus): IDBKeyRange {
  return IDBKeyRange.bound([status, Number.NEGATIVE_INFINITY], [status, Number.POSITIVE_INFINITY]);
}

/**
 * Whether a send may be in flight. The sync engine holds the lease from before it reads a batch until
 * the batch is settled, so a record edited or deleted under a held lease may already be on the wire.
 */
function sendInFlight(stored: unknown, now: number): boolean {
  const lease = Lease.safeParse(stored);
  return lease.success && lease.data.until > now;
}

/** Read-only check for the detail view ("edit" is offered only when nothing is being sent). */
export async function isSending(now = Date.now()): Promise<boolean> {
  return sendInFlight(await (await getDb()).get('meta', LEASE_KEY), now);
}

async function abortQuietly(tx: { abort(): void; done: Promise<void> }): Promise<void> {
  try {
    tx.abort();
  } catch {
    // Already finished: nothing was written.
  }
  await tx.done.catch(() => undefined);
}

/**
 * Changes a pending record. `change` gets the stored record and returns the new one, which is
 * validated against FeedbackRecord before it is written. The lease is read in the same transaction
 * as the write: IndexedDB serialises readwrite transactions over `meta`, so either the edit commits
 * before the sync engine takes the lease (and the engine then reads the edited record), or the edit
 * sees the lease and is refused with `record_sending`.
 * Throws not_found, not_editable (sent or failed), record_sending, invalid_record.
 */
export async function editPending(
  id: string,
  change: (record: FeedbackRecord) => FeedbackRecord,
  now = Date.now(),
): Promise<OutboxEntry> {
  const db = await getDb();
  const tx = db.transaction(['records', 'queue', 'meta'], 'readwrite', { durability: 'strict' });
  try {
    const records = tx.objectStore('records');
    const entry = await records.get(id);
    if (!entry) throw new AppError('not_found', id);
    if (entry.status !== 'pending') throw new AppError('not_editable', entry.status);
    if (sendInFlight(await tx.objectStore('meta').get(LEASE_KEY), now)) throw new AppError('record_sending');
    const parsed = FeedbackRecord.safeParse(change(entry.record));
    if (!parsed.success) throw new AppError('invalid_record', parsed.error.issues[0]?.path.join('.'));
    if (parsed.data.id !== entry.id || parsed.data.createdAt !== entry.record.createdAt) {
      throw new AppError('invalid_record', 'id');
    }
    // A pending record without its queue row was delivered and waits in the delivery journal
    // (deliveries.ts) to be marked sent: what the collector has can no longer change.
    const row = entry.seq === undefined ? undefined : await tx.objectStore('queue').get(entry.seq);
    if (row?.id !== entry.id) throw new AppError('not_editable', 'sent');
    const next: OutboxEntry = { ...entry, record: parsed.data };
    await records.put(next);
    // The queue row carries the record's size and wire JSON: the sender reads only the row, so it
    // must hold the edited record (and a longer note must not overfill a batch).
    await tx.objectStore('queue').put({ seq: row.seq, ...queueRow(entry.id, parsed.data) });
    await tx.done;
    return next;
  } catch (error) {
    await abortQuietly(tx);
    throw error;
  }
}

/**
 * Deletes a record from this device, with its queue row when pending. A pending record is not deleted
 * while a send may be in flight (record_sending): telling the caseworker "deleted" while it is on its
 * way would be a lie. Sent and failed records can always be deleted. Returns the deleted entry.
 * Throws not_found, record_sending.
 */
export async function deleteEntry(id: string, now = Date.now()): Promise<OutboxEntry> {
  const db = await getDb();
  const tx = db.transaction(['records', 'queue', 'meta', 'counters'], 'readwrite', {
    durability: 'strict',
  });
  try {
    const entry = await tx.objectStore('records').get(id);
    if (!entry) throw new AppError('not_found', id);
    if (entry.status === 'pending' && sendInFlight(await tx.objectStore('meta').get(LEASE_KEY), now)) {
      throw new AppError('record_sending');
    }
    if (entry.seq !== undefined) await tx.objectStore('queue').delete(entry.seq);
    await tx.objectStore('records').delete(id);
    if (entry.status === 'sent') await adjustSent(tx.objectStore('counters'), -1);
    await tx.done;
    return entry;
  } catch (error) {
    await abortQuietly(tx);
    throw error;
  }
}

/** One record in the caseworker's export: the record as sent plus what happened to it on this device. */
export interface ExportItem {
  status: OutboxStatus;
  createdAt: number;
  sentAt?: number;
  attempts: number;
  failure?: OutboxEntry['failure'];
  officer?: OutboxEntry['officer'];
  record: FeedbackRecord;
}

/** Export pages are capped by bytes, because screenshots make single records up to 300 kB. */
export const EXPORT_PAGE_ITEMS = 200;
export const EXPORT_PAGE_BYTES = 4_000_000;

/** One page of the export (newest first); the caller keeps asking with `next` until it is absent. */
export async function readExportPage(
  after?: PageCursor,
): Promise<{ items: ExportItem[]; next?: PageCursor }> {
  const page = await readPage({
    limit: EXPORT_PAGE_ITEMS,
    maxBytes: EXPORT_PAGE_BYTES,
    ...(after ? { after } : {}),
  });
  const items = page.entries.map(
    ({ status, createdAt, sentAt, attempts, failure, officer, record }): ExportItem => ({
      status,
      createdAt,
      attempts,
      record,
      ...(sentAt !== undefined ? { sentAt } : {}),
      ...(failure ? { failure } : {}),
      ...(officer ? { officer } : {}),
    }),
  );
  return page.next ? { items, next: page.next } : { items };
}
