import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DemoServer, startDemoServer } from '../../scripts/demo-server';
import { type ExtensionBrowser, launchWithExtension } from './support/browser';
import { type CollectorRig, INGEST_TOKEN, startCollectorRig } from './support/collector';
import { FeedbackUi, readRecords, sendNow, setSettings, setToken, syncState } from './support/pages';

// Delivery end to end: notes filed in the real extension reach the real collector's SQLite file
// exactly once, whatever the network and the collector do in between (scripted by the fault proxy).
let demo: DemoServer;
let ext: ExtensionBrowser;
let rig: CollectorRig;
let page: Page;

beforeAll(async () => {
  demo = await startDemoServer();
});
afterAll(async () => {
  await demo?.close();
});
beforeEach(async () => {
  rig = await startCollectorRig();
  ext = await launchWithExtension({ toolbar: true });
  await setToken(ext.worker, INGEST_TOKEN);
  await setSettings(ext.worker, { endpoint: rig.endpoint });
  page = await ext.context.newPage();
  await page.goto(`${demo.url}/suche?q=Mustermann`);
});
afterEach(async () => {
  await ext?.close();
  await rig?.close();
});

/** Files `n` notes through the in-page dialog, returns their ids. */
async function fileNotes(n: number, prefix = 'Notiz'): Promise<string[]> {
  const ui = new FeedbackUi(page);
  for (let i = 0; i < n; i++) {
    await ui.open();
    await ui.file(`${prefix} ${i + 1}: Trefferliste lädt langsam.`);
    // The dialog closed by itself after the save (file waits for that).
  }
  const records = await readRecords(ext.worker);
  return records.filter((r) => r.record.note.startsWith(prefix)).map((r) => r.id);
}

/** The batches the extension sent through the proxy, in order (not preflights, not status queries). */
function batchPosts() {
  return rig.proxy.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/feedback'));
}

/** Every id is stored exactly once in the collector and shown as sent in the outbox. */
async function expectDeliveredOnce(ids: string[], worker = ext.worker): Promise<void> {
  await expect
    .poll(() => ids.filter((id) => rig.storedIds().get(id) === 1).length, { timeout: 60_000 })
    .toBe(ids.length);
  for (const count of rig.storedIds().values()) expect(count).toBe(1);
  await expect
    .poll(
      async () => (await readRecords(worker)).filter((r) => ids.includes(r.id) && r.status === 'sent').length,
    )
    .toBe(ids.length);
}

