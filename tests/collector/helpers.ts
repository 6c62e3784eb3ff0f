import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { CollectorConfigInput } from '../../collector/config';
import { type RunningCollector, startCollector } from '../../collector/server';

/** Tokens every test collector is configured with. */
export const INGEST_TOKEN = 'ingest-token-for-tests-0001';
export const ADMIN_TOKEN = 'admin-token-for-tests-0001';

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
