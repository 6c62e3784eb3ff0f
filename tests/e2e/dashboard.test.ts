import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../collector/officers';
import type { RunningCollector } from '../../collector/server';
import type { FeedbackRecord } from '../../utils/schema/record';
import { postJson, removeTempDirs, startTestCollector } from '../collector/helpers';
import { makeRecord, secretOf } from '../support/records';
import { CHROMIUM } from './support/browser';

// The officers' dashboard in real Chromium against a real collector: sign in, filter, open a record,
// answer it, export, read the hotspots; axe-core on every page. No extension is involved.

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PASSWORD = 'correct horse battery staple';

/** The dashboard as an officer meets it (page object). */
class Dashboard {
  constructor(
    readonly page: Page,
    readonly base: string,
  ) {}

  async signIn(user: string, password: string): Promise<void> {
    await this.page.goto(`${this.base}/dashboard`);
    await this.page.getByLabel('Benutzername').fill(user);
    await this.page.getByLabel('Passwort').fill(password);
    await this.page.getByRole('button', { name: 'Anmelden' }).click();
    await this.page.getByRole('heading', { name: 'Eingang', level: 1 }).waitFor();
  }

  async filter(fields: Record<string, string>): Promise<void> {
    for (const [label, value] of Object.entries(fields)) {
      const field = this.page.getByLabel(label, { exact: true });
      if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
      else await field.fill(value);
    }
    await this.page.getByRole('button', { name: 'Filter anwenden' }).click();
    await this.page.waitForLoadState();
  }

  async resultCount(): Promise<string> {
    return ((await this.page.locator('#result-count').textContent()) ?? '').trim();
  }

  /** Opens the record whose row shows `note`. */
  async open(note: string): Promise<void> {
    await this.page.getByRole('row').filter({ hasText: note }).getByRole('link').first().click();
    await this.page.locator('#note').waitFor();
  }

  async answer(status: string, reply: string): Promise<void> {
    await this.page.getByLabel('Neuer Status').selectOption({ label: status });
    await this.page.getByLabel('Antwort an die Sachbearbeitung').fill(reply);
    await this.page.getByRole('button', { name: 'Speichern' }).click();
    await this.page.getByRole('status').filter({ hasText: 'Gespeichert.' }).waitFor();
  }

  /** Downloads the export of the current filter and returns its bytes. */
  async exportCsv(separator: 'Semikolon (;)' | 'Komma (,)'): Promise<Buffer> {
    await this.page.getByLabel('Format').selectOption({ label: 'CSV für Excel' });
    await this.page.getByLabel('Trennzeichen').selectOption({ label: separator });
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('button', { name: 'Herunterladen' }).click(),
    ]);
    return readFile((await download.path()) as string);
  }

  async hotspots(options: { asOf: string; period: string; rankBy: string }): Promise<string[]> {
    await this.page.getByRole('link', { name: 'Brennpunkte' }).click();
    await this.page.getByLabel('Stichtag').fill(options.asOf);
    await this.page.getByLabel('Zeitraum').selectOption({ label: options.period });
    await this.page.getByLabel('Rangfolge nach').selectOption({ label: options.rankBy });
    await this.page.getByRole('button', { name: 'Anzeigen' }).click();
    await this.page.locator('#hotspot-table').waitFor();
    return this.page.locator('#hotspot-table tbody tr td:nth-child(3) code').allInnerTexts();
  }
}

/** Violations axe-core finds on the page now (any impact). */
async function axeViolations(page: Page): Promise<{ id: string; impact: string; targets: unknown[] }[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const { axe } = globalThis as unknown as {
      axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }> };
    };
    return (await axe.run()).violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => n.target),
    }));
  });
}

let collector: RunningCollector;
let browser: Browser;
let context: BrowserContext;
let dashboard: Dashboard;
const cspViolations: string[] = [];
const thisWeek = '2026-11-24T09:00:00.000+01:00';
const at = (app: string, routeTemplate: string, name: string) => ({
  ...makeRecord().context,
  app,
  routeTemplate,
  screen: { name },
});
const answered = makeRecord({
  note: 'Der Bescheiddruck bricht nach der zweiten Seite ab.',
  context: at('Leistungsverfahren', '/bescheid', 'Bescheid'),
  impact: 'blocks',
  createdAt: thisWeek,
});
const records: FeedbackRecord[] = [
  answered,
  ...Array.from({ length: 3 }, () =>
    makeRecord({
      context: at('Leistungsverfahren', '/bescheid', 'Bescheid'),
      impact: 'blocks',
      createdAt: thisWeek,
    }),
  ),
  ...Array.from({ length: 5 }, (_, i) =>
    makeRecord({
      note: `Suche findet die Akte nicht (${i}) =HYPERLINK("http://x")`,
      context: at('E-Akte', '/suche', 'Suche'),
      impact: 'minor',
      createdAt: thisWeek,
    }),
  ),
  ...Array.from({ length: 2 }, () =>
    makeRecord({
      context: at('Vermittlung', '/termin', 'Termine'),
      impact: 'slows',
      minutesLost: 120,
      createdAt: thisWeek,
    }),
  ),
];

beforeAll(async () => {
  collector = await startTestCollector();
  await collector.dashboard.putOfficer(
    { user: 'anna', passwordHash: await hashPassword(PASSWORD) },
    false,
    new Date().toISOString(),
  );
  await collector.store.ingest(records, { batchId: randomUUID(), receivedAt: '2026-11-25T10:05:00.120Z' });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  context = await browser.newContext({ locale: 'de-DE', acceptDownloads: true });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  dashboard = new Dashboard(page, collector.url);
  await dashboard.signIn('anna', PASSWORD);
});

