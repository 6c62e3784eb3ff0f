// End-to-end sync throughput: pending records in the real extension's IndexedDB (headless Chromium)
// sent through the real sync engine to the real collector (SQLite, loopback), for 10,000 and 100,000
// records — and the same pass against a minimal local HTTP sink (parses the body, accepts every item),
// which is the extension side alone. Builds a benchmark variant of the extension (worker/wxt.config.ts
// adds the seeding helpers of worker/sync-helpers.ts as `globalThis.mitsprachBench`) into .output/bench.
// Run: npx tsx scripts/bench/sync.ts [sizes…]   Target: ≥ 10,000 records/s.
// BENCH_SYNC_EXTENSION=<dir> measures an extension built elsewhere (e.g. an older commit, for A/B);
// BENCH_SYNC_TARGETS=collector,sink picks the receivers (default both).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Worker } from 'playwright-core';
import { startCollector } from '../../collector/server';
import { DEMO_ORG_FILE } from '../demo-server';
import { median, percentile } from './support';

const CHROMIUM = process.env.MITSPRACHE_CHROMIUM ?? '/usr/bin/chromium';
const OUT_DIR = resolve('.output/bench');
const PREBUILT = process.env.BENCH_SYNC_EXTENSION;
const EXTENSION_DIR = PREBUILT ? resolve(PREBUILT) : join(OUT_DIR, 'chrome-mv3');
const TOKEN = 'bench-sync-token';

type Target = 'collector' | 'sink';

export interface SyncFigure {
  target: Target;
  records: number;
  sent: number;
  stored: number;
  ms: number;
  deliveredMs: number;
  perSecond: number;
  /** "ok", or how the pass ended early (the rest then went out later and is not counted). */
  outcome: string;
  /** Milliseconds per 500-record batch read, over the whole queue before sending (newer builds only). */
  read?: { median: number; p95: number; batches: number };
  /** 1-minute load average before and after the run: two cores are shared with other work. */
  load: [number, number];
  /**
   * CPU time spent while the records were delivered (pass start → last batch settled), per 10,000
   * records: Chromium's processes (service worker, IndexedDB, network) and this Node process (the
   * receiver). Unlike wall time, other work on the machine barely changes it.
   */
  cpu?: { browserMs: number; receiverMs: number };
  /** How long the run waited after seeding for the browser to go quiet (see waitForQuiet). */
  quietMs: number;
}

/** CPU time (ms) of a process and all its descendants, from /proc. */
function treeCpuMs(root: number): number {
  const ticks = 100; // USER_HZ on Linux
  const children = new Map<number, number[]>();
  const cpu = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(name);
      const ppid = Number(fields[1]);
      cpu.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks);
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    total += cpu.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** BENCH_SYNC_QUIET=0 measures right after seeding, with LevelDB still compacting. */
const QUIET_WAIT = process.env.BENCH_SYNC_QUIET !== '0';

/**
 * Waits until the process tree used under 10 % of a core over one second, or `maxMs` passed.
 * Returns the milliseconds waited.
 */
async function waitForQuiet(pid: number, maxMs: number): Promise<number> {
  const started = Date.now();
  let before = treeCpuMs(pid);
  while (Date.now() - started < maxMs) {
    await new Promise((done) => setTimeout(done, 1_000));
    const now = treeCpuMs(pid);
    if (now - before < 100) break;
    before = now;
  }
  return Date.now() - started;
}

/** The browser process of a profile: the Chromium whose command line names that profile directory. */
function browserPid(profile: string): number | undefined {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (cmdline.includes(`--user-data-dir=${profile}`) && !cmdline.includes('--type=')) return Number(name);
    } catch {
      // Gone.
    }
  }
  return undefined;
}

interface CpuSample {
  at: number;
  browser: number;
  receiver: number;
}

