import type { IDBPDatabase } from 'idb';
import { AppError } from '../errors';
import type { AnswerEntry, OutboxEntry } from '../schema/outbox';
import { getDb, type MitspracheDb, type QueueItem } from './db';
import { journal } from './deliveries';
import { queueRow, utf8Bytes } from './records';
import { adjustSent } from './sent-count';

/**
 * The send queue. Rows in `queue` are keyed by an auto-increment `seq` that only grows, so the oldest
 * pending record is always at the lowest key. A naive outbox that read "oldest pending" through the
 * status index slowed from 4 ms to 62 ms per batch as it drained, because LevelDB keeps tombstones of
 * deleted index rows until compaction and every read walked over them. Here we remember the lowest
 * seq that can still exist (the head) and read `getAll(lowerBound(head), n)`: a seek, however many
 * rows were deleted before it.
 *
 * Each row carries its record's wire JSON (written in the same transaction as the record, rewritten
 * by an edit, deleted with the record), so finding and reading a batch is one `getAll` and the request
 * body a string join: no read of `records` per item, no JSON.stringify at send time.
 *
 * Invariant: no queue row exists below `head`. It holds across contexts because rows are only ever
 * appended above every existing key (auto-increment) and only deleted here, so any context's head is a
 * valid lower bound for all of them; the head is persisted as the maximum of those bounds.
 */

/** One queued record handed to the sender. */
export interface QueuedItem {
  seq: number;
  id: string;
  /** UTF-8 size of `json`. */
  bytes: number;
  /** The record as it goes on the wire. */
  json: string;
}

/** A record the sender gives up on: it leaves the queue and waits, visible, for a person to decide. */
export interface DeadLetter {
  id: string;
  code: string;
  reason: string;
}

const HEAD_KEY = 'queue:head';
const FAILURE_CODE_MAX = 60;
const FAILURE_REASON_MAX = 500;

/**
 * What this connection knows about the front of the queue: the reads since the last `takeBatch` saw
 * exactly the keys in `present` between `head` and `upTo` (minus what was settled since). That lets
 * settling move the head past a deleted prefix and delete runs as ranges without reading again, and
 * `readNext` continue after `upTo` while earlier batches are still on the wire.
 */
interface Cursor {
  head: number;
  upTo: number;
  present: number[];
}

// Per connection, so a closed and deleted database (tests, version change) starts from zero again.
const cursors = new WeakMap<IDBPDatabase<MitspracheDb>, Cursor>();

async function cursorFor(db: IDBPDatabase<MitspracheDb>): Promise<Cursor> {
  let cursor = cursors.get(db);
  if (!cursor) {
    const stored = await db.get('meta', HEAD_KEY);
    const head = typeof stored === 'number' && Number.isSafeInteger(stored) && stored > 0 ? stored : 0;
    // Another caller may have filled it in while we awaited; keep the higher (both are valid bounds).
    cursor = cursors.get(db) ?? { head, upTo: head - 1, present: [] };
    cursors.set(db, cursor);
  }
  return cursor;
}

export interface BatchLimits {
  maxItems: number;
  maxBytes: number;
}

/**
 * Reads the oldest pending records, starting at the head: at most `maxItems`, and no more than
 * `maxBytes` in total — except that the first item is always returned, even if it alone is larger
 * (the sender dead-letters it). Forgets earlier reads: call it when no batch is on the wire.
 */
export async function takeBatch(limits: BatchLimits): Promise<{ items: QueuedItem[] }> {
  const db = await getDb();
  const cursor = await cursorFor(db);
  return { items: await readWindow(db, cursor, 'head', limits) };
}

/**
 * Reads the batch after everything read since the last `takeBatch`, so the sender can read it while
 * earlier batches are still on the wire. Rows the collector left undecided are not read again here;
 * the sender goes back to `takeBatch` for them once nothing is on the wire.
 */
export async function readNext(limits: BatchLimits): Promise<QueuedItem[]> {
  const db = await getDb();
  return readWindow(db, await cursorFor(db), 'next', limits);
}

/**
 * One batch is one `getAll` over a key range of the queue: each row carries its record's wire JSON.
 * Only rows without it (queued by an older version, or too large to keep twice) cost a read of
 * `records` each, which is also where orphans are found — rows whose record is gone or no longer
 * pending (written by an older version); they are dropped and the read repeated, so a run of them
 * never looks like an empty queue.
 */
