import type { Question, QuestionAnswer } from '../../utils/schema/questions';
import type { AskedQuestion } from '../../utils/store/answers';

/** A question as the collector delivers it: scale, one screen of the demo's application, active in Dec 2026. */
export function testQuestion(patch: Partial<Question> = {}): Question {
  return {
    id: '3e0b1a3c-8d43-4c1e-b7a5-0f6c1f0e5d71',
    text: { de: 'Klappt der neue Bescheid-Schritt für Sie?', en: 'Does the new notice step work for you?' },
    app: 'Leistungsverfahren',
    screens: ['/akte/:id/bescheid'],
    from: '2026-11-30T23:00:00.000Z',
    to: '2026-12-14T23:00:00.000Z',
    form: { kind: 'scale', low: { de: 'gar nicht' }, high: { de: 'sehr gut' } },
    noteAllowed: true,
    ...patch,
  };
}

/** What the device keeps of a question beside its answer. */
export function asked(question: Question = testQuestion()): AskedQuestion {
  return { text: question.text, form: question.form, noteAllowed: question.noteAllowed };
}

let counter = 0;

/** An answer with a fresh id to `questionId`. */
export function testAnswer(
  questionId: string,
  value = 4,
  patch: Partial<QuestionAnswer> = {},
): QuestionAnswer {
  counter++;
  return {
    kind: 'answer',
    schemaVersion: 1,
    id: `00000000-0000-4000-9000-${counter.toString(16).padStart(12, '0')}`,
    createdAt: '2026-12-07T09:15:00.000+01:00',
    questionId,
    answer: { kind: 'scale', value },
    app: 'Leistungsverfahren',
    routeTemplate: '/akte/:id/bescheid',
    extensionVersion: '0.2.0',
    ...patch,
  };
}
