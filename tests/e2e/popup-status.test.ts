import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, startDemoServer } from '../../scripts/demo-server';
import { type ExtensionBrowser, launchWithExtension } from './support/browser';
import { FeedbackUi, sendNow, setSettings } from './support/pages';

// Issue #16, items 7 and 8, as a caseworker meets them: one language on every surface, and a sync
// status that never reports success it did not have.

let demo: DemoServer;
let ext: ExtensionBrowser | undefined;

beforeAll(async () => {
  demo = await startDemoServer();
});
afterAll(async () => {
  await demo?.close();
});
afterEach(async () => {
  await ext?.close();
  ext = undefined;
});

async function openPopup(browser: ExtensionBrowser): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  await page.locator('[data-ready="true"]').waitFor();
  return page;
}

describe('the language (item 7)', () => {
  it('is the settings’ choice on popup, settings page and dialog, also on an English browser', async () => {
    ext = await launchWithExtension({ lang: 'en-US' });
    await setSettings(ext.worker, { uiLanguage: 'de' });

    const popup = await openPopup(ext);
    expect(await popup.locator('html').getAttribute('lang')).toBe('de');
    await popup.getByRole('button', { name: 'Jetzt senden' }).waitFor();
    await popup.getByRole('heading', { name: 'Ihre Rückmeldungen' }).waitFor();

    const options = await ext.context.newPage();
    await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
    await options.getByRole('heading', { level: 1 }).waitFor();
    expect(await options.locator('html').getAttribute('lang')).toBe('de');
    await options.getByLabel('Sprache', { exact: true }).waitFor();

    const page = await ext.context.newPage();
    await page.goto(`${demo.url}/suche?q=Mustermann`);
    const ui = new FeedbackUi(page);
    await ui.button.waitFor();
    expect(await ui.button.getAttribute('aria-label')).toBe('Rückmeldung zu diesem Bildschirm geben');
    await ui.open();
    await ui.dialog.getByLabel('Ihre Notiz').waitFor();
    // The frame that shows the note field (a hidden one may be prepared beside it, lang="de" by default).
    expect(await ui.note.evaluate((field) => field.ownerDocument.documentElement.lang)).toBe('de');
    expect(await ui.note.evaluate((field) => field.ownerDocument.body.textContent)).toContain(
      'Rückmeldung geben',
    );
  });
});

describe('the sync status (item 8)', () => {
  it('says nothing was sent on a fresh install, and a failed "send now" is never reported as done', async () => {
    ext = await launchWithExtension();
    // An endpoint nobody answers on (http is allowed on this machine): a pass with an empty queue
    // makes no request and must not read as a success.
    await setSettings(ext.worker, { endpoint: 'http://127.0.0.1:9/ingest' });
    await sendNow(ext.worker);
    const popup = await openPopup(ext);
    const syncLine = popup.getByTestId('sync-line');
    await expect.poll(() => syncLine.textContent()).toBe('Es wurde noch nichts gesendet.');

    // A note waits; "send now" cannot reach the collector.
    const page = await ext.context.newPage();
    await page.goto(`${demo.url}/suche?q=Mustermann`);
    const ui = new FeedbackUi(page);
    await ui.open();
    await ui.file('Die Trefferliste lädt sehr langsam.');
    await popup.bringToFront();
    await popup.reload();
    await popup.locator('[data-ready="true"]').waitFor();
    await popup.getByRole('button', { name: 'Jetzt senden' }).click();
    const notice = popup.getByTestId('notice');
    await expect
      .poll(() => notice.textContent())
      .toBe('Die Übertragung ist nicht gelungen. Ihre Rückmeldungen bleiben auf diesem Gerät.');
    expect(await notice.getAttribute('class')).toContain('failed');
    expect(await syncLine.textContent()).toContain('nicht gelungen');
    expect(await syncLine.textContent()).not.toContain('erfolgreich');
    // Nothing needs the caseworker: the tile says 0 and is not coloured.
    expect(await popup.getByTestId('count-attention').textContent()).toBe('0');
    expect(await popup.getByTestId('count-attention').locator('..').getAttribute('class')).toBeNull();
  });
});
