import { isAnswerItem, QuestionAnswer } from '../utils/schema/questions';
import type { FeedbackRecord } from '../utils/schema/record';
import { BatchItem, type BatchRequest, type ItemResult } from '../utils/schema/wire';
import { describeFirstIssue } from './errors';
import { type CaughtCounts, checkAnswer, checkRecord } from './second-line';
import type { AnswerToStore, QuestionStore } from './store/question-types';
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
 * transaction, and returns one result per item in input order. Items of kind `answer` (issue #18)
 * are answers to questions, stored by `questions` in a transaction of their own; without it they are
 * rejected.
 */
export async function ingestBatch(
  store: Store,
  batch: BatchRequest,
  receivedAt: string,
  questions?: QuestionStore,
): Promise<IngestOutcome> {
  const results: ItemResult[] = new Array(batch.items.length);
  const valid: FeedbackRecord[] = [];
  const caught: CaughtCounts[] = [];
  const positions: number[] = [];
  const answers: AnswerToStore[] = [];
  const answerPositions: number[] = [];
  batch.items.forEach((item, index) => {
    if (isAnswerItem(item)) {
      const parsed = QuestionAnswer.safeParse(item);
      if (!parsed.success) {
        results[index] = { id: givenId(item), status: 'rejected', reason: describeFirstIssue(parsed.error) };
      } else if (!questions) {
        results[index] = { id: parsed.data.id, status: 'rejected', reason: 'answers_not_supported' };
      } else {
        const checked = checkAnswer(parsed.data);
        answers.push({ answer: checked.answer, caught: checked.caughtTotal });
        answerPositions.push(index);
      }
      return;
    }
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
  if (questions && answers.length > 0) {
    const stored = await questions.ingestAnswers(answers, receivedAt);
    stored.forEach((result, k) => {
      results[answerPositions[k] as number] = result;
    });
  }
  return { results, outageApps: [...outageApps] };
}
