/**
 * Where the load-event cost of the extension comes from (issue #2, "≤ 2 ms added to the load event"):
 * the same demo page in a plain browser and in browsers with variants of the built extension, taken in
 * rotating order so drift in machine load hits all alike. Per variant it prints the median paired
 * difference to the plain browser (with a 95 % interval) of the whole load, of DOMContentLoaded end →
 * load start (where Chrome runs document_idle scripts when the page is ready before its load event)
 * and of domInteractive (the page's own parsing, slowed by work elsewhere on the machine).
 *
 * Variants: a content script that does nothing and ours, each either registered with the browser
 * (run at document_idle, which on a quick page is just before its load event: how earlier builds
 * did it) or injected by the background after the load event (entrypoints/background/page-injection.ts,
 * as shipped).
 * Also: the extension with no site configured (page loads are still reported to its background).
 * Run: `npx tsx scripts/bench/load-bisect.ts [rounds=40]` after `npx wxt build`. Prints only.
 * Each variant is one browser, and two browsers started alike differ by a steady 1–2 ms in their
 * median load (load-event.ts measures that and pairs within one browser for the figure), so
 * differences between variants of that size here are not findings.
 * The back/forward cache plays no part: the demo, like the applications it imitates, sends
 * `Cache-Control: no-store`, which keeps its pages out of it.
 * BISECT_ONLY='as shipped,do-nothing' measures only the variants whose names contain one of those parts
 * (plus the plain browser), for long runs.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { EXTENSION_DIR } from '../../tests/e2e/support/browser';
import { type DemoServer, startDemoServer } from '../demo-server';
import { isMain, launchBenchBrowser, machineLine, median, medianInterval, sleep } from './support';

const SCREEN = '/akte/JC-2024-004711/uebersicht';
const WARMUP = 3;

/** shipped: as built (injected after the load event); registered: as before, by the browser at document_idle. */
type Setup = 'none' | 'shipped' | 'registered' | 'no-sites';
interface Variant {
  name: string;
  extension?: string;
  setup: Setup;
  /** Our button appears (wait for it, so our after-load work does not run into the next load). */
  ui: boolean;
}
interface Sample {
  total: number;
  idleGap: number;
  interactive: number;
  /** domInteractive → DOMContentLoaded end: deferred scripts and the DOMContentLoaded handlers. */
  contentLoaded: number;
  /** The load event's own dispatch (its handlers). */
  loadHandlers: number;
}
interface Running {
  variant: Variant;
  context: BrowserContext;
  page: Page;
  profile: string;
  samples: Sample[];
}

async function launch(variant: Variant): Promise<Running> {
  const { context, profile } = await launchBenchBrowser('mitsprache-bisect-', variant.extension);
  if (variant.extension) {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await worker.evaluate(async (setup: Setup) => {
      const api = (globalThis as unknown as { chrome: typeof import('webextension-polyfill') }).chrome;
      const diagnostics = (globalThis as unknown as { mitsprache: { activeSites(): Promise<string[]> } })
        .mitsprache;
      if (setup !== 'registered' && setup !== 'no-sites') return;
      // No configured site (so nothing is injected after the load event), and the content script
      // registered with the browser for the demo instead, the way earlier builds did.
      const current = ((await api.storage.local.get('settings')).settings ?? {}) as Record<string, unknown>;
      await api.storage.local.set({ settings: { version: 1, ...current, sites: [] } });
      while ((await diagnostics.activeSites()).length > 0) await new Promise((r) => setTimeout(r, 25));
      if (setup === 'no-sites') return;
      await api.scripting.registerContentScripts([
        {
          id: 'bench-registered',
          js: ['content-scripts/content.js'],
          matches: ['http://127.0.0.1/*', 'http://localhost/*'],
          runAt: 'document_idle',
          allFrames: true,
        },
      ]);
    }, variant.setup);
  }
  return { variant, context, page: await context.newPage(), profile, samples: [] };
}

