import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { type CollectorConfigInput, ConfigError } from '../../collector/config';
import { type RunningCollector, startCollector } from '../../collector/server';
import { numbered } from '../../collector/store/dashboard-sql';
import { openPostgres } from '../../collector/store/postgres/open';
import { SQLITE_FILE_NAME } from '../../collector/store/sqlite/database';
import { openSqlite } from '../../collector/store/sqlite/open';
import type { Backend, BatchMeta } from '../../collector/store/types';

// The one helper module of the collector tests: temp folders, a collector over HTTP, and the
// databases every backend-independent test runs on (SQLite always, PostgreSQL when DATABASE_URL
// names a server, e.g. from scripts/ci-postgres.sh). Records come from tests/support/records.ts.

/** Where a batch handed to a store directly came from (tests that bypass HTTP). */
export const BATCH: BatchMeta = {
  batchId: '5b0b6a0e-4a8e-4d55-9a57-0d3c2f1e9b11',
  receivedAt: '2026-11-25T10:05:00.120Z',
};

/** Tokens every test collector is configured with. */
export const INGEST_TOKEN = 'ingest-token-for-tests-0001';
export const ADMIN_TOKEN = 'admin-token-for-tests-0001';

/** The problems a ConfigError lists when `run` throws one; fails the test when it throws none. */
export function configProblems(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const tempDirs: string[] = [];

/** A fresh data folder under the OS temp dir, removed by `removeTempDirs`. */
export async function makeTempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mitsprache-collector-'));
  tempDirs.push(dir);
  return dir;
}

