/**
 * Shared helpers for the bench scripts: order statistics, one figure table, and the machine line.
 * Bench scripts print; they never fail because a target is missed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Worker } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, EXTENSION_DIR } from '../../tests/e2e/support/browser';

/** One printed figure. `target.max` is a budget (≤), `target.min` a floor (≥). */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  target?: { max?: number; min?: number };
  /** Short remark shown after the status, e.g. how many runs. */
  note?: string;
  /** The run was too noisy to tell whether the target is met (shown as "noisy" instead of ok/over). */
  inconclusive?: boolean;
}

/** Median, p95 and range of a set of samples. */
export interface Summary {
  n: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

/**
 * The p-th percentile (0–100) with linear interpolation between closest ranks (R's type 7, what
 * numpy and most spreadsheets use), so a p95 over 30 runs is not simply the worst-but-one.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (Math.min(Math.max(p, 0), 100) / 100) * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  const low = sorted[lower] as number;
  return low + ((sorted[upper] as number) - low) * (rank - lower);
}

/** The 50th percentile. */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/**
 * A distribution-free 95 % confidence interval for the median (order statistics of the sign test):
 * how precisely a noisy series pins its median down. NaN bounds for fewer than 6 values.
 */
export function medianInterval(values: readonly number[]): { low: number; high: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  // Largest k with P(Binomial(n, ½) < k) ≤ 2.5 %: the interval is [x(k), x(n − k + 1)], 1-based.
  let cumulative = 0;
  let coefficient = 1;
  let k = 0;
  for (let i = 0; i <= n; i++) {
    cumulative += coefficient / 2 ** n;
    if (cumulative > 0.025) break;
    k = i + 1;
    coefficient = (coefficient * (n - i)) / (i + 1);
  }
  if (k < 1) return { low: Number.NaN, high: Number.NaN };
  return { low: sorted[k - 1] as number, high: sorted[n - k] as number };
}

/** n, median, p95, min and max of `values`. */
export function summary(values: readonly number[]): Summary {
  return {
    n: values.length,
    median: median(values),
    p95: percentile(values, 95),
    min: values.length ? Math.min(...values) : Number.NaN,
    max: values.length ? Math.max(...values) : Number.NaN,
  };
}

/**
 * Whether a figure meets its target: 'ok', 'over' a budget, 'under' a floor, 'noisy' when the run could
 * not tell, or '' without target.
 */
export function status(figure: Figure): 'ok' | 'over' | 'under' | 'noisy' | '' {
  const { target, value } = figure;
  if (!target) return '';
  if (figure.inconclusive) return 'noisy';
  if (target.max !== undefined && value > target.max) return 'over';
  if (target.min !== undefined && value < target.min) return 'under';
  return 'ok';
}

/** Three significant digits or so; whole numbers stay whole unless they are timings (`ms`, `s`). */
function formatNumber(value: number, unit = ''): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const whole = Number.isInteger(value) && unit !== 'ms' && unit !== 's';
  const digits = abs >= 1000 || whole ? 0 : abs >= 100 ? 1 : abs >= 10 ? 2 : 3;
  return value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function formatTarget(figure: Figure): string {
  const { target } = figure;
  if (!target) return '';
  const parts: string[] = [];
  if (target.max !== undefined) parts.push(`≤ ${formatNumber(target.max)}`);
  if (target.min !== undefined) parts.push(`≥ ${formatNumber(target.min)}`);
  return `${parts.join(', ')} ${figure.unit}`.trim();
}

/** Prints figures as a plain-text table (name, value, unit, target, ok/over) to stdout. */
export function printFigures(title: string, figures: readonly Figure[]): void {
  const rows = figures.map((figure) => [
    figure.name,
    formatNumber(figure.value, figure.unit),
    figure.unit,
    formatTarget(figure),
    [status(figure), figure.note ?? ''].filter(Boolean).join('  '),
  ]);
  const header = ['figure', 'value', 'unit', 'target', 'status'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 1 ? cell.padStart(widths[i] as number) : cell.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd();
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
}

/** What the figures were measured on. */
export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  chromium: string;
  os: string;
  /** 1-minute load average when the run started: other work on the machine skews browser timings. */
  load: number;
}

/** CPU model, core count, memory, Node and Chromium versions. */
export function machineInfo(): MachineInfo {
  let chromium = 'unknown';
  try {
    // Debian's wrapper script may print shell noise on stderr; the version line is on stdout.
    const out = execFileSync(CHROMIUM, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    chromium = /Chrom(?:e|ium)\s+([\d.]+)/.exec(out)?.[1] ?? (out.trim() || chromium);
  } catch {
    // Not installed: the browser benches will say so themselves.
  }
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    chromium,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    load: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
  };
}

/** The machine line printed above every run. */
export function machineLine(info: MachineInfo = machineInfo()): string {
  return `Machine: ${info.cpu}, ${info.cores} cores, ${info.memoryGiB} GiB RAM, ${info.os}; Node ${info.node}; Chromium ${info.chromium}; load average ${info.load}`;
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** True when `moduleUrl` (pass `import.meta.url`) is the script Node was started with. */
export function isMain(moduleUrl: string): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return moduleUrl === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

/** Builds the Chrome extension (`npx wxt build`) unless `.output/chrome-mv3/manifest.json` exists. */
export function ensureBuilt(): void {
  if (existsSync(join(EXTENSION_DIR, 'manifest.json'))) return;
  console.log(`No built extension in ${EXTENSION_DIR}: running "npx wxt build" …`);
  const result = spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
  if (result.status !== 0 || !existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`"npx wxt build" failed (exit ${result.status ?? result.signal})`);
  }
}

/**
 * Chromium flags of the page-timing benches (capture, load-bisect): German, and the tests' flags
 * (headless, no background work of the browser's own that would land in a measured load).
 */
export const QUIET_BROWSER_ARGS: readonly string[] = ['--lang=de-DE', ...CHROMIUM_ARGS];

/**
 * A browser for the page-timing benches (capture's load event, load-bisect, load-cpu): the machine's
 * Chromium with QUIET_BROWSER_ARGS in a fresh profile under `prefix`, with the unpacked extension in
 * `extension` if given. Remove `profile` after closing `context`.
 */
export async function launchBenchBrowser(
  prefix: string,
  extension?: string,
): Promise<{ context: BrowserContext; profile: string }> {
  const profile = mkdtempSync(join(os.tmpdir(), prefix));
  const load = extension ? [`--disable-extensions-except=${extension}`, `--load-extension=${extension}`] : [];
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false,
    locale: 'de-DE',
    env: { ...process.env, LANGUAGE: 'de_DE' },
    args: [...QUIET_BROWSER_ARGS, ...load],
  });
  return { context, profile };
}

/**
 * Takes every site out of Mitsprache's settings through its background `worker`, and waits until the
 * background goes by it: the extension stays, but injects nowhere. Strings, not functions, are evaluated
 * there: the benches run through tsx, whose helpers do not exist in the worker.
 */
export async function takeSitesOut(worker: Worker): Promise<void> {
  await worker.evaluate(`(async () => {
    const base = (await chrome.storage.local.get('settings')).settings ?? {};
    await chrome.storage.local.set({ settings: { version: 1, ...base, sites: [] } });
  })()`);
  while (((await worker.evaluate('mitsprache.activeSites()')) as string[]).length > 0) await sleep(25);
}
