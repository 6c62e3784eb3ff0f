import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCollector, startCollector } from '../../collector/server';
import { type ExtensionBrowser, launchWithExtension } from './support/browser';

// The settings page end to end: the built extension in the machine's Chromium, "Test connection"
// against the real collector.

const TOKEN = 'e2e-ingest-token';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The settings page as a user meets it (page object). */
class OptionsPage {
  constructor(readonly page: Page) {}

  static async open(ext: ExtensionBrowser): Promise<OptionsPage> {
    const page = await ext.context.newPage();
    await page.goto(`chrome-extension://${ext.extensionId}/options.html`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    return new OptionsPage(page);
  }

  field(label: RegExp | string): Locator {
    return this.page.getByLabel(label, { exact: typeof label === 'string' });
  }
  get endpoint() {
    return this.field('Empfangsadresse');
  }
  get token() {
    return this.field('Zugangsschlüssel');
  }
  get testResult() {
    return this.page.getByTestId('test-result');
  }
  get saveStatus() {
    return this.page.getByTestId('save-status');
  }
  get errorSummary() {
    return this.page.getByTestId('error-summary');
  }

  async testConnection(): Promise<string> {
    await this.page.getByRole('button', { name: 'Verbindung testen' }).click();
    const result = this.testResult.locator('[data-result]');
    await result.waitFor();
    return (await result.textContent()) ?? '';
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Speichern', exact: true }).click();
  }

  /** What the background holds: local settings in storage.local (never the token). */
  async stored(ext: ExtensionBrowser): Promise<Record<string, unknown> | undefined> {
    return ext.worker.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: typeof import('webextension-polyfill') }).chrome;
      return (await api.storage.local.get('settings')).settings as Record<string, unknown> | undefined;
    });
  }
}