async function readWindow(
  db: IDBPDatabase<MitspracheDb>,
  cursor: Cursor,
  from: 'head' | 'next',
  { maxItems, maxBytes }: BatchLimits,
): Promise<QueuedItem[]> {
  const limit = Math.max(1, Math.floor(maxItems));
  for (;;) {
    const start = from === 'head' ? cursor.head : cursor.upTo + 1;
    // The queue alone: a read over `records` would wait behind the marking of delivered records (deliveries.ts) writing there.
    const rows = await db.getAll('queue', IDBKeyRange.lowerBound(start), limit);
    // The window ends at the last row that fits: a row left out for size is read again next time.
    const fitting: typeof rows = [];
    let total = 0;
    for (const row of rows) {
      if (fitting.length > 0 && total + row.bytes > maxBytes) break;
      total += row.bytes;
      fitting.push(row);
    }
    const fallback = await readFallback(db, fitting);
    const first = fitting[0]?.seq;
    const last = fitting.at(-1)?.seq;
    const seen = fitting.map((row) => row.seq as number);
    if (from === 'head') {
      if (first !== undefined) cursor.head = Math.max(cursor.head, first);
      cursor.present = seen;
    } else {
      cursor.present.push(...seen);
    }
    if (last === undefined) {
      if (from === 'head') cursor.upTo = cursor.head - 1;
      return [];
    }
    cursor.upTo = from === 'head' ? last : Math.max(cursor.upTo, last);

    const items: QueuedItem[] = [];
    const orphans: number[] = [];
    fitting.forEach((row, i) => {
      const seq = row.seq as number;
      if (row.json !== undefined) {
        items.push({ seq, id: row.id, bytes: row.bytes, json: row.json });
        return;
      }
      const entry = fallback[i];
      if (!isQueuedAt(entry, seq)) {
        orphans.push(seq);
        return;
      }
      const json = JSON.stringify(entry.record);
      items.push({ seq, id: row.id, bytes: utf8Bytes(json), json });
    });
    if (orphans.length > 0) await dropOrphans(db, cursor, orphans);
    if (items.length > 0 || orphans.length === 0) return items;
  }
}

/** The records of rows without wire JSON, by position (undefined for rows that have it). */
async function readFallback(
  db: IDBPDatabase<MitspracheDb>,
  rows: readonly QueueItem[],
): Promise<(OutboxEntry | undefined)[]> {
  if (rows.every((row) => row.json !== undefined)) return [];
  const tx = db.transaction('records');
  const entries = await Promise.all(
    rows.map((row) => (row.json === undefined ? tx.store.get(row.id) : undefined)),
  );
  await tx.done;
  return entries;
}

/** Whether `entry` is the pending record that the queue row `seq` points at (else the row is an orphan). */
function isQueuedAt(entry: OutboxEntry | undefined, seq: number): entry is OutboxEntry {
  return entry?.status === 'pending' && entry.seq === seq;
}

async function dropOrphans(db: IDBPDatabase<MitspracheDb>, cursor: Cursor, seqs: number[]): Promise<void> {
  const tx = db.transaction(['queue', 'records', 'meta'], 'readwrite');
  const queue = tx.objectStore('queue');
  const records = tx.objectStore('records');
  // Re-check inside the write: the record may have become pending again meanwhile (it would then
  // point at this seq, and the row is not an orphan after all).
  const rows = await Promise.all(seqs.map((seq) => queue.get(seq)));
  const dead: number[] = [];
  await Promise.all(
    rows.map(async (row, i) => {
      if (!row) return;
      const entry = await records.get(row.id);
      if (!isQueuedAt(entry, seqs[i] as number)) dead.push(seqs[i] as number);
    }),
  );
  const { gone, done } = deleteSeqs(queue, cursor, dead);
  await done;
  await persistHead(tx.objectStore('meta'), cursor, gone);
  await tx.done;
  commitHead(cursor, gone);
}

/**
 * Marks records as delivered: deletes their queue rows and sets status 'sent' in one strict-durability
 * transaction, so a crash leaves each record either pending (and resent, harmlessly) or sent.
 * Returns how many records changed.
 */
export async function markSent(ids: readonly string[], now = Date.now()): Promise<number> {
  return (await settle(ids, [], now)).sent;
}

/**
 * Dead-letters one record: out of the queue, status 'failed' with the reason. Never deleted silently —
 * it waits for `requeue` or a person.
 */
