// How fast the toolbar popup opens with a full outbox.
// Run: npx tsx scripts/bench/popup-open.ts [records=50000] [opens=40]
// Target: list on screen ≤ 150 ms (median and p95) with 50,000 records stored. Measured in the real
// extension in system Chromium (--headless=new): the records are written into the extension's own
// IndexedDB through the popup page, then popup.html is opened again and again. Each open is a fresh
// document; the figure is navigation start → first page of the list in the DOM (the
// `mitsprache:list-ready` mark set by entrypoints/popup/main.tsx). The counts arrive after the list and
// are reported as their own figures: pending and failed are cheap, the sent count is one read of the count
// the seeding keeps beside the records, as the extension's own writers do.
// A caseworker opens the popup now and then, and Chrome stops an idle extension worker after 30 s: the
// last figures are opens with the worker stopped first, so the first message has to start it.
import type { CDPSession, Page } from 'playwright-core';
import { launchWithExtension } from '../../tests/e2e/support/browser';
import { makeRecord } from '../../tests/support/records';
import type { OutboxEntry } from '../../utils/schema/outbox';
import type { FeedbackRecord } from '../../utils/schema/record';
import { SENT_KEY } from '../../utils/store/sent-count';
import { ensureBuilt, type Figure, isMain, machineLine, printFigures, sleep, summary } from './support';

const BUDGET_MS = 150;
const SEED_CHUNK = 1000;
const PAUSE_MS = 300;
/** Opens with the service worker stopped beforehand (each costs a worker start). */
const COLD_OPENS = 10;

/** The shape every seeded record shares (the tests' valid record); id, time, note, status and answers vary in the page. */
function template(): FeedbackRecord {
  return makeRecord({
    note: 'Der Bescheid lässt sich erst nach dem dritten Speichern drucken; die Vorschau bleibt leer.',
  });
}

/**
 * Writes `total` entries straight into the extension's IndexedDB from the popup page (same origin as
 * the background): 80 % sent (every tenth with an officer answer, some unread), 18 % pending with
 * queue rows, 2 % failed; one record in fifty carries a 60 kB screenshot, as real notes sometimes do.
 */