describe('sync to the collector', () => {
  it('delivers in batches shortly after saving, with no button pressed', async () => {
    const ids = await fileNotes(3);
    await expectDeliveredOnce(ids);
    const batches = batchPosts();
    expect(batches.length).toBeLessThanOrEqual(3);
  });

  it('keeps notes while the collector is down and delivers them once it is back', async () => {
    rig.proxy.setMode({ kind: 'down' });
    const ids = await fileNotes(2);
    expect((await sendNow(ext.worker)).outcome).not.toBe('ok');
    expect((await readRecords(ext.worker)).every((r) => r.status === 'pending')).toBe(true);
    rig.proxy.setMode({ kind: 'pass' });
    await sendNow(ext.worker);
    await expectDeliveredOnce(ids);
  });

  it('retries through server errors on its own', async () => {
    rig.proxy.setMode({ kind: 'status', status: 500, times: 2 });
    const ids = await fileNotes(1);
    // No "send now": the engine's own backoff brings the note through. (Polling a forced pass for
    // `sent === 1` raced the engine: a backoff retry that delivered between two polls left every
    // later forced pass with nothing to send.)
    await expectDeliveredOnce(ids);
    expect(batchPosts().map((r) => r.status)).toEqual([500, 500, 200]);
  });

  it('honours Retry-After on 429', async () => {
    rig.proxy.setMode({ kind: 'status', status: 429, times: 1, retryAfter: 2 });
    const ids = await fileNotes(1);
    // The proxy logs a request on arrival and its status once answered.
    await expect.poll(() => batchPosts()[0]?.status).toBe(429);
    const refusedAt = Date.now();
    // The engine waits as told, then sends on its own.
    await expectDeliveredOnce(ids);
    expect(Date.now() - refusedAt).toBeGreaterThanOrEqual(1_500);
  });

  it('isolates a record the collector fails on every time; the others arrive once, it shows as failed', async () => {
    rig.proxy.setMode({ kind: 'poison', marker: 'GIFTIG' });
    const before = await fileNotes(1, 'Vorher');
    const [poisoned] = await fileNotes(1, 'GIFTIG');
    const after = await fileNotes(2, 'Nachher');
    // No "send now": the engine retries the failing batch with backoff, then halves it.
    await expectDeliveredOnce([...before, ...after]);
    await expect
      .poll(async () => (await readRecords(ext.worker)).find((r) => r.id === poisoned)?.status, {
        timeout: 60_000,
      })
      .toBe('failed');
    expect(rig.storedIds().has(poisoned as string)).toBe(false);
    const popup = await ext.context.newPage();
    await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`);
    await popup.getByTestId('outbox-row').filter({ hasText: 'GIFTIG 1' }).click();
    await expect
      .poll(() => popup.getByTestId('failure').textContent())
      .toContain('Der Empfänger konnte diese Rückmeldung wiederholt nicht speichern');
  });

  it('splits a batch the server finds too large', async () => {
    rig.proxy.setMode({ kind: 'pass' });
    const ids = await fileNotes(3);
    await expectDeliveredOnce(ids);
    // Now the same with a limit that lets one record through per request, never two. Sized per record:
    // how the first three were batched depends on the machine's speed (one request, or up to three).
    const perRecord = Math.max(...batchPosts().flatMap((r) => (r.items ? [r.bytes / r.items] : [])));
    rig.proxy.setMode({ kind: 'tooLarge', maxBytes: Math.round(perRecord * 1.5) });
    const more = await fileNotes(3, 'Groß');
    await expectDeliveredOnce([...ids, ...more]);
    expect(rig.proxy.requests.some((r) => r.status === 413)).toBe(true);
  });

  it('stores a record once when the reply is lost after the server committed', async () => {
    rig.proxy.setMode({ kind: 'dropReply', times: 1 });
    const ids = await fileNotes(2);
    await expectDeliveredOnce(ids);
    // The resend was answered "duplicate" and still counted as delivered.
    const forwarded = rig.proxy.requests.filter((r) => r.fault === 'dropReply' || r.upstreamStatus === 200);
    expect(forwarded.length).toBeGreaterThanOrEqual(2);
  });

  it('retries after a malformed reply', async () => {
    rig.proxy.setMode({ kind: 'malformed', times: 1 });
    const ids = await fileNotes(1);
    await expectDeliveredOnce(ids);
  });

  it('stops on 401 without a retry storm and resumes when the token is fixed', async () => {
    // The collector itself refuses a wrong token.
    await setToken(ext.worker, 'not-the-token');
    const ids = await fileNotes(2);
    await expect.poll(async () => (await syncState(ext.worker)).lastResult).toBe('unauthorized');
    const before = rig.proxy.requests.length;
    // A further note does not hammer the server while it refuses our token.
    ids.push(...(await fileNotes(1, 'Weitere')));
    expect(rig.proxy.requests.length).toBe(before);
    expect((await readRecords(ext.worker)).every((r) => r.status === 'pending')).toBe(true);
    // The settings page stores the right token and saves: sending resumes by itself.
    await setToken(ext.worker, INGEST_TOKEN);
    await setSettings(ext.worker, { batchSize: 49 });
    await expectDeliveredOnce(ids);
  });

  it('gives up waiting on a hanging request and sends again', async () => {
    rig.proxy.setMode({ kind: 'hang', times: 1 });
    const ids = await fileNotes(1);
    await expectDeliveredOnce(ids);
  });

  it('sends again after the service worker was stopped in the middle of a request', async () => {
    rig.proxy.setMode({ kind: 'hang', times: 1 });
    const ids = await fileNotes(1);
    await expect.poll(() => rig.proxy.requests.filter((r) => r.fault === 'hang').length).toBe(1);
    // Stop the worker while its request hangs, as Chrome does to idle or misbehaving workers.
    await ext.stopServiceWorker();
    // A new note wakes a fresh worker; the dead worker's lease runs out and both notes go out once.
    ids.push(...(await fileNotes(1, 'Danach')));
    await expectDeliveredOnce(ids);
  });

  it('delivers what was pending when the browser was closed, after it is reopened', async () => {
    rig.proxy.setMode({ kind: 'down' });
    const ids = await fileNotes(2);
    const profileDir = ext.profileDir;
    await ext.close({ removeProfile: false });
    rig.proxy.setMode({ kind: 'pass' });
    ext = await launchWithExtension({ profileDir });
    await expectDeliveredOnce(ids, ext.worker);
  });
});
