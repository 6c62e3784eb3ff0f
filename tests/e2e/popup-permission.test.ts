import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, startDemoServer } from '../../scripts/demo-server';
import { CHROMIUM_EXTENSION_ID } from '../../utils/extension-id';
import { type ExtensionBrowser, launchWithExtension } from './support/browser';
import { FeedbackUi, setSettings } from './support/pages';

// Issue #16, item 9: a site the organisation configured, on a host the browser holds no permission
// for (the install-time permissions cover only localhost and 127.0.0.1), and the caseworker opens the
// popup there. Headless Chromium cannot press "Allow" in the permission prompt (tests/e2e/sites.test.ts
// explains), so the grant is written into the profile as Chrome stores an accepted prompt, and the
// browser restarted on it.

let demo2: DemoServer;
let site: string;

/** Stands in for the user pressing "Allow" (browser closed). */
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

/**
 * The toolbar popup as the user opens it over `page` (which also grants activeTab, so it knows the
 * tab's address). Playwright does not list the popup; another extension page reaches its document.
 */
async function pressToolbarButton(ext: ExtensionBrowser, page: Page): Promise<Popup> {
  const helper = await ext.context.newPage();
  await helper.goto(`chrome-extension://${ext.extensionId}/options.html`);
  await page.bringToFront();
  await ext.clickToolbarAction(page);
  const popup = new Popup(helper);
  await expect.poll(() => popup.query('[data-ready="true"]')).not.toBeNull();
  return popup;
}

/** Reads the open popup's document from a helper extension page (chrome.extension.getViews). */
class Popup {
  constructor(readonly helper: Page) {}

  /** The text of the first element matching `selector`, or null (also while the popup is not open). */
  query(selector: string): Promise<string | null> {
    return this.helper.evaluate((s) => {
      const api = (globalThis as unknown as { chrome: { extension: { getViews(o: object): Window[] } } })
        .chrome;
      const view = api.extension.getViews({ type: 'popup' })[0];
      return view?.document.querySelector(s)?.textContent ?? null;
    }, selector);
  }

  /** The accessible name of the first button inside `selector`. */
  buttonName(selector: string): Promise<string | null> {
    return this.helper.evaluate((s) => {
      const api = (globalThis as unknown as { chrome: { extension: { getViews(o: object): Window[] } } })
        .chrome;
      const button = api.extension.getViews({ type: 'popup' })[0]?.document.querySelector(`${s} button`);
      return button ? (button.getAttribute('aria-label') ?? button.textContent) : null;
    }, selector);
  }
}

beforeAll(async () => {
  demo2 = await startDemoServer({ host: '127.0.0.2' });
  site = `${demo2.url}/*`;
});
afterAll(async () => {
  await demo2?.close();
});

describe('the popup on a configured site without permission', () => {
  it('says the permission is missing with a grant button, and says nothing once it is granted', async () => {
    let ext: ExtensionBrowser = await launchWithExtension({ toolbar: true });
    try {
      // As an organisation's policy or an imported configuration would: configured, never granted.
      await setSettings(ext.worker, {
        sites: [
          {
            pattern: site,
            app: 'Demo auf 127.0.0.2',
            screenSelectors: [],
            allowedParams: [],
            sensitiveSelectors: [],
          },
        ],
      });
      const page = await ext.context.newPage();
      await page.goto(`${demo2.url}/suche?q=Mustermann`);
      const popup = await pressToolbarButton(ext, page);
      await expect
        .poll(() => popup.query('[data-testid="site-permission-notice"]'))
        .toContain('Berechtigung fehlt');
      expect(await popup.query('[data-testid="site-permission-notice"]')).toContain('Demo auf 127.0.0.2');
      expect(await popup.buttonName('[data-testid="site-permission-notice"]')).toBe('Berechtigung erteilen');
    } finally {
      await ext.close({ removeProfile: false });
    }

    grantInProfile(ext.profileDir, [site]);
    ext = await launchWithExtension({ profileDir: ext.profileDir, toolbar: true });
    try {
      const page = await ext.context.newPage();
      await page.goto(`${demo2.url}/suche?q=Mustermann`);
      // Granted: the button is on the page, and the popup offers feedback without the notice.
      await new FeedbackUi(page).button.waitFor();
      const popup = await pressToolbarButton(ext, page);
      await expect
        .poll(() => popup.query('[data-testid="give-feedback"]'))
        .toBe('Rückmeldung zu dieser Seite geben');
      expect(await popup.query('[data-testid="site-permission-notice"]')).toBeNull();
    } finally {
      await ext.close();
    }
  });
});
