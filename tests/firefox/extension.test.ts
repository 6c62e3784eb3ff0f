import { readFileSync } from 'node:fs';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORG_FILE, type DemoServer, startDemoServer } from '../../scripts/demo-server';
import { type Site, Site as SiteSchema } from '../../utils/schema/settings';
import { ADMIN_TOKEN, type CollectorRig, INGEST_TOKEN, startCollectorRig } from '../e2e/support/collector';
import { background, FeedbackPage, records, storeSettings, storeToken } from './support/extension';
import { EXTENSION_UUID, type FirefoxWithExtension, launchFirefox } from './support/firefox';

// The built Firefox package in Firefox ESR, end to end: one browser for the whole file (each launch
// costs ~2–3 s on this machine), so the tests run in order and build on each other's state. The last
// one closes the browser with a note dialog open.

const NOTE = 'Firefox: Trefferliste lädt sehr langsam.';
const REPLY = 'Die Trefferliste ist ab Version 4.3 schneller.';
/** The demo build's sites (demo/org.json), as its default settings hold them. */
const DEMO_SITES: Site[] = (
  JSON.parse(readFileSync(DEMO_ORG_FILE, 'utf8')) as { sites: unknown[] }
).sites.map((site) => SiteSchema.parse(site));
/** A site outside the install-time host permissions (localhost, 127.0.0.1). */
const SITE_2 = 'http://127.0.0.2/*';

let demo: DemoServer;
let demo2: DemoServer;
let rig: CollectorRig;
let firefox: FirefoxWithExtension;
/** An extension page kept open to reach the extension's storage and background. */
let extensionPage: Page;

beforeAll(async () => {
  demo = await startDemoServer();
  demo2 = await startDemoServer({ host: '127.0.0.2' });
  // What an administrator configures for Firefox (docs/collector.md, CORS): the pinned UUID. On
  // 127.0.0.1 the extension holds a host permission, which spares its requests CORS; see the CORS test.
  rig = await startCollectorRig({ extensionIds: [EXTENSION_UUID] });
  firefox = await launchFirefox();
  extensionPage = await firefox.openExtensionPage('options.html');
});
afterAll(async () => {
  await firefox?.close();
  await rig?.close();
  await demo?.close();
  await demo2?.close();
});

/** Files a note through the in-page dialog of a new tab on the demo site; returns the record's id. */
async function fileNote(note: string): Promise<string> {
  const page = await firefox.browser.newPage();
  await page.goto(`${demo.url}/suche?q=Mustermann`);
  const ui = new FeedbackPage(page);
  await ui.file(await ui.open(), note);
  await page.close();
  const stored = (await records(extensionPage)).find((entry) => entry.record.note === note);
  if (!stored) throw new Error(`no record of "${note}" in the extension's IndexedDB`);
  return stored.id;
}

