import { AppError } from '../errors';
import { type RedactOptions, redactText } from '../redact/text';
import {
  ANSWER_SCHEMA_VERSION,
  type AnswerValue,
  answerFits,
  type Question,
  QuestionAnswer,
} from '../schema/questions';
import type { Screen } from './match';

/** What the caseworker chose and wrote. */
export interface AnswerInput {
  value: AnswerValue;
  note?: string;
}

/**
 * The answer as it is stored and sent (issue #18): the value checked against the question's form, the
 * note only where the question allows one, redacted with the same redactor and options as a note.
 * Throws invalid_record for a value the form does not offer or a note it does not allow.
 */
export function buildAnswer(args: {
  id: string;
  createdAt: string;
  question: Pick<Question, 'id' | 'form' | 'noteAllowed'>;
  input: AnswerInput;
  screen: Screen;
  redaction: RedactOptions;
  extensionVersion: string;
}): QuestionAnswer {
  const { question, input } = args;
  if (!answerFits(question.form, input.value)) throw new AppError('invalid_record', 'answer');
  const written = input.note?.trim() ?? '';
  if (written && !question.noteAllowed) throw new AppError('invalid_record', 'note');
  const note = written ? redactText(written, args.redaction).text : '';
  const parsed = QuestionAnswer.safeParse({
    kind: 'answer',
    schemaVersion: ANSWER_SCHEMA_VERSION,
    id: args.id,
    createdAt: args.createdAt,
    questionId: question.id,
    answer: input.value,
    ...(note ? { note } : {}),
    app: args.screen.app,
    routeTemplate: args.screen.routeTemplate,
    extensionVersion: args.extensionVersion,
  });
  if (!parsed.success) throw new AppError('invalid_record', parsed.error.issues[0]?.path.join('.'));
  return parsed.data;
}
