import type { FeedbackRecord } from '../utils/schema/record';
import { BatchItem, type BatchRequest, type ItemResult } from '../utils/schema/wire';
import { describeFirstIssue } from './errors';
import { type CaughtCounts, checkRecord } from './second-line';
import type { Store } from './store/types';

// ItemResult.id allows 100 characters; an over-long id from a broken client is cut, not echoed whole.
const ID_MAX = 100;

function givenId(item: unknown): string {
  if (typeof item !== 'object' || item === null || !('id' in item)) return '';
  return typeof item.id === 'string' ? item.id.slice(0, ID_MAX) : '';
}

/** What an ingest returns: a result per item, and the applications of its outage reports. */
export interface IngestOutcome {
  results: ItemResult[];
  /**
   * Applications with an outage report in this batch that is stored (accepted now or before): the
   * grouping rule looks at them next. Duplicates too, so a batch re-sent after a crash between storing
   * and grouping still gets grouped.
   */
  outageApps: string[];
}

/**
 * Validates every item on its own — one bad record is rejected with a reason instead of failing the
 * batch — runs the redactor over the valid ones again (second-line.ts), stores its output in one
 * transaction, and returns one result per item in input order.
 */
export async function ingestBatch(
  store: Store,
  batch: BatchRequest,
  receivedAt: string,
): Promise<IngestOutcome> {
  const results: ItemResult[] = new Array(batch.items.length);
  const valid: FeedbackRecord[] = [];
  const caught: CaughtCounts[] = [];
  const positions: number[] = [];
  batch.items.forEach((item, index) => {
    const parsed = BatchItem.safeParse(item);
    if (parsed.success) {
      const checked = checkRecord(parsed.data);
      valid.push(checked.record);
      caught.push(checked.caught);
      positions.push(index);
    } else {
      results[index] = { id: givenId(item), status: 'rejected', reason: describeFirstIssue(parsed.error) };
    }
  });
  const outageApps = new Set<string>();
  if (valid.length > 0) {
    const stored = await store.ingest(valid, { batchId: batch.batchId, receivedAt }, caught);
    stored.forEach((result, k) => {
      results[positions[k] as number] = result;
      const record = valid[k] as FeedbackRecord;
      if (record.outage && result.status !== 'rejected') outageApps.add(record.context.app);
    });
  }
  return { results, outageApps: [...outageApps] };
}
