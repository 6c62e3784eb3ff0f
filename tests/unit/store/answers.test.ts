// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../../utils/schema/outbox';
import {
  answerFor,
  pruneAnswers,
  putAnswer,
  readAnswers,
  withdrawAnswer,
} from '../../../utils/store/answers';
import { getDb } from '../../../utils/store/db';
import { markDeliveriesSent } from '../../../utils/store/deliveries';
import { countSent } from '../../../utils/store/outbox-query';
import { replaceQuestions } from '../../../utils/store/questions';
import { markSent, pendingCount, takeBatch } from '../../../utils/store/queue';
import { addRecord, queueRow } from '../../../utils/store/records';
import { syncNow } from '../../../utils/sync/engine';
import { acquireLease } from '../../../utils/sync/lease';
import { openDbAtVersion } from '../../support/db';
import { asked, testAnswer, testQuestion } from '../../support/questions';
import { acceptAll, collectorPerTest, configure, type Seen, testRecord } from '../../support/sync';

// Each test's collector is closed after it, with the database.
const startCollector = collectorPerTest();

const ALL = { maxItems: 1000, maxBytes: Number.POSITIVE_INFINITY };
const Q = testQuestion();

describe('database upgrade 4 → 5', () => {
  it('adds the question and answer stores and keeps records and queue rows as they were', async () => {
    const old = await openDbAtVersion(4);
    const record = testRecord();
    const seq = Number(await old.add('queue', queueRow(record.id, record)));
    const entry: OutboxEntry = { id: record.id, createdAt: 1, status: 'pending', seq, record, attempts: 0 };
    await old.add('records', entry);
    old.close();

    const db = await getDb();
    expect(db.version).toBe(5);
    expect([...db.objectStoreNames].sort()).toEqual(
      ['answers', 'counters', 'deliveries', 'meta', 'queue', 'questions', 'records'].sort(),
    );
    expect(await db.get('records', record.id)).toEqual(entry);
    // A row queued before answers existed has no kind: it is a record, read as before.
    const { items } = await takeBatch(ALL);
    expect(items.map((item) => JSON.parse(item.json))).toEqual([record]);
    expect(await readAnswers()).toEqual([]);
  });
});

describe('answers in the outbox', () => {
  it('queues an answer next to records, and keeps one per question: a second answer changes the first', async () => {
    const record = testRecord();
    await addRecord(record);
    const first = await putAnswer(testAnswer(Q.id, 2), asked(), 10);
    const second = await putAnswer(testAnswer(Q.id, 5, { note: 'Geht schneller' }), asked(), 20);
    expect(second.id).toBe(first.id);
    expect(second.answer).toEqual({
      ...first.answer,
      answer: { kind: 'scale', value: 5 },
      note: 'Geht schneller',
    });
    expect(await readAnswers()).toHaveLength(1);
    expect(await pendingCount()).toBe(2);
    const { items } = await takeBatch(ALL);
    expect(items.map((item) => JSON.parse(item.json))).toEqual([record, second.answer]);
  });

  it('withdraws a pending answer: out of the queue and off the device, and the question can be answered again', async () => {
    await putAnswer(testAnswer(Q.id), asked());
    await withdrawAnswer(Q.id);
    expect(await answerFor(Q.id)).toBeUndefined();
    expect(await pendingCount()).toBe(0);
    await putAnswer(testAnswer(Q.id, 1), asked());
    expect((await answerFor(Q.id))?.answer.answer).toEqual({ kind: 'scale', value: 1 });
  });

  it('refuses a change while a send may be in flight, and once the answer was delivered', async () => {
    await putAnswer(testAnswer(Q.id), asked());
    await acquireLease('other', Date.now() + 60_000);
    await expect(putAnswer(testAnswer(Q.id, 1), asked())).rejects.toMatchObject({ code: 'record_sending' });
    await expect(withdrawAnswer(Q.id)).rejects.toMatchObject({ code: 'record_sending' });
    expect((await answerFor(Q.id))?.answer.answer).toEqual({ kind: 'scale', value: 4 });
  });
});

