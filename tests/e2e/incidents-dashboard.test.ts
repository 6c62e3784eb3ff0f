import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCollector } from '../../collector/server';
import { postJson, removeTempDirs, startTestCollector } from '../collector/helpers';
import { newEpisode, outageRecord } from '../collector/outages';
import { makeBatch, secretOf } from '../support/records';
import { axeViolations, tabTo } from './support/a11y';
import { signInToDashboard } from './support/dashboard';

// The incident pages of the officers' dashboard (issue #17) in real Chromium against a real collector:
// the banner on every page, confirming with a status text and closing by keyboard alone, axe-core on
// each state. No extension is involved (the extension's side of outages has its own tests).

const PASSWORD = 'correct horse battery staple';
const APP = 'Leistungsverfahren';

let collector: RunningCollector;
let browser: Browser;
let page: Page;
const records = [newEpisode(), newEpisode(), newEpisode()].map((episode) =>
  outageRecord(APP, episode, { kind: 'http', code: '503' }),
);

beforeAll(async () => {
  collector = await startTestCollector();
  for (const record of records) await postJson(collector.endpoint, makeBatch([record]));
  ({ browser, page } = await signInToDashboard(collector, 'anna', PASSWORD));
});

afterAll(async () => {
  await browser?.close();
  await collector?.close();
  await removeTempDirs();
});

describe('incidents in the dashboard (Chromium)', () => {
  it('shows the open incident at the top of every page, axe-clean', async () => {
    const found: Record<string, unknown> = {};
    for (const pathname of ['/dashboard', '/dashboard/hotspots', '/dashboard/incidents']) {
      await page.goto(`${collector.url}${pathname}`);
      const banner = page.getByRole('region', { name: 'Laufende Störungen' });
      await expect.poll(() => banner.textContent()).toContain(`${APP}: gestört seit`);
      expect(await banner.textContent()).toContain('3 Meldungen von 3 Installationen');
      found[pathname] = await axeViolations(page);
    }
    expect(found).toEqual({ '/dashboard': [], '/dashboard/hotspots': [], '/dashboard/incidents': [] });
  });

  it('confirms with a status text and closes it by keyboard; the reporters see each step', async () => {
    await page.goto(`${collector.url}/dashboard`);
    await tabTo(page, /Details zur Störung Leistungsverfahren/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `Störung: ${APP}`, level: 1 }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await tabTo(page, /Öffentlicher Statustext/);
    await page.keyboard.type('IT ist informiert.');
    await tabTo(page, /Bestätigen: IT ist informiert/);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Gespeichert.' }).waitFor();
    expect(await page.getByRole('heading', { level: 2, name: /Zustand: Bestätigt/ }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    const status = await postJson(`${collector.endpoint}/status`, {
      ids: records.map((record) => record.id),
      secrets: Object.fromEntries(records.map((record) => [record.id, secretOf(record)])),
    });
    const { updates } = (await status.json()) as {
      updates: { incident?: { state: string; statusText: string } }[];
    };
    expect(updates.map((update) => update.incident)).toEqual(
      records.map(() => expect.objectContaining({ state: 'known', statusText: 'IT ist informiert.' })),
    );

    await tabTo(page, /Störung beenden/);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Gespeichert.' }).waitFor();
    expect(await page.getByRole('region', { name: 'Laufende Störungen' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    // English, and the history on the hotspots page.
    await page.goto(`${collector.url}/dashboard/lang?to=en&back=/dashboard/hotspots`);
    await page.getByRole('heading', { name: 'Outages per application (last 12 months)' }).waitFor();
    expect(await page.getByRole('table', { name: APP }).getByRole('row').count()).toBe(2);
    expect(await axeViolations(page)).toEqual([]);
  });
});