async function adminPut(id: string, body: unknown): Promise<void> {
  const response = await fetch(`${rig.collector.url}/api/v1/admin/records/${id}`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

/** The settings page's entry for the site whose name contains `name`. */
async function siteEntry(options: Page, name: string): Promise<ElementHandle<Element>> {
  for (const entry of await options.$$('[data-testid="site"]')) {
    if (await entry.$eval('legend', (legend, wanted) => legend.textContent?.includes(wanted), name))
      return entry;
  }
  throw new Error(`no site "${name}" on the settings page`);
}

function text(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (element) => element.textContent ?? '');
}

describe('Mitsprache in Firefox', () => {
  it('stores a note filed in the page in its IndexedDB and delivers it to the collector once', async () => {
    const page = await firefox.browser.newPage();
    await page.goto(`${demo.url}/suche?q=Mustermann`);
    const ui = new FeedbackPage(page);
    await ui.file(await ui.open(), NOTE);
    // No endpoint yet: the note waits on the device.
    const onDevice = await records(extensionPage);
    expect(onDevice).toHaveLength(1);
    const [stored] = onDevice;
    expect(stored?.record.note).toBe(NOTE);
    expect(stored?.status).toBe('pending');
    expect(rig.storedIds().size).toBe(0);

    await storeToken(extensionPage, INGEST_TOKEN);
    await storeSettings(extensionPage, { endpoint: rig.endpoint });
    // A settings change starts sending by itself.
    await expect.poll(() => rig.storedIds().get(stored?.id as string), { timeout: 30_000 }).toBe(1);
    expect(rig.storedIds().size).toBe(1);
    expect(rig.databaseDump()).toContain(NOTE);
    await expect.poll(async () => (await records(extensionPage))[0]?.status).toBe('sent');
    const batch = rig.proxy.requests.find((r) => r.method === 'POST' && r.path.endsWith('/feedback'));
    expect(batch?.status).toBe(200);
    await page.close();
  });

  it('renders the popup and the settings page', async () => {
    const popup = await firefox.openExtensionPage('popup.html');
    await popup.waitForSelector('main#app:not([aria-busy]) [data-ready="true"]');
    expect(await text(popup, 'h1')).toBe('Mitsprache');
    await expect.poll(() => text(popup, '[data-testid="count-sent"]')).toBe('1');
    expect(await text(popup, '[data-testid="outbox-row"]')).toContain('Trefferliste');
    await popup.close();

    const options = await firefox.openExtensionPage('options.html');
    await options.waitForSelector('main#app:not([aria-busy]) h1');
    expect(await text(options, 'h1')).toMatch(/^Mitsprache – (Einstellungen|Settings)$/);
    expect(await options.$eval('form', (form) => form.getAttribute('aria-label'))).toMatch(
      /Einstellungen|Settings/,
    );
    // The demo sites, granted at install.
    const permissions = await options.$$eval('[data-testid="site-permission"]', (sites) =>
      sites.map((site) => site.getAttribute('data-permission')),
    );
    expect(permissions).toEqual(['granted', 'granted']);
    await options.close();
  });

  it('shows the officers’ answer in the popup', async () => {
    const [sent] = await records(extensionPage);
    await adminPut(sent?.id as string, { status: 'solved', reply: REPLY });
    const popup = await firefox.openExtensionPage('popup.html');
    await popup.waitForSelector('[data-ready="true"]');
    await popup.click('[data-testid="send-now"]');
    await expect.poll(() => text(popup, '[data-testid="count-unread"]'), { timeout: 30_000 }).toBe('1');
    await popup.click('[data-testid="outbox-row"]');
    await popup.waitForSelector('[data-testid="answer-reply"]');
    expect(await text(popup, '[data-testid="answer-reply"]')).toBe(REPLY);
    await popup.close();
  });

  it('delivers through CORS to a collector on a host it holds no permission for, which names its UUID', async () => {
    // The collector under another name of this machine (*.localhost is loopback, so the endpoint may
    // be http), one the extension holds no host permission for, as an intranet collector: Firefox's
    // background then sends from moz-extension://<uuid> with a preflight, which the collector answers
    // only for the extensions it was configured with (COLLECTOR_EXTENSION_IDS).
    const endpoint = new URL(rig.endpoint);
    endpoint.hostname = 'collector.localhost';
    await storeSettings(extensionPage, { endpoint: endpoint.href });
    try {
      const id = await fileNote('Firefox: Druckvorschau fehlt im Bescheid.');
      await expect.poll(() => rig.storedIds().get(id), { timeout: 30_000 }).toBe(1);
      const preflight = rig.proxy.requests.find(
        (r) => r.method === 'OPTIONS' && r.path.endsWith('/feedback'),
      );
      expect(preflight?.status).toBe(204);
      await expect
        .poll(async () => (await records(extensionPage)).find((entry) => entry.id === id)?.status)
        .toBe('sent');
    } finally {
      await storeSettings(extensionPage, { endpoint: rig.endpoint });
    }
  });

  it('shows a site without host permission as such, and a click on "grant" brings the button there', async () => {
    // Configured (as by policy or import) but never granted: Firefox asks for every host at runtime.
    await storeSettings(extensionPage, {
      sites: [...DEMO_SITES, { ...DEMO_SITES[0], pattern: SITE_2, app: 'Demo auf 127.0.0.2' }],
    });
    const site = await firefox.browser.newPage();
    await site.goto(`${demo2.url}/akte/JC-2024-004711/uebersicht`);
    expect(await background(extensionPage, 'activeSites')).not.toContain(SITE_2);

    // On the settings page: the popup's own card ("enable on this page") needs the address of the tab
    // it is opened over, which only the toolbar click's activeTab grant reveals, and BiDi cannot press
    // the toolbar button.
    const options = await firefox.openExtensionPage('options.html');
    await options.waitForSelector('[data-testid="permissions-missing"]');
    const entry = await siteEntry(options, '127.0.0.2');
    const permission = () =>
      entry.$eval('[data-testid="site-permission"]', (element) => element.getAttribute('data-permission'));
    expect(await permission()).toBe('missing');
    // Without a click Firefox refuses: granting takes the user's gesture, which the click below is.
    const unasked = await options.evaluate(
      (origin) =>
        (globalThis as unknown as { browser: typeof import('webextension-polyfill') }).browser.permissions
          .request({ origins: [origin] })
          .then(
            () => 'granted',
            (error: Error) => error.message,
          ),
      SITE_2,
    );
    expect(unasked).toMatch(/user input handler/);

    // A real click (BiDi input), as a user's on the entry's own button.
    await (await entry.$('[data-testid="grant-site"]'))?.click();
    await expect.poll(permission).toBe('granted');
    await options.waitForSelector('[data-testid="permissions-missing"]', { hidden: true });
    // The open tab gets the button without a reload.
    await new FeedbackPage(site).button();
    expect(await background(extensionPage, 'activeSites')).toContain(SITE_2);
    await options.close();
    await site.close();
  });

  it('keeps a draft closed with Esc and says beside the screenshot button that it needs the toolbar (issue #16)', async () => {
    await storeSettings(extensionPage, { screenshotsAllowed: true });
    const page = await firefox.browser.newPage();
    await page.goto(`${demo.url}/suche?q=Mustermann`);
    const ui = new FeedbackPage(page);
    let dialog = await ui.open();
    await dialog.type('textarea#note', 'Entwurf in Firefox');
    // Before it is pressed: Firefox, like Chrome, photographs a tab only with activeTab or <all_urls>.
    await dialog.waitForSelector('[data-testid="screenshot-hint"]');
    // And pressed anyway, it is refused with the site's host permission alone.
    await dialog.click('.shot button');
    const alert = await dialog.waitForSelector('[role="alert"]');
    expect(await alert?.evaluate((el) => el.textContent)).toMatch(/Alt\+Umschalt\+F/);
    await dialog.focus('textarea#note');
    await page.keyboard.press('Escape');
    await page.waitForSelector('mitsprache-feedback >>> iframe.frame:not([hidden])', { hidden: true });
    dialog = await ui.open();
    await dialog.waitForFunction(
      () => (document.querySelector('textarea#note') as HTMLTextAreaElement).value === 'Entwurf in Firefox',
    );
    await dialog.click('button.discard');
    await page.waitForSelector('mitsprache-feedback >>> iframe.frame:not([hidden])', { hidden: true });
    await storeSettings(extensionPage, { screenshotsAllowed: false });
    await page.close();
  });

  it('closes with a note dialog open without errors from the extension (no "dead object")', async () => {
    const page = await firefox.browser.newPage();
    await page.goto(`${demo.url}/suche?q=Mustermann`);
    const ui = new FeedbackPage(page);
    const dialog = await ui.open();
    await dialog.type('textarea#note', 'Noch nicht gespeichert');
    expect(firefox.extensionErrors).toEqual([]);
    await firefox.close();
    expect(firefox.extensionErrors).toEqual([]);
  });
});