export async function markFailed(id: string, code: string, reason: string, now = Date.now()): Promise<void> {
  await settle([], [{ id, code, reason }], now);
}

/**
 * Applies a batch's verdicts in one strict-durability transaction: `sent` ids are delivered, `failed`
 * ones dead-lettered. Unknown ids are ignored; a record already sent stays sent, and a record both
 * accepted and rejected (a server quirk) counts as sent, because the server has it.
 * Returns how many records changed, by outcome.
 */
export async function settle(
  sent: readonly string[],
  failed: readonly DeadLetter[],
  now = Date.now(),
): Promise<{ sent: number; failed: number }> {
  const counts = { sent: 0, failed: 0 };
  if (sent.length === 0 && failed.length === 0) return counts;
  const db = await getDb();
  const cursor = await cursorFor(db);
  const tx = db.transaction(['records', 'queue', 'meta', 'counters', 'answers'], 'readwrite', {
    durability: 'strict',
  });
  const records = tx.objectStore('records');
  const verdicts = new Map<string, DeadLetter | null>();
  for (const letter of failed) verdicts.set(letter.id, letter);
  for (const id of sent) verdicts.set(id, null);

  const entries = await Promise.all([...verdicts.keys()].map((id) => records.get(id)));
  // An id that is no record may be an answer (issue #18): settled alike, in its own store.
  const notRecords = [...verdicts.keys()].filter((_, i) => !entries[i]);
  const answers = await settleAnswersIn(tx.objectStore('answers'), notRecords, verdicts, now);
  const seqs: number[] = [...answers.seqs];
  const updated: OutboxEntry[] = [];
  for (const entry of entries) {
    if (!entry || entry.status === 'sent') continue;
    const letter = verdicts.get(entry.id);
    if (letter && entry.status === 'failed') continue;
    if (entry.seq !== undefined) seqs.push(entry.seq);
    if (letter) {
      counts.failed++;
      updated.push(failedEntry(entry, letter, now));
    } else {
      counts.sent++;
      const { seq: _seq, failure: _failure, ...rest } = entry;
      updated.push({ ...rest, status: 'sent', sentAt: now, attempts: entry.attempts + 1 });
    }
  }
  const { gone, done } = deleteSeqs(tx.objectStore('queue'), cursor, seqs);
  await Promise.all([
    done,
    ...updated.map((entry) => records.put(entry)),
    // Records only: answers are not in the outbox's sent count (deliveries.ts leaves them out too).
    adjustSent(tx.objectStore('counters'), counts.sent),
  ]);
  await persistHead(tx.objectStore('meta'), cursor, gone);
  await tx.done;
  commitHead(cursor, gone);
  return { sent: counts.sent + answers.sent, failed: counts.failed + answers.failed };
}

/**
 * Applies one batch's verdicts as the sender knows them, in one transaction:
 * delivered items leave the queue and are journalled (deliveries.ts) — a key read, range deletes
 * and one journal row, however many records — and rejected ones are dead-lettered as in `settle`.
 * An item counts only if its queue row still exists (seqs are never reused): a record settled by
 * another context (after a lost lease) is neither counted nor journalled twice. A record both
 * accepted and rejected counts as delivered, because the server has it.
 */
export async function settleBatch(
  delivered: readonly { id: string; seq: number }[],
  rejected: readonly DeadLetter[],
  now = Date.now(),
): Promise<{ sent: number; failed: number }> {
  const accepted = new Set(delivered.map((item) => item.id));
  const failed = rejected.filter((letter) => !accepted.has(letter.id));
  if (delivered.length === 0) return settle([], failed, now);
  const db = await getDb();
  const cursor = await cursorFor(db);
  // `records` only when there are dead letters: marking delivered records writes there, and waiting for it would hold
  // up the delivery path. Relaxed durability: this commit only notes what the collector already has.
  // Lost to a power failure, it leaves the batch in the queue — sent again, answered "duplicate"
  // (the collector deduplicates by id) — while a strict commit would wait for the disk every batch.
  const durability = { durability: 'relaxed' } as const;
  const tx =
    failed.length > 0
      ? db.transaction(['records', 'answers', 'queue', 'meta', 'deliveries'], 'readwrite', durability)
      : db.transaction(['queue', 'meta', 'deliveries'], 'readwrite', durability);
  const queue = tx.objectStore('queue');
  const seqs = delivered.map((item) => item.seq);
  const keys = await queue.getAllKeys(IDBKeyRange.bound(Math.min(...seqs), Math.max(...seqs)));
  const exists = new Set(keys);
  const ids: string[] = [];
  const gone: number[] = [];
  for (const item of delivered) {
    if (!exists.has(item.seq)) continue;
    exists.delete(item.seq);
    ids.push(item.id);
    gone.push(item.seq);
  }
  const letters =
    failed.length > 0 ? await deadLetterIn(tx as unknown as RecordTx, failed, now) : { count: 0, seqs: [] };
  gone.push(...letters.seqs);
  const deleted = deleteSeqs(queue, cursor, gone);
  await Promise.all([deleted.done, journal(tx.objectStore('deliveries'), ids, now)]);
  await persistHead(tx.objectStore('meta'), cursor, deleted.gone);
  await tx.done;
  commitHead(cursor, deleted.gone);
  return { sent: ids.length, failed: letters.count };
}

