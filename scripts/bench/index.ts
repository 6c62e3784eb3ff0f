/**
 * `npm run bench`: speed and size figures of Mitsprache. Prints the machine line, the capture-path
 * figures, then every other bench module in this folder. Missing a target is a figure, not a failure:
 * the exit code is non-zero only when a measurement itself broke.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchCapture } from './capture';
import { ensureBuilt, type Figure, machineLine, printFigures } from './support';

const HERE = fileURLToPath(new URL('.', import.meta.url));
/** Not benches of their own: this runner, the capture bench it calls directly (and the load-event bench
 * that one calls), shared helpers. */
const SKIP = new Set(['index.ts', 'capture.ts', 'load-event.ts', 'support.ts']);

/** How a bench module wants to be run, read from its source. */
type Runner = { kind: 'call'; exportName: string } | { kind: 'spawn' };

/**
 * A module whose exported `bench*` function returns `Promise<Figure[]>` (this folder's shared type) is
 * imported and called, and its figures printed here. A module that runs itself when started directly
 * (a main guard), or is a plain script that measures and prints at top level (and may read its own argv),
 * runs in a child process as `npx tsx <file>` and prints for itself. A module that only exports a bench
 * function with its own result type is called, and its rows printed as they come.
 */
function runnerFor(source: string): Runner {
  const bench =
    /export\s+(?:async\s+)?function\s+(bench\w*)\s*\([^)]*\)\s*:\s*Promise<\s*(\w+)\s*\[\]\s*>|export\s+(?:async\s+)?function\s+(bench\w*)/.exec(
      source,
    );
  const hasMain = /isMain\(\s*import\.meta\.url\s*\)|import\.meta\.url\s*===|process\.argv\[1\]/.test(source);
  if (bench?.[1] && bench[2] === 'Figure') return { kind: 'call', exportName: bench[1] };
  if (hasMain) return { kind: 'spawn' };
  const name = bench?.[1] ?? bench?.[3];
  if (name) return { kind: 'call', exportName: name };
  if (/export\s+default\s+(?:async\s+)?function/.test(source)) return { kind: 'call', exportName: 'default' };
  return { kind: 'spawn' };
}

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

async function runModule(file: string): Promise<void> {
  const runner = runnerFor(readFileSync(file, 'utf8'));
  if (runner.kind === 'spawn') return spawnScript(file);
  const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const bench = module[runner.exportName];
  if (typeof bench !== 'function')
    throw new Error(`${basename(file)}: ${runner.exportName} is not a function`);
  const result: unknown = await bench();
  if (isFigureList(result)) printFigures(basename(file, '.ts'), result);
  else printRows(basename(file, '.ts'), result);
}

/** Bench modules other than the capture bench, in a stable order. */
function otherModules(): string[] {
  return readdirSync(HERE)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts') && !SKIP.has(name))
    .filter((name) => !name.startsWith('_') && !/(^|-)support\.ts$/.test(name))
    .sort()
    .map((name) => join(HERE, name));
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

for (const file of otherModules()) {
  const name = basename(file, '.ts');
  section(name);
  try {
    await runModule(file);
  } catch (error) {
    failures.push(name);
    console.error(`${name} bench failed:`, error);
  }
  took();
}

console.log(`\nBench finished in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
if (failures.length > 0) {
  console.error(`Broken measurements (not missed targets): ${failures.join(', ')}`);
  process.exitCode = 1;
}
