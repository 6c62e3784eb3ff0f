import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../collector/officers';
import type { RunningCollector } from '../../collector/server';
import type { FeedbackRecord } from '../../utils/schema/record';
import { removeTempDirs, startTestCollector } from '../collector/helpers';
import { makeRecord } from '../support/records';
import { CHROMIUM } from './support/browser';

// Issue #16 items 11, 12 and the dashboard's part of 7, as an officer meets them in Chromium: the
// inbox at laptop width, the date fields and chart dates in the page's language whatever the browser's,
// the detail page in words, and duplicates picked from the same screen's notes.

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PASSWORD = 'correct horse battery staple';
const DAY = 86_400_000;

const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
/** `yyyy-mm-dd` of an instant in the dashboard's zone, and the same day as typed (`dd.mm.yyyy`). */
const berlinDay = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date(iso));
const typed = (day: string) => day.split('-').reverse().join('.');

const at = (app: string, routeTemplate: string, name: string, path = 'top') => ({
  ...makeRecord().context,
  app,
  routeTemplate,
  screen: { name },
  frame: { path },
});

const LONG_NOTE =
  'Beim Speichern der Bewilligung springt die Maske jedes Mal auf den ersten Reiter zurück, und die eingegebenen Beträge für Kosten der Unterkunft müssen erneut erfasst werden.';
const longRoute =
  '/akte/:aktenzeichen/leistungen/bewilligung/:bewilligungId/kosten-der-unterkunft/bearbeiten';
// The newest record: the first row of the inbox. Long route, screen name and unit, as in real data.
const wide = makeRecord({
  note: LONG_NOTE,
  context: at('Leistungsverfahren (Allegro)', longRoute, 'Kosten der Unterkunft – Bewilligung bearbeiten'),
  reporter: { mode: 'unit', unit: 'Team 412 – Leistungsgewährung U25 Nord' },
  createdAt: ago(1),
});
// The same screen as the record an officer marks: three recent notes, one too old to offer.
const screen = () => at('E-Akte', '/suche', 'Suche', 'top>frame[1]');
const marked = makeRecord({
  note: 'Die Suche findet die Akte erst beim zweiten Versuch.',
  context: screen(),
  redaction: { counts: { name: 2, aktenzeichen: 3 } },
  createdAt: ago(2),
});
const original = makeRecord({
  note: 'Suche nach Aktenzeichen liefert keine Treffer, obwohl die Akte existiert.',
  context: screen(),
  createdAt: ago(9),
});
const sibling = makeRecord({
  note: 'Suche ist sehr langsam am Montagmorgen.',
  context: screen(),
  createdAt: ago(20),
});
const tooOld = makeRecord({ note: 'Alte Notiz zur Suche (Herbst).', context: screen(), createdAt: ago(200) });
// Another route of the same application with the same screen name: its own line in the chart.
const otherRoute = Array.from({ length: 2 }, (_, i) =>
  makeRecord({
    note: `Erweiterte Suche bricht ab (${i}).`,
    context: at('E-Akte', '/suche/erweitert', 'Suche'),
    createdAt: ago(3 + 7 * i),
  }),
);
const records: FeedbackRecord[] = [wide, marked, original, sibling, tooOld, ...otherRoute];

/** The dashboard as an officer meets it, in a browser profile of one locale (page object). */
class Officer {
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly base: string,
  ) {}

  /** A signed-in officer whose browser speaks `locale`; `ui` is the language picked with the switch. */
  static async start(
    browser: Browser,
    base: string,
    options: {
      locale: string;
      ui: 'Deutsch' | 'English';
      viewport?: { width: number; height: number };
      /** Ignore the CSP, only so that axe's script can be injected. */
      axe?: boolean;
    },
  ): Promise<Officer> {
    const context = await browser.newContext({
      locale: options.locale,
      viewport: options.viewport,
      bypassCSP: options.axe ?? false,
    });
    // What the chart draws on its canvas (axis ticks), so the test can read what a person sees.
    await context.addInitScript(() => {
      const drawn: string[] = [];
      (globalThis as unknown as { __drawnText: string[] }).__drawnText = drawn;
      const fillText = CanvasRenderingContext2D.prototype.fillText;
      CanvasRenderingContext2D.prototype.fillText = function (
        text: string,
        x: number,
        y: number,
        max?: number,
      ) {
        drawn.push(String(text));
        return max === undefined ? fillText.call(this, text, x, y) : fillText.call(this, text, x, y, max);
      };
    });
    const page = await context.newPage();
    await page.goto(`${base}/dashboard`);
    await page.locator('#user').fill('anna');
    await page.locator('#password').fill(PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.locator('#result-count').waitFor();
    await page.getByRole('link', { name: options.ui, exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/dashboard');
    return new Officer(context, page, base);
  }

  async filterFrom(label: string, value: string, apply: string): Promise<void> {
    const field = this.page.getByLabel(label, { exact: true });
    await field.fill('');
    await field.pressSequentially(value);
    await this.page.getByRole('button', { name: apply }).click();
    await this.page.waitForLoadState();
  }

  async resultCount(): Promise<string> {
    return ((await this.page.locator('#result-count').textContent()) ?? '').trim();
  }

  /** Texts the page drew on canvases since it loaded. */
  drawnText(): Promise<string[]> {
    return this.page.evaluate(() => (globalThis as unknown as { __drawnText: string[] }).__drawnText);
  }

  async hotspotChart(asOfLabel: string, asOf: string, show: string): Promise<void> {
    await this.page.goto(`${this.base}/dashboard/hotspots`);
    await this.page.getByLabel(asOfLabel, { exact: true }).fill(asOf);
    await this.page.getByRole('button', { name: show }).click();
    await this.page.locator('#trend-chart[data-ready="true"] canvas').waitFor();
  }

  /** The id the record's facts name under "Duplikat von". */
  async duplicateOf(): Promise<string | null> {
    const fact = this.page.locator('dl.facts').first().locator('dt', { hasText: 'Duplikat von' });
    return fact.locator('xpath=following-sibling::dd[1]').textContent();
  }

  legendLabels(): Promise<string[]> {
    return this.page.locator('#trend-chart .u-legend .u-series .u-label').allInnerTexts();
  }

  async axeViolations(): Promise<{ id: string; targets: unknown[] }[]> {
    await this.page.addScriptTag({ content: AXE });
    return this.page.evaluate(async () => {
      const { axe } = globalThis as unknown as {
        axe: { run(): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> };
      };
      return (await axe.run()).violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target) }));
    });
  }

  close(): Promise<void> {
    return this.context.close();
  }
}