async function measure(run: Running, url: string): Promise<Sample> {
  await run.page.goto(url, { waitUntil: 'load' });
  const handle = await run.page.waitForFunction(() => {
    const [entry] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
    if (!entry || entry.loadEventEnd === 0) return false;
    return {
      total: entry.loadEventEnd - entry.startTime,
      idleGap: entry.loadEventStart - entry.domContentLoadedEventEnd,
      interactive: entry.domInteractive - entry.startTime,
      contentLoaded: entry.domContentLoadedEventEnd - entry.domInteractive,
      loadHandlers: entry.loadEventEnd - entry.loadEventStart,
    };
  });
  const sample = (await handle.jsonValue()) as Sample;
  if (run.variant.ui) await run.page.locator('mitsprache-feedback button.open').waitFor();
  // Let after-load work (our UI start, the prepared dialog) settle before the next browser's turn.
  await sleep(300);
  return sample;
}

/** Runs every variant against the plain browser; returns printable lines. */
export async function bisectLoad(rounds = 40): Promise<string[]> {
  const work = mkdtempSync(join(tmpdir(), 'mitsprache-bisect-ext-'));
  const empty = join(work, 'empty');
  cpSync(EXTENSION_DIR, empty, { recursive: true });
  writeFileSync(join(empty, 'content-scripts', 'content.js'), 'void 0;\n');
  const variants: Variant[] = [
    { name: 'no extension', setup: 'none', ui: false },
    {
      name: 'extension, no site (loads only reported to it)',
      extension: EXTENSION_DIR,
      setup: 'no-sites',
      ui: false,
    },
    {
      name: 'do-nothing script, registered (document_idle)',
      extension: empty,
      setup: 'registered',
      ui: false,
    },
    { name: 'do-nothing script, injected after load', extension: empty, setup: 'shipped', ui: false },
    { name: 'ours, registered (document_idle)', extension: EXTENSION_DIR, setup: 'registered', ui: true },
    { name: 'ours as shipped (injected after load)', extension: EXTENSION_DIR, setup: 'shipped', ui: true },
  ];
  if (process.env.BISECT_ONLY) {
    const keep = process.env.BISECT_ONLY.split(',');
    const chosen = variants.filter((v, i) => i === 0 || keep.some((part) => v.name.includes(part)));
    variants.splice(0, variants.length, ...chosen);
  }
  let demo: DemoServer | undefined;
  const running: Running[] = [];
  try {
    demo = await startDemoServer();
    const url = `${demo.url}${SCREEN}`;
    for (const variant of variants) running.push(await launch(variant));
    for (let i = 0; i < WARMUP + rounds; i++) {
      const order = [...running.slice(i % running.length), ...running.slice(0, i % running.length)];
      if (i % 2) order.reverse();
      for (const run of order) {
        const sample = await measure(run, url);
        if (i >= WARMUP) run.samples.push(sample);
      }
    }
  } finally {
    for (const run of running) {
      await run.context.close();
      rmSync(run.profile, { recursive: true, force: true });
    }
    await demo?.close();
    rmSync(work, { recursive: true, force: true });
  }
  const plain = running[0]?.samples ?? [];
  const paired = (samples: Sample[], key: keyof Sample) => {
    const diffs = samples.map((s, i) => s[key] - (plain[i]?.[key] ?? Number.NaN));
    const ci = medianInterval(diffs);
    return `${median(diffs).toFixed(1).padStart(6)} (${ci.low.toFixed(1)}…${ci.high.toFixed(1)})`;
  };
  return [
    `${SCREEN}, ${rounds} rounds; ms, median of paired differences to "no extension" (95% interval)`,
    `${'variant'.padEnd(46)} ${'load event'.padEnd(20)} ${'domInteractive'.padEnd(20)} ${'→ DCL end'.padEnd(20)} ${'DCL end → load'.padEnd(20)} load handlers`,
    ...running.map((run) =>
      [
        run.variant.name.padEnd(46),
        paired(run.samples, 'total').padEnd(20),
        paired(run.samples, 'interactive').padEnd(20),
        paired(run.samples, 'contentLoaded').padEnd(20),
        paired(run.samples, 'idleGap').padEnd(20),
        paired(run.samples, 'loadHandlers'),
      ].join(' '),
    ),
  ];
}

if (isMain(import.meta.url)) {
  console.log(machineLine());
  const rounds = process.argv[2] ? Number(process.argv[2]) : undefined;
  for (const line of await bisectLoad(rounds)) console.log(line);
}
