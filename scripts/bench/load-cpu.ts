/**
 * What the extension costs the machine per page load, in CPU time, by process: a browser without it,
 * one with it where the site is not configured (its presence: the background hears of every page load
 * in every tab, Chrome cannot filter those events), and one at work on the site (injection, content
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

interface Running {
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
function ticksByKind(profile: string): Map<string, number> {
  const all = processes();
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

async function launch(setup: Setup): Promise<Running> {
  const { context, profile } = await launchBenchBrowser(
    'mitsprache-cpu-',
    setup === 'without' ? undefined : EXTENSION_DIR,
  );
  if (setup === 'present') {
    await takeSitesOut(context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker')));
  }
  return { setup, context, page: await context.newPage(), profile };
}

/** CPU per page load by process kind, and the differences to the browser without the extension. */
export async function benchLoadCpu(): Promise<Figure[]> {
  if (process.platform !== 'linux') return [];
  const running: Running[] = [];
  let demo: DemoServer | undefined;
  const perLoad = new Map<Setup, Map<string, number>>();
  try {
    demo = await startDemoServer();
    const url = `${demo.url}${SCREEN}`;
    for (const setup of ['without', 'present', 'working'] as const) running.push(await launch(setup));
    for (const run of running) {
      await run.page.goto(url, { waitUntil: 'load' });
      await sleep(REST_MS);
    }
    const before = running.map((run) => ticksByKind(run.profile));
    // Interleaved, so whatever else the machine does lands on all three alike.
    for (let i = 0; i < LOADS; i++) {
      for (const run of running) {
        // No locator or evaluation in the page meanwhile: Playwright's own page script costs the renderer
        // more than ours (it made "at work" look 17 ms dearer per load).
        await run.page.goto(url, { waitUntil: 'load' });
        await sleep(REST_MS);
      }
    }
    const after = running.map((run) => ticksByKind(run.profile));
    // Only meaningful if the content script really ran on the pages measured.
    await running
      .find((run) => run.setup === 'working')
      ?.page.locator('mitsprache-feedback button.open')
      .waitFor({ timeout: 1000 });
    running.forEach((run, i) => {
      const start = before[i] as Map<string, number>;
      const end = after[i] as Map<string, number>;
      const kinds = new Map<string, number>();
      for (const kind of new Set([...start.keys(), ...end.keys()])) {
        kinds.set(kind, (((end.get(kind) ?? 0) - (start.get(kind) ?? 0)) * TICK_MS) / LOADS);
      }
      perLoad.set(run.setup, kinds);
    });
  } finally {
    for (const run of running) {
      await run.context.close();
      rmSync(run.profile, { recursive: true, force: true });
    }
    await demo?.close();
  }
  const total = (setup: Setup) => [...(perLoad.get(setup)?.values() ?? [])].reduce((a, b) => a + b, 0);
  const kind = (setup: Setup, name: string) => perLoad.get(setup)?.get(name) ?? 0;
  const note = `${LOADS} loads each, ${TICK_MS} ms ticks`;
  return [
    ...(['without', 'present', 'working'] as const).map((setup) => ({
      name: `CPU per page load, all processes: ${LABEL[setup]}`,
      value: total(setup),
      unit: 'ms',
      note: [...(perLoad.get(setup) ?? [])]
        .filter(([, ms]) => ms > 0)
        .map(([name, ms]) => `${name} ${ms.toFixed(1)}`)
        .join(', '),
    })),
    {
      name: 'added by its presence (site not configured)',
      value: total('present') - total('without'),
      unit: 'ms',
      note: `of which its background ${kind('present', 'extension').toFixed(1)} ms; ${note}`,
    },
    {
      name: 'added at work on the site',
      value: total('working') - total('without'),
      unit: 'ms',
      note: `page's renderer +${(kind('working', 'renderer') - kind('without', 'renderer')).toFixed(1)} ms, background ${kind('working', 'extension').toFixed(1)} ms`,
    },
  ];
}

if (isMain(import.meta.url)) {
  console.log(machineLine());
  printFigures('CPU per page load (demo screen)', await benchLoadCpu());
}
