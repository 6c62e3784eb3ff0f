// End-to-end sync throughput: pending records in the real extension's IndexedDB (headless Chromium)
// sent through the real sync engine to the real collector (SQLite, loopback), for 10,000 and 100,000
// records. Builds a benchmark variant of the extension (WXT_BENCH=true exposes the seeding helper on
// the worker's diagnostic handle) into .output/bench. Run: npx tsx scripts/bench/sync.ts [sizes…]
// Target: ≥ 10,000 records/s.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startCollector } from '../../collector/server';

const CHROMIUM = process.env.MITSPRACHE_CHROMIUM ?? '/usr/bin/chromium';
const OUT_DIR = resolve('.output/bench');
const EXTENSION_DIR = join(OUT_DIR, 'chrome-mv3');
const TOKEN = 'bench-sync-token';

export interface SyncFigure {
  records: number;
  sent: number;
  stored: number;
  ms: number;
  deliveredMs: number;
  perSecond: number;
  /** "ok", or how the pass ended early (the rest then went out later and is not counted). */
  outcome: string;
}

export async function benchSyncThroughput(sizes = [10_000, 100_000]): Promise<SyncFigure[]> {
  const build = spawnSync('npx', ['wxt', 'build'], {
    stdio: 'ignore',
    env: { ...process.env, WXT_BENCH: 'true', MITSPRACHE_OUT_DIR: OUT_DIR },
  });
  if (build.status !== 0) throw new Error('benchmark build failed');
  const figures: SyncFigure[] = [];
  for (const size of sizes) {
    const dataDir = mkdtempSync(join(tmpdir(), 'mitsprache-bench-sync-'));
    const profile = mkdtempSync(join(tmpdir(), 'mitsprache-bench-profile-'));
    const collector = await startCollector({ port: 0, dataDir, ingestTokens: [TOKEN] });
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: false,
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        `--disable-extensions-except=${EXTENSION_DIR}`,
        `--load-extension=${EXTENSION_DIR}`,
      ],
    });
    try {
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
      // Seeded before an endpoint exists, so no automatic pass can send any of it early.
      await worker.evaluate(
        (n) =>
          (
            globalThis as unknown as { mitsprache: { seedPending(n: number): Promise<unknown> } }
          ).mitsprache.seedPending(n),
        size,
      );
      // Endpoint and token as the settings page stores them; batches of the maximum size.
      await worker.evaluate(
        async ({ endpoint, token }) => {
          const api = (globalThis as unknown as { chrome: typeof import('webextension-polyfill') }).chrome;
          await new Promise<void>((done, fail) => {
            const open = indexedDB.open('mitsprache');
            open.onsuccess = () => {
              const tx = open.result.transaction('meta', 'readwrite');
              tx.objectStore('meta').put(token, 'secret:token');
              tx.oncomplete = () => done();
              tx.onerror = () => fail(tx.error);
            };
          });
          await api.storage.local.set({
            settings: { version: 1, endpoint, batchSize: 500, syncPeriodMinutes: 1440 },
          });
        },
        { endpoint: collector.endpoint, token: TOKEN },
      );
      const result = await worker.evaluate(
        (n) =>
          (
            globalThis as unknown as {
              mitsprache: {
                benchSync(
                  n: number,
                  options: { seed: boolean },
                ): Promise<{
                  sent: number;
                  ms: number;
                  deliveredMs: number;
                  perSecond: number;
                  outcome: string;
                  errorCode?: string;
                }>;
              };
            }
          ).mitsprache.benchSync(n, { seed: false }),
        size,
      );
      const stored = countRows(collector.databaseFile);
      figures.push({
        records: size,
        sent: result.sent,
        stored,
        ms: result.ms,
        deliveredMs: result.deliveredMs,
        perSecond: result.perSecond,
        outcome: result.errorCode ? `${result.outcome} (${result.errorCode})` : result.outcome,
      });
    } finally {
      await context.close();
      await collector.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(profile, { recursive: true, force: true });
    }
  }
  return figures;
}

function countRows(file: string): number {
  const out = spawnSync(process.execPath, [
    '-e',
    `const D=require('better-sqlite3');const d=new D(${JSON.stringify(file)},{readonly:true});process.stdout.write(String(d.prepare('select count(*) n from records').get().n))`,
  ]);
  return Number(out.stdout.toString());
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = process.argv.slice(2).map(Number).filter(Boolean);
  for (const f of await benchSyncThroughput(sizes.length ? sizes : undefined)) {
    console.log(
      `sync end to end: ${f.records} records → ${f.sent} sent, ${f.stored} stored at the collector in ${(f.deliveredMs / 1000).toFixed(2)} s = ${Math.round(f.perSecond)} records/s (target ≥ 10,000); marked sent on the device after ${(f.ms / 1000).toFixed(2)} s${f.outcome === 'ok' ? '' : `; pass ended early: ${f.outcome}`}`,
    );
  }
}
