import { z } from 'zod';
import { OutboxStatus } from '../../schema/outbox';
import { AnswerValue, QuestionId } from '../../schema/questions';
import { CaptureId, Ok, type ProtocolSpec, ShownQuestion } from './shared';

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

/**
 * The on-screen prompt for an open question (policy `questionPrompt`), every word already in the
 * caseworker's language: the content script only draws it.
 */
export const QuestionPrompt = z.object({
  questionId: QuestionId,
  label: z.string().max(100),
  text: z.string().max(400),
  answer: z.string().max(60),
  later: z.string().max(60),
  never: z.string().max(60),
});
export type QuestionPrompt = z.infer<typeof QuestionPrompt>;

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
  'content:questions': {
    from: 'content',
    /** `canPrompt`: the page has just loaded, so a prompt may be offered (it is counted when offered). */
    request: z.object({ canPrompt: z.boolean().optional() }),
    /** `text`: the count in the caseworker's language ("1 Frage"), '' for none. */
    response: z.object({
      count: z.number().int(),
      text: z.string().max(40),
      prompt: QuestionPrompt.optional(),
    }),
  },
  /** Content script: "Nicht mehr fragen" on the prompt for this question. */
  'question:prompt-never': { from: 'content', request: z.object({ questionId: QuestionId }), response: Ok },
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
