import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DemoServer, startDemoServer } from '../../scripts/demo-server';
import type { OutboxEntry } from '../../utils/schema/outbox';
import { signedInOfficer } from '../collector/dashboard/officer';
import { type ExtensionBrowser, launchWithExtension } from './support/browser';
import { type CollectorRig, INGEST_TOKEN, startCollectorRig } from './support/collector';
import { FeedbackUi, readRecords, sendNow, setSettings, setToken } from './support/pages';

// Issue #17, the caseworker's side: a configured application fails to load (the browser's own error
// page, a bare 503), the popup offers "Störung melden" with what failed, one press stores the report
// in the extension's IndexedDB, and it reaches the real collector exactly once.

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let demo: DemoServer;
let ext: ExtensionBrowser;
let rig: CollectorRig;
/** A port nothing listens on: connections to it are refused. */
let refusedPort: number;
/** A server that answers every page but its login with 503, as an application behind a broken gateway does. */
let unavailable: Server;
let unavailablePort: number;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const site = (port: number, app: string) => ({
  pattern: `http://127.0.0.1:${port}/*`,
  app,
  screenSelectors: [],
  allowedParams: [],
  sensitiveSelectors: [],
});

beforeAll(async () => {
  demo = await startDemoServer();
  refusedPort = await freePort();
  unavailable = createServer((request, response) => {
    // Its login page loads, and sends the caseworker nowhere but back to itself (a login loop).
    if (request.url?.startsWith('/anmeldung')) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end('<!doctype html><title>Anmeldung</title><form><input name="kennung"></form>');
      return;
    }
    response.writeHead(503, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>503</title><h1>Service Unavailable</h1>');
  });
  await new Promise<void>((resolve) => unavailable.listen(0, '127.0.0.1', resolve));
  unavailablePort = (unavailable.address() as AddressInfo).port;
});
afterAll(async () => {
  await demo?.close();
  await new Promise<void>((resolve) => unavailable?.close(() => resolve()));
});
beforeEach(async () => {
  // One report from one installation opens an incident, so the officers' answer can be followed here.
  rig = await startCollectorRig({ incidentReports: 1, incidentInstallations: 1 });
  ext = await launchWithExtension({ toolbar: true });
  await setToken(ext.worker, INGEST_TOKEN);
  await setSettings(ext.worker, {
    endpoint: rig.endpoint,
    sites: [
      site(demo.port, 'Demo-Jobcenter'),
      site(refusedPort, 'Leistungsverfahren'),
      site(unavailablePort, 'E-Akte'),
    ],
  });
});
afterEach(async () => {
  await ext?.close();
  await rig?.close();
});

/** The open toolbar popup, read and pressed from another extension page (Playwright does not list it). */
class Popup {
  constructor(readonly helper: Page) {}

  /** The text of the first element matching `selector`, or null (also while the popup is not open). */
  text(selector: string): Promise<string | null> {
    return this.helper.evaluate((s) => {
      const api = (globalThis as unknown as { chrome: { extension: { getViews(o: object): Window[] } } })
        .chrome;
      return api.extension.getViews({ type: 'popup' })[0]?.document.querySelector(s)?.textContent ?? null;
    }, selector);
  }

  /** The data-testid of the element that has the focus in the popup. */
  focused(): Promise<string | null> {
    return this.helper.evaluate(() => {
      const api = (globalThis as unknown as { chrome: { extension: { getViews(o: object): Window[] } } })
        .chrome;
      const active = api.extension.getViews({ type: 'popup' })[0]?.document.activeElement;
      return active?.getAttribute('data-testid') ?? null;
    });
  }

  /** Types `value` into the field as an input event would leave it. */
  async fill(selector: string, value: string): Promise<void> {
    await this.helper.evaluate(
      ([s, v]) => {
        const api = (globalThis as unknown as { chrome: { extension: { getViews(o: object): Window[] } } })
          .chrome;
        const view = api.extension.getViews({ type: 'popup' })[0];
        const field = view?.document.querySelector(s) as HTMLTextAreaElement;
        field.value = v;
        field.dispatchEvent(new Event('input', { bubbles: true }));
      },
      [selector, value] as const,
    );
  }

  /** Closes the popup, as a click elsewhere does, and waits until it is gone. */
  async close(): Promise<void> {
    await this.helper.evaluate(() => {
      const api = (globalThis as unknown as { chrome: { extension: { getViews(o: object): Window[] } } })
        .chrome;
      api.extension.getViews({ type: 'popup' })[0]?.close();
    });
    await expect.poll(() => this.text('body')).toBeNull();
  }

