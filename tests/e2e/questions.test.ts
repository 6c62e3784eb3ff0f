import Database from 'better-sqlite3';
import type { Frame, Page, Worker } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DemoServer, startDemoServer } from '../../scripts/demo-server';
import type { AnswerEntry } from '../../utils/schema/outbox';
import { activeQuestion } from '../collector/dashboard/officer';
import { AXE } from './support/a11y';
import { type ExtensionBrowser, launchWithExtension } from './support/browser';
import { type CollectorRig, INGEST_TOKEN, startCollectorRig } from './support/collector';
import { FeedbackUi, sendNow, setSettings, setToken } from './support/pages';

// Issue #18, the caseworker's side, with the real collector: an officer writes and activates a question
// for one screen of the demo application; the status poll brings it; the button counts it on that
// screen and not on another; the caseworker answers in the note dialog by keyboard alone; the answer
// reaches the collector exactly once; policy switched off hides everything.

const APP = 'Demo-Jobcenter';
const SCREEN = '/akte/:id/uebersicht';
const CUSTOMER_NUMBER = '123D456789';

let demo: DemoServer;
let ext: ExtensionBrowser;
let rig: CollectorRig;

beforeAll(async () => {
  demo = await startDemoServer();
});
afterAll(async () => {
  await demo?.close();
});
beforeEach(async () => {
  rig = await startCollectorRig();
  ext = await launchWithExtension();
  await setToken(ext.worker, INGEST_TOKEN);
  await setSettings(ext.worker, {
    endpoint: rig.endpoint,
    sites: [
      {
        pattern: `http://127.0.0.1:${demo.port}/*`,
        app: APP,
        screenSelectors: [],
        allowedParams: ['tab'],
        sensitiveSelectors: [],
      },
    ],
  });
});
afterEach(async () => {
  await ext?.close();
  await rig?.close();
});

/** An officer writes a question for one screen of the demo application and activates it (dashboard forms). */
async function officerAsks(screen = SCREEN, text = 'Klappt die neue Übersicht für Sie?'): Promise<string> {
  return activeQuestion(rig.collector, {
    textDe: text,
    app: APP,
    screens: `${screen}\n`,
    from: '01.12.2026',
    to: '31.12.2098',
    formKind: 'scale',
    lowDe: 'gar nicht',
    highDe: 'sehr gut',
    noteAllowed: '1',
  });
}

/** The answers the collector stored, with how often each id is there. */
function storedAnswers(): {
  id: string;
  question_id: string;
  answer: string;
  note: string | null;
  n: number;
}[] {
  const db = new Database(rig.collector.databaseFile, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare('SELECT id, question_id, answer, note, COUNT(*) AS n FROM question_answers GROUP BY id')
      .all() as never;
  } finally {
    db.close();
  }
}

/** Reads one object store of the extension's IndexedDB through its service worker. */
function readStore<T>(worker: Worker, store: 'answers' | 'questions'): Promise<T[]> {
  return worker.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('mitsprache');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction(name).objectStore(name).getAll();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result as T[]);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    store,
  );
}

/** A demo screen with the button shown and the background's count arrived. */
async function screen(path: string): Promise<{ page: Page; ui: FeedbackUi }> {
  const page = await ext.context.newPage();
  await page.goto(`${demo.url}${path}`);
  const ui = new FeedbackUi(page);
  await page.locator('mitsprache-feedback .root[data-q]').waitFor({ state: 'attached' });
  return { page, ui };
}

function countOf(ui: FeedbackUi): Promise<string | null> {
  return ui.page.locator('mitsprache-feedback .count').textContent();
}

/** Presses Shift+Tab in the dialog until the focused element matches. */
async function shiftTabTo(page: Page, frame: Frame, matches: string): Promise<void> {
  for (let presses = 0; presses < 30; presses++) {
    await page.keyboard.press('Shift+Tab');
    if (await frame.evaluate((s) => document.activeElement?.matches(s) ?? false, matches)) return;
  }
  throw new Error(`nothing matching ${matches} reached by Shift+Tab`);
}

async function dialogFrame(page: Page): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => f.url().includes('/note-dialog.html'))).toBe(true);
  return page.frames().find((f) => f.url().includes('/note-dialog.html')) as Frame;
}

async function axeViolationsIn(frame: Frame): Promise<{ id: string }[]> {
  // Through the DevTools protocol, so the extension page's CSP does not stop axe's script.
  await frame.evaluate(AXE);
  return frame.evaluate(async () => {
    const { axe } = globalThis as unknown as {
      axe: { run(): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> };
    };
    return (await axe.run()).violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target) }));
  });
}

