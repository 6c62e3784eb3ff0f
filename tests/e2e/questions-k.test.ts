import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, startDemoServer } from '../../scripts/demo-server';
import { activeQuestion, signedInOfficer } from '../collector/dashboard/officer';
import { type ExtensionBrowser, launchWithExtension } from './support/browser';
import { type CollectorRig, INGEST_TOKEN, startCollectorRig } from './support/collector';
import { FeedbackUi, sendNow, setSettings, setToken } from './support/pages';

// Issue #18, the k rule end to end: k caseworkers, each in a browser profile of their own (a device of
// its own, as at k desks), answer one question through the extension; the officers' results page shows
// no distribution with k − 1 answers and shows it from the k-th. k is 3, the floor no setting goes below.

const APP = 'Demo-Jobcenter';
const K = 3;

let demo: DemoServer;
let rig: CollectorRig;
let questionId: string;

beforeAll(async () => {
  demo = await startDemoServer();
  rig = await startCollectorRig({ questionsMinAnswers: K });
  questionId = await activeQuestion(rig.collector, {
    textDe: 'Klappt die neue Übersicht für Sie?',
    app: APP,
    screens: '/akte/:id/uebersicht\n',
    from: '01.12.2026',
    to: '31.12.2098',
    formKind: 'yesNo',
  });
});
afterAll(async () => {
  await rig?.close();
  await demo?.close();
});

/** One desk: a fresh profile answers "Ja" on the question's screen and sends it. */
async function answerAtOneDesk(): Promise<void> {
  const ext: ExtensionBrowser = await launchWithExtension();
  try {
    await setToken(ext.worker, INGEST_TOKEN);
    await setSettings(ext.worker, {
      endpoint: rig.endpoint,
      sites: [
        {
          pattern: `http://127.0.0.1:${demo.port}/*`,
          app: APP,
          screenSelectors: [],
          allowedParams: [],
          sensitiveSelectors: [],
        },
      ],
    });
    await sendNow(ext.worker);
    const page = await ext.context.newPage();
    await page.goto(`${demo.url}/akte/JC-2024-004711/uebersicht`);
    const ui = new FeedbackUi(page);
    await expect.poll(() => page.locator('mitsprache-feedback .count').textContent()).toBe('1 Frage');
    await ui.button.click();
    const question = ui.dialog.getByTestId('question');
    await question.getByRole('radio', { name: 'Ja', exact: true }).check();
    // Counted before the save: the sync the saved answer starts itself may deliver it at once.
    const before = (await rig.collector.questions.results(questionId, K))?.answers ?? 0;
    await question.getByRole('button', { name: 'Antwort speichern' }).click();
    await question.getByTestId('question-saved').waitFor();
    // "Send now" until it arrives: a sync the saved answer started itself may hold the lease when the
    // first press comes, and then that press sends nothing.
    await expect
      .poll(
        async () => {
          await sendNow(ext.worker);
          return (await rig.collector.questions.results(questionId, K))?.answers ?? 0;
        },
        { timeout: 30_000 },
      )
      .toBe(before + 1);
  } finally {
    await ext.close();
  }
}

describe('the k rule with k desks (Chromium, real collector)', () => {
  it('shows no distribution below k answers and shows it from the k-th, each answer from its own profile', async () => {
    const { officer } = await signedInOfficer(rig.collector);
    for (let desk = 1; desk < K; desk++) await answerAtOneDesk();
    const below = await officer.page(`/dashboard/questions/${questionId}/results`);
    expect(below).toContain('id="results-hidden"');
    expect(below).not.toContain('id="results-distribution"');

    await answerAtOneDesk();
    const from = await officer.page(`/dashboard/questions/${questionId}/results`);
    expect(from).not.toContain('id="results-hidden"');
    expect(from).toContain('id="results-distribution"');
  });
});
