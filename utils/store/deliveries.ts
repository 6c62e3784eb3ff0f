import type { OutboxEntry } from '../schema/outbox';
import { getDb } from './db';

/**
 * The delivery journal. When the collector acknowledges a batch, the sender deletes the batch's queue
 * rows and appends one journal row with the ids, in one strict transaction — a few writes per batch.
 * Rewriting every record as `sent` right there cost one read and one indexed write per record
 * (~0.5 ms each in Chromium's IndexedDB), which made settling slower than the request itself.
 *
 * `foldDeliveries` writes the journal into the records afterwards, one journal row per transaction,
 * deleting the row in the same transaction, so a stop mid-way leaves each row either folded or still
 * there. Until a row is folded its records still read `pending`, but they are no longer in the queue:
 * they are never sent again, and edits are refused (outbox-query.ts checks the queue row).
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

/** Whether a journal row is waiting to be folded (diagnostics, tests). */
export async function unfoldedDeliveries(): Promise<number> {
  return (await getDb()).count('deliveries');
}

let folding: Promise<boolean> | undefined;

/**
 * Marks journalled records `sent` (with the batch's time), oldest batch first, until the journal is
 * empty or `deadline` (epoch ms) has passed — a sync pass must end well inside the service worker's
 * event limit. Concurrent callers share one run. Resolves true when the journal is empty.
 */
export function foldDeliveries(
  deadline = Number.POSITIVE_INFINITY,
  now: () => number = Date.now,
): Promise<boolean> {
  folding ??= foldUntil(deadline, now).finally(() => {
    folding = undefined;
  });
  return folding;
}

async function foldUntil(deadline: number, now: () => number): Promise<boolean> {
  const db = await getDb();
  for (;;) {
    if (now() >= deadline) return (await db.count('deliveries')) === 0;
    // Default durability: a row lost to a crash is folded again, and folding is idempotent.
    const tx = db.transaction(['deliveries', 'records'], 'readwrite');
    const cursor = await tx.objectStore('deliveries').openCursor();
    if (!cursor) {
      await tx.done;
      return true;
    }
    const { at, ids } = cursor.value;
    const records = tx.objectStore('records');
    const entries = await Promise.all(ids.map((id) => records.get(id)));
    const writes: Promise<unknown>[] = [cursor.delete()];
    for (const entry of entries) {
      // Deleted by the caseworker meanwhile, or already settled otherwise: nothing to do.
      if (entry?.status !== 'pending') continue;
      const { seq: _seq, ...rest } = entry;
      const sent: OutboxEntry = { ...rest, status: 'sent', sentAt: at, attempts: entry.attempts + 1 };
      writes.push(records.put(sent));
    }
    await Promise.all(writes);
    await tx.done;
  }
}
