import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../../utils/schema/outbox';
import { FeedbackRecord, FeedbackRecordV1 } from '../../../utils/schema/record';
import { closeDb, getDb } from '../../../utils/store/db';
import { takeBatch } from '../../../utils/store/queue';
import { queueRow } from '../../../utils/store/records';
import { openDbAtVersion } from '../../support/db';
import { resetDb, testRecord } from '../../support/sync';

beforeEach(resetDb);
afterEach(closeDb);

const ALL = { maxItems: 1000, maxBytes: Number.POSITIVE_INFINITY };

/** A record as the extension made it before answer secrets (record version 1). */
function versionOne() {
  const { answerSecret: _secret, ...rest } = testRecord() as FeedbackRecord & { answerSecret?: string };
  return FeedbackRecordV1.parse({ ...rest, schemaVersion: 1 });
}

describe('database upgrade 3 → 4', () => {
  it('gives records not yet sent an answer secret (version 2) and leaves sent ones as the collector has them', async () => {
    const old = await openDbAtVersion(3);
    const entries: OutboxEntry[] = [];
    for (const [i, status] of (['pending', 'sent', 'failed'] as const).entries()) {
      const record = versionOne();
      const seq =
        status === 'pending' ? Number(await old.add('queue', queueRow(record.id, record))) : undefined;
      const entry: OutboxEntry = {
        id: record.id,
        createdAt: i,
        status,
        record,
        attempts: 0,
        ...(seq !== undefined ? { seq } : {}),
        ...(status === 'sent' ? { sentAt: i } : {}),
        ...(status === 'failed' ? { failure: { code: 'rejected', reason: 'x', at: i } } : {}),
      };
      await old.add('records', entry);
      entries.push(entry);
    }
    old.close();

    const db = await getDb();
    const [pending, sent, failed] = await Promise.all(entries.map((entry) => db.get('records', entry.id)));
    expect(sent).toEqual(entries[1]);
    for (const [after, before] of [
      [pending, entries[0]],
      [failed, entries[2]],
    ] as const) {
      expect(after?.record).toEqual({
        ...before?.record,
        schemaVersion: 2,
        answerSecret: expect.stringMatching(/^[0-9a-f]{32}$/),
      });
      expect(FeedbackRecord.safeParse(after?.record).success).toBe(true);
    }
    expect(pending?.record).not.toEqual(failed?.record);
    // What goes on the wire for the pending record is the upgraded record, secret included.
    const [item] = (await takeBatch(ALL)).items;
    expect(item?.id).toBe(pending?.id);
    expect(JSON.parse(item?.json ?? '')).toEqual(pending?.record);
    expect(item?.bytes).toBe(new TextEncoder().encode(item?.json).length);
  });
});
