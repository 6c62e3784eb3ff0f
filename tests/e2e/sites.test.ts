import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, startDemoServer } from '../../scripts/demo-server';
import { CHROMIUM_EXTENSION_ID } from '../../utils/extension-id';
import type { SettingsStatus } from '../../utils/schema/settings-status';
import { type ExtensionBrowser, launchWithExtension } from './support/browser';
import { FeedbackUi, readRecords } from './support/pages';

// Sites configured only through the settings page, on hosts the install-time permissions do not
// cover (127.0.0.2 and 127.0.0.3; the manifest grants only localhost and 127.0.0.1).
//
// Headless Chromium shows the permission prompt of permissions.request() but nothing can press its
// "Allow" (it is browser UI, out of reach of the page and of CDP; Browser.setPermission only knows web
// permissions, developerPrivate.addHostPermission only withheld required hosts, and no switch
// auto-accepts it). So the first browser proves that a click opens the prompt (the request is
// not refused for want of a user gesture, and nothing is saved while it is open); then the test
// records the grant in the profile the way Chrome stores an accepted prompt, and restarts the browser
// on that profile. There, permissions.request() finds the permission held and resolves at once.

const SITE_2 = 'http://127.0.0.2/*';
const SITE_3 = 'http://127.0.0.3/*';

/** Stands in for the user pressing "Allow": adds host permissions to the profile (browser closed). */
function grantInProfile(profileDir: string, origins: string[]): void {
  const file = join(profileDir, 'Default', 'Preferences');
  const prefs = JSON.parse(readFileSync(file, 'utf8'));
  const entry = prefs.extensions.settings[CHROMIUM_EXTENSION_ID];
  for (const key of ['granted_permissions', 'active_permissions']) {
    entry[key] ??= {};
    entry[key].explicit_host = [...new Set([...(entry[key].explicit_host ?? []), ...origins])];
  }
  writeFileSync(file, JSON.stringify(prefs));
}

type Api = typeof import('webextension-polyfill');

async function holds(worker: Worker, origin: string): Promise<boolean> {
  return worker.evaluate(
    (o) => (globalThis as unknown as { chrome: Api }).chrome.permissions.contains({ origins: [o] }),
    origin,
  );
}

/** Patterns whose pages get the content script, as the background decides on each page load. */
async function registeredMatches(worker: Worker): Promise<string[]> {
  return worker.evaluate(() =>
    (globalThis as unknown as { mitsprache: { activeSites(): Promise<string[]> } }).mitsprache.activeSites(),
  );
}

