import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { tokenSha256 } from '../../../collector/hub/job-centres';
import { HubPush } from '../../../collector/hub/protocol';
import { berlinWeek } from '../../../collector/hub/weeks';
import { SQLITE_FILE_NAME } from '../../../collector/store/sqlite/database';
import type { FeedbackRecord } from '../../../utils/schema/record';
import { type FaultProxy, startFaultProxy } from '../../support/fault-proxy';
import { makeBatch } from '../../support/records';
import { csrfOf, OfficerClient, officerPasswordHash, PASSWORD } from '../dashboard/officer';
import {
  BACKENDS,
  type BackendKind,
  freshPostgresUrl,
  INGEST_TOKEN,
  makeTempDir,
  postJson,
  queryDatabase,
  removeTestData,
  warnIfPostgresSkipped,
} from '../helpers';
import { JC_A, JC_B, screenNotes } from '../hub';
import { type CollectorProcess, startCollectorProcess, stopCollectorProcess } from '../process';

// Loopback as operators run it (issue #19): three processes of collector/main.ts — two job centres with
// sharing on and a hub — each on its own database, driven only over HTTP (the extension's ingest, the
// officers' dashboard forms) and read only from their databases. The hub is killed mid-way (SIGKILL, no
// goodbye) and started again on the same database and port: nothing is lost, nothing doubled. The
// pushes pass a forwarding proxy in the test that keeps every body: what went over the wire.

warnIfPostgresSkipped('sharing between processes');
afterAll(removeTestData);

const K = 5;
const _APP = 'VerBIS';
// Yesterday noon: inside the current or the last complete week, which every push covers.
const CREATED = new Date(Date.now() - 86_400_000);
CREATED.setUTCHours(11, 0, 0, 0);
const WEEK = berlinWeek(CREATED);
const PHONE = '0511 7654321';

function notes(n: number, route: string, category = 'slow'): FeedbackRecord[] {
  return screenNotes(n, route, CREATED, { category });
}

/** Where one process keeps its data: a data folder, and a PostgreSQL schema's URL on PostgreSQL. */
interface Place {
  dataDir: string;
  databaseUrl?: string;
}

async function place(kind: BackendKind): Promise<Place> {
  const dataDir = await makeTempDir();
  return kind === 'postgres' ? { dataDir, databaseUrl: await freshPostgresUrl() } : { dataDir };
}

