/**
 * What the extension costs the machine per page load, in CPU time, by process: a browser without it,
 * one with it where the site is not configured (its presence: the demo's host permission stays, only the
 * settings' site goes; the background's listeners are filtered to configured sites since issue #20), and
 * one at work on the site (injection, content
 * script, button, and leaving the page). It counts work after the load event too, which the load-event
 * figure (load-event.ts) rightly leaves out but a desk with two cores still pays. Browsers started alike
 * differ by a few ms of renderer and browser-process CPU per load (seen: ±2–3 ms), so read small
 * differences there as noise; the extension's own process exists only with the extension and is exact
 * to the tick.
 *
 * Linux only (reads /proc); elsewhere it prints nothing. Run alone: `npx tsx scripts/bench/load-cpu.ts`.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { EXTENSION_DIR } from '../../tests/e2e/support/browser';
import { type DemoServer, startDemoServer } from '../demo-server';
import {
  type Figure,
  isMain,
  launchBenchBrowser,
  machineLine,
  printFigures,
  sleep,
  takeSitesOut,
} from './support';

const SCREEN = '/akte/JC-2024-004711/uebersicht';
const LOADS = 60;
/** Rest after each load, as in load-event.ts: after-load work finishes inside it. */
const REST_MS = 700;
/** Linux reports process CPU time in clock ticks of 10 ms (USER_HZ 100). */
const TICK_MS = 10;

type Setup = 'without' | 'present' | 'working';
const LABEL: Record<Setup, string> = {
  without: 'no extension',
  present: 'extension, site not configured',
  working: 'extension at work on the site',
};
/** Loads per block: the confidence intervals are taken over blocks (ticks are too coarse for one load). */
const BLOCK = 10;

interface Running {
  /** Which build (`A`, `B`, … in an A/B run; '' otherwise). */
  build: string;
  setup: Setup;
  context: BrowserContext;
  page: Page;
  profile: string;
}

interface Process {
  pid: number;
  parent: number;
  ticks: number;
  command: string;
}

function processes(): Process[] {
  const list: Process[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after "(comm)": state ppid … utime(12th) stime(13th).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      list.push({
        pid: Number(name),
        parent: Number(fields[1]),
        ticks: Number(fields[11]) + Number(fields[12]),
        command: readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' '),
      });
    } catch {
      // Gone while we looked.
    }
  }
  return list;
}

/** CPU ticks so far of one browser's processes, by kind (browser, renderer, extension, gpu-process, …). */
function ticksByKind(profile: string, all: Process[] = processes()): Map<string, number> {
  const root = all.find(
    (p) => p.command.includes(`--user-data-dir=${profile}`) && !p.command.includes('--type='),
  );
  if (!root) throw new Error(`no browser process for ${profile}`);
  const tree = new Set([root.pid]);
  for (let grown = true; grown; ) {
    grown = false;
    for (const p of all) {
      if (!tree.has(p.pid) && tree.has(p.parent)) {
        tree.add(p.pid);
        grown = true;
      }
    }
  }
  const kinds = new Map<string, number>();
  for (const p of all) {
    if (!tree.has(p.pid)) continue;
    const kind = p.command.includes('--extension-process')
      ? 'extension'
      : (/--type=(\S+)/.exec(p.command)?.[1] ?? 'browser');
    kinds.set(kind, (kinds.get(kind) ?? 0) + p.ticks);
  }
  return kinds;
}

async function launch(setup: Setup, build: string, extension: string): Promise<Running> {
  const { context, profile } = await launchBenchBrowser(
    'mitsprache-cpu-',
    setup === 'without' ? undefined : extension,
  );
  if (setup === 'present') {
    await takeSitesOut(context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker')));
  }
  return { build, setup, context, page: await context.newPage(), profile };
}

/** Mean and a 95 % t-interval (normal beyond 30 blocks) of per-block values. */
function meanInterval(values: readonly number[]): { mean: number; half: number } {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, n - 1);
  const t =
    [12.71, 4.3, 3.18, 2.78, 2.57, 2.45, 2.36, 2.31, 2.26, 2.23, 2.2, 2.18, 2.16, 2.14, 2.13][n - 2] ?? 2.05;
  return { mean, half: (t * Math.sqrt(variance)) / Math.sqrt(n) };
}

/** Options of {@link benchLoadCpu}. */
export interface LoadCpuOptions {
  /** Page loads per browser (rounded up to blocks of 10). */
  loads?: number;
  /**
   * Builds to compare in one interleaved session (`{ A: dir, B: dir }`): each gets a "present" and a
   * "working" browser beside the one plain browser. Default: the build under test alone.
   */
  builds?: Record<string, string>;
}