async function openOptions(ext: ExtensionBrowser): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.extensionId}/options.html`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  return page;
}

/** Adds a site through the form (the new entry is the last one). */
async function addSite(page: Page, pattern: string, app: string): Promise<void> {
  await page.getByRole('button', { name: 'Anwendung hinzufügen' }).click();
  const site = page.getByTestId('site').last();
  await site.getByLabel('Adressmuster').fill(pattern);
  await site.getByLabel('Name der Anwendung').fill(app);
}

let demo2: DemoServer;
let demo3: DemoServer;
let ext: ExtensionBrowser;

beforeAll(async () => {
  demo2 = await startDemoServer({ host: '127.0.0.2' });
  demo3 = await startDemoServer({ host: '127.0.0.3' });
});
afterAll(async () => {
  await ext?.close();
  await demo2?.close();
  await demo3?.close();
});

describe('enabling a site from the settings page', () => {
  it('asks for the host permission from the click, and saves nothing while the prompt is open', async () => {
    const first = await launchWithExtension();
    try {
      const page = await openOptions(first);
      await addSite(page, SITE_2, 'Demo auf 127.0.0.2');
      await page.getByRole('button', { name: 'Speichern', exact: true }).click();
      // The prompt is open (unanswerable here): the page waits for it, nothing is granted or saved yet.
      await expect.poll(() => page.getByTestId('save-status').getAttribute('data-status')).toBe('saving');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await page.getByTestId('save-status').getAttribute('data-status')).toBe('saving');
      expect(await holds(first.worker, SITE_2)).toBe(false);
      const stored = await first.worker.evaluate(
        async () =>
          (await (globalThis as unknown as { chrome: Api }).chrome.storage.local.get('settings')).settings,
      );
      expect(JSON.stringify(stored ?? {})).not.toContain('127.0.0.2');
    } finally {
      await first.close({ removeProfile: false });
    }
    grantInProfile(first.profileDir, [SITE_2, SITE_3]);
    ext = await launchWithExtension({ profileDir: first.profileDir });
    expect(await holds(ext.worker, SITE_2)).toBe(true);
  });

  it('shows the button on a site configured only in the settings page, and a note is saved', async () => {
    const options = await openOptions(ext);
    await addSite(options, SITE_2, 'Demo auf 127.0.0.2');
    await options.getByRole('button', { name: 'Speichern', exact: true }).click();
    await expect.poll(() => options.getByTestId('save-status').textContent()).toContain('Gespeichert');
    const site = options.getByTestId('site').last();
    expect(await site.getByTestId('site-permission').getAttribute('data-permission')).toBe('granted');
    expect(await registeredMatches(ext.worker)).toContain(SITE_2);

    const page = await ext.context.newPage();
    await page.goto(`${demo2.url}/akte/JC-2024-004711/uebersicht`);
    const ui = new FeedbackUi(page);
    await ui.button.waitFor();
    await ui.open();
    await ui.file('Auf dem zweiten Rechner lädt die Akte nicht.', { category: 'error' });
    const records = await readRecords(ext.worker);
    const saved = records.find((entry) => entry.record.note.startsWith('Auf dem zweiten Rechner'));
    expect(saved?.record.context.app).toBe('Demo auf 127.0.0.2');
    expect(saved?.record.context.url).toContain('127.0.0.2');
    await page.close();
    await options.close();
  });

  it('"enable on this page" adds the site and shows the button in the open tab without a reload', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${demo3.url}/akte/JC-2024-000001/uebersicht`);
    const ui = new FeedbackUi(page);
    await page.waitForTimeout(1000);
    expect(await ui.host.count()).toBe(0);
    // What the popup's card sends once the permission is granted (the popup itself is another part).
    const extensionPage = await openOptions(ext);
    const reply = await extensionPage.evaluate(async (url) => {
      const api = (globalThis as unknown as { chrome: Api }).chrome;
      const [tab] = await api.tabs.query({ url: `${url}/*` });
      return api.runtime.sendMessage({
        type: 'sites:enable',
        data: { tabId: tab?.id, pattern: 'http://127.0.0.3/*', app: 'Demo auf 127.0.0.3' },
      });
    }, demo3.url);
    expect(reply).toEqual({ ok: true, data: { shown: true } });
    await ui.button.waitFor();
    expect(await registeredMatches(ext.worker)).toContain(SITE_3);
    // Asked again (popup opened twice): no second button.
    const again = await extensionPage.evaluate(async (url) => {
      const api = (globalThis as unknown as { chrome: Api }).chrome;
      const [tab] = await api.tabs.query({ url: `${url}/*` });
      return api.runtime.sendMessage({
        type: 'sites:enable',
        data: { tabId: tab?.id, pattern: 'http://127.0.0.3/*', app: 'Demo auf 127.0.0.3' },
      });
    }, demo3.url);
    expect(again).toEqual({ ok: true, data: { shown: true } });
    expect(await ui.host.count()).toBe(1);
    await extensionPage.close();
    await page.close();
  });

  it('shows a revoked permission on the settings page and to the popup, instead of failing silently', async () => {
    // What Firefox's add-on manager or Chrome's site-access menu does.
    await ext.worker.evaluate(
      (o) => (globalThis as unknown as { chrome: Api }).chrome.permissions.remove({ origins: [o] }),
      SITE_3,
    );
    const options = await openOptions(ext);
    const view = (await options.evaluate(() =>
      (globalThis as unknown as { chrome: Api }).chrome.runtime.sendMessage({
        type: 'settings:view',
        data: {},
      }),
    )) as { data: SettingsStatus };
    expect(view.data.sites).toContainEqual({
      pattern: SITE_3,
      app: 'Demo auf 127.0.0.3',
      permission: 'revoked',
    });
    const site = options.getByTestId('site').filter({ hasText: '127.0.0.3' });
    expect(await site.getByTestId('site-permission').textContent()).toContain('entzogen');
    await options.getByTestId('permissions-missing').waitFor();
    // The background follows permissions.onRemoved (registerSettingsWatchers) and stops injecting there.
    await expect.poll(() => registeredMatches(ext.worker)).not.toContain(SITE_3);
    await options.close();
  });

  it('removing a site gives its permission back and the button no longer appears there', async () => {
    const options = await openOptions(ext);
    const site = options.getByTestId('site').filter({ hasText: '127.0.0.2' });
    await site.getByRole('button', { name: /entfernen/ }).click();
    await options.getByRole('button', { name: 'Speichern', exact: true }).click();
    await expect.poll(() => options.getByTestId('save-status').textContent()).toContain('Gespeichert');
    expect(await holds(ext.worker, SITE_2)).toBe(false);
    expect(await registeredMatches(ext.worker)).not.toContain(SITE_2);
    // The install-time loopback permissions stay.
    expect(await holds(ext.worker, 'http://127.0.0.1/*')).toBe(true);

    const page = await ext.context.newPage();
    await page.goto(`${demo2.url}/akte/JC-2024-004711/uebersicht`);
    await page.waitForTimeout(1500);
    expect(await new FeedbackUi(page).host.count()).toBe(0);
    await page.close();
    await options.close();
  });
});
