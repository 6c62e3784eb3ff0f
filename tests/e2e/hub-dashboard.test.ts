import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastCompleteWeeks } from '../../collector/hub/weeks';
import type { RunningCollector } from '../../collector/server';
import { removeTempDirs } from '../collector/helpers';
import {
  cell,
  HUB_APP,
  HUB_SCREEN,
  JC_A,
  JC_B,
  JC_C,
  postPush,
  push,
  sharedNote,
  startTestHub,
} from '../collector/hub';
import { axeViolations, tabTo } from './support/a11y';
import { signInToDashboard } from './support/dashboard';

// The hub's dashboard (issue #19) in real Chromium against a real hub on SQLite: three job centres
// push, an officer of the hub reads the ranking across them, opens a screen, reads the shared notes,
// and publishes, edits and withdraws a notice by keyboard alone — axe-core on every page. No
// extension is involved, so the demo build is not needed.

const PASSWORD = 'correct horse battery staple';
const [W1, W2] = lastCompleteWeeks(new Date(), 2) as [string, string];

let hub: RunningCollector;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  hub = await startTestHub('sqlite');
  for (const centre of [JC_A, JC_B, JC_C]) {
    const response = await postPush(
      hub,
      push(centre.id, [W1, W2], {
        cells: [cell(centre.id, W1), cell(centre.id, W2, { minutesLost: 45 })],
        notes: centre === JC_A ? [sharedNote(centre.id, 'record-1', W2)] : [],
      }),
      centre.token,
    );
    expect(response.status).toBe(200);
  }
  await postPush(hub, push(JC_B.id, [], { cells: [cell(JC_B.id, W2, { screen: '/akte/:id' })] }), JC_B.token);
  ({ browser, page } = await signInToDashboard(hub, 'anna', PASSWORD, 'Brennpunkte über alle Jobcenter'));
});

afterAll(async () => {
  await browser?.close();
  await hub?.close();
  await removeTempDirs();
});

describe('the hub dashboard (Chromium)', () => {
  it('ranks screens by job centres affected and opens one by keyboard', async () => {
    expect(await page.getByRole('cell', { name: 'in 3 von 3 Jobcentern' }).count()).toBe(1);
    expect(await page.getByRole('cell', { name: 'in 1 von 3 Jobcentern' }).count()).toBe(1);
    // The first row is the screen in all three job centres, though the other costs as many minutes.
    const firstRow = page.getByRole('row').nth(1);
    expect(await firstRow.textContent()).toContain(HUB_SCREEN);
    expect(await axeViolations(page)).toEqual([]);

    await tabTo(page, new RegExp(HUB_SCREEN.replace(/[/:]/g, '.')));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `${HUB_SCREEN} in ${HUB_APP}`, level: 1 }).waitFor();
    expect(await page.getByRole('row', { name: new RegExp(W2) }).textContent()).toContain('135');
    // Individual job centres stay hidden unless the hub's configuration shows them.
    expect(await page.getByText(/zeigt dieser Hub nicht/).count()).toBe(1);
    expect(await page.getByText(JC_A.name).count()).toBe(0);
    expect(await page.getByText(/erst Entwurf speichern/).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${hub.url}/dashboard/hub/notes`);
    await page.getByRole('heading', { name: `${HUB_SCREEN} in ${HUB_APP}`, level: 2 }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${hub.url}/dashboard/hub/print`);
    await page.getByRole('heading', { level: 1, name: /Bericht für den Hersteller/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('publishes, edits and withdraws a notice by keyboard', async () => {
    await page.goto(`${hub.url}/dashboard/hub/notices`);
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, /^Anwendung/);
    await page.keyboard.type(HUB_APP);
    await tabTo(page, /^Bildschirm/);
    await page.keyboard.type(HUB_SCREEN);
    await tabTo(page, /Text \(Deutsch\)/);
    await page.keyboard.type('Bekannt: Speichern hängt bei langen Anträgen.');
    await tabTo(page, /Hinweis veröffentlichen/);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Gespeichert.' }).waitFor();
    expect(await page.getByRole('cell', { name: /Speichern hängt/ }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    await tabTo(page, /Bearbeiten/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Hinweis bearbeiten', level: 1 }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Art').selectOption('fixed');
    await tabTo(page, /^Behoben in Release/);
    await page.keyboard.type('24.3');
    await tabTo(page, /Änderung veröffentlichen/);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Gespeichert.' }).waitFor();
    expect(await page.getByRole('cell', { name: /\(24\.3\)/ }).count()).toBe(1);

    await tabTo(page, /Hinweis zu .* zurückziehen/);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Gespeichert.' }).waitFor();
    expect(await page.getByRole('cell', { name: 'zurückgezogen' }).count()).toBe(1);
    const feed = await (
      await fetch(`${hub.url}/hub/v1/feed`, { headers: { Authorization: `Bearer ${JC_C.token}` } })
    ).json();
    expect(feed.notices).toEqual([
      expect.objectContaining({ kind: 'fixed', fixedIn: '24.3', withdrawn: true }),
    ]);
  });
});
