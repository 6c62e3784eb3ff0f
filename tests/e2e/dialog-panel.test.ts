import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FeedbackUi, isFocused, readRecords, setSettings } from './support/pages';
import { demoWithExtension } from './support/suite';

// The note dialog as a panel over the application (issue #16, items 1 and 3): no typed note is lost,
// the actions are always in view, and after a save it gets out of the way by itself.
const suite = demoWithExtension({ testPages: true });

const SEARCH = '/suche?q=Mustermann';
const CASE_FILE = '/akte/JC-2024-004711/uebersicht';

async function openPage(path: string, viewport = { width: 1280, height: 800 }) {
  const page = await suite.ext.context.newPage();
  await page.setViewportSize(viewport);
  await page.goto(`${suite.demo.url}${path}`);
  const ui = new FeedbackUi(page);
  await ui.button.waitFor();
  return { page, ui };
}

/** The page's short notice (a polite live region in our shadow root). */
const notice = (page: Page) => page.locator('mitsprache-feedback [data-testid="page-notice"]');

describe('drafts', () => {
  it('keep a note closed with Esc for the same screen of the same tab, and say so', async () => {
    const { page, ui } = await openPage(SEARCH);
    await ui.open();
    await ui.type('Die Trefferliste springt beim Blättern nach oben.');
    await ui.note.press('Escape');
    await ui.shownFrame.waitFor({ state: 'detached' });
    await expect.poll(() => notice(page).textContent()).toMatch(/Entwurf behalten/);

    await ui.open();
    await expect.poll(() => ui.note.inputValue()).toBe('Die Trefferliste springt beim Blättern nach oben.');
    await expect.poll(() => ui.dialog.getByTestId('draft-back').textContent()).toMatch(/Entwurf/);

    // Another screen in the same tab starts empty; back on the first one, the draft is there again.
    await ui.dialog.getByRole('button', { name: 'Schließen', exact: true }).click();
    await ui.shownFrame.waitFor({ state: 'detached' });
    await page.goto(`${suite.demo.url}${CASE_FILE}`);
    await ui.open();
    // The setup (which brings a draft) has arrived once the preview shows.
    await ui.dialog.getByText('Das wird gespeichert', { exact: true }).waitFor();
    expect(await ui.note.inputValue()).toBe('');
    await ui.note.press('Escape');
    await ui.shownFrame.waitFor({ state: 'detached' });
    await page.goto(`${suite.demo.url}${SEARCH}`);
    await ui.open();
    await expect.poll(() => ui.note.inputValue()).toBe('Die Trefferliste springt beim Blättern nach oben.');
    await page.close();
  });

  it('are gone after "Verwerfen", and after a save', async () => {
    const { page, ui } = await openPage(SEARCH);
    await ui.open();
    await ui.type('Wird gleich verworfen.');
    await ui.dialog.getByRole('button', { name: 'Entwurf verwerfen und schließen' }).click();
    await ui.shownFrame.waitFor({ state: 'detached' });
    await ui.open();
    await ui.dialog.getByText('Das wird gespeichert', { exact: true }).waitFor();
    expect(await ui.note.inputValue()).toBe('');

    await ui.file('Gespeicherte Notiz statt Entwurf.');
    await ui.open();
    await ui.dialog.getByText('Das wird gespeichert', { exact: true }).waitFor();
    expect(await ui.note.inputValue()).toBe('');
    await page.close();
  });
});

describe('the panel', () => {
  it.each([
    { width: 1280, height: 680 },
    { width: 1366, height: 800 },
  ])('keeps Speichern and the Strg+Enter hint in view at $width×$height, compact', async (viewport) => {
    await setSettings(suite.ext.worker, { screenshotsAllowed: true });
    const { page, ui } = await openPage(SEARCH, viewport);
    await ui.open();
    await ui.type('Eine längere Notiz,\ndie über mehrere Zeilen geht,\nund das Formular lang macht.');
    const frame = await ui.shownFrame.boundingBox();
    const save = await ui.dialog.getByRole('button', { name: /^Speichern$/ }).boundingBox();
    const hint = await ui.dialog.getByText(/Strg\+Enter speichert/).boundingBox();
    if (!frame || !save || !hint) throw new Error('panel not laid out');
    // Inside the frame's visible part, without scrolling it, and inside the page's viewport.
    for (const box of [save, hint]) {
      expect(box.y).toBeGreaterThanOrEqual(frame.y);
      expect(box.y + box.height).toBeLessThanOrEqual(frame.y + frame.height);
      expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
    }
    expect(await ui.dialog.locator('html').evaluate((el) => el.scrollTop)).toBe(0);
    // Compact: it leaves most of the application in view.
    expect(frame.width).toBeLessThanOrEqual(380);
    await ui.note.press('Escape');
    await page.close();
  });

  it('closes by itself after a save with a short confirmation, and focus goes back to the page', async () => {
    const { page, ui } = await openPage(SEARCH);
    await ui.open();
    await ui.type('Speichern schließt das Fenster.');
    await ui.choose('slow');
    await ui.note.press('Control+Enter');
    await expect.poll(() => notice(page).textContent()).toMatch(/Gespeichert/);
    expect(await notice(page).getAttribute('role')).toBe('status');
    await ui.shownFrame.waitFor({ state: 'detached' });
    expect((await readRecords(suite.ext.worker)).map((r) => r.record.note)).toContain(
      'Speichern schließt das Fenster.',
    );
    await expect.poll(() => isFocused(ui.button)).toBe(true);
    // The confirmation goes by itself: nothing to click.
    await expect.poll(() => notice(page).textContent(), { timeout: 5000 }).toBe('');
    await page.close();
  });
});
