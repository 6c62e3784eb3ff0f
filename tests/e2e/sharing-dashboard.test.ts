import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCollector } from '../../collector/server';
import { BATCH, removeTempDirs, startTestCollector } from '../collector/helpers';
import { JC_A, startTestHub } from '../collector/hub';
import { makeRecord } from '../support/records';
import { axeViolations, tabTo, typeInto } from './support/a11y';
import { signInToDashboard } from './support/dashboard';

// The job centre's sharing pages (issue #19) in real Chromium, against a real collector and a real hub:
// an officer switches sharing on, reads the preview, sends now and shares a note by keyboard alone; the
// hub's notice then shows beside the note. axe-core on every page.

const PASSWORD = 'correct horse battery staple';
const APP = 'VerBIS';
const SCREEN = '/kunde/:id';

let hub: RunningCollector;
let collector: RunningCollector;
let browser: Browser;
let page: Page;
let firstId: string;

beforeAll(async () => {
  hub = await startTestHub('sqlite');
  collector = await startTestCollector({ shareRetryMs: 200 });
  const base = makeRecord();
  const created = new Date(Date.now() - 86_400_000).toISOString();
  const records = Array.from({ length: 5 }, () =>
    makeRecord({ createdAt: created, context: { ...base.context, app: APP, routeTemplate: SCREEN } }),
  );
  firstId = records[0]?.id as string;
  await collector.store.ingest(records, BATCH);
  await hub.hub.publishNotice(
    { kind: 'known-issue', app: APP, screen: SCREEN, text: { de: 'Der Hersteller kennt den Fehler.' } },
    new Date().toISOString(),
  );
  ({ browser, page } = await signInToDashboard(collector, 'anna', PASSWORD));
});

afterAll(async () => {
  await browser?.close();
  await collector?.close();
  await hub?.close();
  await removeTempDirs();
});

describe('Teilen mit dem Hub in the dashboard (Chromium)', () => {
  it('switches sharing on, previews and sends by keyboard; the log and the notice show, axe-clean', async () => {
    await page.goto(`${collector.url}/dashboard/sharing`);
    await page.getByText('Das Teilen ist ausgeschaltet').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await tabTo(page, /Mit dem Hub teilen/);
    await page.keyboard.press('Space');
    await typeInto(page, /Adresse des Hubs/, hub.url);
    await typeInto(page, /Kennung des Jobcenters/, JC_A.id);
    await typeInto(page, /Zugangsschlüssel/, JC_A.token);
    await tabTo(page, /Einstellungen speichern/);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Gespeichert.' }).waitFor();
    expect(await page.content()).not.toContain(JC_A.token);
    // The preview: the one cell of five notes.
    const cells = page.getByRole('table', { name: /Zahlen \(Zellen\) \(1\)/ });
    await cells.waitFor();
    expect(await cells.getByRole('row').count()).toBe(2);
    expect(await axeViolations(page)).toEqual([]);

    await tabTo(page, /Jetzt senden/);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Der Push ist geplant' }).waitFor();
    await expect
      .poll(async () => {
        await page.reload();
        return page.locator('#share-log tr[data-state="sent"]').count();
      })
      .toBeGreaterThan(0);
    expect(await page.getByRole('table', { name: /Protokoll/ }).textContent()).toContain('Gesendet am');
    expect(await axeViolations(page)).toEqual([]);

    // Beside the hotspot ranking: the screen with the hub's notice, linked to its notes.
    await page.goto(`${collector.url}/dashboard/hotspots`);
    const beside = page.getByRole('table', { name: 'Hinweise des Hubs und Vergleich mit der Region' });
    expect(await beside.textContent()).toContain('Bekanntes Problem');
    expect(await axeViolations(page)).toEqual([]);

    // The note's page: the hub's notice beside the note, and the share mark by keyboard.
    await page.goto(`${collector.url}/dashboard?app=${APP}&route=${encodeURIComponent(SCREEN)}`);
    await page.getByText('Der Hersteller kennt den Fehler.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${collector.url}/dashboard/records/${firstId}`);
    await page.getByText('Bekanntes Problem').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, /^\s*Mit anderen Jobcentern teilen\s*$/);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Nicht mehr teilen' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await collector.sharing.store.isShared(firstId)).toBe(true);
  });
});
