import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCollector } from '../../collector/server';
import { postJson, removeTempDirs, startTestCollector } from '../collector/helpers';
import { answerItem, QUESTION_APP } from '../collector/questions';
import { makeBatch, makeRecord } from '../support/records';
import { axeViolations, tabTo, typeInto } from './support/a11y';
import { signInToDashboard } from './support/dashboard';

// The question and change-marker pages of the officers' dashboard (issue #18) in real Chromium against
// a real collector: an officer writes a question, activates it and enters a change marker by keyboard
// alone; axe-core on every page, including the results below and from k answers. No extension is
// involved (its side of questions comes with the extension's own tests).

const PASSWORD = 'correct horse battery staple';

let collector: RunningCollector;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  collector = await startTestCollector();
  ({ browser, page } = await signInToDashboard(collector, 'anna', PASSWORD));
});

afterAll(async () => {
  await browser?.close();
  await collector?.close();
  await removeTempDirs();
});

describe('questions and change markers in the dashboard (Chromium)', () => {
  it('enters a change marker by keyboard, and its before/after is axe-clean', async () => {
    await page.goto(`${collector.url}/dashboard/markers`);
    expect(await axeViolations(page)).toEqual([]);
    await typeInto(page, /^Datum/, '01.12.2026');
    await typeInto(page, /^Titel/, 'Release 24.3');
    await typeInto(page, /^Anwendungen/, QUESTION_APP);
    await tabTo(page, /Änderung speichern/);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Gespeichert.' }).waitFor();
    expect(await page.getByRole('cell', { name: 'Release 24.3', exact: true }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    await tabTo(page, /Vorher\/Nachher/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Vorher/Nachher: Release 24.3', level: 1 }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // On the hotspots' trend: drawn on the chart, listed with a link below it.
    const notes = ['2026-11-24T10:00:00.000Z', '2026-12-02T10:00:00.000Z'].map((createdAt) =>
      makeRecord({ createdAt }),
    );
    expect((await postJson(collector.endpoint, makeBatch(notes))).status).toBe(200);
    await page.goto(`${collector.url}/dashboard/hotspots?asOf=2026-12-07&weeks=4`);
    await page.locator('#trend-chart[data-ready="true"]').waitFor();
    expect(
      await page
        .getByRole('list', { name: /Änderungen im Zeitraum/ })
        .getByRole('link')
        .allTextContents(),
    ).toEqual(['01.12.2026 – Release 24.3']);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('writes and activates a question by keyboard; results below and from k are axe-clean', async () => {
    await page.goto(`${collector.url}/dashboard/questions`);
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, /Neue Frage/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Neue Frage', level: 1 }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await typeInto(page, /Fragetext \(Deutsch\)/, 'Klappt der neue Schritt für Sie?');
    await typeInto(page, /^Anwendung\s/, QUESTION_APP);
    await typeInto(page, /Aktiv ab/, '01.12.2026');
    await typeInto(page, /Aktiv bis/, '31.12.2098');
    // The scale is the form chosen by default; its end labels:
    await typeInto(page, /Beschriftung bei 1 \(Deutsch\)/, 'gar nicht');
    await typeInto(page, /Beschriftung bei 5 \(Deutsch\)/, 'sehr gut');
    await tabTo(page, /Gehört zur Änderung/);
    await page.keyboard.press('ArrowDown');
    await tabTo(page, /Entwurf speichern/);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Gespeichert.' }).waitFor();
    expect(await page.getByRole('heading', { level: 2, name: 'Zustand: Entwurf' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: /Release 24\.3/ }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    await tabTo(page, /Aktivieren/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Zustand: Aktiv' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    const id = /\/dashboard\/questions\/([0-9a-f-]{36})/.exec(page.url())?.[1] as string;

    await tabTo(page, /^\s*Ergebnisse/);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'es fehlen 5' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    const answers = [5, 4, 4, 2, 1].map((value) => answerItem(id, { kind: 'scale', value }));
    expect((await postJson(collector.endpoint, makeBatch(answers))).status).toBe(200);
    await page.reload();
    const table = page.getByRole('table', { name: 'Verteilung der Antworten' });
    await table.waitFor();
    expect(await table.getByRole('row').count()).toBe(6);
    expect(await axeViolations(page)).toEqual([]);

    // English too.
    await page.goto(
      `${collector.url}/dashboard/lang?to=en&back=${encodeURIComponent(`/dashboard/questions/${id}/results`)}`,
    );
    await page.getByRole('table', { name: 'Distribution of the answers' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});
