// Ingest throughput of the reference collector on SQLite, over HTTP on loopback.
// Run: npx tsx scripts/bench/collector-ingest.ts [totalRecords=20000] [concurrency=4] [dataParent=os.tmpdir()]
// Target: ≥ 20,000 records/s. The database lives in a fresh folder under dataParent (so the figure
// includes the real fsync of synchronous=FULL on that disk; pass /dev/shm to take the disk out) and is
// deleted afterwards. Besides wall-clock records/s it prints records per second of collector CPU time
// (Linux), which stays meaningful on a machine shared with other work.
// To profile the collector, pass node flags through BENCH_COLLECTOR_NODE_ARGS, e.g.
// BENCH_COLLECTOR_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' (NODE_OPTIONS refuses --cpu-prof).
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { makeBatch, makeRecord } from '../../tests/support/records';
import { recordId } from '../../utils/ids';
import type { FeedbackRecord } from '../../utils/schema/record';

const TOKEN = 'bench-ingest-token';
const total = Number(process.argv[2] ?? 20_000);
const concurrency = Number(process.argv[3] ?? 4);
const dataParent = process.argv[4] ?? tmpdir();
// USER_HZ: the unit of utime/stime in /proc/<pid>/stat, 100 on every mainstream Linux.
const TICKS_PER_SECOND = 100;

// utime and stime (fields 14 and 15 of /proc/<pid>/stat, after the command name, which may contain
// spaces), in seconds.
function statCpu(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

async function cpuSeconds(pid: number | undefined): Promise<number | null> {
  try {
    return statCpu(await readFile(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
}

// CPU seconds of the main (JavaScript) thread and of all other threads together (libuv's pool, V8's
// helpers, workers), to see what the event loop itself spends.
async function threadCpu(pid: number | undefined): Promise<Map<string, number>> {
  const byName = new Map<string, number>();
  try {
    for (const tid of await readdir(`/proc/${pid}/task`)) {
      const stat = await readFile(`/proc/${pid}/task/${tid}/stat`, 'utf8').catch(() => '');
      if (!stat) continue;
      const name = tid === String(pid) ? 'main' : 'other threads';
      byName.set(name, (byName.get(name) ?? 0) + statCpu(stat));
    }
  } catch {
    // Not Linux: no breakdown.
  }
  return byName;
}

function load(): string {
  return loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
}

/** Records that differ as real ones do (category, screen, team), from the tests' one factory. */
function record(i: number): FeedbackRecord {
  const base = makeRecord({}, { check: false });
  const at = Date.UTC(2026, 10, 25, 8) + i * 1000;
  return makeRecord(
    {
      // As the extension makes them: UUIDv7, ordered by creation time.
      id: recordId(at),
      createdAt: new Date(at).toISOString(),
      note: `Feld „Zuständigkeit“ springt nach dem Speichern zurück (${i}).`,
      category: ['error', 'slow', 'cumbersome', 'missing'][i % 4] as string,
      impact: 'slows',
      duringAppointment: i % 3 === 0,
      minutesLost: i % 30,
      context: {
        ...base.context,
        routeTemplate: `/akte/:id/${['leistungen', 'bescheide', 'vermerke'][i % 3]}`,
        sinceLoadMs: 42_000 + i,
      },
      reporter: { mode: 'unit', unit: `Team ${100 + (i % 20)}` },
    },
    { check: false },
  );
}

async function run(endpoint: string, batchSize: number): Promise<number> {
  const bodies: string[] = [];
  for (let n = 0; n < total; n += batchSize) {
    const items = Array.from({ length: Math.min(batchSize, total - n) }, (_, k) => record(n + k));
    bodies.push(JSON.stringify(makeBatch(items, { sentAt: new Date().toISOString() })));
  }
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < bodies.length) {
      const body = bodies[next++] as string;
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
        body,
      });
      const result = (await response.json()) as { results: Array<{ status: string }> };
      if (response.status !== 200 || result.results.some((item) => item.status !== 'accepted')) {
        throw new Error(`unexpected answer ${response.status}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return total / seconds;
}

// The collector runs in its own process, as it would in production, so the load generator does not
// share its event loop.
async function startServerProcess(
  dataDir: string,
): Promise<{ endpoint: string; pid: number | undefined; stop(): Promise<void> }> {
  const nodeArgs = (process.env.BENCH_COLLECTOR_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'collector/main.ts'], {
    env: {
      ...process.env,
      COLLECTOR_PORT: '0',
      COLLECTOR_DATA_DIR: dataDir,
      COLLECTOR_INGEST_TOKENS: TOKEN,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (\S+)/.exec(output);
      if (match) resolve(match[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`collector exited with ${code}`)));
  });
  return {
    endpoint,
    pid: child.pid,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

const dataDir = await mkdtemp(path.join(dataParent, 'mitsprache-bench-'));
const server = await startServerProcess(dataDir);
try {
  console.log(
    `collector ingest: ${total} records per run, ${concurrency} concurrent requests, SQLite in ${dataDir}`,
  );
  for (const batchSize of [100, 500]) {
    const loadBefore = load();
    const cpuBefore = await cpuSeconds(server.pid);
    const threadsBefore = await threadCpu(server.pid);
    const rate = await run(server.endpoint, batchSize);
    const cpuAfter = await cpuSeconds(server.pid);
    const threadsAfter = await threadCpu(server.pid);
    const perCpu =
      cpuBefore === null || cpuAfter === null
        ? ''
        : `, ${Math.round(total / (cpuAfter - cpuBefore)).toLocaleString('en')} records per collector CPU-second`;
    console.log(
      `  batches of ${String(batchSize).padStart(3)}: ${Math.round(rate).toLocaleString('en')} records/s${perCpu}` +
        ` (load ${loadBefore} → ${load()})`,
    );
    const threads = [...threadsAfter]
      .map(([name, seconds]) => [name, seconds - (threadsBefore.get(name) ?? 0)] as const)
      .filter(([, seconds]) => seconds > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([name, seconds]) => `${name} ${seconds.toFixed(2)}`);
    if (threads.length > 0) console.log(`    collector CPU seconds: ${threads.join(', ')}`);
  }
} finally {
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
}