  /** Presses the element (a click event in the popup's document). */
  async press(selector: string): Promise<void> {
    await this.helper.evaluate((s) => {
      const api = (globalThis as unknown as { chrome: { extension: { getViews(o: object): Window[] } } })
        .chrome;
      const target = api.extension.getViews({ type: 'popup' })[0]?.document.querySelector(s);
      // The popup's own realm: its elements are no instances of this page's HTMLElement.
      if (!target) throw new Error(`${s} is not in the popup`);
      (target as HTMLElement).click();
    }, selector);
  }
}

/**
 * axe-core's serious and critical findings in the open toolbar popup. The popup is no page Playwright
 * lists; the browser-level DevTools session attaches to it and evaluates there (which the extension
 * page's CSP does not stop).
 */
async function popupViolations(): Promise<{ id: string; targets: unknown[] }[]> {
  const browser = ext.context.browser();
  if (!browser) throw new Error('no browser-level access');
  const session = await browser.newBrowserCDPSession();
  type Targets = { targetInfos: { type: string; url: string; targetId: string }[] };
  const { targetInfos } = (await session.send('Target.getTargets')) as unknown as Targets;
  const popup = targetInfos.find((t) => t.type === 'page' && t.url.endsWith('/popup.html'));
  if (!popup) throw new Error('the popup is not open');
  const { sessionId } = (await session.send('Target.attachToTarget', {
    targetId: popup.targetId,
    flatten: false,
  })) as { sessionId: string };
  const expression = `${AXE};
    axe.run().then((result) => JSON.stringify(result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target) }))))`;
  const reply = new Promise<string>((resolve, reject) => {
    session.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
      const message = JSON.parse(event.message) as {
        id?: number;
        result?: { result?: { value?: string }; exceptionDetails?: unknown };
      };
      if (event.sessionId !== sessionId || message.id !== 1) return;
      if (message.result?.exceptionDetails)
        reject(new Error(JSON.stringify(message.result.exceptionDetails)));
      else resolve(message.result?.result?.value ?? '[]');
    });
  });
  await session.send('Target.sendMessageToTarget', {
    sessionId,
    message: JSON.stringify({
      id: 1,
      method: 'Runtime.evaluate',
      params: { expression, awaitPromise: true, returnByValue: true },
    }),
  });
  const found = JSON.parse(await reply) as { id: string; targets: unknown[] }[];
  await session.detach();
  return found;
}

/** A helper extension page from which the popup's document is reachable. */
async function popupReader(): Promise<Popup> {
  const helper = await ext.context.newPage();
  await helper.goto(`chrome-extension://${ext.extensionId}/options.html`);
  return new Popup(helper);
}

/** Opens `url` in a new tab; a failed load (the browser's error page) is what the test wants. */
async function visit(url: string): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(url).catch(() => undefined);
  return page;
}

/** The feedback shortcut over the front tab (the browser-level key cannot be pressed headless; the command is run). */
function openByShortcut(): Promise<void> {
  return ext.worker.evaluate(() =>
    (globalThis as unknown as { mitsprache: { runCommand(c: string): Promise<void> } }).mitsprache.runCommand(
      'open-feedback',
    ),
  );
}

/** The outage records in the extension's IndexedDB. */
async function outageRecords(): Promise<OutboxEntry[]> {
  return (await readRecords(ext.worker)).filter((entry) => entry.record.outage !== undefined);
}

/** Stored in the collector's database exactly once, and marked sent on the device. */
async function expectDeliveredOnce(id: string): Promise<void> {
  await sendNow(ext.worker);
  await expect.poll(() => rig.storedIds().get(id), { timeout: 60_000 }).toBe(1);
  await expect
    .poll(async () => (await readRecords(ext.worker)).find((entry) => entry.id === id)?.status)
    .toBe('sent');
  await sendNow(ext.worker);
  expect(rig.storedIds().get(id)).toBe(1);
  expect([...rig.storedIds().values()].every((n) => n === 1)).toBe(true);
}