/** Rows from a process's own database, read as an auditor would: the SQLite file or the schema. */
async function rows<Row>(at: Place, sql: string): Promise<Row[]> {
  if (!at.databaseUrl) return queryDatabase<Row>(path.join(at.dataDir, SQLITE_FILE_NAME), sql);
  const client = new pg.Client({ connectionString: at.databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Row[];
  } finally {
    await client.end();
  }
}

function databaseEnv(at: Place): Record<string, string> {
  return { COLLECTOR_DATA_DIR: at.dataDir, ...(at.databaseUrl ? { DATABASE_URL: at.databaseUrl } : {}) };
}

interface PushRow {
  push_id: string;
  state: string;
  attempts: number | string;
  last_error: string | null;
}

/** A job centre's push log, oldest first. */
function pushLog(at: Place): Promise<PushRow[]> {
  return rows<PushRow>(
    at,
    'SELECT push_id, state, attempts, last_error FROM share_pushes ORDER BY created_at, push_id',
  );
}

/** Waits until a job centre has at least `count` pushes and none of them is still pending. */
async function settled(at: Place, count: number): Promise<PushRow[]> {
  let log: PushRow[] = [];
  await expect
    .poll(
      async () => {
        log = await pushLog(at);
        return log.length >= count && log.every((push) => push.state !== 'pending');
      },
      { timeout: 20_000, interval: 100 },
    )
    .toBe(true);
  return log;
}

interface CellRow {
  id: string;
  job_centre: string;
  week: string;
  screen: string;
  notes: number | string;
  minutes_lost: number | string;
}

async function hubCells(hub: Place): Promise<[string, string, string, number, number][]> {
  const found = await rows<CellRow>(
    hub,
    'SELECT id, job_centre, week, screen, notes, minutes_lost FROM hub_cells ORDER BY job_centre, screen',
  );
  return found.map((row) => [
    row.job_centre,
    row.week,
    row.screen,
    Number(row.notes),
    Number(row.minutes_lost),
  ]);
}

/** The hub's rollup per job centre and screen: what its dashboard ranks and medians are made of. */
async function hubRollup(hub: Place): Promise<[string, string, number][]> {
  const found = await rows<{ job_centre: string; screen: string; notes: number | string }>(
    hub,
    'SELECT job_centre, screen, sum(notes) AS notes FROM hub_screen_weeks GROUP BY job_centre, screen ORDER BY job_centre, screen',
  );
  return found.map((row) => [row.job_centre, row.screen, Number(row.notes)]);
}

function wirePushes(proxy: FaultProxy): HubPush[] {
  return proxy.requests
    .filter((request) => request.method === 'POST' && request.path === '/hub/v1/push' && request.body)
    .map((request) => HubPush.parse(JSON.parse(request.body as string)));
}

/** A job centre's process with officer "anna", signed in through its dashboard. */
interface JobCentre {
  at: Place;
  process: CollectorProcess;
  officer: OfficerClient;
}

async function ingest(jobCentre: JobCentre, records: FeedbackRecord[]): Promise<void> {
  const response = await postJson(`${jobCentre.process.url}/api/v1/feedback`, makeBatch(records));
  expect(response.status).toBe(200);
}

async function form(jobCentre: JobCentre, pathname: string, fields: Record<string, string>, page: string) {
  const csrf = csrfOf(await jobCentre.officer.page(page));
  const response = await jobCentre.officer.post(pathname, { _csrf: csrf, ...fields });
  expect(response.status, `${pathname}: ${await response.clone().text()}`).toBe(303);
}

/** The officer's "Teilen mit dem Hub" settings form. */
function configure(jobCentre: JobCentre, hubUrl: string, id: string, token: string) {
  return form(
    jobCentre,
    '/dashboard/sharing/settings',
    { enabled: '1', hubUrl, jobCentre: id, token },
    '/dashboard/sharing',
  );
}

/** The officer presses "Jetzt senden". */
function sendNow(jobCentre: JobCentre) {
  return form(jobCentre, '/dashboard/sharing/push', {}, '/dashboard/sharing');
}

describe.each(BACKENDS)('two job-centre processes and a hub process, on $name', (backend) => {
  it.skipIf(!backend.enabled)(
    'deliver once, replace on re-push, keep small cells and phone numbers home, survive a hub crash, keep tokens apart',
    async () => {
      const started: CollectorProcess[] = [];
      const proxies: FaultProxy[] = [];
      const track = (running: CollectorProcess) => {
        started.push(running);
        return running;
      };
      try {
        const hubAt = await place(backend.kind);
        const centresFile = path.join(hubAt.dataDir, 'job-centres.json');
        await writeFile(
          centresFile,
          JSON.stringify(
            [JC_A, JC_B].map(({ id, name, token }) => ({ id, name, tokenSha256: tokenSha256(token) })),
          ),
        );
        const hubEnv = {
          ...databaseEnv(hubAt),
          COLLECTOR_MODE: 'hub',
          COLLECTOR_HUB_JOB_CENTRES_FILE: centresFile,
          COLLECTOR_PORT: '0',
        };
        const officersFile = path.join(await makeTempDir(), 'officers.json');
        await writeFile(
          officersFile,
          JSON.stringify({ officers: [{ user: 'anna', passwordHash: await officerPasswordHash() }] }),
        );
        const jobCentre = async (): Promise<JobCentre> => {
          const at = await place(backend.kind);
          const process = track(
            await startCollectorProcess({
              ...databaseEnv(at),
              COLLECTOR_PORT: '0',
              COLLECTOR_INGEST_TOKENS: INGEST_TOKEN,
              COLLECTOR_OFFICERS_FILE: officersFile,
              COLLECTOR_SHARE_MIN_NOTES: String(K),
              // Quick retries: the outage below should not cost the test half a minute per attempt.
              COLLECTOR_SHARE_RETRY_MS: '200',
            }),
          );
          const officer = new OfficerClient(process.url, { 'Accept-Language': 'de' });
          expect((await officer.signIn('anna', PASSWORD)).status).toBe(303);
          return { at, process, officer };
        };
        const [firstHub, a, b] = await Promise.all([
          startCollectorProcess(hubEnv).then(track),
          jobCentre(),
          jobCentre(),
        ]);
        const proxy = await startFaultProxy(firstHub.url, { captureBodies: true });
        proxies.push(proxy);
        const hubUrl = new URL(proxy.url).origin;

        // A: six notes on one screen (one cell), two on another in another category (below k even for
        // the whole application: they stay home); one of the six shared, with a reply naming a phone number.
        const kunde = notes(6, '/kunde/:id');
        await ingest(a, [...kunde, ...notes(2, '/akte/:id', 'error')]);
        const shared = (kunde[0] as FeedbackRecord).id;
        await form(
          a,
          `/dashboard/records/${shared}/status`,
          { status: 'solved', reply: `Hotline anrufen: ${PHONE}` },
          `/dashboard/records/${shared}`,
        );
        await form(a, `/dashboard/records/${shared}/share`, { share: '1' }, `/dashboard/records/${shared}`);
        await ingest(b, notes(5, '/kunde/:id'));

        // Switching sharing on sends at once; "Jetzt senden" once more is a re-push of the same weeks.
        await configure(a, hubUrl, JC_A.id, JC_A.token);
        await configure(b, hubUrl, JC_B.id, JC_B.token);
        await settled(a.at, 1);
        await settled(b.at, 1);
        await sendNow(a);
        const logA = await settled(a.at, 2);
        expect(logA.map((push) => push.state)).toEqual(logA.map(() => 'sent'));
        expect(
          new Set(
            wirePushes(proxy)
              .filter((push) => push.jobCentre === JC_A.id)
              .map((p) => p.pushId),
          ).size,
        ).toBe(logA.length);

        // At the hub: each job centre's one cell, once, whatever the number of pushes.
        const expected: [string, string, string, number, number][] = [
          [JC_B.id, WEEK, '/kunde/:id', 5, 20],
          [JC_A.id, WEEK, '/kunde/:id', 6, 24],
        ];
        // By job centre only: within one, both lists go by screen already.
        const byJobCentre = (x: readonly unknown[], y: readonly unknown[]) =>
          String(x[0]) < String(y[0]) ? -1 : 1;
        expect(await hubCells(hubAt)).toEqual([...expected].sort(byJobCentre));
        // Below k never left: not on the wire, not at the hub.
        for (const push of wirePushes(proxy)) expect(push.cells.every((cell) => cell.notes >= K)).toBe(true);
        expect(proxy.requests.some((request) => request.body?.includes('/akte/:id'))).toBe(false);
        // The shared reply was redacted again on the way out: the number is neither on the wire nor at the hub.
        const sentNote = wirePushes(proxy).find((push) => push.notes.length > 0)?.notes[0];
        expect(sentNote?.reply).toContain('[TELEFON]');
        expect(proxy.requests.some((request) => request.body?.includes(PHONE))).toBe(false);
        const hubNotes = await rows<Record<string, unknown>>(hubAt, 'SELECT * FROM hub_notes');
        expect(hubNotes).toHaveLength(1);
        expect(JSON.stringify(hubNotes)).not.toContain(PHONE);
        // The job centre read the hub's feed after its push.
        await expect
          .poll(async () => (await rows<{ cursor: string }>(a.at, 'SELECT cursor FROM share_feed')).length)
          .toBe(1);

        // The hub crashes. Meanwhile both job centres get new notes and their officers press "Jetzt senden".
        expect(await stopCollectorProcess(firstHub, 'SIGKILL')).toBeNull();
        await ingest(a, notes(7, '/antrag/:id'));
        await ingest(b, notes(3, '/kunde/:id'));
        const before = { a: (await pushLog(a.at)).length, b: (await pushLog(b.at)).length };
        await sendNow(a);
        await sendNow(b);
        // Each push waits and retries, stored in its job centre's database.
        await expect
          .poll(
            async () => {
              const waiting = [...(await pushLog(a.at)), ...(await pushLog(b.at))].filter(
                (push) => push.state === 'pending',
              );
              return waiting.length === 2 && waiting.every((push) => Number(push.attempts) >= 2);
            },
            { timeout: 20_000, interval: 100 },
          )
          .toBe(true);

        // The hub comes back on the same database and address; the waiting pushes arrive.
        const secondHub = track(
          await startCollectorProcess({ ...hubEnv, COLLECTOR_PORT: String(firstHub.port) }),
        );
        expect(secondHub.url).toBe(firstHub.url);
        expect((await settled(a.at, before.a + 1)).every((push) => push.state === 'sent')).toBe(true);
        expect((await settled(b.at, before.b + 1)).every((push) => push.state === 'sent')).toBe(true);
        const afterOutage: [string, string, string, number, number][] = [
          [JC_B.id, WEEK, '/kunde/:id', 8, 32],
          [JC_A.id, WEEK, '/antrag/:id', 7, 28],
          [JC_A.id, WEEK, '/kunde/:id', 6, 24],
        ];
        expect(await hubCells(hubAt)).toEqual([...afterOutage].sort(byJobCentre));
        // Nothing doubled in what the hub's dashboard reads either.
        expect(await hubRollup(hubAt)).toEqual(
          afterOutage.map(([id, , screen, count]) => [id, screen, count]).sort(byJobCentre),
        );
        expect(await rows(hubAt, 'SELECT id FROM hub_notes')).toHaveLength(1);

        // One job centre's token cannot write another's rows: B's officer enters A's id with B's token.
        await configure(b, hubUrl, JC_A.id, JC_B.token);
        await sendNow(b);
        const refused = (await settled(b.at, before.b + 2)).filter((push) => push.state === 'refused');
        expect(refused.length).toBeGreaterThanOrEqual(1);
        expect(refused.every((push) => push.last_error === 'wrong_job_centre (403)')).toBe(true);
        expect(await hubCells(hubAt)).toEqual([...afterOutage].sort(byJobCentre));
      } finally {
        await Promise.all(proxies.map((proxy) => proxy.close()));
        await Promise.all(started.map((running) => stopCollectorProcess(running)));
      }
    },
    90_000,
  );
});