afterAll(async () => {
  await browser?.close();
  await collector?.close();
  await removeTempDirs();
});

describe('officers’ dashboard in Chromium', () => {
  it('signs in and lists the feedback', async () => {
    expect(await dashboard.resultCount()).toBe('11 Rückmeldungen');
    await expect.poll(() => dashboard.page.title()).toBe('Eingang – Mitsprache – Auswertung');
  });

  it('filters by application and impact, and searches the notes', async () => {
    await dashboard.filter({ Anwendung: 'E-Akte', Auswirkung: 'minor' });
    expect(await dashboard.resultCount()).toBe('5 Rückmeldungen');

    await dashboard.filter({ Anwendung: '', Auswirkung: '', 'Suche in Notizen': 'bescheiddruck' });
    expect(await dashboard.resultCount()).toBe('1 Rückmeldung');
  });

  it('opens a record, sets status and reply; the caseworker’s status query returns them', async () => {
    await dashboard.open('Der Bescheiddruck bricht');
    await dashboard.answer('Gelöst', 'Behoben mit Release 24.3 – danke!');

    const response = await postJson(`${collector.endpoint}/status`, {
      ids: [answered.id],
      secrets: { [answered.id]: secretOf(answered) },
    });
    expect(await response.json()).toEqual({
      updates: [
        {
          id: answered.id,
          status: 'solved',
          reply: 'Behoben mit Release 24.3 – danke!',
          updatedAt: expect.any(String),
        },
      ],
      cursor: expect.stringMatching(/^\d+$/),
    });
    await expect
      .poll(() => dashboard.page.locator('#h-history + table tbody tr').first().textContent())
      .toMatch(/Gelöst.*Behoben mit Release 24\.3 – danke!.*anna/);
  });

  it('exports the filtered list as CSV for German Excel', async () => {
    await dashboard.page.goto(`${collector.url}/dashboard`);
    await dashboard.filter({ Anwendung: 'E-Akte' });

    const bytes = await dashboard.exportCsv('Semikolon (;)');

    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(
      'ID;Erstellt;Empfangen;Anwendung;Bildschirm;Bildschirm (Route);Kategorie;Auswirkung;Im Kundentermin;Verlorene Minuten;Organisationseinheit;Status;Antwort an die Sachbearbeitung;Duplikat von;Notiz;Vom Collector maskiert',
    );
    expect(lines).toHaveLength(7); // header, five records, and the empty string after the last CRLF
    expect(
      lines
        .slice(1, 6)
        .every((line) => /;24\.11\.2026 09:00;25\.11\.2026 11:05;E-Akte;Suche;\/suche;/.test(line)),
    ).toBe(true);
    expect(lines[1]).toMatch(/;"Suche findet die Akte nicht \(\d\) =HYPERLINK\(""http:\/\/x""\)";\d+$/);
  });

  it('ranks the hotspots on the seeded data and draws the weekly trend with uPlot', async () => {
    const byScore = await dashboard.hotspots({
      asOf: '2026-11-26',
      period: 'letzte 4 Wochen',
      rankBy: 'Gewichtete Auswirkung (blockiert = 3, hält auf = 2, geringfügig = 1)',
    });
    expect(byScore).toEqual(['/bescheid', '/suche', '/termin']);

    const byMinutes = await dashboard.hotspots({
      asOf: '2026-11-26',
      period: 'letzte 4 Wochen',
      rankBy: 'Verlorene Minuten',
    });
    expect(byMinutes).toEqual(['/termin', '/suche', '/bescheid']);
    // The chart is drawn by the script the CSP allows: uPlot's canvas inside the figure.
    await dashboard.page.locator('#trend-chart[data-ready="true"] canvas').waitFor();
  });

  it('is operable by keyboard: the skip link comes first and lands on the content', async () => {
    await dashboard.page.goto(`${collector.url}/dashboard`);
    await dashboard.page.keyboard.press('Tab');
    await expect
      .poll(() => dashboard.page.evaluate(() => document.activeElement?.textContent))
      .toBe('Zum Inhalt springen');
    await dashboard.page.keyboard.press('Enter');
    await expect.poll(() => dashboard.page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it('raised no CSP violation on any page it showed', () => {
    expect(cspViolations).toEqual([]);
  });

  it('has no axe-core violations on sign-in, inbox, detail, hotspots and print pages', async () => {
    // A second context that ignores the CSP, only so axe's script can be injected.
    const axeContext = await browser.newContext({ locale: 'de-DE', bypassCSP: true });
    try {
      const page = await axeContext.newPage();
      const pages = [
        '/dashboard/signin',
        '/dashboard',
        `/dashboard?app=E-Akte&sort=impact&dir=desc`,
        `/dashboard/records/${answered.id}`,
        '/dashboard/hotspots?asOf=2026-11-26&weeks=4',
        '/dashboard/hotspots/print?asOf=2026-11-26&weeks=4',
      ];
      const signInPage = new Dashboard(page, collector.url);
      await page.goto(`${collector.url}/dashboard/signin`);
      const found: Record<string, unknown> = { '/dashboard/signin': await axeViolations(page) };
      await signInPage.signIn('anna', PASSWORD);
      for (const pathname of pages.slice(1)) {
        await page.goto(`${collector.url}${pathname}`);
        found[pathname] = await axeViolations(page);
      }

      expect(found).toEqual(Object.fromEntries(pages.map((pathname) => [pathname, []])));
    } finally {
      await axeContext.close();
    }
  });
});
