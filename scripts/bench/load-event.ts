/**
 * The load-event figure of issue #2 ("≤ 2 ms added to the load event"): the demo screen's load-event time
 * with the demo site in Mitsprache's settings against the same browser with the site taken out.
 *
 * Why within one browser: two browsers started the same way, neither with the extension, differ by a
 * steady 1–2 ms in their median load (12 + 12 browsers: standard deviation of the browser medians
 * 1.3–2.1 ms, single browsers 43–52 ms; process layout, where the renderer lands in memory). One browser with the extension against another without
 * it measures that difference as much as the extension, however many rounds it runs; earlier figures in
 * the README did. So every "on" load is paired with an "off" load of the same browser, tab and renderer
 * process, and between them the site is switched in and out of Mitsprache's settings (see
 * {@link LoadEventMode}).
 *
 * Each measured load follows an unmeasured load in the same state, so an "on" load pays for leaving a page
 * that had our content script (what a caseworker moving between screens pays) and an "off" load does not.
 * Every load is followed by the same rest in both states. States alternate ABBA and the browsers take
 * turns, so drift hits both alike.
 *
 * Run alone: `BENCH_LOAD_MODE=site|control npx tsx scripts/bench/load-event.ts [rounds=60]
 * [browsers=2]`.
 */
import { rmSync } from 'node:fs';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { EXTENSION_DIR } from '../../tests/e2e/support/browser';
import { type DemoServer, startDemoServer } from '../demo-server';
import {
  isMain,
  launchBenchBrowser,
  machineLine,
  median,
  medianInterval,
  sleep,
  takeSitesOut,
} from './support';

const SCREEN = '/akte/JC-2024-004711/uebersicht';
const WARMUP = 2;
/**
 * Time from each load to the next navigation, the same in both states: our after-load work (injection,
 * button at idle) has finished well before, and the renderer gets the same idle time either way. Waiting
 * "for the button, then a bit" instead gave "on" loads the longer rest, and they came out faster.
 */
const SETTLE_MS = 700;
/**
 * What is switched between the paired loads:
 * - `site`: the demo site into and out of Mitsprache's settings. "Off" keeps the extension in the
 *   browser: its background still hears of each page load and finds the site not configured, so this
 *   figure is what our content script and its injection add, not what the extension's presence adds
 *   (that is `load-cpu.ts`). Switching the whole extension off and on instead (a second extension with
 *   the "management" permission) was tried: the browser's own work on each switch put both states' loads
 *   at 62–66 ms against 48–53 ms, with pairs too noisy to read (100 pairs: 95 % interval −1.5…7.4 ms).
 * - `control`: both states the same (the settings as installed, site kept); must come out near 0. With
 *   a fresh profile no settings are stored, so nothing is written between the loads: this checks the
 *   pairing, rest and order, not whether a settings change itself leaves something behind.
 */
export type LoadEventMode = 'site' | 'control';

export interface LoadEventOptions {
  /** Measured pairs per browser. */
  rounds?: number;
  /** Browsers taking turns. */
  browsers?: number;
  mode?: LoadEventMode;
  /**
   * The demo app to load, when the caller already runs one: it listens on the port its sites name, so a
   * second one in the same process could not (the capture bench).
   */
  demoUrl?: string;
}

export interface LoadEventResult {
  /** Load-event times (ms from navigation start) in the "on" state. */
  with: number[];
  /** The paired loads in the "off" state (in a control run: the second, identical state). */
  without: number[];
  /** with − without of each pair. */
  added: number[];
}

interface Browser {
  context: BrowserContext;
  page: Page;
  profile: string;
  /** Goes into the "on" or "off" state and waits until the browser is there. */
  switchTo(on: boolean): Promise<void>;
}