interface RecordTx {
  objectStore(name: 'records'): RecordStore;
  objectStore(name: 'answers'): AnswerStore;
}

interface RecordStore {
  get(id: string): Promise<OutboxEntry | undefined>;
  put(entry: OutboxEntry): Promise<string>;
}

interface AnswerStore {
  get(id: string): Promise<AnswerEntry | undefined>;
  put(entry: AnswerEntry): Promise<string>;
}

/** Writes dead letters for still-pending records and answers; returns their former queue seqs. */
async function deadLetterIn(
  tx: RecordTx,
  letters: readonly DeadLetter[],
  now: number,
): Promise<{ count: number; seqs: number[] }> {
  const records = tx.objectStore('records');
  const entries = await Promise.all(letters.map((letter) => records.get(letter.id)));
  const seqs: number[] = [];
  const writes: Promise<string>[] = [];
  const notRecords: string[] = [];
  letters.forEach((letter, i) => {
    const entry = entries[i];
    if (!entry) notRecords.push(letter.id);
    if (entry?.status !== 'pending') return;
    if (entry.seq !== undefined) seqs.push(entry.seq);
    writes.push(records.put(failedEntry(entry, letter, now)));
  });
  await Promise.all(writes);
  const verdicts = new Map(letters.map((letter) => [letter.id, letter]));
  const answers = await settleAnswersIn(tx.objectStore('answers'), notRecords, verdicts, now);
  return { count: writes.length + answers.failed, seqs: [...seqs, ...answers.seqs] };
}

/**
 * Settles pending answers among `ids` by their verdict (null: delivered). Their queue rows are the
 * caller's to delete, by the seqs returned. Ids that are no answer either are left alone.
 */
async function settleAnswersIn(
  answers: AnswerStore,
  ids: readonly string[],
  verdicts: ReadonlyMap<string, DeadLetter | null>,
  now: number,
): Promise<{ sent: number; failed: number; seqs: number[] }> {
  const result = { sent: 0, failed: 0, seqs: [] as number[] };
  const entries = await Promise.all(ids.map((id) => answers.get(id)));
  const writes: Promise<string>[] = [];
  for (const entry of entries) {
    if (entry?.status !== 'pending') continue;
    const letter = verdicts.get(entry.id);
    if (entry.seq !== undefined) result.seqs.push(entry.seq);
    const { seq: _seq, failure: _failure, ...rest } = entry;
    if (letter) {
      result.failed++;
      const failure = {
        code: letter.code.slice(0, FAILURE_CODE_MAX),
        reason: letter.reason.slice(0, FAILURE_REASON_MAX),
        at: now,
      };
      writes.push(answers.put({ ...rest, status: 'failed', failure }));
    } else {
      result.sent++;
      writes.push(answers.put({ ...rest, status: 'sent', sentAt: now }));
    }
  }
  await Promise.all(writes);
  return result;
}

function failedEntry(entry: OutboxEntry, letter: DeadLetter, now: number): OutboxEntry {
  const { seq: _seq, failure: _failure, ...rest } = entry;
  return {
    ...rest,
    status: 'failed',
    attempts: entry.attempts + 1,
    failure: {
      code: letter.code.slice(0, FAILURE_CODE_MAX),
      reason: letter.reason.slice(0, FAILURE_REASON_MAX),
      at: now,
    },
  };
}

