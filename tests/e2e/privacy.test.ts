import { describe, expect, it } from 'vitest';
import { type CollectorRig, INGEST_TOKEN, startCollectorRig } from './support/collector';
import { FeedbackUi, readRecords, setSettings, setToken } from './support/pages';
import { leaks } from './support/pii';
import { demoWithExtension } from './support/suite';

// Privacy by design, end to end: feedback filed on every demo screen full of planted client data, with
// notes that repeat that data, must leave none of it in the extension's IndexedDB.

const NOTE =
  'Bei Herrn Max Mustermann (geb. 14.03.1985, Kd-Nr. 123D456789, BG 12345//0012345) lässt sich die IBAN ' +
  'DE89 3704 0044 0532 0130 00 nicht speichern. Rückruf unter 030 23125 471 oder max.mustermann@example.org, ' +
  'Anschrift Musterstraße 12a, 12345 Musterstadt. RV-Nr. 65 140385 M 01 3, Steuer-ID 47 162 839 048, ' +
  'Az. JC-2024-004711. Frau Musterfrau hat dasselbe Problem.';

const suite = demoWithExtension();

describe('no client data reaches storage', () => {
  it.each([
    ['e-file case overview', '/akte/JC-2024-004711/uebersicht?tab=dokumente&kdnr=123D456789'],
    ['benefits form with filled inputs', '/leistung/12345%2F%2F0012345/berechnung?schritt=1'],
    ['search results', '/suche?q=Mustermann&kdnr=123D456789'],
    ['client profile', '/kunde/123D456789/profil'],
  ])('on the %s', async (_name, path) => {
    const page = await suite.ext.context.newPage();
    await page.goto(`${suite.demo.url}${path}`);
    const ui = new FeedbackUi(page);
    await ui.open();
    await ui.file(NOTE);
    const [latest] = (await readRecords(suite.ext.worker)).sort((a, b) => b.createdAt - a.createdAt);
    expect(leaks(JSON.stringify(latest))).toEqual([]);
    // Officers still learn which screen it was.
    expect(latest?.record.context.routeTemplate).toMatch(/^\/(akte|leistung|suche|kunde)/);
    await page.close();
  });

  it('shows the masked preview before saving', async () => {
    const page = await suite.ext.context.newPage();
    await page.goto(`${suite.demo.url}/akte/JC-2024-004711/uebersicht`);
    const ui = new FeedbackUi(page);
    await ui.open();
    await ui.note.fill(NOTE);
    const preview = ui.dialog.getByTestId('note-preview');
    await expect.poll(() => preview.locator('mark.mask').count()).toBeGreaterThan(8);
    expect(leaks((await preview.textContent()) ?? '')).toEqual([]);
    await page.close();
  });

  it('records the element pointed at by its label and role, never its content', async () => {
    const page = await suite.ext.context.newPage();
    await page.goto(`${suite.demo.url}/suche?q=Mustermann`);
    const ui = new FeedbackUi(page);
    await ui.open();
    await ui.dialog.getByRole('button', { name: 'Auf ein Element zeigen' }).click();
    // The dialog steps aside while the user points; clicks go to the picker, not the application.
    await page.locator('mitsprache-feedback iframe.frame[hidden]').waitFor({ state: 'attached' });
    // The birth-date cell of the first client: the column is what matters, the date is client data.
    await page.locator('tbody tr').first().locator('td').nth(1).click();
    await page.locator('mitsprache-feedback iframe.frame:not([hidden])').waitFor();
    await ui.dialog.getByRole('button', { name: 'Anderes Element wählen' }).waitFor();
    await ui.file('Diese Zelle ist abgeschnitten.');
    const [latest] = (await readRecords(suite.ext.worker)).sort((a, b) => b.createdAt - a.createdAt);
    expect(latest?.record.context.element).toMatchObject({
      role: 'cell',
      name: 'Geburtsdatum',
      selector: expect.stringContaining('td'),
    });
    expect(latest?.record.context.element?.box.width).toBeGreaterThan(0);
    expect(leaks(JSON.stringify(latest))).toEqual([]);
    await page.close();
  });

  it('takes the context from the iframe the user worked in', async () => {
    const page = await suite.ext.context.newPage();
    await page.goto(`${suite.demo.url}/rahmen`);
    const ui = new FeedbackUi(page);
    // The frame's script arrives with the button's (one injection after the load event).
    await ui.button.waitFor();
    const inner = page.frameLocator('iframe').first();
    await inner.locator('h1').click();
    await ui.open();
    await ui.file(NOTE);
    const [latest] = (await readRecords(suite.ext.worker)).sort((a, b) => b.createdAt - a.createdAt);
    expect(latest?.record.context.frame.path).toBe('top>frame[0]');
    expect(latest?.record.context.frame.routeTemplate).toBe('/rahmen/inhalt/:id');
    expect(latest?.record.context.screen.heading).toMatch(/^Fallakte/);
    expect(leaks(JSON.stringify(latest))).toEqual([]);
    await page.close();
  });

  it('follows a frame that loads another screen after the page has loaded', async () => {
    const page = await suite.ext.context.newPage();
    const cdp = await suite.ext.context.newCDPSession(page);
    let worlds = 0;
    cdp.on('Runtime.executionContextCreated', ({ context }) => {
      const aux = context.auxData as { type?: string } | undefined;
      if (aux?.type === 'isolated' && context.origin.startsWith('chrome-extension://')) worlds++;
    });
    await cdp.send('Runtime.enable');
    await page.goto(`${suite.demo.url}/rahmen`);
    const ui = new FeedbackUi(page);
    await ui.button.waitFor();
    await expect.poll(() => worlds).toBe(2);
    // The application swaps the frame's screen, as a frame-based procedure does on navigation.
    await page
      .locator('iframe')
      .first()
      .evaluate((frame: HTMLIFrameElement) => {
        frame.src = '/akte/JC-2024-004711/uebersicht';
      });
    // Our script reaches the new document too (its own isolated world), so clicks there count.
    await expect.poll(() => worlds).toBe(3);
    await page.frameLocator('iframe').first().locator('h1').click();
    await ui.open();
    await ui.file(NOTE);
    const [latest] = (await readRecords(suite.ext.worker)).sort((a, b) => b.createdAt - a.createdAt);
    expect(latest?.record.context.frame.path).toBe('top>frame[0]');
    expect(latest?.record.context.frame.routeTemplate).toBe('/akte/:id/uebersicht');
    await cdp.detach();
    await page.close();
  });

  it('works on a form built from KoliBri web components', async () => {
    const page = await suite.ext.context.newPage();
    await page.goto(`${suite.demo.url}/kolibri`);
    await page.locator('html[data-kolibri="bereit"]').waitFor({ state: 'attached' });
    const ui = new FeedbackUi(page);
    await ui.open();
    await ui.file(NOTE);
    const [latest] = (await readRecords(suite.ext.worker)).sort((a, b) => b.createdAt - a.createdAt);
    expect(latest?.record.context.screen.heading).toMatch(/^Weiterbewilligungsantrag/);
    expect(leaks(JSON.stringify(latest))).toEqual([]);
    await page.close();
  });

  it('leaves none of it in the collector’s database either', async () => {
    const rig: CollectorRig = await startCollectorRig();
    try {
      await setToken(suite.ext.worker, INGEST_TOKEN);
      await setSettings(suite.ext.worker, { endpoint: rig.endpoint });
      const page = await suite.ext.context.newPage();
      await page.goto(`${suite.demo.url}/kunde/123D456789/profil`);
      const ui = new FeedbackUi(page);
      await ui.open();
      await ui.file(NOTE);
      const ids = (await readRecords(suite.ext.worker)).map((r) => r.id);
      // Everything filed in this file so far reaches the collector; then its whole database file is scanned.
      await expect
        .poll(() => ids.filter((id) => rig.storedIds().has(id)).length, { timeout: 60_000 })
        .toBe(ids.length);
      expect(leaks(rig.databaseDump())).toEqual([]);
      await page.close();
    } finally {
      await rig.close();
    }
  });
});
