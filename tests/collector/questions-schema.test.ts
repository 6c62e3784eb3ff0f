import { afterAll, describe, expect, it } from 'vitest';
import { ingestBatch } from '../../collector/ingest';
import {
  type AnswerValue,
  answerFits,
  isAnswerItem,
  Question,
  QuestionAnswer,
  type QuestionForm,
} from '../../utils/schema/questions';
import { StatusQuery, StatusResponse } from '../../utils/schema/wire';
import { makeBatch, makeRecord } from '../support/records';
import { removeTestData, withFreshInstance } from './helpers';
import { answerItem, questionSettings, SCALE } from './questions';

// The questions contract (utils/schema/questions.ts) that the extension will build on: what an answer
// item and a delivered question may look like, and how the status poll carries them without breaking
// older extensions.

afterAll(removeTestData);

const QUESTION_ID = '3e0b1a3c-8d43-4c1e-b7a5-0f6c1f0e5d71';
const CHOICE: QuestionForm = { kind: 'choice', options: [{ de: 'A' }, { de: 'B' }, { de: 'C' }] };

describe('QuestionAnswer', () => {
  it('keeps ids in lower case, like record ids', () => {
    const answer = answerItem(QUESTION_ID.toUpperCase(), { kind: 'yesNo', value: 'cannot_say' }, {});
    expect(answer.questionId).toBe(QUESTION_ID);
    const upper = QuestionAnswer.parse({ ...answer, id: answer.id.toUpperCase() });
    expect(upper.id).toBe(answer.id);
  });

  it.each([
    ['a scale value of 6', { answer: { kind: 'scale', value: 6 } }],
    ['a scale value of 0', { answer: { kind: 'scale', value: 0 } }],
    ['a yes/no value it does not know', { answer: { kind: 'yesNo', value: 'maybe' } }],
    ['a seventh option', { answer: { kind: 'choice', value: 6 } }],
    ['a note with nothing visible', { note: ' \u200b ' }],
    ['another kind', { kind: 'record' }],
    ['a creation time from 2019', { createdAt: '2019-12-31T23:00:00.000Z' }],
  ])('refuses %s', (_what, change) => {
    const answer = answerItem(QUESTION_ID, { kind: 'scale', value: 3 });
    expect(QuestionAnswer.safeParse({ ...answer, ...change }).success).toBe(false);
  });

  it('drops a reporter: the schema names no identity, so none is stored', () => {
    const answer = answerItem(QUESTION_ID, { kind: 'scale', value: 3 });
    const parsed = QuestionAnswer.parse({ ...answer, reporter: { mode: 'unit', unit: 'Team 1' } });
    expect(parsed).toEqual(answer);
  });
});

describe('answerFits', () => {
  it.each([
    [SCALE, { kind: 'scale', value: 5 }, true],
    [SCALE, { kind: 'yesNo', value: 'yes' }, false],
    [{ kind: 'yesNo' }, { kind: 'yesNo', value: 'no' }, true],
    [CHOICE, { kind: 'choice', value: 2 }, true],
    [CHOICE, { kind: 'choice', value: 3 }, false],
  ] as [QuestionForm, AnswerValue, boolean][])('%j takes %j: %s', (form, value, fits) => {
    expect(answerFits(form, value)).toBe(fits);
  });
});

describe('Question', () => {
  it.each([
    ['one option', { form: { kind: 'choice', options: [{ de: 'A' }] } }],
    ['seven options', { form: { kind: 'choice', options: 'ABCDEFG'.split('').map((de) => ({ de })) } }],
    ['a scale without end labels', { form: { kind: 'scale' } }],
    ['an empty text', { text: { de: '  ' } }],
    ['an empty list of screens', { screens: [] }],
  ])('refuses %s', (_what, change) => {
    expect(Question.safeParse({ ...questionSettings(), id: QUESTION_ID, ...change }).success).toBe(false);
  });
});

describe('the status poll', () => {
  it('accepts a query without apps, as older extensions send it, and one with them', () => {
    expect(StatusQuery.parse({ ids: [] })).toEqual({ ids: [] });
    expect(StatusQuery.parse({ ids: [], apps: ['Leistungsverfahren'] }).apps).toEqual(['Leistungsverfahren']);
  });

  it('reads a reply with questions the way an older extension reads it: without them', () => {
    const question = Question.parse({ ...questionSettings(), id: QUESTION_ID });
    const withQuestions = { updates: [], cursor: 'c-1', questions: [question] };
    expect(StatusResponse.parse(withQuestions).questions).toEqual([question]);
    // An older extension's schema is this one without the field; zod drops what it does not name.
    expect(StatusResponse.omit({ questions: true }).parse(withQuestions)).toEqual({
      updates: [],
      cursor: 'c-1',
    });
  });
});

describe('answer items in a batch', () => {
  it('are told apart from records by their kind alone', () => {
    expect(isAnswerItem(answerItem(QUESTION_ID, { kind: 'scale', value: 3 }))).toBe(true);
    expect(isAnswerItem(makeRecord())).toBe(false);
    expect(isAnswerItem(null)).toBe(false);
  });

  it('are rejected with a reason, records still stored, by an ingest without a question store', async () => {
    await withFreshInstance('sqlite', async ({ store }) => {
      const record = makeRecord();
      const answer = answerItem(QUESTION_ID, { kind: 'scale', value: 3 });
      const outcome = await ingestBatch(store, makeBatch([answer, record]), '2026-12-07T10:00:00.000Z');
      expect(outcome.results).toEqual([
        { id: answer.id, status: 'rejected', reason: 'answers_not_supported' },
        { id: record.id, status: 'accepted' },
      ]);
      expect(await store.getRecord(record.id)).not.toBeNull();
    });
  });
});
