import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FeedbackUi, isFocused, readRecords, setSettings } from './support/pages';
import { leaks } from './support/pii';
import { demoWithExtension } from './support/suite';

// The optional screenshot: off by default, masked before it is stored, within 200 KB.
const suite = demoWithExtension({ testPages: true, launch: { toolbar: true } });

/** Mean brightness (0–255) of a region of a data-URL image, decoded in the page. */
function brightness(
  page: import('playwright-core').Page,
  dataUrl: string,
  box: { x: number; y: number; width: number; height: number },
) {
  return page.evaluate(
    async ({ dataUrl, box }) => {
      const image = new Image();
      image.src = dataUrl;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
      ctx.drawImage(image, 0, 0);
      const scale = image.width / window.innerWidth;
      const data = ctx.getImageData(
        box.x * scale + 2,
        box.y * scale + 2,
        box.width * scale - 4,
        box.height * scale - 4,
      ).data;
      let sum = 0;
      for (let i = 0; i < data.length; i += 4)
        sum += ((data[i] ?? 0) + (data[i + 1] ?? 0) + (data[i + 2] ?? 0)) / 3;
      return sum / (data.length / 4);
    },
    { dataUrl, box },
  );
}

/** Where a word is: in the page, in a web component's shadow root, or in a same-origin frame. */
interface WordAt {
  in: 'page' | 'shadow' | 'frame';
  selector: string;
  word: string;
}

/** The rendered box (top-viewport CSS pixels) of the first occurrence of `at.word` in `at.selector`. */
function wordBox(page: Page, at: WordAt) {
  return page.evaluate((at) => {
    let root: Document | ShadowRoot | null | undefined = document;
    let dx = 0;
    let dy = 0;
    if (at.in === 'shadow') root = document.querySelector('akte-vertretung')?.shadowRoot;
    if (at.in === 'frame') {
      const frame = document.querySelector('iframe') as HTMLIFrameElement;
      const r = frame.getBoundingClientRect();
      dx = r.left + frame.clientLeft;
      dy = r.top + frame.clientTop;
      root = frame.contentDocument;
    }
    const element = root?.querySelector(at.selector);
    if (!element) throw new Error(`${at.selector} not found`);
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const index = (node as Text).data.indexOf(at.word);
      if (index < 0) continue;
      const range = (node.ownerDocument as Document).createRange();
      range.setStart(node, index);
      range.setEnd(node, index + at.word.length);
      const r = range.getBoundingClientRect();
      return { x: r.left + dx, y: r.top + dy, width: r.width, height: r.height };
    }
    throw new Error(`${at.word} not found in ${at.selector}`);
  }, at);
}

/**
 * Presses the toolbar button (which grants the extension the right to capture this tab) and dismisses
 * the popup it opens before going on in the page, as a user's click into the page does. Left open, the
 * popup finishes loading at its own pace and takes focus from the dialog at any moment.
 */
async function pressToolbarButton(page: Page, whileOpen?: () => Promise<void>) {
  await suite.ext.clickToolbarAction(page);
  const browser = suite.ext.context.browser();
  if (!browser) throw new Error('no browser-level access');
  const session = await browser.newBrowserCDPSession();
  type Targets = { targetInfos: { type: string; url: string; targetId: string }[] };
  const popup = async () =>
    ((await session.send('Target.getTargets')) as unknown as Targets).targetInfos.find(
      (target) => target.type === 'page' && target.url.endsWith('/popup.html'),
    );
  await expect.poll(popup).toBeTruthy();
  await whileOpen?.();
  const { targetId } = (await popup()) as { targetId: string };
  await session.send('Target.closeTarget', { targetId });
  await expect.poll(popup).toBeUndefined();
  await session.detach();
}

/**
 * Opens `path` at 1280×800, presses the toolbar button, opens the dialog and adds a screenshot;
 * resolves once the masked image is shown.
 */
