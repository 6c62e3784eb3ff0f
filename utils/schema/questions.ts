import { z } from 'zod';
import { CreatedAt, Note, RecordId } from './record';
import { Text } from './text';

/**
 * Short questions officers ask on a screen, and the caseworkers' answers (issue #18). The collector
 * delivers questions with the status reply (wire.ts `StatusResponse.questions`); the extension sends
 * answers as batch items of their own kind (`kind: 'answer'`) next to feedback records. Documented in
 * docs/questions.md, published as JSON Schema by `npm run schema`.
 */
export const ANSWER_SCHEMA_VERSION = 1;

/** Question ids: UUIDs made by the collector, in lower case like record ids. */
export const QuestionId = z.uuid().overwrite((value) => value.toLowerCase());

/** Change-marker ids: as question ids. */
export const MarkerId = QuestionId;

/** Text shown to caseworkers: German always, English where the officer wrote one. */
export function Localised(max: number) {
  return z.object({
    de: Text(max).trim().min(1),
    en: Text(max).trim().min(1).optional(),
  });
}

/** How many options a one-of choice may offer: six still fit on a small dialog without scrolling. */
export const CHOICE_OPTIONS_MAX = 6;

/** Scale 1–5; only its two ends carry words ("gar nicht" … "sehr gut"). */
export const ScaleForm = z.object({
  kind: z.literal('scale'),
  low: Localised(60),
  high: Localised(60),
});

/** Yes, no, or "kann ich nicht sagen" — the last so nobody is pushed into a guess. */
export const YesNoForm = z.object({ kind: z.literal('yesNo') });

/** One of two to six options; an answer names the option by its position (0-based). */
export const ChoiceForm = z.object({
  kind: z.literal('choice'),
  options: z.array(Localised(100)).min(2).max(CHOICE_OPTIONS_MAX),
});

/** The answer form of a question. */
export const QuestionForm = z.discriminatedUnion('kind', [ScaleForm, YesNoForm, ChoiceForm]);
export type QuestionForm = z.infer<typeof QuestionForm>;
export type QuestionFormKind = QuestionForm['kind'];

export const YES_NO_VALUES = ['yes', 'no', 'cannot_say'] as const;

/** An answer's value; its `kind` must be its question's form kind (checked by the collector). */
export const AnswerValue = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('scale'), value: z.number().int().min(1).max(5) }),
  z.object({ kind: z.literal('yesNo'), value: z.enum(YES_NO_VALUES) }),
  z.object({
    kind: z.literal('choice'),
    value: z
      .number()
      .int()
      .min(0)
      .max(CHOICE_OPTIONS_MAX - 1),
  }),
]);
export type AnswerValue = z.infer<typeof AnswerValue>;

/** Most screens one question may name; more is a question about the whole application. */
export const QUESTION_SCREENS_MAX = 20;

/**
 * A question as the collector delivers it to extensions (only active ones, only for the applications
 * the status query named). The extension shows it on a screen of `app` whose route template is one of
 * `screens` (any screen of the app when absent), from `from` until `to`.
 */
export const Question = z.object({
  id: QuestionId,
  text: Localised(300),
  app: Text(100).trim().min(1),
  /** Route templates as the hotspots list them (e.g. `/faelle/:id/bescheid`); absent: every screen. */
  screens: z.array(Text(1000).trim().min(1)).min(1).max(QUESTION_SCREENS_MAX).optional(),
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  form: QuestionForm,
  /** Whether the answer may carry a free-text note (redacted on the device before storage). */
  noteAllowed: z.boolean(),
  /** The change marker the question belongs to ("pilot check-in for release 24.3"). */
  markerId: MarkerId.optional(),
});
export type Question = z.infer<typeof Question>;

/** Whether `value` is an answer `form` allows (kind matches; a choice names an existing option). */
export function answerFits(form: QuestionForm, value: AnswerValue): boolean {
  if (form.kind !== value.kind) return false;
  if (form.kind === 'choice' && value.kind === 'choice') return value.value < form.options.length;
  return true;
}

/**
 * An answer as the extension stores, queues and sends it: a batch item of kind `answer`. No reporter
 * identity and nothing about who saw or skipped a question; the note is redacted on the device, and
 * the collector runs its second line over it again.
 */
export const QuestionAnswer = z.object({
  kind: z.literal('answer'),
  schemaVersion: z.literal(ANSWER_SCHEMA_VERSION),
  /** Made on the device when the answer is given; the collector stores each id once. */
  id: RecordId,
  createdAt: CreatedAt,
  questionId: QuestionId,
  answer: AnswerValue,
  note: Note.optional(),
  app: Text(100),
  /** The screen the answer was given on. */
  routeTemplate: Text(1000),
  extensionVersion: Text(40),
});
export type QuestionAnswer = z.infer<typeof QuestionAnswer>;

/** Whether a batch item claims to be an answer (then it is checked against QuestionAnswer alone). */
export function isAnswerItem(item: unknown): boolean {
  return typeof item === 'object' && item !== null && (item as { kind?: unknown }).kind === 'answer';
}