/** Samples CPU time every 20 ms until stopped. */
function sampleCpu(pid: number | undefined): { stop(): CpuSample[] } {
  const samples: CpuSample[] = [];
  const take = () => {
    const usage = process.cpuUsage();
    samples.push({
      at: Date.now(),
      browser: pid === undefined ? 0 : treeCpuMs(pid),
      receiver: (usage.user + usage.system) / 1000,
    });
  };
  take();
  const timer = setInterval(take, 20);
  return {
    stop() {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}

/** CPU used between two instants, from the samples nearest to each. */
function cpuBetween(samples: CpuSample[], from: number, to: number): { browser: number; receiver: number } {
  const near = (at: number) =>
    samples.reduce((best, sample) => (Math.abs(sample.at - at) < Math.abs(best.at - at) ? sample : best));
  const a = near(from);
  const b = near(to);
  return { browser: b.browser - a.browser, receiver: b.receiver - a.receiver };
}

interface Receiver {
  endpoint: string;
  stored(): number;
  close(): Promise<void>;
}

/** The real collector on a fresh SQLite file. */
async function collectorReceiver(): Promise<Receiver> {
  const dataDir = mkdtempSync(join(os.tmpdir(), 'mitsprache-bench-sync-'));
  const collector = await startCollector({ port: 0, dataDir, ingestTokens: [TOKEN] });
  return {
    endpoint: collector.endpoint,
    stored: () => countRows(collector.databaseFile),
    async close() {
      await collector.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The least a collector must do: read and parse the body, answer `accepted` for every item. */
async function sinkReceiver(): Promise<Receiver> {
  const seen = new Set<string>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.endsWith('/feedback')) {
        res.writeHead(404).end();
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { items: { id: string }[] };
      const results = body.items.map((item) => {
        seen.add(item.id);
        return { id: item.id, status: 'accepted' };
      });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ results }));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}/api/v1/feedback`,
    stored: () => seen.size,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

function load(): number {
  return Math.round((os.loadavg()[0] ?? 0) * 100) / 100;
}

interface BenchApi {
  seedPending(n: number): Promise<unknown>;
  benchSync(
    n: number,
    options: { seed: boolean; timeReads: boolean },
  ): Promise<{
    sent: number;
    ms: number;
    deliveredMs: number;
    perSecond: number;
    outcome: string;
    errorCode?: string;
    reads?: number[];
    startedAt?: number;
  }>;
}

/**
 * Endpoint, token and batch size as the settings page stores them. Written until they stay: the
 * worker's install handler may write the defaults just after a fresh profile started.
 */
async function configure(worker: Worker, endpoint: string): Promise<void> {
  for (let attempt = 0; attempt < 40; attempt++) {
    const stable = await worker.evaluate(
      async ({ endpoint, token }) => {
        const api = (globalThis as unknown as { chrome: typeof import('webextension-polyfill') }).chrome;
        await new Promise<void>((done, fail) => {
          const open = indexedDB.open('mitsprache');
          open.onsuccess = () => {
            const tx = open.result.transaction('meta', 'readwrite');
            tx.objectStore('meta').put(token, 'secret:token');
            // Holds the send lease for a context that does not exist, so the automatic pass the
            // settings change asks for finds it busy and sends nothing before the measurement.
            tx.objectStore('meta').put({ owner: 'benchmark', until: Date.now() + 30 * 60_000 }, 'sync:lease');
            tx.oncomplete = () => {
              open.result.close();
              done();
            };
            tx.onerror = () => fail(tx.error);
          };
        });
        // No named function in here: the bundler would wrap it in a helper the worker does not have.
        const stored = await api.storage.local.get('settings');
        if ((stored.settings as { endpoint?: string } | undefined)?.endpoint !== endpoint) {
          await api.storage.local.set({
            settings: { version: 1, endpoint, batchSize: 500, syncPeriodMinutes: 1440 },
          });
          return false;
        }
        await new Promise((done) => setTimeout(done, 250));
        const again = await api.storage.local.get('settings');
        return (again.settings as { endpoint?: string } | undefined)?.endpoint === endpoint;
      },
      { endpoint, token: TOKEN },
    );
    if (stable) return;
  }
  throw new Error('the benchmark settings did not stick');
}

async function runOnce(size: number, target: Target): Promise<SyncFigure> {
  const loadBefore = load();
  const receiver = target === 'sink' ? await sinkReceiver() : await collectorReceiver();
  const profile = mkdtempSync(join(os.tmpdir(), 'mitsprache-bench-profile-'));
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
      (n) => (globalThis as unknown as { mitsprachBench: BenchApi }).mitsprachBench.seedPending(n),
      size,
    );
    await configure(worker, receiver.endpoint);
    // Seeding writes in seconds what a device gathers over weeks; LevelDB then compacts it for tens
    // of seconds, which is not sending. Wait (at most a minute) until the browser is nearly idle.
    const pid = browserPid(profile);
    const quiet = QUIET_WAIT && pid !== undefined ? await waitForQuiet(pid, 60_000) : 0;
    const sampler = sampleCpu(browserPid(profile));
    const result = await worker.evaluate(async (n) => {
      // The lease held since `configure` is given up right before the measured pass.
      await new Promise<void>((done, fail) => {
        const open = indexedDB.open('mitsprache');
        open.onsuccess = () => {
          const tx = open.result.transaction('meta', 'readwrite');
          tx.objectStore('meta').delete('sync:lease');
          tx.oncomplete = () => {
            open.result.close();
            done();
          };
          tx.onerror = () => fail(tx.error);
        };
      });
      return (globalThis as unknown as { mitsprachBench: BenchApi }).mitsprachBench.benchSync(n, {
        seed: false,
        timeReads: true,
      });
    }, size);
    const samples = sampler.stop();
    const reads = result.reads;
    const cpu =
      result.startedAt === undefined
        ? undefined
        : cpuBetween(samples, result.startedAt, result.startedAt + result.deliveredMs);
    return {
      target,
      records: size,
      sent: result.sent,
      stored: receiver.stored(),
      ms: result.ms,
      deliveredMs: result.deliveredMs,
      perSecond: result.perSecond,
      outcome: result.errorCode ? `${result.outcome} (${result.errorCode})` : result.outcome,
      ...(reads?.length
        ? { read: { median: median(reads), p95: percentile(reads, 95), batches: reads.length } }
        : {}),
      load: [loadBefore, load()],
      quietMs: quiet,
      ...(cpu && result.sent > 0
        ? {
            cpu: {
              browserMs: (cpu.browser * 10_000) / result.sent,
              receiverMs: (cpu.receiver * 10_000) / result.sent,
            },
          }
        : {}),
    };
  } finally {
    await context.close();
    await receiver.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

export async function benchSyncThroughput(
  sizes = [10_000, 100_000],
  targets: Target[] = ['collector', 'sink'],
): Promise<SyncFigure[]> {
  if (!PREBUILT) {
    const build = spawnSync('npx', ['wxt', 'build', '--config', 'scripts/bench/worker/wxt.config.ts'], {
      stdio: 'ignore',
      env: { ...process.env, MITSPRACHE_OUT_DIR: OUT_DIR, MITSPRACHE_ORG: DEMO_ORG_FILE },
    });
    if (build.status !== 0) throw new Error('benchmark build failed');
  }
  const figures: SyncFigure[] = [];
  for (const size of sizes) {
    for (const target of targets) {
      const figure = await runOnce(size, target);
      console.log(describe(figure));
      figures.push(figure);
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

function describe(f: SyncFigure): string {
  const receiver = f.target === 'sink' ? 'the sink (extension side alone)' : 'the collector';
  const read = f.read
    ? `; batch read ${f.read.median.toFixed(1)} ms median, ${f.read.p95.toFixed(1)} ms p95 (${f.read.batches} batches)`
    : '';
  return (
    `sync to ${f.target}: ${f.records} records → ${f.sent} sent, ${f.stored} stored at ${receiver} in ` +
    `${(f.deliveredMs / 1000).toFixed(2)} s = ${Math.round(f.perSecond)} records/s (target ≥ 10,000); ` +
    `marked sent on the device after ${(f.ms / 1000).toFixed(2)} s${read}; load ${f.load[0]} → ${f.load[1]}` +
    `; waited ${(f.quietMs / 1000).toFixed(1)} s after seeding for the browser to go quiet` +
    (f.cpu
      ? `; CPU per 10,000 delivered: browser ${Math.round(f.cpu.browserMs)} ms, receiver ${Math.round(f.cpu.receiverMs)} ms`
      : '') +
    (f.outcome === 'ok' ? '' : `; pass ended early: ${f.outcome}`)
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = process.argv.slice(2).map(Number).filter(Boolean);
  const targets = (process.env.BENCH_SYNC_TARGETS?.split(',') ?? ['collector', 'sink']) as Target[];
  await benchSyncThroughput(sizes.length ? sizes : undefined, targets);
}
