import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandlers } from '../../../entrypoints/background/handlers';
import { openOutagePopup, resetOutageMirror, watchOutages } from '../../../entrypoints/background/outages';
import { dispatch } from '../../../entrypoints/background/router';
import type { Envelope } from '../../../utils/messaging/envelope';
import type { OutageOffer } from '../../../utils/messaging/protocol/outage';
import { FeedbackRecord } from '../../../utils/schema/record';
import { DEFAULT_SETTINGS, type Settings } from '../../../utils/schema/settings';
import { getDb } from '../../../utils/store/db';
import { getRecord } from '../../../utils/store/records';
import { applyStatusUpdates } from '../../../utils/sync/status';
import { resetDb, settingsWith } from '../../support/settings';

// The background's side of the outage report (issue #17), without a browser: webRequest events go
// in, the popup's messages come in from the popup's sender, the record lands in (fake) IndexedDB.

const EAKTE = {
  pattern: 'https://eakte.jobcenter.example/*',
  app: 'E-Akte',
  screenSelectors: [],
  allowedParams: ['tab'],
  sensitiveSelectors: [],
};
const settings: Settings = settingsWith({ sites: [EAKTE] });
const popup = { id: browser.runtime.id, url: browser.runtime.getURL('/popup.html') };

type Listener = (details: unknown) => void;
const listeners = { error: [] as Listener[], completed: [] as Listener[] };
let stop: () => void;
let saved = 0;
let handlers: ReturnType<typeof createHandlers>;

beforeEach(async () => {
  await resetDb();
  resetOutageMirror();
  listeners.error = [];
  listeners.completed = [];
  // fakeBrowser leaves webRequest unimplemented: just enough of it to deliver events.
  const on = (list: Listener[]) => ({
    addListener: (listener: Listener) => list.push(listener),
    removeListener: (listener: Listener) => list.splice(list.indexOf(listener), 1),
  });
  Object.assign(fakeBrowser, {
    webRequest: { onErrorOccurred: on(listeners.error), onCompleted: on(listeners.completed) },
  });
  vi.spyOn(browser.runtime, 'getManifest').mockReturnValue({
    manifest_version: 3,
    name: 'Mitsprache',
    version: '1.2.3',
  });
  stop = watchOutages({ sites: async () => settings.sites });
  saved = 0;
  handlers = createHandlers({ settings: async () => settings, onRecordSaved: () => saved++ });
});
afterEach(() => stop());

/** Waits until the background has recorded what it was told (the first failure loads word lists). */
async function settled(): Promise<void> {
  await handlers['outage:offer']({ tabId: -99, tabUrl: 'about:blank' }, popup as never);
}

async function failTab(tabId: number, url: string, error = 'net::ERR_CONNECTION_REFUSED') {
  for (const listener of listeners.error) listener({ tabId, frameId: 0, url, error });
  await settled();
}
async function complete(tabId: number, url: string, statusCode: number) {
  for (const listener of listeners.completed) listener({ tabId, frameId: 0, url, statusCode });
  await settled();
}

async function offer(tabId: number, tabUrl: string): Promise<OutageOffer | null> {
  const reply = (await dispatch(
    handlers,
    { type: 'outage:offer', data: { tabId, tabUrl } },
    popup as never,
  )) as Envelope<{ offer: OutageOffer | null }>;
  if (!reply.ok) throw new Error(reply.error.code);
  return reply.data.offer;
}

async function report(tabId: number, tabUrl: string, note?: string) {
  return dispatch(
    handlers,
    {
      type: 'outage:report',
      data: {
        tabId,
        tabUrl,
        ...(note ? { note } : {}),
        screen: { width: 1920, height: 1080, pixelRatio: 1 },
        uiLanguage: 'de-DE',
      },
    },
    popup as never,
  );
}

const URL_1 = 'https://eakte.jobcenter.example/akte/4711-0815/leistungen?kunde=Mustermann&tab=2';