let ext: ExtensionBrowser;
let collector: RunningCollector;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'mitsprache-collector-'));
  collector = await startCollector({ port: 0, dataDir, ingestTokens: [TOKEN] });
  ext = await launchWithExtension();
});
afterAll(async () => {
  await ext?.close();
  await collector?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the settings page', () => {
  it('shows field errors in German and saves nothing while the form is invalid', async () => {
    const options = await OptionsPage.open(ext);
    const before = await options.stored(ext);
    await options.endpoint.fill('http://feedback.jobcenter.example/api/v1/feedback');
    await expect.poll(() => options.endpoint.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await options.endpoint.getAttribute('aria-describedby')) ?? '';
    const error = options.page.locator(`#${describedBy.split(' ').find((id) => id.endsWith('-error'))}`);
    expect(await error.textContent()).toContain('muss mit https:// beginnen');

    await options.field('Rückmeldungen je Übertragung').fill('0');
    await options.save();
    await options.errorSummary.waitFor();
    expect(await options.errorSummary.textContent()).toContain('Bitte korrigieren Sie 2 Angaben');
    // The summary takes focus and links to the field.
    expect(await options.errorSummary.evaluate((el) => el === document.activeElement)).toBe(true);
    await options.errorSummary.getByRole('link', { name: /Empfangsadresse/ }).click();
    expect(await options.endpoint.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await options.stored(ext)).toEqual(before);
    await options.page.close();
  });

  it('explains "Test connection" in plain words: unreachable, TLS, 401, OK', async () => {
    const options = await OptionsPage.open(ext);
    await options.endpoint.fill('http://127.0.0.1:9/api/v1/feedback');
    expect(await options.testConnection()).toMatch(/Keine Verbindung/);

    // An https address on a port that speaks plain http: the machine answers, the TLS handshake fails.
    await options.endpoint.fill(collector.endpoint.replace('http://', 'https://'));
    expect(await options.testConnection()).toMatch(/sichere Verbindung \(TLS\) scheitert/);

    await options.endpoint.fill(collector.endpoint);
    await options.token.fill('falscher-schluessel');
    expect(await options.testConnection()).toMatch(/lehnt aber den Zugangsschlüssel ab/);

    await options.endpoint.fill(`${collector.url}/api/v1/anderswo`);
    await options.token.fill(TOKEN);
    expect(await options.testConnection()).toMatch(/keinen Mitsprache-Empfänger/);

    await options.endpoint.fill(collector.endpoint);
    expect(await options.testConnection()).toMatch(/Alles in Ordnung.*mitsprache-collector/);
    await options.page.close();
  });

  it('saves a valid configuration; the token stays out of storage.local and shows masked', async () => {
    const options = await OptionsPage.open(ext);
    await options.endpoint.fill(collector.endpoint);
    await options.token.fill(TOKEN);
    expect(await options.token.getAttribute('type')).toBe('password');
    await options.field('Übertragung alle … Minuten').fill('2,5');
    await options.field('Team oder Dienststelle').fill('Team Leistung 3');
    await options.field('Wer eine Rückmeldung gegeben hat').selectOption('unit');
    await options.save();
    await expect.poll(() => options.saveStatus.textContent()).toContain('Gespeichert');

    const stored = await options.stored(ext);
    expect(stored).toMatchObject({
      endpoint: collector.endpoint,
      syncPeriodMinutes: 2.5,
      unitLabel: 'Team Leistung 3',
    });
    expect(JSON.stringify(stored)).not.toContain(TOKEN);

    await options.page.reload();
    await options.endpoint.waitFor();
    expect(await options.endpoint.inputValue()).toBe(collector.endpoint);
    expect(await options.token.inputValue()).toBe(TOKEN);
    expect(await options.field('Übertragung alle … Minuten').inputValue()).toBe('2,5');
    await options.page.close();
  });

  it('exports without the token unless asked, and imports only a valid file', async () => {
    const options = await OptionsPage.open(ext);
    const exportFile = async () => {
      const download = options.page.waitForEvent('download');
      await options.page.getByRole('button', { name: 'Einstellungen exportieren' }).click();
      const path = await (await download).path();
      return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    };
    const plain = await exportFile();
    expect(plain).toMatchObject({ version: 1, endpoint: collector.endpoint, unitLabel: 'Team Leistung 3' });
    expect(plain).not.toHaveProperty('token');
    await options.page.getByLabel('Zugangsschlüssel mit exportieren').check();
    expect((await exportFile()).token).toBe(TOKEN);

    let previous = '';
    const importText = async (text: string) => {
      await options.page.getByLabel('Datei zum Import auswählen').setInputFiles({
        name: 'einstellungen.json',
        mimeType: 'application/json',
        buffer: Buffer.from(text),
      });
      const result = options.page.getByTestId('import-result');
      await expect
        .poll(async () => (await result.textContent()) !== previous && (await result.textContent()) !== '')
        .toBe(true);
      previous = (await result.textContent()) ?? '';
      return previous;
    };
    const before = await options.stored(ext);
    const bad = await importText(
      JSON.stringify({
        ...plain,
        unitLabel: 'Team 9',
        batchSize: 0,
        sites: [{ pattern: 'eakte', app: 'E-Akte' }],
      }),
    );
    expect(bad).toContain('nicht übernommen');
    expect(bad).toContain('Rückmeldungen je Übertragung: Zu klein (mindestens 1).');
    expect(bad).toContain(
      'Anwendungen mit Feedback-Knopf › Eintrag 1 › Adressmuster: Kein gültiges Adressmuster',
    );
    expect(await options.stored(ext)).toEqual(before);

    expect(await importText('{ kein json')).toContain('keine gültige Mitsprache-Einstellungsdatei');

    const good = await importText(JSON.stringify({ ...plain, unitLabel: 'Team 9' }));
    expect(good).toContain('übernommen und gespeichert');
    expect(await options.stored(ext)).toMatchObject({ unitLabel: 'Team 9' });
    expect(await options.field('Team oder Dienststelle').inputValue()).toBe('Team 9');
    // The token was not in the file and stays as it was.
    expect(await options.token.inputValue()).toBe(TOKEN);
    await options.page.close();
  });

  it('passes axe-core without serious or critical violations', async () => {
    const options = await OptionsPage.open(ext);
    // Shown with errors too: error texts and aria-invalid must be accessible as well.
    await options.endpoint.fill('http://nicht-sicher.example');
    await options.page.getByRole('button', { name: 'Anwendung hinzufügen' }).click();
    await options.save();
    await options.errorSummary.waitFor();
    // The extension page's CSP forbids inline script tags; evaluate goes through the debugger instead.
    await options.page.evaluate(AXE);
    const violations = await options.page.evaluate(async () => {
      const axe = (
        globalThis as unknown as {
          axe: {
            run(): Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }>;
          };
        }
      ).axe;
      const result = await axe.run();
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        targets: v.nodes.map((n) => n.target),
      }));
    });
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    await options.page.close();
  });

  it('is operable by keyboard alone', async () => {
    const options = await OptionsPage.open(ext);
    await options.page.keyboard.press('Tab');
    const focused = () =>
      options.page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el ? `${el.tagName}:${el.id || el.textContent?.trim()}` : '';
      });
    // The first stop is the endpoint; typing and Tab reach "Test connection", Enter runs it.
    expect(await focused()).toBe('INPUT:f-endpoint');
    await options.page.keyboard.press('Control+A');
    await options.page.keyboard.type(collector.endpoint);
    const seen: string[] = [];
    for (let i = 0; i < 10 && !(await focused()).startsWith('BUTTON:Verbindung testen'); i++) {
      await options.page.keyboard.press('Tab');
      seen.push(await focused());
    }
    expect(await focused()).toBe('BUTTON:Verbindung testen');
    await options.page.keyboard.press('Enter');
    await options.testResult.locator('[data-result]').waitFor();
    expect(await options.testResult.textContent()).toMatch(/Alles in Ordnung/);
    // Every control on the way had a visible label (the fields are labelled, see axe above) and
    // Tab never got stuck.
    expect(new Set(seen).size).toBe(seen.length);
    await options.page.close();
  });
});
