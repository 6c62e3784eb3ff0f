import { z } from 'zod';
import { OutboxStatus } from '../../schema/outbox';
import { AnswerValue, QuestionId } from '../../schema/questions';
import { CaptureId, Empty, Ok, type ProtocolSpec, ShownQuestion } from './shared';

export { ShownQuestion };

/**
 * Messages of the officers' questions (issue #18, docs/questions.md). The content script learns only
 * how many questions are open on its screen; the questions themselves go to extension pages.
 */

/** What the caseworker chose and wrote; the background checks it against the question's form. */
export const AnswerInput = z.object({
  value: AnswerValue,
  note: z.string().max(2000).optional(),
});

/** One answer of the caseworker's, as the popup's outbox lists it. */
export const AnswerItem = z.object({
  question: ShownQuestion,
  status: OutboxStatus,
  createdAt: z.number(),
  sentAt: z.number().optional(),
  failure: z.object({ code: z.string(), reason: z.string() }).optional(),
  value: AnswerValue,
  note: z.string().optional(),
  /** Still in the send queue and not being sent: change and withdraw are offered. */
  changeable: z.boolean(),
});
export type AnswerItem = z.infer<typeof AnswerItem>;

export const questionsProtocol = {
  /** Content script: how many questions are open on this screen (for the button's count). */
  'content:questions': { from: 'content', request: Empty, response: z.object({ count: z.number().int() }) },
  /** Dialog: answer a question shown for this capture's screen; the note is redacted before storage. */
  'question:answer': {
    from: 'page',
    request: z.object({ captureId: CaptureId, questionId: QuestionId, input: AnswerInput }),
    response: z.object({ id: z.uuid() }),
  },
  /** Popup: the caseworker's answers, newest first, and the questions open on the active tab. */
  'answers:list': {
    from: 'page',
    request: z.object({ tabUrl: z.string().max(8000).optional() }),
    response: z.object({ items: z.array(AnswerItem), open: z.array(ShownQuestion) }),
  },
  /** Popup: change a pending answer (same id: the collector still gets one answer). */
  'answers:change': {
    from: 'page',
    request: z.object({ questionId: QuestionId, input: AnswerInput }),
    response: Ok,
  },
  /** Popup: withdraw a pending answer; it leaves the queue and the device. */
  'answers:withdraw': { from: 'page', request: z.object({ questionId: QuestionId }), response: Ok },
} as const satisfies ProtocolSpec;
