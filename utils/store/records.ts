import { AppError } from '../errors';
import type { OutboxEntry, OutboxStatus } from '../schema/outbox';
import type { FeedbackRecord } from '../schema/record';
import { getDb, type QueueItem } from './db';

const encoder = new TextEncoder();

/** Serialised size in bytes, as it will go over the wire. */
export function recordBytes(record: FeedbackRecord): number {
  return utf8Bytes(JSON.stringify(record));
}

/** UTF-8 length of a string: what the text costs in a request body. */
export function utf8Bytes(text: string): number {
  return encoder.encode(text).length;
}

/**
 * Records up to this size keep their wire JSON in the queue row as well. A record without screenshot
 * stays far below it (its fields are capped at a few kB); screenshots (up to 300 kB) would double the
 * bytes every save writes, and a batch holds only a few of them, so those are read from `records`.
 * The cap also bounds one batch read: at most MAX_BATCH_ITEMS rows of this size.
 */
export const INLINE_JSON_MAX = 32_000;

/** The queue row for a pending record: its size and, unless large, its wire JSON. */
export function queueRow(id: string, record: FeedbackRecord): QueueItem {
  const json = JSON.stringify(record);
  const bytes = utf8Bytes(json);
  return bytes <= INLINE_JSON_MAX ? { id, bytes, json } : { id, bytes };
}

/**
 * Stores a new record as pending and puts it in the send queue, in one strict-durability
 * transaction: when this resolves the record survives a crash, a worker stop and a browser restart.
 */
export async function addRecord(record: FeedbackRecord, now = Date.now()): Promise<OutboxEntry> {
  const db = await getDb();
  const tx = db.transaction(['records', 'queue'], 'readwrite', { durability: 'strict' });
  // A failed request aborts the transaction; its rejection is handled through the request's error below.
  tx.done.catch(() => undefined);
  try {
    const seq = await tx.objectStore('queue').add(queueRow(record.id, record));
    const entry: OutboxEntry = { id: record.id, createdAt: now, status: 'pending', seq, record, attempts: 0 };
    await tx.objectStore('records').add(entry);
    await tx.done;
    return entry;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'QuotaExceededError') {
      throw new AppError('storage_quota', error.message);
    }
    if (error instanceof DOMException && error.name === 'ConstraintError') {
      // Same id twice: a retried save message. The first write stands.
      const existing = await db.get('records', record.id);
      if (existing) return existing;
    }
    throw new AppError('storage_failed', error instanceof Error ? error.message : String(error));
  }
}

export async function getRecord(id: string): Promise<OutboxEntry | undefined> {
  return (await getDb()).get('records', id);
}

/** Counts by status through the index: cheap with any number of records. */
export async function countByStatus(): Promise<Record<OutboxStatus, number>> {
  const db = await getDb();
  const tx = db.transaction('records');
  const index = tx.store.index('byStatus');
  const count = (status: OutboxStatus) =>
    index.count(IDBKeyRange.bound([status, -Infinity], [status, Infinity]));
  const [pending, sent, failed] = await Promise.all([count('pending'), count('sent'), count('failed')]);
  return { pending, sent, failed };
}