/** Mitsprache's live background (a new worker if Chrome stopped and restarted it). */
async function backgroundOf(context: BrowserContext, id: string): Promise<Worker> {
  for (;;) {
    const worker = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${id}/`));
    if (worker) return worker;
    await context.waitForEvent('serviceworker', { timeout: 10_000 }).catch(() => undefined);
  }
}

/** Until Mitsprache's background reports the demo site active. */
async function untilActive(context: BrowserContext, id: string): Promise<void> {
  for (;;) {
    const worker = await backgroundOf(context, id);
    const sites = (await worker.evaluate('mitsprache.activeSites()').catch(() => undefined)) as
      | string[]
      | undefined;
    if (sites && sites.length > 0) return;
    await sleep(25);
  }
}

async function launch(mode: LoadEventMode): Promise<Browser> {
  const { context, profile } = await launchBenchBrowser('mitsprache-load-', EXTENSION_DIR);
  const isOurs = (w: Worker) => w.url().endsWith('/background.js');
  const first =
    context.serviceWorkers().find(isOurs) ?? (await context.waitForEvent('serviceworker', isOurs));
  const id = new URL(first.url()).host;
  // Strings, not functions: the bench runs through tsx, whose helpers do not exist in the worker.
  const installed = JSON.stringify(
    (await first.evaluate(`chrome.storage.local.get('settings').then((all) => all.settings)`)) ?? null,
  );
  const page = await context.newPage();
  return {
    context,
    page,
    profile,
    async switchTo(on) {
      const worker = await backgroundOf(context, id);
      if (!on && mode === 'site') return takeSitesOut(worker);
      await worker.evaluate(`(async () => {
        const installed = ${installed};
        if (installed === null) await chrome.storage.local.remove('settings');
        else await chrome.storage.local.set({ settings: installed });
      })()`);
      await untilActive(context, id);
    },
  };
}

/** One navigation to `url`: loadEventEnd in ms since navigation start. */
async function load(browser: Browser, url: string, withButton: boolean, measured = true): Promise<number> {
  await browser.page.goto(url, { waitUntil: 'load' });
  // Playwright reports "load" when the event is dispatched; loadEventEnd is set once its handlers ran.
  const handle = await browser.page.waitForFunction(() => {
    const [entry] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
    return entry && entry.loadEventEnd > 0 ? entry.loadEventEnd - entry.startTime : false;
  });
  const time = (await handle.jsonValue()) as number;
  const loadedAt = performance.now();
  // Only meaningful if the content script really runs: its button shows after every load. The "off"
  // state waits through a locator too, as Playwright's own page script costs the renderer time.
  await browser.page.locator(withButton ? 'mitsprache-feedback button.open' : 'body').waitFor();
  // Before an unmeasured load, only the full rest matters (the first load after a switch can be slow).
  const rest = measured ? SETTLE_MS - (performance.now() - loadedAt) : SETTLE_MS;
  if (rest < 0) throw new Error(`the button took over ${SETTLE_MS} ms after the load: too busy to measure`);
  await sleep(rest);
  return time;
}

/** Measures the paired loads; see the module comment for the design. */
export async function benchLoadEvent(
  options: LoadEventOptions = {},
  progress: (line: string) => void = () => undefined,
): Promise<LoadEventResult> {
  const rounds = options.rounds ?? 60;
  const count = options.browsers ?? 2;
  const mode = options.mode ?? 'site';
  const result: LoadEventResult = { with: [], without: [], added: [] };
  const browsers: Browser[] = [];
  let demo: DemoServer | undefined;
  try {
    if (!options.demoUrl) demo = await startDemoServer();
    const url = `${options.demoUrl ?? demo?.url}${SCREEN}`;
    for (let i = 0; i < count; i++) browsers.push(await launch(mode));
    const current = new Map(browsers.map((b) => [b, true]));
    progress(`${count} browsers, ${rounds} + ${WARMUP} pairs each, switching: ${mode}`);
    for (let round = 0; round < WARMUP + rounds; round++) {
      const shift = round % browsers.length;
      for (const browser of [...browsers.slice(shift), ...browsers.slice(0, shift)]) {
        const pair: Partial<Record<'on' | 'off', number>> = {};
        for (const state of round % 2 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
          const on = state === 'on';
          if (current.get(browser) !== on) {
            await browser.switchTo(on);
            current.set(browser, on);
          }
          const button = on || mode === 'control';
          // The page left by the measured load was loaded in the same state.
          await load(browser, url, button, false);
          pair[state] = await load(browser, url, button);
        }
        if (round >= WARMUP && pair.on !== undefined && pair.off !== undefined) {
          result.with.push(pair.on);
          result.without.push(pair.off);
          result.added.push(pair.on - pair.off);
        }
      }
    }
  } finally {
    for (const browser of browsers) {
      await browser.context.close();
      rmSync(browser.profile, { recursive: true, force: true });
    }
    await demo?.close();
  }
  return result;
}

const MODES: readonly LoadEventMode[] = ['site', 'control'];

if (isMain(import.meta.url)) {
  console.log(machineLine());
  const [rounds, browsers] = process.argv.slice(2, 4).map(Number);
  const mode = (process.env.BENCH_LOAD_MODE ?? 'site') as LoadEventMode;
  if (!MODES.includes(mode)) throw new Error(`BENCH_LOAD_MODE: one of ${MODES.join(', ')}`);
  const result = await benchLoadEvent({ rounds, browsers, mode }, (line) =>
    process.stderr.write(`  load event: ${line} …\n`),
  );
  const ci = medianInterval(result.added);
  console.log(
    `switching ${mode}: median on ${median(result.with).toFixed(1)} ms, off ${median(result.without).toFixed(1)} ms; added (median of ${result.added.length} pairs): ${median(result.added).toFixed(2)} ms (95% CI ${ci.low.toFixed(2)} … ${ci.high.toFixed(2)})`,
  );
}
