/**
 * `npm run bench`: speed and size figures of Mitsprache. Prints the machine line, the capture-path
 * figures, then every other bench module in this folder. Missing a target is a figure, not a failure:
 * the exit code is non-zero only when a measurement itself broke.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchCapture } from './capture';
import { ensureBuilt, type Figure, machineLine, printFigures } from './support';

const HERE = fileURLToPath(new URL('.', import.meta.url));
/** Not benches of their own: this runner, the capture bench it calls directly (and the load-event bench
 * that one calls), shared helpers. */
const SKIP = new Set(['index.ts', 'capture.ts', 'load-event.ts', 'support.ts']);

/**
 * How a bench module is run: `call` imports it and calls the named export — figures (this folder's
 * `Figure[]`) or rows of its own shape are printed here; `spawn` runs it as `npx tsx <file>` (a module
 * that runs itself, reads its own argv, or measures at top level) and it prints for itself.
 */
type Runner = { kind: 'call'; exportName: string } | { kind: 'spawn' };

/**
 * Every bench besides the capture bench, in the order they run. Said here, not guessed from the
 * modules' source; a module in this folder missing from the list is reported as a broken measurement.
 */
const BENCHES: Readonly<Record<string, Runner>> = {
  'collector-ingest.ts': { kind: 'spawn' },
  'dashboard.ts': { kind: 'spawn' },
  // Opt-in region size: `npx tsx scripts/bench/hub.ts --full` (here the small default, on DATABASE_URL).
  'hub.ts': { kind: 'spawn' },
  'incidents.ts': { kind: 'spawn' },
  'load-bisect.ts': { kind: 'spawn' },
  'load-cpu.ts': { kind: 'call', exportName: 'benchLoadCpu' },
  'popup-open.ts': { kind: 'call', exportName: 'benchPopupOpen' },
  'questions.ts': { kind: 'spawn' },
  'redaction-blind.ts': { kind: 'spawn' },
  'redaction-holdout.ts': { kind: 'spawn' },
  'redaction.ts': { kind: 'spawn' },
  'screenshot.ts': { kind: 'spawn' },
  'sync.ts': { kind: 'spawn' },
};

function isFigureList(value: unknown): value is Figure[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every(
      (item) =>
        item && typeof item === 'object' && typeof item.name === 'string' && typeof item.value === 'number',
    )
  );
}

/** Results of another shape: one line per row, `key: value` pairs. */
function printRows(title: string, result: unknown): void {
  if (result === undefined) return;
  console.log(`\n${title}`);
  for (const row of Array.isArray(result) ? result : [result]) {
    if (row && typeof row === 'object') {
      const cells = Object.entries(row).map(([key, value]) =>
        typeof value === 'number' && !Number.isInteger(value)
          ? `${key}: ${value.toFixed(2)}`
          : `${key}: ${value}`,
      );
      console.log(`  ${cells.join(', ')}`);
    } else console.log(`  ${String(row)}`);
  }
}

function spawnScript(file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', file], { stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${basename(file)} exited with ${code ?? signal}`)),
    );
  });
}

async function runModule(file: string, runner: Runner): Promise<void> {
  if (runner.kind === 'spawn') return spawnScript(file);
  const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const bench = module[runner.exportName];
  if (typeof bench !== 'function')
    throw new Error(`${basename(file)}: ${runner.exportName} is not a function`);
  const result: unknown = await bench();
  if (isFigureList(result)) printFigures(basename(file, '.ts'), result);
  else printRows(basename(file, '.ts'), result);
}

/** Modules in this folder that look like benches but are not in BENCHES. */
function unlisted(): string[] {
  return readdirSync(HERE)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts') && !SKIP.has(name))
    .filter((name) => !name.startsWith('_') && !/(^|-)support\.ts$/.test(name))
    .filter((name) => !Object.hasOwn(BENCHES, name));
}

const failures: string[] = [];
const started = performance.now();
let sectionStarted = started;
const section = (title: string) => {
  console.log(`\n=== ${title} ===`);
  sectionStarted = performance.now();
};
const took = () => console.log(`(${((performance.now() - sectionStarted) / 1000).toFixed(0)} s)`);

console.log(machineLine());
ensureBuilt();

section('capture');
try {
  printFigures('Capture path (headless Chromium, demo app)', await benchCapture());
} catch (error) {
  failures.push('capture');
  console.error('capture bench failed:', error);
}
took();

for (const [name, runner] of Object.entries(BENCHES)) {
  const title = basename(name, '.ts');
  section(title);
  try {
    await runModule(join(HERE, name), runner);
  } catch (error) {
    failures.push(title);
    console.error(`${title} bench failed:`, error);
  }
  took();
}
for (const name of unlisted()) {
  failures.push(name);
  console.error(`${name}: not in BENCHES (scripts/bench/index.ts), so not run`);
}

console.log(`\nBench finished in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
if (failures.length > 0) {
  console.error(`Broken measurements (not missed targets): ${failures.join(', ')}`);
  process.exitCode = 1;
}