let collector: RunningCollector;
let browser: Browser;

beforeAll(async () => {
  collector = await startTestCollector();
  await collector.dashboard.putOfficer(
    { user: 'anna', passwordHash: await hashPassword(PASSWORD) },
    false,
    new Date().toISOString(),
  );
  await collector.store.ingest(records, { batchId: randomUUID(), receivedAt: new Date().toISOString() });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
});

afterAll(async () => {
  await browser?.close();
  await collector?.close();
  await removeTempDirs();
});

describe('the inbox at laptop width (issue #16 item 11)', () => {
  it('fits 1,280 px without scrolling sideways, the first row’s note in view', async () => {
    const officer = await Officer.start(browser, collector.url, {
      locale: 'de-DE',
      ui: 'Deutsch',
      viewport: { width: 1280, height: 720 },
      axe: true,
    });
    try {
      const { page } = officer;
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
      const note = page.locator('#inbox-table tbody tr').first().getByText(LONG_NOTE);
      await expect.poll(() => note.isVisible()).toBe(true);
      const box = await note.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 1280).toBe(true);
      // What left the row's columns is still on the row: category, appointment and unit.
      await expect
        .poll(() => page.locator('#inbox-table tbody tr').first().textContent())
        .toMatch(/Team 412 – Leistungsgewährung U25 Nord/);
      expect(await officer.axeViolations()).toEqual([]);
    } finally {
      await officer.close();
    }
  });
});

describe('dates in the page’s language, whatever the browser’s (issue #16 item 7)', () => {
  const day = berlinDay(original.createdAt);

  it.each([
    { profile: 'de-DE', ui: 'Deutsch' as const },
    { profile: 'en-US', ui: 'Deutsch' as const },
  ])(
    'German UI in a $profile browser: the filter dates are typed and shown as dd.mm.yyyy',
    async ({ profile, ui }) => {
      const officer = await Officer.start(browser, collector.url, { locale: profile, ui });
      try {
        const { page } = officer;
        const from = page.getByLabel('Erstellt ab (Datum)', { exact: true });
        expect(await from.getAttribute('placeholder')).toBe('TT.MM.JJJJ');
        await officer.filterFrom('Erstellt ab (Datum)', typed(day), 'Filter anwenden');
        // From the original's day on: it, the marked one, the newest, and one of the other route.
        expect(await officer.resultCount()).toBe('4 Rückmeldungen');
        expect(await page.getByLabel('Erstellt ab (Datum)', { exact: true }).inputValue()).toBe(typed(day));
        expect(new URL(page.url()).searchParams.get('from')).toBe(typed(day));
      } finally {
        await officer.close();
      }
    },
  );

  it('English UI: the same field, its pattern named in English', async () => {
    const officer = await Officer.start(browser, collector.url, {
      locale: 'en-US',
      ui: 'English',
      axe: true,
    });
    try {
      const { page } = officer;
      await officer.filterFrom('Created from (date)', typed(day), 'Apply filters');
      expect(await officer.resultCount()).toBe('4 feedback records');
      expect(await page.getByLabel('Created from (date)', { exact: true }).inputValue()).toBe(typed(day));
      await expect
        .poll(() => page.locator('#f-from-hint').textContent())
        .toBe('Format DD.MM.YYYY, e.g. 31.12.2026');
      expect(await officer.axeViolations()).toEqual([]);
    } finally {
      await officer.close();
    }
  });

  it('the chart’s axis shows German dates in a German UI, even in an English browser, and each line its own label', async () => {
    const officer = await Officer.start(browser, collector.url, { locale: 'en-US', ui: 'Deutsch' });
    try {
      await officer.hotspotChart('Stichtag', typed(berlinDay(new Date().toISOString())), 'Anzeigen');
      const drawn = await officer.drawnText();
      expect(drawn.filter((text) => /^\d{1,2}\/\d{1,2}$/.test(text))).toEqual([]);
      expect(drawn.some((text) => /^\d{2}\.\d{2}\.$/.test(text))).toBe(true);

      const labels = (await officer.legendLabels()).slice(1); // the first is the x series ("Woche ab")
      expect(labels).toContain('E-Akte: Suche (/suche)');
      expect(labels).toContain('E-Akte: Suche (/suche/erweitert)');
      expect(new Set(labels).size).toBe(labels.length);
    } finally {
      await officer.close();
    }
  });

  it('the chart’s axis shows English dates in an English UI', async () => {
    const officer = await Officer.start(browser, collector.url, { locale: 'de-DE', ui: 'English' });
    try {
      await officer.hotspotChart('As of', typed(berlinDay(new Date().toISOString())), 'Show');
      const drawn = await officer.drawnText();
      expect(drawn.filter((text) => /^\d{1,2}\/\d{1,2}$/.test(text))).toEqual([]);
      expect(drawn.some((text) => /^\d{1,2} [A-Z][a-z]{2}$/.test(text))).toBe(true);
    } finally {
      await officer.close();
    }
  });
});

