import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutageOffer } from '../../utils/messaging/protocol/outage';
import { records, storeSettings } from './support/extension';
import { type FirefoxWithExtension, launchFirefox } from './support/firefox';

// Issue #17 in Firefox ESR: a configured application whose server refuses connections. Firefox shows
// its own error page (no content script there); the background saw the load fail (webRequest) and the
// popup's question, asked here from an extension page as the popup asks it, offers "Störung melden"
// with Firefox's error code. The toolbar popup itself is browser UI that WebDriver BiDi cannot open.

let firefox: FirefoxWithExtension;
let extensionPage: Page;
let refusedPort: number;

beforeAll(async () => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  refusedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  firefox = await launchFirefox();
  extensionPage = await firefox.openExtensionPage('options.html');
});
afterAll(async () => {
  await firefox?.close();
});

/** Sends one protocol message from the extension page, as the popup does; resolves with its data. */
function ask<T>(type: string, data: unknown): Promise<T> {
  return extensionPage.evaluate(
    async (message) => {
      const api = (globalThis as unknown as { browser: typeof import('webextension-polyfill') }).browser;
      const reply = (await api.runtime.sendMessage(message)) as {
        ok: boolean;
        data?: unknown;
        error?: unknown;
      };
      if (!reply.ok) throw new Error(JSON.stringify(reply.error));
      return JSON.parse(JSON.stringify(reply.data));
    },
    { type, data },
  ) as Promise<T>;
}

describe('an outage in Firefox', () => {
  it('the refused connection is offered as "Störung melden" with its code, and one report is stored', async () => {
    await storeSettings(extensionPage, {
      sites: [
        {
          pattern: `http://127.0.0.1:${refusedPort}/*`,
          app: 'Leistungsverfahren',
          screenSelectors: [],
          allowedParams: [],
          sensitiveSelectors: [],
        },
      ],
    });
    const url = `http://127.0.0.1:${refusedPort}/akte/4711`;
    const page = await firefox.browser.newPage();
    await page.goto(url).catch(() => undefined);
    const tabId = await extensionPage.evaluate(async (wanted) => {
      const api = (globalThis as unknown as { browser: typeof import('webextension-polyfill') }).browser;
      const tabs = await api.tabs.query({});
      return tabs.find((tab) => tab.url === wanted)?.id ?? -1;
    }, url);
    expect(tabId).toBeGreaterThan(0);

    const offer = await ask<{ offer: OutageOffer | null }>('outage:offer', { tabId, tabUrl: url });
    expect(offer.offer).toMatchObject({
      app: 'Leistungsverfahren',
      kind: 'network',
      code: 'NS_ERROR_CONNECTION_REFUSED',
      words: 'Verbindung abgelehnt',
      routeTemplate: '/akte/:id',
    });

    const { id } = await ask<{ id: string }>('outage:report', {
      tabId,
      tabUrl: url,
      screen: { width: 1280, height: 800, pixelRatio: 1 },
      uiLanguage: 'de-DE',
    });
    const stored = (await records(extensionPage)).find((entry) => entry.id === id);
    expect(stored?.record).toMatchObject({
      note: 'Störung gemeldet: Leistungsverfahren nicht erreichbar (NS_ERROR_CONNECTION_REFUSED)',
      impact: 'blocks',
      context: { browser: { name: 'Firefox' } },
      outage: { kind: 'network', code: 'NS_ERROR_CONNECTION_REFUSED', source: 'observed' },
    });
    expect(firefox.extensionErrors).toEqual([]);
  });
});
