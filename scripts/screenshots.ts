/**
 * Screenshots for the README and the docs (docs/screenshots/): the note dialog over the demo app, the
 * popup's outbox, the settings page and the officers' dashboard, at 1280×720, in German and English.
 * Run `npm run build:demo` first, then `npx tsx scripts/screenshots.ts`. Uses the machine's Chromium and
 * the real collector on a temporary SQLite file; nothing leaves this machine.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { hashPassword } from '../collector/officers';
import { startCollector } from '../collector/server';
import { CHROMIUM, CHROMIUM_ARGS, launchWithExtension } from '../tests/e2e/support/browser';
import { makeRecord } from '../tests/support/records';
import { startDemoServer } from './demo-server';

const OUT = path.resolve('docs/screenshots');
const VIEWPORT = { width: 1280, height: 720 };
const LANGS = [
  {
    code: 'de',
    locale: 'de-DE',
    note: 'Die Dokumentenliste lädt sehr langsam, Frau Petra Kowalczyk wartet.',
  },
  {
    code: 'en',
    locale: 'en-US',
    note: 'The document list loads very slowly while Ms Petra Kowalczyk waits.',
  },
] as const;
const OFFICER = { user: 'anna', password: 'screenshots only, not a real password' };

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
  console.log(`docs/screenshots/${name}.png`);
}

/** The caseworker's side: the dialog over the demo app, then the popup and the settings page. */
async function extensionScreens(demoUrl: string, lang: (typeof LANGS)[number]): Promise<void> {
  const ext = await launchWithExtension({ lang: lang.locale });
  try {
    const page = await ext.context.newPage();
    await page.setViewportSize(VIEWPORT);
    await page.goto(`${demoUrl}/akte/JC-2024-004711/uebersicht`);
    await page.locator('mitsprache-feedback button.open').click();
    const dialog = page.frameLocator('mitsprache-feedback iframe.frame');
    const note = dialog.locator('textarea').first();
    await note.waitFor();
    // The dialog asks for focus once more after it is shown; type until the text is there.
    for (let tries = 0; (await note.inputValue()) !== lang.note && tries < 20; tries++)
      await note.fill(lang.note);
    await dialog.getByTestId('note-preview').waitFor();
    await shoot(page, `dialog-${lang.code}`);
    await dialog.getByLabel(/Art der Rückmeldung|Kind of feedback/).selectOption('slow');
    await dialog.getByRole('radio', { name: /^(Hält mich auf|Slows me down)$/ }).check();
    await note.press('Control+Enter');
    // Saved: the dialog confirms and closes by itself (an older dialog stays open with its confirmation).
    await Promise.any([
      page.locator('mitsprache-feedback iframe.frame').waitFor({ state: 'hidden', timeout: 10_000 }),
      dialog.getByTestId('saved').waitFor({ timeout: 10_000 }),
    ]);

    for (const [surface, file] of [
      ['popup', 'popup.html'],
      ['options', 'options.html'],
    ] as const) {
      const tab = await ext.context.newPage();
      await tab.setViewportSize(VIEWPORT);
      await tab.goto(`chrome-extension://${ext.extensionId}/${file}`);
      await tab.locator('main, body > *').first().waitFor();
      await tab.waitForLoadState('networkidle');
      await shoot(tab, `${surface}-${lang.code}`);
      await tab.close();
    }
  } finally {
    await ext.close({ removeProfile: true });
  }
}

/** The officer's side: inbox, one note and the hotspots, on a collector seeded with notes of a week. */
async function dashboardScreens(base: string, lang: (typeof LANGS)[number]): Promise<void> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
  try {
    const context = await browser.newContext({ locale: lang.locale, viewport: VIEWPORT });
    const page = await context.newPage();
    await page.goto(`${base}/dashboard`);
    await page.locator('#user').fill(OFFICER.user);
    await page.locator('#password').fill(OFFICER.password);
    await page.locator('button[type="submit"]').click();
    await page.locator('h1').waitFor();
    await shoot(page, `dashboard-inbox-${lang.code}`);
    await page.locator('tbody tr a').first().click();
    await page.locator('#note').waitFor();
    await shoot(page, `dashboard-note-${lang.code}`);
    await page.goto(`${base}/dashboard/hotspots`);
    await page.locator('h1').waitFor();
    await shoot(page, `dashboard-hotspots-${lang.code}`);
  } finally {
    await browser.close();
  }
}

const NOTES: [string, string, string, string][] = [
  [
    'E-Akte',
    '/akte/:id/dokumente',
    'Dokumente',
    'Die Dokumentenliste lädt 40 Sekunden, während die Kundin wartet.',
  ],
  ['E-Akte', '/suche', 'Suche', 'Die Suche findet die Akte nicht, wenn der Name einen Bindestrich hat.'],
  ['Leistungsverfahren', '/bescheid', 'Bescheid', 'Der Bescheid zeigt den alten Regelbedarf.'],
  ['Vermittlung', '/termin', 'Termine', 'Termine lassen sich nicht auf den Nachmittag legen.'],
  ['E-Akte', '/akte/:id/dokumente', 'Dokumente', 'Nach dem Update fehlen die Vorschaubilder.'],
];

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mitsprache-screenshots-'));
  const demo = await startDemoServer();
  const collector = await startCollector({
    port: 0,
    dataDir,
    ingestTokens: ['screenshots'],
    adminTokens: ['screenshots-admin'],
  });
  try {
    await collector.dashboard.putOfficer(
      { user: OFFICER.user, passwordHash: await hashPassword(OFFICER.password) },
      false,
      new Date().toISOString(),
    );
    const now = Date.now();
    const records = Array.from({ length: 24 }, (_, i) => {
      const [app, routeTemplate, name, note] = NOTES[i % NOTES.length] as (typeof NOTES)[number];
      const base = makeRecord();
      return makeRecord({
        note,
        category: ['slow', 'error', 'cumbersome', 'missing'][i % 4] as string,
        minutesLost: (i * 7) % 30,
        createdAt: new Date(now - i * 3_600_000 * 5).toISOString(),
        context: { ...base.context, app, routeTemplate, screen: { ...base.context.screen, name } },
      });
    });
    await collector.store.ingest(records, { batchId: randomUUID(), receivedAt: new Date().toISOString() });
    for (const lang of LANGS) {
      await extensionScreens(demo.url, lang);
      await dashboardScreens(collector.url, lang);
    }
  } finally {
    await collector.close();
    await demo.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