describe('the detail page (issue #16 item 12)', () => {
  it.each([
    { ui: 'Deutsch' as const, frame: 'Rahmen 2', masks: '2 Namen, 3 Aktenzeichen maskiert' },
    { ui: 'English' as const, frame: 'Frame 2', masks: '2 names, 3 file references masked' },
  ])('names the frame and the masks in words ($ui)', async ({ ui, frame, masks }) => {
    const officer = await Officer.start(browser, collector.url, { locale: 'de-DE', ui, axe: true });
    try {
      const { page } = officer;
      await page.goto(`${collector.url}/dashboard/records/${marked.id}`);
      const facts = await page.locator('#h-context + dl').textContent();
      expect(facts).toContain(frame);
      expect(facts).toContain(masks);
      expect(facts).not.toMatch(/top|aktenzeichen: 3|name: 2/);
      expect(await officer.axeViolations()).toEqual([]);
    } finally {
      await officer.close();
    }
  });

  it('offers the same screen’s recent notes to mark a duplicate of, by keyboard', async () => {
    const officer = await Officer.start(browser, collector.url, { locale: 'de-DE', ui: 'Deutsch' });
    try {
      const { page } = officer;
      await page.goto(`${collector.url}/dashboard/records/${marked.id}`);
      const choices = page.getByRole('group', { name: /Ähnliche Rückmeldungen zu diesem Bildschirm/ });
      const radios = choices.getByRole('radio');
      // Newest first; not the record itself, not the other route, not the one from 200 days ago.
      expect(await radios.count()).toBe(2);
      await expect
        .poll(() => choices.textContent())
        .toMatch(/Suche nach Aktenzeichen[\s\S]*Suche ist sehr langsam/);
      expect(await choices.textContent()).not.toMatch(/Alte Notiz|Erweiterte Suche|zweiten Versuch/);

      await radios.first().focus();
      await page.keyboard.press('Space');
      expect(await page.getByRole('radio', { name: /Suche nach Aktenzeichen/ }).isChecked()).toBe(true);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowUp');
      await page.getByRole('button', { name: 'Als Duplikat markieren' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('status').filter({ hasText: 'Als Duplikat markiert.' }).waitFor();
      expect(await officer.duplicateOf()).toBe(original.id);
      // The mark shows as the chosen entry when the page comes back.
      expect(await page.getByRole('radio', { name: /Suche nach Aktenzeichen/ }).isChecked()).toBe(true);
      expect(await page.getByLabel(/Andere Rückmeldung \(ID/).inputValue()).toBe('');
    } finally {
      await officer.close();
    }
  });

  it('keeps the id field for an original from another screen', async () => {
    const officer = await Officer.start(browser, collector.url, { locale: 'de-DE', ui: 'Deutsch' });
    try {
      const { page } = officer;
      await page.goto(`${collector.url}/dashboard/records/${sibling.id}`);
      await page.getByLabel(/Andere Rückmeldung \(ID/).fill(wide.id);
      await page.getByRole('button', { name: 'Als Duplikat markieren' }).click();
      await page.getByRole('status').filter({ hasText: 'Als Duplikat markiert.' }).waitFor();
      expect(await officer.duplicateOf()).toBe(wide.id);
    } finally {
      await officer.close();
    }
  });
});
