import { z } from 'zod';
import { QuestionAnswer, QuestionForm, QuestionId } from './questions';
import { FeedbackRecord } from './record';
import { Text } from './text';
import { IncidentStatus, OfficerStatus } from './wire';

/**
 * A record as the extension keeps it in its IndexedDB outbox: the record exactly as it will be
 * (or was) sent, plus local delivery state. Only `record` ever leaves the device.
 */
export const OutboxStatus = z.enum(['pending', 'sent', 'failed']);
export type OutboxStatus = z.infer<typeof OutboxStatus>;

export const OutboxEntry = z.object({
  id: z.uuid(),
  /** Epoch milliseconds of creation; the paging and retention key. */
  createdAt: z.number(),
  status: OutboxStatus,
  /** Position in the send queue while pending (see utils/store/queue.ts). */
  seq: z.number().int().optional(),
  record: FeedbackRecord,
  attempts: z.number().int().nonnegative(),
  sentAt: z.number().optional(),
  /** Why the record needs attention (dead-lettered by the server, or refused locally). */
  failure: z.object({ code: z.string().max(60), reason: z.string().max(500), at: z.number() }).optional(),
  /** The officers' answer, fetched back during sync. */
  officer: z
    .object({
      status: OfficerStatus,
      reply: z.string().max(2000).nullable(),
      updatedAt: z.string(),
      /**
       * The incident an outage report was grouped into, as of the last poll (issue #17). Optional, so
       * entries stored before it exist unchanged: no database upgrade step.
       */
      incident: IncidentStatus.optional(),
      /** False until the caseworker has seen the latest change. */
      read: z.boolean(),
    })
    .optional(),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;

/**
 * An answer to an officer's question as the extension keeps it (issue #18): the answer exactly as it
 * will be (or was) sent, a copy of what was asked (so the outbox can show and change it after the
 * question has ended), and local delivery state as for records. Only `answer` leaves the device.
 */
export const AnswerEntry = z.object({
  /** The answer's id (`answer.id`). */
  id: z.uuid(),
  /** Unique on the device: one answer per question. */
  questionId: QuestionId,
  createdAt: z.number(),
  status: OutboxStatus,
  seq: z.number().int().optional(),
  answer: QuestionAnswer,
  question: z.object({
    text: z.object({ de: Text(300), en: Text(300).optional() }),
    form: QuestionForm,
    noteAllowed: z.boolean(),
  }),
  sentAt: z.number().optional(),
  failure: z.object({ code: z.string().max(60), reason: z.string().max(500), at: z.number() }).optional(),
});
export type AnswerEntry = z.infer<typeof AnswerEntry>;
