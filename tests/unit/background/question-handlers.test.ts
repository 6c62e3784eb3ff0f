import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../../utils/schema/settings';
import { readAnswers } from '../../../utils/store/answers';
import { replaceQuestions } from '../../../utils/store/questions';
import { contentSender, dialogSender, searchPageCapture, workerStarted } from '../../support/captures';
import { resetDb } from '../../support/db';
import { testQuestion } from '../../support/questions';

// Questions in the background (issue #18): the content script is told a count for its screen, the
// dialog gets the open questions of the captured screen and answers only those, note redacted.

const TAB = 7;
/** The popup as a sender: an extension page without a tab. */
const popup = { id: 'mitsprache', url: 'chrome-extension://mitsprache/popup.html' };
const SITE = {
  pattern: 'http://127.0.0.1:5173/*',
  app: 'Demo-Jobcenter',
  screenSelectors: [],
  allowedParams: [],
  sensitiveSelectors: [],
};
const HERE = testQuestion({ app: 'Demo-Jobcenter', screens: ['/suche'], to: '2099-01-01T00:00:00.000Z' });
const THERE = testQuestion({
  id: '00000000-0000-4000-8000-0000000000aa',
  app: 'Demo-Jobcenter',
  screens: ['/akte/:id'],
  to: '2099-01-01T00:00:00.000Z',
});

async function handlers(patch: Partial<Settings> = {}) {
  await workerStarted();
  const { captureHandlers } = await import('../../../entrypoints/background/capture-handlers');
  const { questionHandlers } = await import('../../../entrypoints/background/question-handlers');
  const deps = {
    settings: async () => ({ ...DEFAULT_SETTINGS, sites: [SITE], ...patch }),
    onRecordSaved: vi.fn(),
  };
  return { ...captureHandlers(deps), ...questionHandlers(deps), deps };
}

async function openDialog(h: Awaited<ReturnType<typeof handlers>>) {
  const captureId = crypto.randomUUID();
  await h['capture:begin']({ capture: searchPageCapture(), captureId }, contentSender(TAB));
  const setup = await h['dialog:setup']({ captureId }, dialogSender(TAB));
  return { captureId, setup };
}

beforeEach(() => replaceQuestions([HERE, THERE]));
afterEach(async () => {
  vi.useRealTimers();
  await resetDb();
});

