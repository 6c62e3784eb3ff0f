import { afterAll, describe, expect, it } from 'vitest';
import type { AnswerToStore } from '../../../collector/store/question-types';
import type { QuestionAnswer } from '../../../utils/schema/questions';
import { makeRecord } from '../../support/records';
import { BACKENDS, removeTestData, warnIfPostgresSkipped, withFreshInstance } from '../helpers';
import { answerItem, QUESTION_APP, QUESTION_SCREEN, questionSettings } from '../questions';

// The question side of the store contract (issue #18) on every available backend: the life of a
// question, delivery to extensions, answers stored exactly once, results under the k rule, and change
// markers with their before/after.

warnIfPostgresSkipped('question store contract');
afterAll(removeTestData);

const AT = '2026-12-07T08:00:00.000Z';
const RECEIVED = '2026-12-07T08:30:00.000Z';

const plain = (answers: readonly QuestionAnswer[]): AnswerToStore[] =>
  answers.map((answer) => ({ answer, caught: 0 }));

describe.each(BACKENDS)('question store on $name', (backend) => {
  describe.skipIf(!backend.enabled)('QuestionStore', () => {
    it('keeps a draft editable, then activates, ends early and duplicates it', async () => {
      await withFreshInstance(backend.kind, async ({ questions }) => {
        const draft = await questions.create(questionSettings(), AT);
        expect(draft).toMatchObject({ state: 'draft', answers: 0, activatedAt: null, endedAt: null });
        expect(draft.question).toMatchObject({ id: draft.id, app: QUESTION_APP, screens: [QUESTION_SCREEN] });

        const edited = await questions.update(
          draft.id,
          questionSettings({ text: { de: 'Geht es schneller?' }, form: { kind: 'yesNo' } }),
          '2026-12-07T08:01:00.000Z',
        );
        expect(edited).toMatchObject({
          ok: true,
          question: { question: { text: { de: 'Geht es schneller?' } } },
        });
        // Not yet delivered: a draft.
        expect(await questions.deliverable([QUESTION_APP], AT, 100)).toEqual([]);

        expect(await questions.activate(draft.id, '2026-12-07T08:02:00.000Z')).toMatchObject({
          ok: true,
          question: { state: 'active', activatedAt: '2026-12-07T08:02:00.000Z' },
        });
        // Once active, the text is what caseworkers were asked: no more edits, no second activation.
        expect(await questions.update(draft.id, questionSettings(), AT)).toEqual({
          ok: false,
          reason: 'not_draft',
        });
        expect(await questions.activate(draft.id, AT)).toEqual({ ok: false, reason: 'not_draft' });
        const delivered = await questions.deliverable([QUESTION_APP, 'E-Akte'], AT, 100);
        expect(delivered).toEqual([expect.objectContaining({ id: draft.id, form: { kind: 'yesNo' } })]);
        expect(await questions.deliverable(['E-Akte'], AT, 100)).toEqual([]);

        expect(await questions.end(draft.id, '2026-12-08T08:00:00.000Z')).toMatchObject({
          ok: true,
          question: { state: 'ended', endedAt: '2026-12-08T08:00:00.000Z' },
        });
        expect(await questions.end(draft.id, AT)).toEqual({ ok: false, reason: 'not_active' });
        expect(await questions.deliverable([QUESTION_APP], AT, 100)).toEqual([]);

        const copy = await questions.duplicate(draft.id, '2026-12-09T08:00:00.000Z');
        expect(copy.ok).toBe(true);
        if (!copy.ok) return;
        expect(copy.question.id).not.toBe(draft.id);
        expect(copy.question).toMatchObject({ state: 'draft', answers: 0 });
        expect(copy.question.question.text).toEqual({ de: 'Geht es schneller?' });
        expect((await questions.list(10)).map((question) => question.id)).toEqual([
          copy.question.id,
          draft.id,
        ]);

        const missing = crypto.randomUUID();
        expect(await questions.activate(missing, AT)).toEqual({ ok: false, reason: 'not_found' });
        expect(await questions.duplicate(missing, AT)).toEqual({ ok: false, reason: 'not_found' });
        expect(await questions.get(missing)).toBeNull();
      });
    });

    it('delivers a question until its end date, not after', async () => {
      await withFreshInstance(backend.kind, async ({ questions }) => {
        const { id } = await questions.create(questionSettings({ to: '2026-12-10T00:00:00.000Z' }), AT);
        await questions.activate(id, AT);
        expect(await questions.deliverable([QUESTION_APP], '2026-12-09T23:59:59.000Z', 100)).toHaveLength(1);
        expect(await questions.deliverable([QUESTION_APP], '2026-12-10T00:00:00.000Z', 100)).toEqual([]);
      });
    });

    it('stores each answer exactly once and refuses answers that do not fit', async () => {
      await withFreshInstance(backend.kind, async ({ questions }) => {
        const { id } = await questions.create(questionSettings({ noteAllowed: false }), AT);
        const draftAnswer = answerItem(id, { kind: 'scale', value: 4 });
        expect(await questions.ingestAnswers(plain([draftAnswer]), RECEIVED)).toEqual([
          { id: draftAnswer.id, status: 'rejected', reason: 'question_unknown' },
        ]);
        await questions.activate(id, AT);

        const good = answerItem(id, { kind: 'scale', value: 4 });
        const wrongKind = answerItem(id, { kind: 'yesNo', value: 'yes' });
        const withNote = answerItem(id, { kind: 'scale', value: 2 }, { note: 'Zu viele Klicks' });
        const unknown = answerItem(crypto.randomUUID(), { kind: 'scale', value: 1 });
        expect(
          await questions.ingestAnswers(plain([good, good, wrongKind, withNote, unknown]), RECEIVED),
        ).toEqual([
          { id: good.id, status: 'accepted' },
          { id: good.id, status: 'duplicate' },
          { id: wrongKind.id, status: 'rejected', reason: 'answer_not_in_form' },
          { id: withNote.id, status: 'rejected', reason: 'note_not_allowed' },
          { id: unknown.id, status: 'rejected', reason: 'question_unknown' },
        ]);
        // The batch again (its reply was lost): nothing new.
        expect(await questions.ingestAnswers(plain([good]), RECEIVED)).toEqual([
          { id: good.id, status: 'duplicate' },
        ]);
        expect((await questions.get(id))?.answers).toBe(1);
        // Ended: an answer given before the end and sent later still counts.
        await questions.end(id, AT);
        const late = answerItem(id, { kind: 'scale', value: 5 });
        expect(await questions.ingestAnswers(plain([late]), RECEIVED)).toEqual([
          { id: late.id, status: 'accepted' },
        ]);
      });
    });

    it('refuses a choice beyond the options offered', async () => {
      await withFreshInstance(backend.kind, async ({ questions }) => {
        const { id } = await questions.create(
          questionSettings({
            form: { kind: 'choice', options: [{ de: 'Ja' }, { de: 'Teils' }, { de: 'Nein' }] },
          }),
          AT,
        );
        await questions.activate(id, AT);
        const third = answerItem(id, { kind: 'choice', value: 2 });
        const fourth = answerItem(id, { kind: 'choice', value: 3 });
        expect(await questions.ingestAnswers(plain([third, fourth]), RECEIVED)).toEqual([
          { id: third.id, status: 'accepted' },
          { id: fourth.id, status: 'rejected', reason: 'answer_not_in_form' },
        ]);
      });
    });

    it('gives results only from k answers on, then distribution, days and notes', async () => {
      await withFreshInstance(backend.kind, async ({ questions }) => {
        const { id } = await questions.create(questionSettings(), AT);
        await questions.activate(id, AT);
        const values = [5, 4, 4, 2];
        await questions.ingestAnswers(
          plain(
            values.map((value, index) =>
              answerItem(
                id,
                { kind: 'scale', value },
                {
                  createdAt: index < 2 ? '2026-12-07T09:00:00.000Z' : '2026-12-08T09:00:00.000Z',
                  ...(index === 3 ? { note: 'Zu viele Klicks' } : {}),
                },
              ),
            ),
          ),
          RECEIVED,
        );
        const below = await questions.results(id, 5);
        expect(below).toMatchObject({ shown: false, answers: 4, minAnswers: 5, missing: 1 });
        expect(below).not.toHaveProperty('distribution');
        expect(below).not.toHaveProperty('notes');

        await questions.ingestAnswers(
          plain([
            answerItem(
              id,
              { kind: 'scale', value: 1 },
              // Just after midnight in Germany: the 8th on the caseworker's calendar, the 7th in UTC.
              { note: 'Alles gut', createdAt: '2026-12-08T00:30:00.000+01:00' },
            ),
          ]),
          RECEIVED,
        );
        expect(await questions.results(id, 5)).toMatchObject({
          shown: true,
          answers: 5,
          distribution: [
            { value: '1', count: 1 },
            { value: '2', count: 1 },
            { value: '4', count: 2 },
            { value: '5', count: 1 },
          ],
          perDay: [
            { value: '2026-12-07', count: 2 },
            { value: '2026-12-08', count: 3 },
          ],
          // Sorted by text, not by arrival: a note cannot be lined up with a day or an answer.
          notes: ['Alles gut', 'Zu viele Klicks'],
        });
        expect(await questions.results(crypto.randomUUID(), 5)).toBeNull();
      });
    });

    it('keeps change markers and compares the screens they touch before and after', async () => {
      await withFreshInstance(backend.kind, async ({ questions, store }) => {
        const marker = await questions.createMarker(
          {
            day: '2026-12-01',
            title: 'Release 24.3',
            kind: 'release',
            apps: [QUESTION_APP],
            screens: [QUESTION_SCREEN],
          },
          AT,
        );
        await questions.createMarker(
          { day: '2026-11-01', title: 'Bürgergeld-Gesetz', kind: 'law', apps: ['E-Akte'], screens: [] },
          AT,
        );
        expect((await questions.listMarkers(10)).map((found) => found.title)).toEqual([
          'Release 24.3',
          'Bürgergeld-Gesetz',
        ]);
        expect(await questions.getMarker(marker.id)).toEqual(marker);

        const note = (createdAt: string, routeTemplate: string, minutesLost: number, category = 'slow') =>
          makeRecord({
            createdAt,
            minutesLost,
            category,
            context: { ...makeRecord().context, app: QUESTION_APP, routeTemplate },
          });
        await store.ingest(
          [
            note('2026-11-20T10:00:00.000Z', QUESTION_SCREEN, 10),
            note('2026-11-30T23:59:00.000Z', QUESTION_SCREEN, 5, 'error'),
            // Another screen, and a note before the weeks compared: neither counts.
            note('2026-11-25T10:00:00.000Z', '/akte/:id/leistungen', 30),
            note('2026-10-01T10:00:00.000Z', QUESTION_SCREEN, 30),
            note('2026-12-01T00:00:00.000Z', QUESTION_SCREEN, 2),
          ],
          { batchId: crypto.randomUUID(), receivedAt: RECEIVED },
        );
        expect(await questions.compareMarker(marker.id, 2)).toEqual({
          marker,
          weeks: 2,
          before: {
            from: '2026-11-17T00:00:00.000Z',
            to: '2026-12-01T00:00:00.000Z',
            notes: 2,
            minutesLost: 15,
            categories: [
              { value: 'error', count: 1 },
              { value: 'slow', count: 1 },
            ],
          },
          after: {
            from: '2026-12-01T00:00:00.000Z',
            to: '2026-12-15T00:00:00.000Z',
            notes: 1,
            minutesLost: 2,
            categories: [{ value: 'slow', count: 1 }],
          },
        });
        expect(await questions.compareMarker(crypto.randomUUID(), 2)).toBeNull();
      });
    });
  });
});