describe('an application whose server refuses connections', () => {
  it('the shortcut opens the popup with "Störung melden", one press stores it, it is synced once', async () => {
    const popup = await popupReader();
    const page = await visit(`http://127.0.0.1:${refusedPort}/akte/4711/leistungen?kunde=Mustermann`);
    await page.bringToFront();
    await openByShortcut();
    await expect
      .poll(() => popup.text('[data-testid="outage-card"] h2'), { timeout: 20_000 })
      .toBe('Störung melden');
    expect(await popup.text('[data-testid="outage-app"]')).toBe('Leistungsverfahren');
    expect(await popup.text('[data-testid="outage-error"]')).toBe(
      'Verbindung abgelehnt (ERR_CONNECTION_REFUSED)',
    );
    // The screen, with the file number masked and the client's name in the query dropped.
    expect(await popup.text('[data-testid="outage-screen"]')).toBe('/akte/:id/leistungen');
    expect(await popup.text('[data-testid="outage-note-default"]')).toContain(
      'Störung gemeldet: Leistungsverfahren nicht erreichbar (ERR_CONNECTION_REFUSED)',
    );
    // One press: the button has the focus.
    await expect.poll(() => popup.focused()).toBe('outage-report');
    await popup.press('[data-testid="outage-report"]');
    await expect.poll(() => popup.text('[data-testid="outage-reported"]')).toContain('Störung gemeldet');

    const [stored] = await outageRecords();
    expect(stored?.record).toMatchObject({
      category: 'error',
      impact: 'blocks',
      note: 'Störung gemeldet: Leistungsverfahren nicht erreichbar (ERR_CONNECTION_REFUSED)',
      context: { app: 'Leistungsverfahren', routeTemplate: '/akte/:id/leistungen' },
      outage: { kind: 'network', code: 'ERR_CONNECTION_REFUSED', source: 'observed' },
    });
    expect(stored?.record.context.url).not.toContain('4711');
    expect(stored?.record.context.url).not.toContain('Mustermann');
    expect(stored?.record.outage?.episode).toMatch(/^[0-9a-f]{16}$/);
    await expectDeliveredOnce(stored?.id ?? '');
  });
});

describe('an application answering 503', () => {
  it('the toolbar popup offers "Störung melden" with the status; the typed note is stored; synced once', async () => {
    const popup = await popupReader();
    const page = await visit(`http://127.0.0.1:${unavailablePort}/suche`);
    await page.bringToFront();
    await ext.clickToolbarAction(page);
    await expect
      .poll(() => popup.text('[data-testid="outage-error"]'), { timeout: 20_000 })
      .toBe('Dienst nicht verfügbar (503)');
    expect(await popup.text('[data-testid="outage-app"]')).toBe('E-Akte');
    // No in-page dialog here: the card replaces the "give feedback" button.
    expect(await popup.text('[data-testid="give-feedback"]')).toBeNull();
    // Labelled and operable: axe-core finds nothing serious in the popup with the card.
    expect(await popupViolations()).toEqual([]);
    await popup.fill('#outage-note', 'Seit dem Mittag kommt nur diese Seite.');
    await popup.press('[data-testid="outage-report"]');
    await expect.poll(() => popup.text('[data-testid="outage-reported"]')).toContain('Störung gemeldet');

    const [stored] = await outageRecords();
    expect(stored?.record).toMatchObject({
      note: 'Seit dem Mittag kommt nur diese Seite.',
      context: { app: 'E-Akte', routeTemplate: '/suche' },
      outage: { kind: 'http', code: '503', source: 'observed' },
    });
    await expectDeliveredOnce(stored?.id ?? '');
  });
});

describe('a login loop', () => {
  it('the third landing on the login page within a minute is offered as an outage', async () => {
    const popup = await popupReader();
    const page = await ext.context.newPage();
    for (let i = 0; i < 3; i++)
      await page.goto(`http://127.0.0.1:${unavailablePort}/anmeldung?ziel=/akte/4711`);
    await ext.clickToolbarAction(page);
    await expect
      .poll(() => popup.text('[data-testid="outage-error"]'), { timeout: 20_000 })
      .toBe('Anmeldung hängt in einer Schleife');
    expect(await popup.text('[data-testid="outage-screen"]')).toBe('/anmeldung');
    await popup.press('[data-testid="outage-report"]');
    await expect.poll(() => popup.text('[data-testid="outage-reported"]')).toContain('Störung gemeldet');
    const [stored] = await outageRecords();
    expect(stored?.record).toMatchObject({
      note: 'Störung gemeldet: Anmeldung bei E-Akte hängt in einer Schleife',
      outage: { kind: 'login-loop', source: 'observed' },
    });
    expect(stored?.record.outage?.code).toBeUndefined();
  });
});