describe('questions in the background', () => {
  it('counts the open questions of the content script’s screen, none when switched off', async () => {
    expect(await (await handlers({ uiLanguage: 'de' }))['content:questions']({}, contentSender(TAB))).toEqual(
      {
        count: 1,
        text: '1 Frage',
      },
    );
    const off = await handlers({ questionsEnabled: false });
    expect(await off['content:questions']({ canPrompt: true }, contentSender(TAB))).toEqual({
      count: 0,
      text: '',
    });
    expect((await openDialog(off)).setup.questions).toEqual([]);
  });

  it('asks the dialog the screen’s question, stores the answer with the note redacted, then counts it answered', async () => {
    const h = await handlers();
    const { captureId, setup } = await openDialog(h);
    expect(setup.questions).toEqual([{ id: HERE.id, text: HERE.text, form: HERE.form, noteAllowed: true }]);
    const { id } = await h['question:answer'](
      {
        captureId,
        questionId: HERE.id,
        input: {
          value: { kind: 'scale', value: 2 },
          note: 'Max Mustermann wartet, IBAN DE89370400440532013000.',
        },
      },
      dialogSender(TAB),
    );
    const [entry] = await readAnswers();
    expect(entry).toMatchObject({
      id,
      questionId: HERE.id,
      status: 'pending',
      answer: { app: 'Demo-Jobcenter', routeTemplate: '/suche', answer: { kind: 'scale', value: 2 } },
    });
    expect(entry?.answer.note).not.toContain('Mustermann');
    expect(entry?.answer.note).not.toContain('DE89370400440532013000');
    expect(h.deps.onRecordSaved).toHaveBeenCalledTimes(1);
    expect(await h['content:questions']({}, contentSender(TAB))).toMatchObject({ count: 0 });
    expect((await openDialog(h)).setup.questions).toEqual([]);
  });

  it.each([
    ['a question of another screen', THERE.id, { value: { kind: 'scale', value: 2 } }, 'not_found'],
    [
      'a value the form does not offer',
      HERE.id,
      { value: { kind: 'yesNo', value: 'yes' } },
      'invalid_record',
    ],
  ] as const)('refuses %s', async (_name, questionId, input, code) => {
    const h = await handlers();
    const { captureId } = await openDialog(h);
    await expect(
      h['question:answer']({ captureId, questionId, input }, dialogSender(TAB)),
    ).rejects.toMatchObject({
      code,
    });
    expect(await readAnswers()).toEqual([]);
  });

  it('lists answers for the popup, changeable while queued, and the questions open on the active tab', async () => {
    const h = await handlers();
    const { captureId } = await openDialog(h);
    await h['question:answer'](
      { captureId, questionId: HERE.id, input: { value: { kind: 'scale', value: 3 } } },
      dialogSender(TAB),
    );
    const list = await h['answers:list']({ tabUrl: 'http://127.0.0.1:5173/akte/4711' }, popup);
    expect(list.open.map((q) => q.id)).toEqual([THERE.id]);
    expect(list.items).toEqual([
      expect.objectContaining({ value: { kind: 'scale', value: 3 }, status: 'pending', changeable: true }),
    ]);
    await h['answers:change']({ questionId: HERE.id, input: { value: { kind: 'scale', value: 1 } } }, popup);
    expect((await readAnswers())[0]?.answer.answer).toEqual({ kind: 'scale', value: 1 });
    await h['answers:withdraw']({ questionId: HERE.id }, popup);
    expect(await readAnswers()).toEqual([]);
  });

  describe('the prompt (policy questionPrompt)', () => {
    const SECOND = testQuestion({
      id: '00000000-0000-4000-8000-0000000000bb',
      app: 'Demo-Jobcenter',
      screens: ['/suche'],
      from: '2026-12-01T23:00:00.000Z',
      to: '2099-01-01T00:00:00.000Z',
    });
    const prompted = async (h: Awaited<ReturnType<typeof handlers>>) =>
      (await h['content:questions']({ canPrompt: true }, contentSender(TAB))).prompt?.questionId;

    it('is off by default', async () => {
      expect(await prompted(await handlers())).toBeUndefined();
    });

    it('offers each question once, within the cap per day, in the caseworker’s words', async () => {
      await replaceQuestions([HERE, SECOND]);
      const h = await handlers({ questionPrompt: true, questionPromptsPerDay: 1, uiLanguage: 'de' });
      const first = await h['content:questions']({ canPrompt: true }, contentSender(TAB));
      expect(first.prompt).toEqual({
        questionId: HERE.id,
        text: HERE.text.de,
        label: 'Eine kurze Frage der Digitalisierungsbeauftragten',
        answer: 'Beantworten',
        later: 'Später',
        never: 'Nicht mehr fragen',
      });
      // The cap of one a day holds for the second question; the first is never offered again.
      expect(await prompted(h)).toBeUndefined();
      const two = await handlers({ questionPrompt: true, questionPromptsPerDay: 2 });
      expect(await prompted(two)).toBe(SECOND.id);
      expect(await prompted(two)).toBeUndefined();
    });

    it('holds the cap per week across days', async () => {
      await replaceQuestions([HERE, SECOND]);
      const h = await handlers({ questionPrompt: true, questionPromptsPerDay: 5, questionPromptsPerWeek: 1 });
      expect(await prompted(h)).toBe(HERE.id);
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + 3 * 24 * 60 * 60 * 1000);
      expect(await prompted(h)).toBeUndefined();
      vi.setSystemTime(Date.now() + 5 * 24 * 60 * 60 * 1000);
      expect(await prompted(h)).toBe(SECOND.id);
    });

    it('is not offered when the page did not ask (a field had focus), nor after "Nicht mehr fragen"', async () => {
      const h = await handlers({ questionPrompt: true, questionPromptsPerDay: 5 });
      expect((await h['content:questions']({}, contentSender(TAB))).prompt).toBeUndefined();
      await h['question:prompt-never']({ questionId: HERE.id }, contentSender(TAB));
      expect(await prompted(h)).toBeUndefined();
      // "Nicht mehr fragen": the question is no longer open here — not counted, not in the dialog.
      expect(await h['content:questions']({}, contentSender(TAB))).toMatchObject({ count: 0, text: '' });
      expect((await openDialog(h)).setup.questions).toEqual([]);
      await expect(
        h['question:prompt-never']({ questionId: THERE.id }, contentSender(TAB)),
      ).rejects.toMatchObject({
        code: 'not_found',
      });
    });
  });
});