/** Counts a delivery attempt that ended without a verdict (network error, 5xx): records stay pending. */
export async function noteAttempts(ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const db = await getDb();
  const tx = db.transaction('records', 'readwrite');
  await Promise.all(
    ids.map(async (id) => {
      const entry = await tx.store.get(id);
      if (entry?.status === 'pending') await tx.store.put({ ...entry, attempts: entry.attempts + 1 });
    }),
  );
  await tx.done;
}

/** Retries a dead-lettered record: a new seq at the tail of the queue, status pending, failure cleared. */
export async function requeue(id: string): Promise<OutboxEntry> {
  const db = await getDb();
  const tx = db.transaction(['records', 'queue'], 'readwrite', { durability: 'strict' });
  const entry = await tx.objectStore('records').get(id);
  if (!entry) {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw new AppError('not_found', id);
  }
  if (entry.status !== 'failed') {
    // Already pending or sent: nothing to retry, and a second queue row would send it twice.
    await tx.done;
    return entry;
  }
  const seq = await tx.objectStore('queue').add(queueRow(id, entry.record));
  const { failure: _failure, ...rest } = entry;
  const next: OutboxEntry = { ...rest, status: 'pending', seq };
  await tx.objectStore('records').put(next);
  await tx.done;
  return next;
}

/** Number of records waiting in the queue (counted from the head, so deleted rows are not walked). */
export async function pendingCount(): Promise<number> {
  const db = await getDb();
  const cursor = await cursorFor(db);
  return db.count('queue', IDBKeyRange.lowerBound(cursor.head));
}

/** The in-memory head, for tests and diagnostics. */
export async function queueHead(): Promise<number> {
  return (await cursorFor(await getDb())).head;
}

interface QueueDeleter {
  delete(key: number | IDBKeyRange): Promise<void>;
}
interface MetaStore {
  get(key: string): Promise<unknown>;
  put(value: unknown, key: string): Promise<string>;
}

/**
 * Issues the deletes for `seqs`, merging runs into one range delete where the last read proved no
 * other row lies between them. Returns the set of deleted seqs for `headAfter`.
 */
function deleteSeqs(
  queue: QueueDeleter,
  cursor: Cursor,
  seqs: readonly number[],
): { gone: Set<number>; done: Promise<unknown> } {
  const gone = new Set(seqs);
  const sorted = [...gone].sort((a, b) => a - b);
  const keep = cursor.present.filter((seq) => !gone.has(seq));
  const inWindow = (seq: number) => seq >= cursor.head && seq <= cursor.upTo;
  const requests: Promise<void>[] = [];
  let k = 0;
  let start: number | undefined;
  let end = 0;
  const flush = () => {
    if (start === undefined) return;
    requests.push(start === end ? queue.delete(start) : queue.delete(IDBKeyRange.bound(start, end)));
  };
  for (const seq of sorted) {
    while (k < keep.length && (keep[k] as number) <= end) k++;
    const nothingBetween = !(k < keep.length && (keep[k] as number) < seq);
    const joinable =
      start !== undefined && (seq === end + 1 || (inWindow(end) && inWindow(seq) && nothingBetween));
    if (joinable) {
      end = seq;
    } else {
      flush();
      start = seq;
      end = seq;
    }
  }
  flush();
  return { gone, done: Promise.all(requests) };
}

/** Where the head will be once `gone` is deleted: the first row still known, or past the known window. */
function headAfter(cursor: Cursor, gone: ReadonlySet<number>): { head: number; present: number[] } {
  const present = cursor.present.filter((seq) => !gone.has(seq));
  const head = present[0] ?? (cursor.present.length > 0 ? cursor.upTo + 1 : cursor.head);
  return { head: Math.max(cursor.head, head), present };
}

/** Persists a higher head in the same transaction as the deletes that justify it. */
async function persistHead(meta: MetaStore, cursor: Cursor, gone: ReadonlySet<number>): Promise<void> {
  const { head } = headAfter(cursor, gone);
  if (head <= cursor.head) return;
  const stored = await meta.get(HEAD_KEY);
  if (typeof stored !== 'number' || stored < head) await meta.put(head, HEAD_KEY);
}

/** After commit: recomputed from the cursor as it is now, in case a read replaced the window meanwhile. */
function commitHead(cursor: Cursor, gone: ReadonlySet<number>): void {
  const next = headAfter(cursor, gone);
  cursor.head = next.head;
  cursor.present = next.present;
}