describe('observing failures', () => {
  it('offers the report in the failed tab, with the error, since when and the redacted screen', async () => {
    await failTab(7, URL_1);
    const shown = await offer(7, URL_1);
    expect(shown).toMatchObject({
      app: 'E-Akte',
      kind: 'network',
      code: 'ERR_CONNECTION_REFUSED',
      words: 'Verbindung abgelehnt',
      routeTemplate: '/akte/:id/leistungen',
      note: 'Störung gemeldet: E-Akte nicht erreichbar (ERR_CONNECTION_REFUSED)',
    });
    // On Chrome's error page the tab's address may be the error page's own: the tab decides.
    expect((await offer(7, 'chrome-error://chromewebdata/'))?.app).toBe('E-Akte');
    // Another tab on the same application did not fail.
    expect(await offer(8, URL_1)).toBeNull();
  });

  it('ignores sites that are not configured, frames, and errors that are no outage', async () => {
    for (const listener of listeners.error) {
      listener({ tabId: 7, frameId: 0, url: 'https://other.example/', error: 'net::ERR_CONNECTION_REFUSED' });
      listener({ tabId: 7, frameId: 3, url: URL_1, error: 'net::ERR_CONNECTION_REFUSED' });
      listener({ tabId: 7, frameId: 0, url: URL_1, error: 'net::ERR_ABORTED' });
    }
    await complete(7, URL_1, 404);
    expect(await offer(7, URL_1)).toBeNull();
    expect(await offer(7, 'https://other.example/')).toBeNull();
  });

  it('takes a 5xx answer to a top-level load as an outage, and a good load of the app as the end', async () => {
    await complete(7, URL_1, 503);
    expect(await offer(7, URL_1)).toMatchObject({
      kind: 'http',
      code: '503',
      words: 'Dienst nicht verfügbar',
    });
    await complete(9, 'https://eakte.jobcenter.example/suche', 200);
    expect(await offer(7, URL_1)).toBeNull();
  });

  it('survives a restart of the service worker (storage.session), and a good load writes nothing', async () => {
    const set = vi.spyOn(browser.storage.session, 'set');
    await complete(7, URL_1, 200);
    expect(set).not.toHaveBeenCalled();
    await failTab(7, URL_1);
    expect(set).toHaveBeenCalledTimes(1);
    resetOutageMirror();
    expect((await offer(7, URL_1))?.code).toBe('ERR_CONNECTION_REFUSED');
  });
});

describe('a login loop', () => {
  const LOGIN = 'https://eakte.jobcenter.example/anmeldung?ziel=/akte/4711';

  it('three landings on the login page within a minute are an outage; getting in ends it', async () => {
    await complete(7, LOGIN, 200);
    await complete(7, LOGIN, 200);
    expect(await offer(7, LOGIN)).toBeNull();
    await complete(7, LOGIN, 200);
    expect(await offer(7, LOGIN)).toMatchObject({
      kind: 'login-loop',
      words: 'Anmeldung hängt in einer Schleife',
      routeTemplate: '/anmeldung',
      note: 'Störung gemeldet: Anmeldung bei E-Akte hängt in einer Schleife',
    });
    // The login page loading again does not count as the application working.
    await complete(7, LOGIN, 200);
    expect((await offer(7, LOGIN))?.kind).toBe('login-loop');
    await complete(7, 'https://eakte.jobcenter.example/akte/4711', 200);
    expect(await offer(7, LOGIN)).toBeNull();
  });
});

it('forgets an episode two hours old at the next good load, so later loads write nothing', async () => {
  const set = vi.spyOn(browser.storage.session, 'set');
  const start = Date.now();
  vi.spyOn(Date, 'now').mockReturnValue(start);
  await failTab(7, URL_1);
  vi.spyOn(Date, 'now').mockReturnValue(start + 2 * 60 * 60 * 1000);
  await complete(9, 'https://other.example/', 200);
  expect(await browser.storage.session.get('outages')).toEqual({ outages: {} });
  const writes = set.mock.calls.length;
  await complete(9, 'https://other.example/', 200);
  expect(set.mock.calls.length).toBe(writes);
  vi.restoreAllMocks();
});