export async function seedOutbox(page: Page, total: number): Promise<number> {
  return page.evaluate(
    async ({ total, chunk, base, sentKey }) => {
      const started = performance.now();
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('mitsprache');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const shot = `data:image/jpeg;base64,${'A'.repeat(60_000)}`;
      const start = Date.now() - total * 60_000;
      for (let done = 0; done < total; done += chunk) {
        await new Promise<void>((resolve, reject) => {
          const tx = db.transaction(['records', 'queue', 'counters'], 'readwrite');
          const records = tx.objectStore('records');
          const queue = tx.objectStore('queue');
          let sent = 0;
          for (let i = done; i < Math.min(total, done + chunk); i++) {
            const id = crypto.randomUUID();
            const createdAt = start + i * 60_000;
            const record = {
              ...base,
              id,
              createdAt: new Date(createdAt).toISOString().replace('Z', '+00:00'),
              note: `${base.note} (${i})`,
              ...(i % 50 === 7
                ? { screenshot: { dataUrl: shot, width: 800, height: 450, maskCount: 3 } }
                : {}),
            };
            const roll = i % 100;
            const status = roll < 80 ? 'sent' : roll < 98 ? 'pending' : 'failed';
            const entry: Record<string, unknown> = {
              id,
              createdAt,
              status,
              record,
              attempts: status === 'pending' ? 0 : 1,
            };
            if (status === 'sent') {
              sent++;
              entry.sentAt = createdAt + 5_000;
              if (i % 10 === 3) {
                entry.officer = {
                  status: 'in_review',
                  reply: i % 20 === 3 ? 'Wir prüfen das mit dem Hersteller.' : null,
                  updatedAt: new Date(createdAt + 86_400_000).toISOString(),
                  read: i % 40 !== 3,
                };
              }
            }
            if (status === 'failed')
              entry.failure = { code: 'rejected', reason: 'invalid_item: category', at: createdAt };
            if (status === 'pending') {
              const add = queue.add({ id, bytes: JSON.stringify(record).length });
              add.onsuccess = () => records.put({ ...entry, seq: add.result });
            } else {
              records.put(entry);
            }
          }
          // Kept in step as the extension's writers keep it (utils/store/sent-count.ts); a count that is
          // not a number is left alone, for the popup's first read to repair.
          const counters = tx.objectStore('counters');
          const count = counters.get(sentKey);
          count.onsuccess = () => {
            if (typeof count.result === 'number') counters.put(count.result + sent, sentKey);
          };
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
      }
      db.close();
      return performance.now() - started;
    },
    { total, chunk: SEED_CHUNK, base: template() as unknown as OutboxEntry['record'], sentKey: SENT_KEY },
  );
}

interface OpenTiming {
  /** Navigation start → our script runs (the browser's part: process, HTML, modules). */
  scriptStart: number;
  listReady: number;
  overviewReady: number;
  /** When the sent count was on screen (the mutation that cleared its aria-busy). */
  sentReady: number;
  rows: number;
}

/**
 * Waits in the page, through a plain Runtime.evaluate, until the list, the counts and the sent count are
 * on screen, and reads the figures. Not through Playwright's locators or waitForFunction: their first
 * use in a new document compiles Playwright's injected script on the popup's main thread (10–20 ms in
 * a trace), and that ran in the middle of the measured window, between the script start and the render.
 */
const WAIT_FOR_OPEN = `new Promise((resolve, reject) => {
  const mark = (name) => performance.getEntriesByName(name)[0]?.startTime;
  let sentAt;
  const check = () => {
    const sent = document.querySelector('[data-testid="count-sent"]');
    if (sentAt === undefined && sent && sent.getAttribute('aria-busy') !== 'true') sentAt = performance.now();
    const listReady = mark('mitsprache:list-ready');
    const overviewReady = mark('mitsprache:overview-ready');
    if (sentAt === undefined || listReady === undefined || overviewReady === undefined) return;
    observer.disconnect();
    marks.disconnect();
    resolve({
      sentReady: sentAt,
      scriptStart: mark('mitsprache:popup-start') ?? Number.NaN,
      listReady,
      overviewReady,
      rows: document.querySelectorAll('[data-testid="outbox-row"]').length,
    });
  };
  const observer = new MutationObserver(check);
  observer.observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['aria-busy'],
  });
  const marks = new PerformanceObserver(check);
  marks.observe({ type: 'mark' });
  setTimeout(() => reject(new Error('the popup did not finish opening within 120 s')), 120000);
  check();
})`;

async function openOnce(page: Page, cdp: CDPSession, url: string): Promise<OpenTiming> {
  // DOMContentLoaded: the new document's script has run (module scripts run before it); nothing injected.
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  const reply = (await cdp.send('Runtime.evaluate', {
    expression: WAIT_FOR_OPEN,
    awaitPromise: true,
    returnByValue: true,
  })) as { result: { value?: OpenTiming }; exceptionDetails?: { exception?: { description?: string } } };
  if (reply.exceptionDetails || !reply.result.value) {
    throw new Error(`popup open failed: ${reply.exceptionDetails?.exception?.description ?? 'no result'}`);
  }
  return reply.result.value;
}

/** Seeds the outbox and measures popup opens; returns the figures. */
export async function benchPopupOpen(records = 50_000, opens = 40): Promise<Figure[]> {
  ensureBuilt();
  // toolbar: the browser-level session that can stop the service worker.
  const ext = await launchWithExtension({ toolbar: true });
  try {
    const url = `chrome-extension://${ext.extensionId}/popup.html`;
    const page = await ext.context.newPage();
    const cdp = await ext.context.newCDPSession(page);
    // The first open makes the background create the database; seeding then writes into it.
    await openOnce(page, cdp, url);
    const seedMs = await seedOutbox(page, records);
    const first = await openOnce(page, cdp, url);
    if (first.rows !== 20) throw new Error(`expected a first page of 20 rows, saw ${first.rows}`);
    const list: number[] = [];
    const overview: number[] = [];
    const ours: number[] = [];
    const sent: number[] = [];
    const loading: number[] = [];
    for (let i = 0; i < opens; i++) {
      // A caseworker does not reopen the popup within milliseconds; let the worker finish the last open.
      await sleep(PAUSE_MS);
      const timing = await openOnce(page, cdp, url);
      list.push(timing.listReady);
      overview.push(timing.overviewReady);
      sent.push(timing.sentReady);
      ours.push(timing.listReady - timing.scriptStart);
      loading.push(timing.scriptStart);
    }
    const cold: number[] = [];
    for (let i = 0; i < COLD_OPENS; i++) {
      await sleep(PAUSE_MS);
      await ext.stopServiceWorker();
      cold.push((await openOnce(page, cdp, url)).listReady);
    }
    const w = summary(cold);
    const l = summary(list);
    const o = summary(overview);
    const s = summary(ours);
    const b = summary(loading);
    const c = summary(sent);
    const note = `${opens} opens, ${records.toLocaleString('en')} records`;
    return [
      { name: 'popup open → list (median)', value: l.median, unit: 'ms', target: { max: BUDGET_MS }, note },
      { name: 'popup open → list (p95)', value: l.p95, unit: 'ms', target: { max: BUDGET_MS }, note },
      { name: 'popup open → list (min / max)', value: l.min, unit: 'ms', note: `max ${l.max.toFixed(1)} ms` },
      {
        name: '  of which: page load → script start (median)',
        value: b.median,
        unit: 'ms',
        note: `p95 ${b.p95.toFixed(1)} ms`,
      },
      {
        name: '  of which: script start → list (median)',
        value: s.median,
        unit: 'ms',
        note: `p95 ${s.p95.toFixed(1)} ms`,
      },
      { name: 'first open after seeding → list', value: first.listReady, unit: 'ms' },
      { name: 'popup open → pending/failed counts (median)', value: o.median, unit: 'ms', note },
      { name: 'popup open → pending/failed counts (p95)', value: o.p95, unit: 'ms' },
      {
        name: 'popup open → sent count (median)',
        value: c.median,
        unit: 'ms',
        note: `p95 ${c.p95.toFixed(0)} ms; reads the kept count`,
      },
      {
        name: 'popup open, worker stopped → list (median)',
        value: w.median,
        unit: 'ms',
        note: `p95 ${w.p95.toFixed(0)} ms; ${COLD_OPENS} opens`,
      },
      { name: 'seeding', value: seedMs / 1000, unit: 's', note: `${SEED_CHUNK} per transaction` },
    ];
  } finally {
    await ext.close();
  }
}

if (isMain(import.meta.url)) {
  console.log(machineLine());
  const records = Number(process.argv[2] ?? 50_000);
  const opens = Math.max(30, Number(process.argv[3] ?? 40));
  printFigures('Popup open with a full outbox (headless Chromium)', await benchPopupOpen(records, opens));
}