describe('answers through the sync engine', () => {
  const answerItems = (seen: Seen[]) =>
    seen
      .filter((s) => s.path === '/ingest')
      .flatMap((s) => (s.body as { items: { kind?: string }[] }).items)
      .filter((item) => item.kind === 'answer');

  it('sends the answer in the same batch as a record, exactly once; accepted marks it sent', async () => {
    const collector = await startCollector(acceptAll);
    await configure({ endpoint: collector.url, questionsEnabled: false });
    const record = testRecord();
    await addRecord(record);
    const { answer } = await putAnswer(testAnswer(Q.id), asked());
    const report = await syncNow();
    expect(report.sent).toBe(2);
    expect(collector.batches()).toEqual([[record.id, answer.id]]);
    expect(answerItems(collector.seen)).toEqual([answer]);
    await markDeliveriesSent();
    expect(await answerFor(Q.id)).toMatchObject({ status: 'sent', answer });
    await syncNow();
    expect(answerItems(collector.seen)).toHaveLength(1);
    await expect(putAnswer(testAnswer(Q.id, 1), asked())).rejects.toMatchObject({ code: 'not_editable' });
    await expect(withdrawAnswer(Q.id)).rejects.toMatchObject({ code: 'not_editable' });
  });

  it.each(['duplicate', 'rejected'] as const)(
    'a result "%s" settles the answer (no resend)',
    async (status) => {
      const collector = await startCollector((seen) => {
        const items = (seen.body as { items: { id: string }[] }).items;
        return {
          status: 200,
          body: { results: items.map((item) => ({ id: item.id, status, reason: 'question_unknown' })) },
        };
      });
      await configure({ endpoint: collector.url, questionsEnabled: false });
      await putAnswer(testAnswer(Q.id), asked());
      await syncNow();
      await syncNow();
      await markDeliveriesSent();
      expect(collector.batches()).toHaveLength(1);
      expect(await pendingCount()).toBe(0);
      const entry = await answerFor(Q.id);
      if (status === 'duplicate') expect(entry?.status).toBe('sent');
      else
        expect(entry).toMatchObject({
          status: 'failed',
          failure: { code: 'rejected', reason: 'question_unknown' },
        });
    },
  );
});

describe('retention of answers', () => {
  const DAY = 24 * 60 * 60 * 1000;

  it('deletes a sent answer after the retention period only once its question is no longer delivered', async () => {
    const collector = await startCollector(acceptAll);
    await configure({ endpoint: collector.url, questionsEnabled: false });
    const other = testQuestion({ id: '00000000-0000-4000-8000-0000000000cc' });
    await putAnswer(testAnswer(Q.id), asked());
    await putAnswer(testAnswer(other.id), asked(other));
    await syncNow();
    await markDeliveriesSent();
    const pending = testQuestion({ id: '00000000-0000-4000-8000-0000000000dd' });
    await putAnswer(testAnswer(pending.id), asked(pending));
    await replaceQuestions([Q]);
    const later = Date.now() + 31 * DAY;
    expect(await pruneAnswers(30, Date.now())).toBe(0);
    expect(await pruneAnswers(30, later)).toBe(1);
    // Still delivered: kept, or the caseworker would be asked again; pending: kept until sent.
    expect((await readAnswers()).map((entry) => entry.questionId).sort()).toEqual([Q.id, pending.id].sort());
  });
});

describe('answers and the outbox counts', () => {
  it('a delivered answer does not count as a sent record', async () => {
    await addRecord(testRecord());
    const { answer } = await putAnswer(testAnswer(Q.id), asked());
    const records = (await takeBatch(ALL)).items.filter((item) => item.id !== answer.id);
    expect(await markSent([...records.map((item) => item.id), answer.id])).toBe(2);
    expect(await countSent()).toBe(1);
    expect((await answerFor(Q.id))?.status).toBe('sent');
  });
});