describe('questions to caseworkers (Chromium, real collector)', () => {
  it('counts the question on its screen only, takes the answer by keyboard, and delivers it exactly once', async () => {
    const questionId = await officerAsks();
    // The existing status poll brings it; "send now" polls at once.
    await sendNow(ext.worker);
    await expect
      .poll(async () => (await readStore<{ id: string }>(ext.worker, 'questions')).map((q) => q.id))
      .toEqual([questionId]);

    const elsewhere = await screen('/akte/JC-2024-004711/leistungen');
    expect(await countOf(elsewhere.ui)).toBe('');
    expect(await elsewhere.ui.button.getAttribute('aria-label')).toBe(
      'Rückmeldung zu diesem Bildschirm geben',
    );
    await elsewhere.page.close();

    const { page, ui } = await screen('/akte/JC-2024-004711/uebersicht');
    expect(await countOf(ui)).toBe('1 Frage');
    expect(await ui.button.getAttribute('aria-label')).toBe(
      'Rückmeldung zu diesem Bildschirm geben – 1 Frage',
    );

    // By keyboard: focus on the button, Enter; the dialog opens on the note, the question is above it.
    await ui.button.focus();
    await page.keyboard.press('Enter');
    const question = ui.dialog.getByTestId('question');
    await question.waitFor();
    await ui.note.waitFor();
    const frame = await dialogFrame(page);
    expect(await question.getByRole('group', { name: 'Klappt die neue Übersicht für Sie?' }).count()).toBe(1);
    expect(await axeViolationsIn(frame)).toEqual([]);

    await shiftTabTo(page, frame, 'input[type="radio"]');
    // Arrow keys move through the scale and choose: to 4.
    for (let i = 0; i < 5; i++) {
      const focused = await frame.evaluate(() => (document.activeElement as HTMLInputElement).value);
      if (focused === '4') break;
      await page.keyboard.press(Number(focused) > 4 ? 'ArrowLeft' : 'ArrowRight');
    }
    expect(await question.getByRole('radio', { name: '4', exact: true }).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.type(`Schneller, aber Kundennummer ${CUSTOMER_NUMBER} stand im Titel.`);
    await page.keyboard.press('Tab');
    expect(await frame.evaluate(() => document.activeElement?.textContent)).toBe('Antwort speichern');
    await page.keyboard.press('Enter');
    await question.getByTestId('question-saved').waitFor();
    expect(await axeViolationsIn(frame)).toEqual([]);

    // On the device: one answer, the note redacted before it was stored.
    const [stored] = await readStore<AnswerEntry>(ext.worker, 'answers');
    expect(stored).toMatchObject({
      questionId,
      status: 'pending',
      answer: { kind: 'answer', answer: { kind: 'scale', value: 4 }, app: APP, routeTemplate: SCREEN },
    });
    expect(stored?.answer.note).toMatch(/^Schneller, aber Kundennummer /);
    expect(stored?.answer.note).not.toContain(CUSTOMER_NUMBER);

    // Closed, the button counts no open question any more.
    await page.keyboard.press('Escape');
    await expect.poll(() => countOf(ui)).toBe('');

    await sendNow(ext.worker);
    await expect.poll(() => storedAnswers().length, { timeout: 30_000 }).toBe(1);
    await sendNow(ext.worker);
    const answers = storedAnswers();
    expect(answers).toEqual([
      { id: stored?.id, question_id: questionId, answer: '4', note: stored?.answer.note, n: 1 },
    ]);
    await expect
      .poll(async () => (await readStore<AnswerEntry>(ext.worker, 'answers')).map((a) => a.status))
      .toEqual(['sent']);
    await page.close();
  });

  it('opens from the shortcut; the outbox shows the answer, changes and withdraws it until it is sent', async () => {
    await officerAsks();
    await sendNow(ext.worker);
    const { page, ui } = await screen('/akte/JC-2024-004711/uebersicht');
    expect(await countOf(ui)).toBe('1 Frage');
    await ext.worker.evaluate(() =>
      (
        globalThis as unknown as { mitsprache: { runCommand(c: string): Promise<void> } }
      ).mitsprache.runCommand('open-feedback'),
    );
    const question = ui.dialog.getByTestId('question');
    await question.getByRole('radio', { name: '2', exact: true }).check();
    await question.getByRole('button', { name: 'Antwort speichern' }).click();
    await question.getByTestId('question-saved').waitFor();
    const [given] = await readStore<AnswerEntry>(ext.worker, 'answers');

    const popup = await ext.context.newPage();
    await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`);
    const row = popup.getByTestId('answer-row');
    await row.filter({ hasText: 'Klappt die neue Übersicht für Sie?' }).waitFor();
    expect(await row.textContent()).toContain('Ihre Antwort: 2');
    expect(await row.textContent()).toContain('Wartet auf Versand');
    expect(await axeViolationsIn(popup.mainFrame())).toEqual([]);
    await row.getByRole('button', { name: 'Antwort ändern' }).click();
    await popup.getByRole('radio', { name: '5 – sehr gut' }).check();
    expect(await axeViolationsIn(popup.mainFrame())).toEqual([]);
    await popup.getByRole('button', { name: 'Antwort speichern' }).click();
    await popup.getByTestId('notice').filter({ hasText: 'Antwort geändert.' }).waitFor();
    await row.filter({ hasText: 'Ihre Antwort: 5 – sehr gut' }).waitFor();
    // Changed, not answered twice: the same answer (id) with the new value.
    const [changed] = await readStore<AnswerEntry>(ext.worker, 'answers');
    expect(changed?.id).toBe(given?.id);
    expect(changed?.answer.answer).toEqual({ kind: 'scale', value: 5 });

    await row.getByRole('button', { name: 'Antwort zurückziehen' }).click();
    await popup.getByTestId('notice').filter({ hasText: 'Antwort zurückgezogen.' }).waitFor();
    await row.waitFor({ state: 'detached' });
    expect(await readStore(ext.worker, 'answers')).toEqual([]);
    await sendNow(ext.worker);
    expect(storedAnswers()).toEqual([]);
    // Withdrawn, the question is open again on its screen.
    await page.reload();
    await expect.poll(() => countOf(ui)).toBe('1 Frage');
    await popup.close();
    await page.close();
  });

  it('prompts (policy on) once per question, never past the cap a day; "Beantworten" opens the question', async () => {
    await setSettings(ext.worker, {
      questionPrompt: true,
      questionPromptsPerDay: 1,
      questionPromptsPerWeek: 3,
    });
    await officerAsks();
    await officerAsks('/akte/:id/leistungen', 'Finden Sie die Leistungen schneller?');
    await sendNow(ext.worker);
    await expect.poll(async () => (await readStore(ext.worker, 'questions')).length).toBe(2);

    const first = await screen('/akte/JC-2024-004711/uebersicht');
    const prompt = (page: Page) => page.locator('mitsprache-feedback [data-testid="question-prompt"]');
    expect(await prompt(first.page).textContent()).toContain('Klappt die neue Übersicht für Sie?');
    // It never takes the focus: whatever the caseworker does on the page goes on.
    expect(await first.page.evaluate(() => document.activeElement === document.body)).toBe(true);
    await prompt(first.page).getByRole('button', { name: 'Beantworten' }).focus();
    await first.page.keyboard.press('Enter');
    await first.ui.dialog.getByTestId('question').waitFor();
    expect(await prompt(first.page).count()).toBe(0);
    await first.page.close();

    // Once per question: not again on its screen (the count stays, the question is not answered).
    const again = await screen('/akte/JC-2024-004711/uebersicht');
    expect(await countOf(again.ui)).toBe('1 Frage');
    expect(await prompt(again.page).count()).toBe(0);
    await again.page.close();
    // The other question is open on its screen, but the cap of one prompt a day is used.
    const other = await screen('/akte/JC-2024-004711/leistungen');
    expect(await countOf(other.ui)).toBe('1 Frage');
    expect(await prompt(other.page).count()).toBe(0);
    await other.page.close();

    // With a cap of two a day the other question is offered; "Nicht mehr fragen" by keyboard closes it on
    // this device: no longer counted.
    await setSettings(ext.worker, { questionPromptsPerDay: 2 });
    const offered = await screen('/akte/JC-2024-004711/leistungen');
    expect(await prompt(offered.page).textContent()).toContain('Finden Sie die Leistungen schneller?');
    await prompt(offered.page).getByRole('button', { name: 'Nicht mehr fragen' }).focus();
    await offered.page.keyboard.press('Enter');
    expect(await prompt(offered.page).count()).toBe(0);
    await expect
      .poll(async () => {
        await offered.page.reload();
        await offered.page.locator('mitsprache-feedback .root[data-q]').waitFor({ state: 'attached' });
        return countOf(offered.ui);
      })
      .toBe('');
    await offered.page.close();
  });

  it('switched off: no question kept, no count, nothing in the dialog', async () => {
    await officerAsks();
    await sendNow(ext.worker);
    await expect.poll(async () => (await readStore(ext.worker, 'questions')).length).toBe(1);
    await setSettings(ext.worker, { questionsEnabled: false });
    await sendNow(ext.worker);
    expect(await readStore(ext.worker, 'questions')).toEqual([]);

    const { page, ui } = await screen('/akte/JC-2024-004711/uebersicht');
    expect(await page.locator('mitsprache-feedback .root').getAttribute('data-q')).toBe('');
    expect(await countOf(ui)).toBe('');
    await ui.open();
    // The preview shows once the dialog's setup (which would carry the questions) has arrived.
    await ui.type('Ein Test');
    await ui.preview.waitFor();
    expect(await ui.dialog.getByTestId('question').count()).toBe(0);
    await page.close();
  });
});