/** CPU per page load by process kind, and the differences to the browser without the extension. */
export async function benchLoadCpu(options: LoadCpuOptions = {}): Promise<Figure[]> {
  if (process.platform !== 'linux') return [];
  const builds = options.builds ?? { '': EXTENSION_DIR };
  const blocks = Math.max(2, Math.ceil((options.loads ?? LOADS) / BLOCK));
  const loads = blocks * BLOCK;
  const running: Running[] = [];
  let demo: DemoServer | undefined;
  /** Per browser: ms of CPU per load, by kind, one map per block. */
  const perBlock: Map<string, number>[][] = [];
  const noButton = new Set<string>();
  try {
    demo = await startDemoServer();
    const url = `${demo.url}${SCREEN}`;
    const [first] = Object.values(builds);
    running.push(await launch('without', '', first as string));
    for (const [build, dir] of Object.entries(builds))
      for (const setup of ['present', 'working'] as const) running.push(await launch(setup, build, dir));
    for (const run of running) {
      await run.page.goto(url, { waitUntil: 'load' });
      await sleep(REST_MS);
    }
    for (const _ of running) perBlock.push([]);
    let before = ((all) => running.map((run) => ticksByKind(run.profile, all)))(processes());
    // Interleaved, so whatever else the machine does lands on all alike.
    for (let i = 0; i < loads; i++) {
      for (const run of running) {
        // No locator or evaluation in the page meanwhile: Playwright's own page script costs the renderer
        // more than ours (it made "at work" look 17 ms dearer per load).
        await run.page.goto(url, { waitUntil: 'load' });
        await sleep(REST_MS);
      }
      if ((i + 1) % BLOCK !== 0) continue;
      const all = processes();
      const after = running.map((run) => ticksByKind(run.profile, all));
      running.forEach((_, r) => {
        const start = before[r] as Map<string, number>;
        const end = after[r] as Map<string, number>;
        const kinds = new Map<string, number>();
        for (const kind of new Set([...start.keys(), ...end.keys()])) {
          kinds.set(kind, (((end.get(kind) ?? 0) - (start.get(kind) ?? 0)) * TICK_MS) / BLOCK);
        }
        perBlock[r]?.push(kinds);
      });
      before = after;
    }
    // Only meaningful if the content script really ran on the pages measured (said with the figures: a
    // build compared on purpose may show none).
    for (const run of running.filter((r) => r.setup === 'working')) {
      await run.page
        .locator('mitsprache-feedback button.open')
        .waitFor({ timeout: 1000 })
        .catch(() => noButton.add(run.build));
    }
  } finally {
    for (const run of running) {
      await run.context.close();
      rmSync(run.profile, { recursive: true, force: true });
    }
    await demo?.close();
  }
  const index = (build: string, setup: Setup) =>
    running.findIndex((run) => run.setup === setup && (setup === 'without' || run.build === build));
  /** Per block: total (or one kind's) ms per load of one browser. */
  const series = (build: string, setup: Setup, kind?: string) =>
    (perBlock[index(build, setup)] ?? []).map((kinds) =>
      kind ? (kinds.get(kind) ?? 0) : [...kinds.values()].reduce((a, b) => a + b, 0),
    );
  const minus = (a: number[], b: number[]) => a.map((value, i) => value - (b[i] ?? 0));
  const ci = (values: number[]) => {
    const { half } = meanInterval(values);
    return `± ${half.toFixed(1)} (95 % CI over ${values.length} blocks of ${BLOCK} loads)`;
  };
  const mean = (values: number[]) => meanInterval(values).mean;
  const note = `${loads} loads each, ${TICK_MS} ms ticks`;
  const figures: Figure[] = [];
  for (const build of Object.keys(builds)) {
    const tag = build ? ` [${build}]` : '';
    for (const setup of build === Object.keys(builds)[0]
      ? (['without', 'present', 'working'] as const)
      : (['present', 'working'] as const)) {
      const kinds = perBlock[index(build, setup)] ?? [];
      const kindNames = new Set(kinds.flatMap((k) => [...k.keys()]));
      figures.push({
        name: `CPU per page load, all processes: ${LABEL[setup]}${setup === 'without' ? '' : tag}`,
        value: mean(series(build, setup)),
        unit: 'ms',
        note: [...kindNames]
          .map((name) => [name, mean(series(build, setup, name))] as const)
          .filter(([, ms]) => ms > 0)
          .map(([name, ms]) => `${name} ${ms.toFixed(1)}`)
          .join(', '),
      });
    }
    const without = series('', 'without');
    const withoutRenderer = series('', 'without', 'renderer');
    figures.push(
      {
        name: `added by its presence (site not configured)${tag}`,
        value: mean(minus(series(build, 'present'), without)),
        unit: 'ms',
        target: { max: 1 },
        note: `${ci(minus(series(build, 'present'), without))}; its background ${mean(series(build, 'present', 'extension')).toFixed(1)} ms; ${note}`,
      },
      {
        name: `added at work on the site${tag}`,
        value: mean(minus(series(build, 'working'), without)),
        unit: 'ms',
        target: { max: 5 },
        note: `${ci(minus(series(build, 'working'), without))}; background ${mean(series(build, 'working', 'extension')).toFixed(1)} ms${noButton.has(build) ? '; NO BUTTON on the page' : ''}`,
      },
      {
        name: `  of which the page's renderer${tag}`,
        value: mean(minus(series(build, 'working', 'renderer'), withoutRenderer)),
        unit: 'ms',
        target: { max: 2 },
        note: ci(minus(series(build, 'working', 'renderer'), withoutRenderer)),
      },
    );
  }
  const names = Object.keys(builds);
  for (const build of names.slice(1)) {
    const base = names[0] as string;
    for (const setup of ['present', 'working'] as const) {
      const diff = minus(series(build, setup), series(base, setup));
      figures.push({
        name: `${build} − ${base}, ${LABEL[setup]}`,
        value: mean(diff),
        unit: 'ms',
        note: ci(diff),
      });
    }
  }
  return figures;
}

if (isMain(import.meta.url)) {
  console.log(machineLine());
  // `npx tsx scripts/bench/load-cpu.ts [loads] [A=dir B=dir …]`: builds compared in one interleaved session.
  const args = process.argv.slice(2);
  const loads = args[0] && /^\d+$/.test(args[0]) ? Number(args[0]) : undefined;
  const pairs = args.filter((arg) => arg.includes('=')).map((arg) => arg.split('=') as [string, string]);
  printFigures(
    'CPU per page load (demo screen)',
    await benchLoadCpu({ loads, builds: pairs.length ? Object.fromEntries(pairs) : undefined }),
  );
}
