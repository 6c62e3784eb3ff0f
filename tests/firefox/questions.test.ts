import Database from 'better-sqlite3';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, startDemoServer } from '../../scripts/demo-server';
import { activeQuestion } from '../collector/dashboard/officer';
import { type CollectorRig, INGEST_TOKEN, startCollectorRig } from '../e2e/support/collector';
import { background, FeedbackPage, storeSettings, storeToken } from './support/extension';
import { EXTENSION_UUID, type FirefoxWithExtension, launchFirefox } from './support/firefox';

// Issue #18 in Firefox ESR with the real collector: an officer's question for one screen of the demo
// application comes with the status poll, the button counts it there, the caseworker answers it in
// the note dialog, and the answer reaches the collector exactly once.

const APP = 'Demo-Jobcenter';

let demo: DemoServer;
let rig: CollectorRig;
let firefox: FirefoxWithExtension;
let extensionPage: Page;

beforeAll(async () => {
  demo = await startDemoServer();
  rig = await startCollectorRig({ extensionIds: [EXTENSION_UUID] });
  firefox = await launchFirefox();
  extensionPage = await firefox.openExtensionPage('options.html');
});
afterAll(async () => {
  await firefox?.close();
  await rig?.close();
  await demo?.close();
});

function storedAnswers(): { id: string; n: number }[] {
  const db = new Database(rig.collector.databaseFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT id, COUNT(*) AS n FROM question_answers GROUP BY id').all() as never;
  } finally {
    db.close();
  }
}

describe('questions in Firefox', () => {
  it('counts the question on its screen, takes the answer in the dialog and delivers it once', async () => {
    await activeQuestion(rig.collector, {
      textDe: 'Klappt die neue Übersicht für Sie?',
      app: APP,
      screens: '/akte/:id/uebersicht\n',
      from: '01.12.2026',
      to: '31.12.2098',
      formKind: 'yesNo',
    });

    await storeToken(extensionPage, INGEST_TOKEN);
    await storeSettings(extensionPage, { endpoint: rig.endpoint });
    expect((await background(extensionPage, 'syncNow')).outcome).toBe('ok');

    const page = await firefox.browser.newPage();
    await page.goto(`${demo.url}/akte/JC-2024-004711/uebersicht`);
    // Polled: puppeteer's selector wait watches mutations of the document, not of our shadow root.
    const count = await page.waitForFunction(
      () =>
        document
          .querySelector('mitsprache-feedback')
          ?.shadowRoot?.querySelector('.root')
          ?.getAttribute('data-q'),
      { polling: 100 },
    );
    expect(await count.jsonValue()).toMatch(/^1 (Frage|question)$/);

    const ui = new FeedbackPage(page);
    const dialog = await ui.open();
    await dialog.waitForSelector('[data-testid="question"]');
    await dialog.click('[data-testid="question"] input[type="radio"][value="yes"]');
    await dialog.click('[data-testid="question"] button');
    await dialog.waitForSelector('[data-testid="question-saved"]');
    await page.close();

    await background(extensionPage, 'syncNow');
    await expect.poll(() => storedAnswers().length, { timeout: 30_000 }).toBe(1);
    await background(extensionPage, 'syncNow');
    expect(storedAnswers().map((row) => row.n)).toEqual([1]);
  });
});