describe('an application that loads but is broken', () => {
  it('"Das ist eine Störung" in the dialog stores a declared outage at once; the next one keeps the episode', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${demo.url}/suche?q=Mustermann`);
    const ui = new FeedbackUi(page);
    await ui.open();
    // Offered with the category "Fehler / Ausfall" only.
    expect(await ui.dialog.getByTestId('declare-outage').count()).toBe(0);
    await ui.category.selectOption('error');
    await ui.dialog.getByRole('radio', { name: 'Anwendung zeigt eine Fehlermeldung' }).check();
    // Keyboard operable and labelled: axe-core finds nothing in the form with the outage part shown.
    const frame = page
      .frames()
      .find((f) => f.url().includes('/note-dialog.html') && f.isDetached() === false);
    // Evaluated through the DevTools protocol, so the extension page's CSP does not stop axe's script.
    await frame?.evaluate(AXE);
    const violations = await frame?.evaluate(async () => {
      const { axe } = globalThis as unknown as {
        axe: { run(): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> };
      };
      return (await axe.run()).violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target) }));
    });
    expect(violations).toEqual([]);
    await ui.dialog.getByRole('button', { name: 'Das ist eine Störung' }).click();
    await ui.closedAfterSave();

    const [first] = await outageRecords();
    expect(first?.record).toMatchObject({
      category: 'error',
      impact: 'blocks',
      note: 'Störung gemeldet: Demo-Jobcenter zeigt eine Fehlermeldung',
      context: { app: 'Demo-Jobcenter', routeTemplate: '/suche' },
      outage: { kind: 'error-message', source: 'declared' },
    });
    expect(first?.record.outage?.code).toBeUndefined();

    // The page loads fine again; a second report of the same outage, with a note, is the same episode.
    await page.reload();
    await ui.open();
    await ui.type('Nach dem Speichern kommt nur „Interner Fehler“.');
    await ui.category.selectOption('error');
    await ui.dialog.getByRole('button', { name: 'Das ist eine Störung' }).click();
    await ui.closedAfterSave();
    const both = await outageRecords();
    expect(both).toHaveLength(2);
    const second = both.find((entry) => entry.id !== first?.id);
    expect(second?.record).toMatchObject({
      note: 'Nach dem Speichern kommt nur „Interner Fehler“.',
      impact: 'blocks',
      outage: { kind: 'unresponsive', source: 'declared', episode: first?.record.outage?.episode },
    });
    await expectDeliveredOnce(first?.id ?? '');
    expect(rig.storedIds().get(second?.id ?? '')).toBe(1);
  });
});

describe('what becomes of the report', () => {
  it("the officers confirm the incident with a status text, and the reporter's popup says so; then it is resolved", async () => {
    const popup = await popupReader();
    const page = await visit(`http://127.0.0.1:${refusedPort}/akte/4711/leistungen`);
    await page.bringToFront();
    await openByShortcut();
    await expect.poll(() => popup.focused(), { timeout: 20_000 }).toBe('outage-report');
    await popup.press('[data-testid="outage-report"]');
    await expect.poll(() => popup.text('[data-testid="outage-reported"]')).toContain('Störung gemeldet');
    const [stored] = await outageRecords();
    await expectDeliveredOnce(stored?.id ?? '');

    // The collector grouped the report into an incident; an officer confirms it in the dashboard.
    const [incident] = await rig.collector.incidents.active();
    expect(incident).toMatchObject({ app: 'Leistungsverfahren', state: 'open', reports: 1 });
    const { officer, csrf } = await signedInOfficer(rig.collector);
    const statusText = 'IT ist informiert, das Rechenzentrum arbeitet daran.';
    const confirmed = await officer.post(`/dashboard/incidents/${incident?.id}/confirm`, {
      _csrf: csrf,
      statusText,
    });
    expect(confirmed.status).toBe(303);

    // The next status poll brings it to the device, and the popup over the failed tab shows it.
    await sendNow(ext.worker);
    await expect
      .poll(
        async () =>
          (await readRecords(ext.worker)).find((e) => e.id === stored?.id)?.officer?.incident?.state,
      )
      .toBe('known');
    await popup.close();
    await openByShortcut();
    await expect
      .poll(() => popup.text('[data-testid="incident-state"]'), { timeout: 20_000 })
      .toMatch(/^Bekannt seit \d{1,2}:\d{2} – IT ist informiert\.$/);
    expect(await popup.text('[data-testid="incident-text"]')).toBe(statusText);

    // Closed by the officers: "Störung behoben".
    expect((await officer.post(`/dashboard/incidents/${incident?.id}/close`, { _csrf: csrf })).status).toBe(
      303,
    );
    await sendNow(ext.worker);
    await expect
      .poll(
        async () =>
          (await readRecords(ext.worker)).find((e) => e.id === stored?.id)?.officer?.incident?.state,
      )
      .toBe('closed');
    await popup.close();
    await openByShortcut();
    await expect
      .poll(() => popup.text('[data-testid="incident-state"]'), { timeout: 20_000 })
      .toMatch(/^Störung behoben/);
  });
});
