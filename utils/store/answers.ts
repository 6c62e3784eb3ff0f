import { AppError } from '../errors';
import type { AnswerEntry } from '../schema/outbox';
import type { QuestionAnswer } from '../schema/questions';
import { LEASE_KEY, Lease } from '../sync/lease';
import { getDb } from './db';
import { utf8Bytes } from './records';

/**
 * The caseworker's answers to officers' questions (issue #18). Kept in their own store, one per
 * question (a unique index), and queued in the same send queue as records, so the same engine sends
 * them in the same batches; `queue.ts` settles them by id like records. An answer can be changed or
 * withdrawn until it has left the queue, and not while a send may be in flight.
 */

/** What was asked, kept with the answer so the outbox can show and change it after the question ended. */
export type AskedQuestion = AnswerEntry['question'];

function answerRow(answer: QuestionAnswer, seq?: number) {
  const json = JSON.stringify(answer);
  return {
    ...(seq !== undefined ? { seq } : {}),
    id: answer.id,
    bytes: utf8Bytes(json),
    json,
    kind: 'answer' as const,
  };
}

function sending(stored: unknown, now: number): boolean {
  const lease = Lease.safeParse(stored);
  return lease.success && lease.data.until > now;
}

/**
 * Stores the answer to a question, or changes the pending one (keeping its id and creation time, so
 * the collector still sees one answer). Throws not_editable when the earlier answer has been sent or
 * refused, record_sending while a send may be in flight.
 */
export async function putAnswer(
  answer: QuestionAnswer,
  question: AskedQuestion,
  now = Date.now(),
): Promise<AnswerEntry> {
  const db = await getDb();
  const tx = db.transaction(['answers', 'queue', 'meta'], 'readwrite', { durability: 'strict' });
  tx.done.catch(() => undefined);
  try {
    const answers = tx.objectStore('answers');
    const queue = tx.objectStore('queue');
    const existing = await answers.index('byQuestion').get(answer.questionId);
    if (!existing) {
      const seq = await queue.add(answerRow(answer));
      const entry: AnswerEntry = {
        id: answer.id,
        questionId: answer.questionId,
        createdAt: now,
        status: 'pending',
        seq,
        answer,
        question,
      };
      await answers.add(entry);
      await tx.done;
      return entry;
    }
    await assertChangeable(existing, tx.objectStore('meta'), queue, now);
    const changed: QuestionAnswer = { ...answer, id: existing.id, createdAt: existing.answer.createdAt };
    const entry: AnswerEntry = { ...existing, answer: changed, question };
    await Promise.all([answers.put(entry), queue.put(answerRow(changed, existing.seq))]);
    await tx.done;
    return entry;
  } catch (error) {
    await abortQuietly(tx);
    if (error instanceof AppError) throw error;
    throw new AppError('storage_failed', error instanceof Error ? error.message : String(error));
  }
}

/** Withdraws the pending answer to a question: it leaves the queue and the device. */
export async function withdrawAnswer(questionId: string, now = Date.now()): Promise<void> {
  const db = await getDb();
  const tx = db.transaction(['answers', 'queue', 'meta'], 'readwrite', { durability: 'strict' });
  tx.done.catch(() => undefined);
  try {
    const existing = await tx.objectStore('answers').index('byQuestion').get(questionId);
    if (!existing) throw new AppError('not_found', questionId);
    await assertChangeable(existing, tx.objectStore('meta'), tx.objectStore('queue'), now);
    await Promise.all([
      tx.objectStore('answers').delete(existing.id),
      tx.objectStore('queue').delete(existing.seq as number),
    ]);
    await tx.done;
  } catch (error) {
    await abortQuietly(tx);
    throw error;
  }
}

interface Reader {
  get(key: string): Promise<unknown>;
}
interface QueueReader {
  get(key: number): Promise<unknown>;
}

/**
 * A pending answer whose queue row is gone was delivered and waits in the delivery journal
 * (deliveries.ts): the collector has it, so it is no longer the caseworker's to change.
 */
async function assertChangeable(
  entry: AnswerEntry,
  meta: Reader,
  queue: QueueReader,
  now: number,
): Promise<void> {
  if (entry.status !== 'pending' || entry.seq === undefined) throw new AppError('not_editable');
  if (!(await queue.get(entry.seq))) throw new AppError('not_editable');
  if (sending(await meta.get(LEASE_KEY), now)) throw new AppError('record_sending');
}

async function abortQuietly(tx: { abort(): void; done: Promise<void> }): Promise<void> {
  try {
    tx.abort();
  } catch {
    // Already finished or aborted: nothing was written.
  }
  await tx.done.catch(() => undefined);
}

/** Every answer on this device, newest first (one per question: few). */
export async function readAnswers(): Promise<AnswerEntry[]> {
  const all = await (await getDb()).getAll('answers');
  return all.sort((a, b) => b.createdAt - a.createdAt);
}

/** The answer given to a question on this device, if any. */
export async function answerFor(questionId: string): Promise<AnswerEntry | undefined> {
  return (await getDb()).getFromIndex('answers', 'byQuestion', questionId);
}

/**
 * Ids of the pending answers among `entries` whose queue row is still there: not yet delivered (a
 * delivered one waits in the journal without its row). One key read per pending answer: few.
 */
export async function stillQueued(entries: readonly AnswerEntry[]): Promise<Set<string>> {
  const pending = entries.filter((entry) => entry.status === 'pending' && entry.seq !== undefined);
  const db = await getDb();
  const keys = await Promise.all(pending.map((entry) => db.getKey('queue', entry.seq as number)));
  return new Set(pending.filter((_, i) => keys[i] !== undefined).map((entry) => entry.id));
}

const DAY_MS = 24 * 60 * 60_000;

/**
 * Retention for answers: a sent answer is deleted `retentionDays` after it was sent, like a record —
 * but only once its question is no longer delivered. While the question is active the answer is what
 * says "answered on this device", and deleting it would ask the caseworker again. Pending and failed
 * answers stay. Returns how many were deleted (few: one per question).
 */
export async function pruneAnswers(retentionDays: number, now = Date.now()): Promise<number> {
  const days = Number.isFinite(retentionDays) ? Math.max(1, Math.floor(retentionDays)) : 1;
  const cutoff = now - days * DAY_MS;
  const db = await getDb();
  const tx = db.transaction(['answers', 'questions'], 'readwrite');
  const answers = tx.objectStore('answers');
  const delivered = new Set(await tx.objectStore('questions').getAllKeys());
  let removed = 0;
  for (const entry of await answers.getAll()) {
    if (entry.status !== 'sent' || (entry.sentAt ?? entry.createdAt) > cutoff) continue;
    if (delivered.has(entry.questionId)) continue;
    await answers.delete(entry.id);
    removed++;
  }
  await tx.done;
  return removed;
}
