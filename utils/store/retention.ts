import type { OutboxEntry } from '../schema/outbox';
import { getDb } from './db';
import { seekPastPrev } from './outbox-query';
import { adjustSent } from './sent-count';

/**
 * Retention on this device: sent records are deleted `retentionDays` after the last thing that happened
 * to them. Pending and failed records are never deleted here — they stay until sent or deleted by the
 * caseworker, because losing an unsent note is the one thing the outbox must not do.
 */

export const DAY_MS = 24 * 60 * 60_000;
/** Records examined per transaction, so a large prune never blocks a save (10 ms budget) for long. */
const CHUNK = 500;

/**
 * When a sent record last changed: delivery, or a later officer answer. A reply that arrives on day 29
 * gets the full period to be read again instead of vanishing the next morning.
 */
function lastActivity(entry: OutboxEntry): number {
  const answered = entry.officer ? Date.parse(entry.officer.updatedAt) : Number.NaN;
  const sent = entry.sentAt ?? entry.createdAt;
  return Number.isNaN(answered) ? sent : Math.max(sent, answered);
}

/** Whether retention may delete this entry at `cutoff`. An unread answer is kept until it is read. */
export function isExpired(entry: OutboxEntry, cutoff: number): boolean {
  if (entry.status !== 'sent') return false;
  if (entry.officer && !entry.officer.read) return false;
  return lastActivity(entry) <= cutoff;
}

/**
 * Deletes sent records older than `retentionDays` (counted from delivery or the latest answer).
 * Walks `byStatus` only over sent records created before the cutoff — a record created later cannot
 * have been sent earlier — newest first, in chunks of separate transactions.
 * Returns how many records were deleted.
 */
export async function pruneSent(retentionDays: number, now = Date.now()): Promise<number> {
  const days = Number.isFinite(retentionDays) ? Math.max(1, Math.floor(retentionDays)) : 1;
  const cutoff = now - days * DAY_MS;
  const db = await getDb();
  let removed = 0;
  let after: { key: [string, number]; id: string } | undefined;
  for (;;) {
    const tx = db.transaction(['records', 'counters'], 'readwrite');
    const store = tx.objectStore('records');
    const upper: [string, number] = after?.key ?? ['sent', cutoff];
    const range = IDBKeyRange.bound(['sent', Number.NEGATIVE_INFINITY], upper);
    let cursor = await store.index('byStatus').openCursor(range, 'prev');
    if (after) cursor = await seekPastPrev(cursor, after.key, after.id);
    let seen = 0;
    let deleted = 0;
    while (cursor && seen < CHUNK) {
      const entry = cursor.value;
      seen++;
      after = { key: ['sent', entry.createdAt], id: entry.id };
      if (isExpired(entry, cutoff)) {
        await cursor.delete();
        deleted++;
      }
      cursor = await cursor.continue();
    }
    const done = cursor === null;
    // In the chunk's own transaction: a chunk that does not commit deletes nothing and counts nothing.
    await adjustSent(tx.objectStore('counters'), -deleted);
    await tx.done;
    removed += deleted;
    if (done || seen === 0) return removed;
  }
}