async function openWithScreenshot(path: string) {
  await setSettings(suite.ext.worker, { screenshotsAllowed: true });
  const page = await suite.ext.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${suite.demo.url}${path}`);
  const ui = new FeedbackUi(page);
  await ui.button.waitFor();
  await pressToolbarButton(page);
  await ui.open();
  await ui.dialog.getByRole('button', { name: 'Bildschirmfoto hinzufügen' }).click();
  const canvas = ui.dialog.getByTestId('screenshot');
  await canvas.waitFor();
  return { page, ui, canvas };
}

describe('screenshots', () => {
  it('are not offered unless the organisation allows them', async () => {
    const page = await suite.ext.context.newPage();
    await page.goto(`${suite.demo.url}/suche?q=Mustermann`);
    const ui = new FeedbackUi(page);
    await ui.open();
    expect(await ui.dialog.getByRole('button', { name: 'Bildschirmfoto hinzufügen' }).count()).toBe(0);
    await page.close();
  });

  it('say beside the button, before it is pressed, what the browser needs when opened from the page button; then work without leaving the dialog', async () => {
    // A configured site's host permission is not enough for tabs.captureVisibleTab (activeTab or
    // <all_urls> only, in Chrome and Firefox alike), and a click into the page grants no activeTab.
    await setSettings(suite.ext.worker, { screenshotsAllowed: true });
    const page = await suite.ext.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${suite.demo.url}/suche?q=Mustermann`);
    const ui = new FeedbackUi(page);
    await ui.open();
    const button = ui.dialog.getByRole('button', { name: 'Bildschirmfoto hinzufügen' });
    await expect
      .poll(() =>
        button.getAttribute('aria-describedby').then((id) => id && ui.dialog.locator(`#${id}`).textContent()),
      )
      .toMatch(/Alt\+Umschalt\+F .*Symbolleiste/);
    await ui.type('Die Trefferliste ist abgeschnitten.');
    // The toolbar icon (or the shortcut) grants the tab; the open dialog drops its hint, keeps the note.
    // Closed only once the popup has told the background which tab it opened over (as a person's
    // popup does long before they close it).
    const grants = () =>
      suite.ext.worker.evaluate(async () => {
        const api = (globalThis as unknown as { chrome: typeof import('webextension-polyfill') }).chrome;
        return Object.keys(await api.storage.session.get(null)).filter((key) => key.startsWith('grant:'))
          .length;
      });
    const before = await grants();
    await pressToolbarButton(page, () => expect.poll(grants).toBeGreaterThan(before));
    await ui.dialog.getByTestId('screenshot-hint').waitFor({ state: 'detached' });
    await button.click();
    await ui.dialog.getByTestId('screenshot').waitFor();
    expect(await ui.note.inputValue()).toBe('Die Trefferliste ist abgeschnitten.');
    await ui.choose('error');
    await ui.dialog
      .getByRole('button', { name: /^Speichern$/ })
      .and(ui.dialog.locator('button[type="submit"]'))
      .click();
    await ui.closedAfterSave();
    const [latest] = (await readRecords(suite.ext.worker)).sort((a, b) => b.createdAt - a.createdAt);
    expect(latest?.record.note).toBe('Die Trefferliste ist abgeschnitten.');
    expect(latest?.record.screenshot?.dataUrl).toMatch(/^data:image\/jpeg;base64,/);
    await page.close();
  });

  it('black out table cells and form fields before anything is stored, opened from the toolbar', async () => {
    const { page, ui } = await openWithScreenshot('/suche?q=Mustermann');
    const dialog = await page.locator('mitsprache-feedback iframe.frame').boundingBox();
    await ui.file('Die Trefferliste ist abgeschnitten.');

    const [latest] = (await readRecords(suite.ext.worker)).sort((a, b) => b.createdAt - a.createdAt);
    const shot = latest?.record.screenshot;
    expect(shot?.dataUrl).toMatch(/^data:image\/jpeg;base64,/);
    expect(Math.floor(((shot?.dataUrl.length ?? 0) - 23) * 0.75)).toBeLessThanOrEqual(200_000);
    expect(shot?.maskCount).toBeGreaterThan(10);
    expect(leaks(JSON.stringify(latest))).toEqual([]);

    const cell = await page.locator('tbody td').nth(1).boundingBox();
    const heading = await page.locator('h1').boundingBox();
    if (!cell || !heading || !shot) throw new Error('layout not found');
    // The client's birth date cell is black; the heading (not client data) is still readable.
    expect(await brightness(page, shot.dataUrl, cell)).toBeLessThan(20);
    expect(await brightness(page, shot.dataUrl, heading)).toBeGreaterThan(100);
    // Our dialog is out of the picture, and the page under it (below the result table) is not blacked out.
    if (!dialog) throw new Error('dialog not found');
    const below = { x: dialog.x + 8, y: dialog.y + dialog.height - 28, width: dialog.width - 16, height: 20 };
    expect(await brightness(page, shot.dataUrl, below)).toBeGreaterThan(100);
    await page.close();
  });

  it('leave keyboard focus in the dialog while the picture is taken', async () => {
    const { page, canvas } = await openWithScreenshot('/suche?q=Mustermann');
    // Our UI is out of the picture while it is taken; hiding the dialog's frame for that used to drop
    // focus into the page, where a keyboard user lost their place (and the editor's keys went nowhere).
    expect(await canvas.evaluate(() => document.hasFocus())).toBe(true);
    await canvas.focus();
    expect(await isFocused(canvas)).toBe(true);
    await page.close();
  });

  it('black out more with the keyboard alone: arrows move the frame, Enter paints it', async () => {
    const { page, ui, canvas } = await openWithScreenshot('/suche?q=Mustermann');
    await canvas.focus();
    await ui.dialog.getByTestId('mask-frame').waitFor();
    // The frame starts as the centred quarter (320×200 of 1280×800) and moves 20 px per key: to the top.
    for (let i = 0; i < 15; i++) await canvas.press('ArrowUp');
    await canvas.press('Enter');
    await ui.dialog.getByRole('button', { name: 'Letzte Schwärzung zurücknehmen' }).waitFor();
    await ui.file('Die Überschrift verdeckt die Suche.');

    const [latest] = (await readRecords(suite.ext.worker)).sort((a, b) => b.createdAt - a.createdAt);
    const heading = await page.locator('h1').boundingBox();
    if (!heading || !latest?.record.screenshot) throw new Error('layout or screenshot not found');
    // Inside the painted frame (x 480–800, y 0–200) the heading row is black now; left of it, not.
    const row = { y: heading.y + 2, height: Math.max(4, heading.height - 4) };
    expect(
      await brightness(page, latest.record.screenshot.dataUrl, { x: 500, width: 280, ...row }),
    ).toBeLessThan(20);
    expect(
      await brightness(page, latest.record.screenshot.dataUrl, { x: 820, width: 200, ...row }),
    ).toBeGreaterThan(100);
    await page.close();
  });

  it('black out names and file numbers wherever the text redactor masks them: heading, breadcrumb, paragraph, shadow root, frame', async () => {
    const { page, ui } = await openWithScreenshot('/test/bildtext');
    await ui.file('Die Kopfzeile bricht um.');
    const [latest] = (await readRecords(suite.ext.worker)).sort((a, b) => b.createdAt - a.createdAt);
    const shot = latest?.record.screenshot;
    if (!shot) throw new Error('screenshot not found');
    // What the text preview and the officers see for the heading; the picture must not show more.
    expect(latest?.record.context.screen.heading).toBe('E-Akte [AKTENZEICHEN] – [NAME] [NAME]');

    const masked: WordAt[] = [
      { in: 'page', selector: 'h1', word: 'JC-2024-004711' },
      { in: 'page', selector: 'h1', word: 'Max' },
      { in: 'page', selector: 'h1', word: 'Mustermann' },
      { in: 'page', selector: '.brotkrumen a[href^="/akte/"]', word: 'JC-2024-004711' },
      { in: 'page', selector: '.brotkrumen [aria-current]', word: 'Mustermann, Max' },
      { in: 'page', selector: '.bg-zeile', word: '12345//0012345' },
      { in: 'shadow', selector: 'p', word: 'Erika Musterfrau' },
      { in: 'shadow', selector: 'p', word: 'JC-2024-004712' },
      { in: 'frame', selector: 'h1', word: 'JC-2024-004712' },
      // Named in the framed case file's own data (not in the record's text): masked in the picture all the same.
      { in: 'frame', selector: 'h1', word: 'Erika Musterfrau' },
    ];
    for (const at of masked) {
      expect([at.word, await brightness(page, shot.dataUrl, await wordBox(page, at))]).toEqual([
        at.word,
        expect.toSatisfy((value: number) => value < 20),
      ]);
    }
    // The words around them stay readable: only what the redactor masks is blacked out.
    const readable: WordAt[] = [
      { in: 'page', selector: 'h1', word: 'E-Akte' },
      { in: 'page', selector: '.brotkrumen a[href^="/akte/"]', word: 'E-Akte' },
      { in: 'page', selector: '.bg-zeile', word: 'Bedarfsgemeinschaft' },
      { in: 'shadow', selector: 'p', word: 'Vertreten durch' },
      { in: 'frame', selector: 'h1', word: 'Fallakte' },
    ];
    for (const at of readable) {
      expect([at.word, await brightness(page, shot.dataUrl, await wordBox(page, at))]).toEqual([
        at.word,
        expect.toSatisfy((value: number) => value > 100),
      ]);
    }
    await page.close();
  });

  it.each([
    [
      'a same-origin frame',
      '/rahmen',
      (page: import('playwright-core').Page) =>
        page.frameLocator('iframe.arbeitsrahmen').locator('tbody td, dd, input').first(),
    ],
    ['a web component', '/kolibri', (page: import('playwright-core').Page) => page.locator('input').first()],
  ])('black out fields and cells inside %s', async (_name, path, target) => {
    const { page, ui } = await openWithScreenshot(path);
    await ui.file('Die Akte lädt langsam.');
    const [latest] = (await readRecords(suite.ext.worker)).sort((a, b) => b.createdAt - a.createdAt);
    const box = await target(page).boundingBox();
    if (!box || !latest?.record.screenshot) throw new Error('layout or screenshot not found');
    expect(await brightness(page, latest.record.screenshot.dataUrl, box)).toBeLessThan(20);
    await page.close();
  });
});