describe('the report', () => {
  it('is built without a content script, stored with its queue row, and the sync is asked for', async () => {
    await failTab(7, URL_1);
    const reply = await report(7, URL_1);
    expect(reply.ok).toBe(true);
    const id = reply.ok ? (reply.data as { id: string }).id : '';
    const entry = await getRecord(id);
    expect(FeedbackRecord.safeParse(entry?.record).success).toBe(true);
    expect(entry?.record).toMatchObject({
      category: 'error',
      impact: 'blocks',
      note: 'Störung gemeldet: E-Akte nicht erreichbar (ERR_CONNECTION_REFUSED)',
      context: {
        app: 'E-Akte',
        url: 'https://eakte.jobcenter.example/akte/:id/leistungen?tab=2',
        routeTemplate: '/akte/:id/leistungen',
        screenSize: { width: 1920, height: 1080, pixelRatio: 1 },
        uiLanguage: 'de-DE',
      },
      outage: { kind: 'network', code: 'ERR_CONNECTION_REFUSED', source: 'observed' },
    });
    expect(entry?.record.outage?.episode).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.stringify(entry)).not.toContain('Mustermann');
    expect((await (await getDb()).getAll('queue')).map((row) => row.id)).toEqual([id]);
    expect(saved).toBe(1);
  });

  it('redacts the caseworker’s note, and reports of one outage share the episode', async () => {
    await failTab(7, URL_1);
    const first = await report(
      7,
      URL_1,
      'Seit 9 Uhr geht nichts, Frau Mustermann wartet. IBAN DE89370400440532013000',
    );
    await failTab(7, URL_1, 'net::ERR_TIMED_OUT');
    const second = await report(7, URL_1);
    const [a, b] = await Promise.all(
      [first, second].map((reply) => getRecord(reply.ok ? (reply.data as { id: string }).id : '')),
    );
    expect(a?.record.note).not.toContain('DE89370400440532013000');
    expect(b?.record.outage).toMatchObject({ kind: 'timeout', code: 'ERR_TIMED_OUT' });
    expect(b?.record.outage?.episode).toBe(a?.record.outage?.episode);
    expect(b?.record.outage?.since).toBe(a?.record.outage?.since);
  });

  it('the next offer over the same outage knows it was reported, and the incident a poll brought', async () => {
    await failTab(7, URL_1);
    expect((await offer(7, URL_1))?.reported).toBe(0);
    const reply = await report(7, URL_1);
    const id = reply.ok ? (reply.data as { id: string }).id : '';
    expect((await offer(7, URL_1))?.reported).toBe(1);
    const now = new Date().toISOString();
    await applyStatusUpdates([
      {
        id,
        status: 'received',
        reply: null,
        updatedAt: now,
        incident: {
          id: 'inc-1',
          app: 'E-Akte',
          state: 'known',
          openedAt: now,
          knownAt: now,
          closedAt: null,
          statusText: 'IT ist dran.',
        },
      },
    ]);
    expect((await offer(7, URL_1))?.incident).toMatchObject({ state: 'known', statusText: 'IT ist dran.' });
  });

  it('is refused where the tab shows no failure', async () => {
    const reply = await report(7, URL_1);
    expect(reply).toEqual({ ok: false, error: { code: 'no_outage' } });
  });

  it('is written in English when the extension speaks English', async () => {
    const english = createHandlers({
      settings: async () => ({ ...settings, uiLanguage: 'en' }),
      onRecordSaved: () => {},
    });
    await failTab(7, URL_1);
    const reply = await english['outage:offer']({ tabId: 7, tabUrl: URL_1 }, popup as never);
    expect(reply.offer?.note).toBe('Outage reported: E-Akte unreachable (ERR_CONNECTION_REFUSED)');
    expect(reply.offer?.words).toBe('connection refused');
  });
});

describe('the shortcut', () => {
  it('opens the popup over a failed tab, and does nothing over a working one', async () => {
    const openPopup = vi.fn(async () => {});
    Object.assign(fakeBrowser.action, { openPopup });
    // fakeBrowser cannot make a tab active: the active tab of the focused window, as Chrome answers.
    const tabId = 7;
    vi.spyOn(browser.tabs, 'query').mockResolvedValue([{ id: tabId, url: URL_1 }] as never);
    expect(await openOutagePopup(async () => settings)).toBe(false);
    await failTab(tabId, URL_1);
    expect(await openOutagePopup(async () => settings)).toBe(true);
    expect(openPopup).toHaveBeenCalledTimes(1);
    await complete(tabId, URL_1, 200);
    expect(await openOutagePopup(async () => settings)).toBe(false);
    expect(openPopup).toHaveBeenCalledTimes(1);
  });
});

// DEFAULT_SETTINGS has no site: nothing is observed.
it('observes nothing without configured sites', async () => {
  stop();
  stop = watchOutages({ sites: async () => DEFAULT_SETTINGS.sites });
  await failTab(7, URL_1);
  expect(await offer(7, URL_1)).toBeNull();
});
