import { smallRecord } from '../../../tests/support/records';
import { recordId } from '../../../utils/ids';
import type { OutboxEntry } from '../../../utils/schema/outbox';
import { getDb } from '../../../utils/store/db';
import { readNext, takeBatch } from '../../../utils/store/queue';
import { queueRow } from '../../../utils/store/records';
import { cancelRequestedSync, syncIdle, syncNow } from '../../../utils/sync/engine';
import { isoWithOffset } from '../../../utils/sync/transport';

/**
 * Benchmark helpers, called inside the real service worker (the throughput that matters is Chromium's
 * LevelDB-backed IndexedDB, not a fake). The sync loop itself is the real `syncNow`.
 */

const CHUNK = 500;

/**
 * Stores `n` pending records, CHUNK per transaction (default durability: this measures sending,
 * not saving). Returns the elapsed milliseconds.
 */
export async function seedPending(n: number): Promise<{ seeded: number; ms: number }> {
  const db = await getDb();
  const started = performance.now();
  for (let done = 0; done < n; done += CHUNK) {
    const tx = db.transaction(['records', 'queue'], 'readwrite');
    const writes: Promise<unknown>[] = [];
    const now = Date.now();
    for (let i = done; i < Math.min(n, done + CHUNK); i++) {
      // Unchecked: the schema's parse would add minutes to seeding 100,000 (seeding is not measured).
      const record = smallRecord(recordId(now), isoWithOffset(now), { check: false });
      writes.push(
        tx
          .objectStore('queue')
          .add(queueRow(record.id, record))
          .then((seq) => {
            const entry: OutboxEntry = {
              id: record.id,
              createdAt: now,
              status: 'pending',
              seq,
              record,
              attempts: 0,
            };
            return tx.objectStore('records').add(entry);
          }),
      );
    }
    await Promise.all([...writes, tx.done]);
  }
  return { seeded: n, ms: performance.now() - started };
}

/**
 * Seeds `n` records and sends them all through the real engine to the configured endpoint, without
 * the officer-answer fetch. Returns records per second of sending (seeding excluded).
 */
export async function benchSync(
  n: number,
  { seed = true, timeReads = false } = {},
): Promise<{
  seeded: number;
  sent: number;
  /** Until the last batch's verdicts were stored: every record at the collector, out of the queue. */
  deliveredMs: number;
  /** Epoch ms when the measured pass started (the benchmark lines up CPU samples with it). */
  startedAt: number;
  /** Until the pass ended: the delivery journal folded into the records as well. */
  ms: number;
  perSecond: number;
  /** How the last pass ended ("ok" unless something failed), with its error code. */
  outcome: string;
  errorCode?: string;
  /** With `timeReads`: milliseconds per batch read over the whole queue before sending (benchRead). */
  reads?: number[];
}> {
  // With an endpoint configured, an automatic pass (the settings change, the periodic alarm) could
  // start while 100,000 records are seeded and send part of them before the clock starts; the
  // measured pass would then join it. So the caller seeds first (`seed: false`) and configures the
  // endpoint after; this pass starts at once and an automatic one joins it instead.
  if (seed) await seedPending(n);
  // No automatic pass may run alongside: one that started before the endpoint was set (the worker's
  // start, while seeding) would hand its "no endpoint" to the pass joining it, and one requested by
  // the settings change would send records outside the measurement.
  cancelRequestedSync();
  await syncIdle();
  const reads = timeReads ? (await benchRead()).ms : undefined;
  cancelRequestedSync();
  await syncIdle();
  const started = Date.now();
  let sent = 0;
  let deliveredAt = started;
  let last: Awaited<ReturnType<typeof syncNow>> | undefined;
  for (;;) {
    const report = await syncNow({ force: true, status: false, passBudgetMs: Number.POSITIVE_INFINITY });
    sent += report.sent;
    deliveredAt = report.deliveredAt ?? deliveredAt;
    last = report;
    if (report.outcome !== 'ok' || !report.more) break;
  }
  const ms = Date.now() - started;
  const deliveredMs = deliveredAt - started;
  return {
    seeded: n,
    sent,
    startedAt: started,
    deliveredMs,
    ms,
    perSecond: (sent / deliveredMs) * 1000,
    outcome: last?.outcome ?? 'ok',
    ...(last?.errorCode ? { errorCode: last.errorCode } : {}),
    ...(reads ? { reads } : {}),
  };
}

/**
 * Reads the whole queue the way a pass does — `takeBatch`, then `readNext` until empty — without
 * sending or changing anything, and times each read. Milliseconds per batch, in read order.
 */
export async function benchRead(batchSize = 500): Promise<{ batches: number; items: number; ms: number[] }> {
  const limits = { maxItems: batchSize, maxBytes: 1_000_000 - 1_024 - batchSize };
  const ms: number[] = [];
  let items = 0;
  let started = performance.now();
  let batch = (await takeBatch(limits)).items;
  while (batch.length > 0) {
    ms.push(performance.now() - started);
    items += batch.length;
    started = performance.now();
    batch = await readNext(limits);
  }
  return { batches: ms.length, items, ms };
}