/** Deletes every folder made by `makeTempDir`; call in afterAll after closing collectors. */
export async function removeTempDirs(): Promise<void> {
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** A real collector on a free port with a temp data folder and the test tokens. */
export async function startTestCollector(overrides: CollectorConfigInput = {}): Promise<RunningCollector> {
  return startCollector({
    port: 0,
    dataDir: overrides.dataDir ?? (await makeTempDir()),
    ingestTokens: [INGEST_TOKEN],
    adminTokens: [ADMIN_TOKEN],
    ...overrides,
  });
}

/** Headers of an authenticated JSON request. */
export function jsonHeaders(token: string | null = INGEST_TOKEN): Record<string, string> {
  return token === null
    ? { 'Content-Type': 'application/json' }
    : { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` };
}

/** POSTs a JSON body (an object, or a raw string sent as is). */
export function postJson(
  url: string,
  body: unknown,
  token: string | null = INGEST_TOKEN,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { ...jsonHeaders(token), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Reads the collector's database file directly, bypassing the API, as an auditor would. */
export function queryDatabase<Row>(file: string, sql: string, ...params: unknown[]): Row[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare<unknown[], Row>(sql).all(...params);
  } finally {
    db.close();
  }
}

/** A collector started before this file's tests and closed after them (with the temp folders). */
export function sharedTestCollector(overrides: CollectorConfigInput = {}): RunningCollector {
  let started: RunningCollector | undefined;
  beforeAll(async () => {
    started = await startTestCollector(overrides);
  });
  afterAll(async () => {
    await started?.close();
    await removeTempDirs();
  });
  // Read through on every access: the collector only exists once beforeAll has run.
  return new Proxy({} as RunningCollector, {
    get(_, key) {
      if (!started) throw new Error('the shared test collector is used before beforeAll started it');
      return Reflect.get(started, key);
    },
  });
}

/** PostgreSQL's URL when the suite runs against one, else undefined (those tests are skipped). */
export const DATABASE_URL = process.env.DATABASE_URL;

/** The databases backend-independent tests run on, for `describe.each`. */
export const BACKENDS = [
  { kind: 'sqlite', name: 'SQLite', enabled: true },
  {
    kind: 'postgres',
    name: DATABASE_URL ? 'PostgreSQL' : 'PostgreSQL (skipped: DATABASE_URL is not set)',
    enabled: DATABASE_URL !== undefined,
  },
] as const;

/** Which database a test runs on. */
export type BackendKind = (typeof BACKENDS)[number]['kind'];

/** Says once per file that its PostgreSQL variants are skipped, and how to run them. */
export function warnIfPostgresSkipped(what: string): void {
  if (DATABASE_URL) return;
  console.warn(`${what}: PostgreSQL skipped — set DATABASE_URL (e.g. from scripts/ci-postgres.sh) to run it`);
}

const schemas: string[] = [];

/** A fresh, empty PostgreSQL schema's name; each test's data stays apart this way. */
function freshSchemaName(): string {
  const schema = `t_${randomUUID().replace(/-/g, '')}`;
  schemas.push(schema);
  return schema;
}

/** DATABASE_URL pointed at a fresh schema, for a collector started on PostgreSQL. */
export async function freshPostgresUrl(): Promise<string> {
  const schema = freshSchemaName();
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  const url = new URL(DATABASE_URL as string);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

/** Drops every schema the tests made; call in afterAll after closing what used them. */
export async function dropTestSchemas(): Promise<void> {
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  for (const schema of schemas.splice(0)) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}

/** Removes temp folders and test schemas: the afterAll of a file that used either. */
export async function removeTestData(): Promise<void> {
  await removeTempDirs();
  await dropTestSchemas();
}

/** Settings for a collector on `kind`: nothing for SQLite, a fresh schema's URL for PostgreSQL. */
export async function backendConfig(kind: BackendKind): Promise<CollectorConfigInput> {
  return kind === 'postgres' ? { databaseUrl: await freshPostgresUrl() } : {};
}

/** A fresh, empty database of one kind, on which several collector instances can be opened. */
export interface TestDatabase {
  /** Opens another instance's stores on it (migrating it on first use). */
  instance(): Promise<Backend>;
  /** Runs SQL on it directly (after an instance has created the tables), in its own dialect. */
  exec(sql: { sqlite: string; postgres: string }): Promise<void>;
  /** A query's rows read from it directly, bypassing the stores (`?` placeholders, portable SQL). */
  all<Row>(sql: string, ...params: unknown[]): Promise<Row[]>;
  /** The PostgreSQL schema it lives in. */
  schema?: string;
}

/** A fresh, empty database of `kind`. */
export async function freshDatabase(kind: BackendKind): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const file = path.join(await makeTempDir(), SQLITE_FILE_NAME);
    return {
      instance: () => openSqlite(file),
      async exec(sql) {
        const db = new Database(file, { fileMustExist: true });
        try {
          db.exec(sql.sqlite);
        } finally {
          db.close();
        }
      },
      all: async (sql, ...params) => queryDatabase(file, sql, ...params),
    };
  }
  const schema = freshSchemaName();
  return {
    schema,
    instance: () => openPostgres(DATABASE_URL as string, { schema, poolSize: 4 }),
    async exec(sql) {
      const client = new pg.Client({ connectionString: DATABASE_URL, options: `-c search_path=${schema}` });
      await client.connect();
      try {
        await client.query(sql.postgres);
      } finally {
        await client.end();
      }
    },
    async all<Row>(sql: string, ...params: unknown[]) {
      const client = new pg.Client({ connectionString: DATABASE_URL, options: `-c search_path=${schema}` });
      await client.connect();
      try {
        return (await client.query(numbered(sql), params)).rows as Row[];
      } finally {
        await client.end();
      }
    },
  };
}

/** Runs `test` on one instance of a fresh database of `kind`, closed afterwards whatever happens. */
export async function withFreshInstance(
  kind: BackendKind,
  test: (instance: Backend, db: TestDatabase) => Promise<void>,
): Promise<void> {
  const db = await freshDatabase(kind);
  const instance = await db.instance();
  try {
    await test(instance, db);
  } finally {
    await instance.close();
  }
}
