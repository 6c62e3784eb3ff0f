import type { QuestionSettings } from '../../collector/store/question-types';
import {
  ANSWER_SCHEMA_VERSION,
  type AnswerValue,
  QuestionAnswer,
  type QuestionForm,
} from '../../utils/schema/questions';

// Questions and answers for the collector tests (issue #18), like outages.ts for incidents.

export const QUESTION_APP = 'Leistungsverfahren';
export const QUESTION_SCREEN = '/akte/:id/bescheid';

/** A 1–5 scale with end labels in both languages. */
export const SCALE: QuestionForm = {
  kind: 'scale',
  low: { de: 'gar nicht', en: 'not at all' },
  high: { de: 'sehr gut', en: 'very well' },
};

/** A question for one screen of QUESTION_APP, open for four weeks from 1 Dec 2026. */
export function questionSettings(overrides: Partial<QuestionSettings> = {}): QuestionSettings {
  return {
    text: { de: 'Klappt der neue Schritt für Sie?', en: 'Does the new step work for you?' },
    app: QUESTION_APP,
    screens: [QUESTION_SCREEN],
    from: '2026-12-01T00:00:00.000Z',
    to: '2099-01-01T00:00:00.000Z',
    form: SCALE,
    noteAllowed: true,
    ...overrides,
  };
}

/** A valid answer item to `questionId`, as the extension sends it. */
export function answerItem(
  questionId: string,
  answer: AnswerValue,
  overrides: Partial<QuestionAnswer> = {},
): QuestionAnswer {
  return QuestionAnswer.parse({
    kind: 'answer',
    schemaVersion: ANSWER_SCHEMA_VERSION,
    id: crypto.randomUUID(),
    createdAt: '2026-12-07T09:15:00.000+01:00',
    questionId,
    answer,
    app: QUESTION_APP,
    routeTemplate: QUESTION_SCREEN,
    extensionVersion: '0.2.0',
    ...overrides,
  });
}
