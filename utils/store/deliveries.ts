import type { IDBPDatabase } from 'idb';
import type { OutboxEntry } from '../schema/outbox';
import { getDb, type MitspracheDb } from './db';
import { adjustSent } from './sent-count';

/**
 * The delivery journal. When the collector acknowledges a batch, the sender deletes the batch's queue
 * rows and appends one journal row with the ids, in one strict transaction — a few writes per batch.
 * Rewriting every record as `sent` right there cost one read and one indexed write per record
 * (~0.5 ms each in Chromium's IndexedDB), which made settling slower than the request itself.
 *
 * `markDeliveriesSent` writes the journal into the records after the pass, in transactions over
 * `records` and the sent count alone (so neither the sender journalling nor a save waits long behind it), and deletes a
 * journal row once all its records are written; a stop mid-way leaves the row, and marking it again
 * changes nothing already marked. Until a row is marked its records still read `pending`, but they
 * are no longer in the queue: they are never sent again, and edits are refused (outbox-query.ts
 * checks the queue row).
 */

/** Appends one acknowledged batch (inside the sender's settle transaction). */
export interface JournalStore {
  add(value: { at: number; ids: string[] }): Promise<number>;
}

export function journal(
  store: JournalStore,
  ids: readonly string[],
  at: number,
): Promise<number> | undefined {
  return ids.length === 0 ? undefined : store.add({ at, ids: [...ids] });
}

/** Whether a journal row is waiting to be marked sent (diagnostics, tests). */
export async function deliveriesNotYetMarked(): Promise<number> {
  return (await getDb()).count('deliveries');
}

let marking: Promise<boolean> | undefined;

/**
 * Marks journalled records `sent` (with the batch's time), oldest batch first, until the journal is
 * empty or `deadline` (epoch ms) has passed — a sync pass must end well inside the service worker's
 * event limit. Concurrent callers share one run. Resolves true when the journal is empty.
 */
export function markDeliveriesSent(
  deadline = Number.POSITIVE_INFINITY,
  now: () => number = Date.now,
): Promise<boolean> {
  marking ??= markSentUntil(deadline, now).finally(() => {
    marking = undefined;
  });
  return marking;
}

/** Records written per marking transaction: a save waiting behind one waits for about this many puts. */
const MARK_CHUNK = 100;

async function markSentUntil(deadline: number, now: () => number): Promise<boolean> {
  const db = await getDb();
  for (;;) {
    if (now() >= deadline) return (await db.count('deliveries')) === 0;
    const read = db.transaction('deliveries');
    const cursor = await read.store.openCursor();
    const row = cursor ? { key: cursor.primaryKey, ...cursor.value } : undefined;
    await read.done;
    if (!row) return true;
    // In id order, so each chunk is a narrow key range that one getAll covers (see readByIds).
    const ids = [...row.ids].sort();
    for (let i = 0; i < ids.length; i += MARK_CHUNK) {
      if (i > 0 && now() >= deadline) return false;
      await markIdsSent(db, ids.slice(i, i + MARK_CHUNK), row.at);
    }
    await db.delete('deliveries', row.key);
  }
}

/**
 * Marks still-pending records sent. Only `records` and the sent count are written: the sender journals
 * new batches into `deliveries` (and `meta`) meanwhile and must not wait for the marking. The journal row goes afterwards in its own
 * small transaction; a stop in between marks the row again, which changes nothing the second time.
 */
async function markIdsSent(
  db: IDBPDatabase<MitspracheDb>,
  ids: readonly string[],
  at: number,
): Promise<void> {
  // Default durability: a lost write is marked again from the journal, which is still there (and the
  // sent count, written in the same transaction, is lost with it).
  const tx = db.transaction(['records', 'counters', 'answers'], 'readwrite');
  const records = tx.objectStore('records');
  const entries = await readByIds(records, ids);
  const writes: Promise<unknown>[] = [];
  const notRecords: string[] = [];
  entries.forEach((entry, i) => {
    if (!entry) notRecords.push(ids[i] as string);
    // Deleted by the caseworker meanwhile, or already settled otherwise: nothing to do.
    if (entry?.status !== 'pending') return;
    const { seq: _seq, ...rest } = entry;
    const sent: OutboxEntry = { ...rest, status: 'sent', sentAt: at, attempts: entry.attempts + 1 };
    writes.push(records.put(sent));
  });
  // Only records that really changed: a chunk marked twice adds nothing the second time.
  writes.push(adjustSent(tx.objectStore('counters'), writes.length));
  // An id that is no record may be an answer (issue #18); answers are not in the sent count.
  const answers = tx.objectStore('answers');
  for (const entry of await Promise.all(notRecords.map((id) => answers.get(id)))) {
    if (entry?.status !== 'pending') continue;
    const { seq: _seq, ...rest } = entry;
    writes.push(answers.put({ ...rest, status: 'sent', sentAt: at }));
  }
  await Promise.all(writes);
  await tx.done;
}

interface RecordReader {
  get(id: string): Promise<OutboxEntry | undefined>;
  getAll(range: IDBKeyRange, count?: number): Promise<OutboxEntry[]>;
}

/**
 * The records with these ids, as one `getAll` over their key range where it can: ids are UUIDv7,
 * ordered by creation, so a batch's records lie next to each other and one request replaces a
 * hundred `get`s. The read is capped at twice the ids; any beyond what it covered are read one by one.
 */
export async function readByIds(
  store: RecordReader,
  ids: readonly string[],
): Promise<(OutboxEntry | undefined)[]> {
  const sorted = [...ids].sort();
  const first = sorted[0];
  const last = sorted.at(-1);
  if (first === undefined || last === undefined) return [];
  const cap = ids.length * 2;
  const range = await store.getAll(IDBKeyRange.bound(first, last), cap);
  const found = new Map(range.map((entry) => [entry.id, entry]));
  // A full read may have stopped before the end of the range; a shorter one saw all of it.
  const end = range.length < cap ? last : (range.at(-1)?.id ?? first);
  return Promise.all(
    ids.map((id) => found.get(id) ?? (id > end ? store.get(id) : Promise.resolve(undefined))),
  );
}
