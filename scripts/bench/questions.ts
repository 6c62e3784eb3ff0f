// Questions (issue #18): the results of a question with 10,000 answers, as an officer opens them. An
// active scale question gets 10,000 answers over HTTP in batches of 500 (one in ten with a note, days
// spread over four weeks); then the results page and its CSV export are fetched 50 times each by a
// signed-in officer. Target: results page p95 ≤ 200 ms.
// Run: npx tsx scripts/bench/questions.ts [answers=10000]. SQLite in a temporary folder, like the other
// collector benches (a bench must not leave tables behind in a shared PostgreSQL database).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { hashPassword } from '../../collector/officers';
import { startCollector } from '../../collector/server';
import { answerItem, questionSettings } from '../../tests/collector/questions';
import { makeBatch } from '../../tests/support/records';
import { Officer } from './officer-support';
import { type Figure, isMain, printFigures, summary } from './support';

const TOKEN = 'bench-ingest-token-0001';
const PASSWORD = 'bench password 123';
const BATCH_ITEMS = 500;
const RUNS = 50;
const TARGET_MS = 200;

/** Milliseconds of `runs` sequential fetches of `pathname`, each read to the end. */
async function timed(officer: Officer, pathname: string, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    const response = await officer.fetch(pathname);
    if (response.status !== 200) throw new Error(`${pathname}: HTTP ${response.status}`);
    await response.arrayBuffer();
    times.push(performance.now() - start);
  }
  return times;
}

/** Runs the bench; returns its figures. */
export async function benchQuestions(answers = 10_000): Promise<Figure[]> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'mitsprache-bench-questions-'));
  const collector = await startCollector({
    port: 0,
    dataDir,
    ingestTokens: [TOKEN],
  });
  try {
    await collector.dashboard.putOfficer(
      { user: 'bench', passwordHash: await hashPassword(PASSWORD) },
      false,
      new Date().toISOString(),
    );
    const { id } = await collector.questions.create(questionSettings(), new Date().toISOString());
    await collector.questions.activate(id, new Date().toISOString());

    const ingestStart = performance.now();
    for (let sent = 0; sent < answers; sent += BATCH_ITEMS) {
      const items = Array.from({ length: Math.min(BATCH_ITEMS, answers - sent) }, (_, k) => {
        const n = sent + k;
        const day = String(1 + (n % 28)).padStart(2, '0');
        return answerItem(
          id,
          { kind: 'scale', value: 1 + (n % 5) },
          {
            createdAt: `2026-11-${day}T09:00:00.000Z`,
            ...(n % 10 === 0 ? { note: `Anmerkung ${n % 300}: der Schritt dauert zu lange` } : {}),
          },
        );
      });
      const response = await fetch(collector.endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify(makeBatch(items)),
      });
      if (response.status !== 200) throw new Error(`ingest failed: HTTP ${response.status}`);
      await response.arrayBuffer();
    }
    const ingestMs = performance.now() - ingestStart;

    const officer = new Officer(collector.url);
    await officer.signIn('bench', PASSWORD);
    const page = summary(await timed(officer, `/dashboard/questions/${id}/results`, RUNS));
    const csv = summary(await timed(officer, `/dashboard/questions/${id}/results.csv`, RUNS));
    const stored = (await collector.questions.get(id))?.answers ?? 0;
    console.log(
      `questions: ${stored} answers stored on SQLite in ${(ingestMs / 1000).toFixed(1)} s (${BATCH_ITEMS} a batch)`,
    );
    return [
      {
        name: `results page of a question with ${stored} answers, p95`,
        value: page.p95,
        unit: 'ms',
        target: { max: TARGET_MS },
        note: `median ${page.median.toFixed(1)} ms, ${RUNS} runs`,
      },
      {
        name: 'results CSV export, p95',
        value: csv.p95,
        unit: 'ms',
        note: `median ${csv.median.toFixed(1)} ms, ${RUNS} runs`,
      },
    ];
  } finally {
    await collector.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  const answers = Number(process.argv[2] ?? 10_000);
  benchQuestions(answers).then(
    (figures) => printFigures('Questions (issue #18)', figures),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
