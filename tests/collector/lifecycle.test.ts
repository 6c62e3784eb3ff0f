import { type ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../collector/config';
import { makeBatch, makeRecord, secretOf } from '../support/records';
import {
  ADMIN_TOKEN,
  INGEST_TOKEN,
  jsonHeaders,
  makeTempDir,
  postJson,
  queryDatabase,
  removeTempDirs,
  startTestCollector,
} from './helpers';

afterAll(removeTempDirs);

describe('graceful shutdown', () => {
  it('finishes a request that is in flight, then refuses new connections and closes the database', async () => {
    const collector = await startTestCollector();
    const record = makeRecord();
    const body = Buffer.from(JSON.stringify(makeBatch([record])));
    const endpoint = new URL(collector.endpoint);

    // `Expect: 100-continue` makes the server confirm it has taken the request before any body is sent,
    // so close() below provably starts while the request is being handled.
    const pending = request(endpoint, {
      method: 'POST',
      headers: { ...jsonHeaders(), 'Content-Length': String(body.length), Expect: '100-continue' },
    });
    const answer = new Promise<{ status: number; connection: string | undefined; text: string }>(
      (resolve, reject) => {
        pending.on('response', (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            text += chunk;
          });
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, connection: response.headers.connection, text }),
          );
        });
        pending.on('error', reject);
      },
    );
    await new Promise<void>((resolve) => pending.once('continue', resolve));
    pending.write(body.subarray(0, 100));

    const closed = collector.close();
    pending.end(body.subarray(100));

    const { status, connection, text } = await answer;
    expect(status).toBe(200);
    expect(connection).toBe('close');
    expect(JSON.parse(text)).toEqual({ results: [{ id: record.id, status: 'accepted' }] });
    await closed;
    await expect(fetch(`${collector.url}/healthz`)).rejects.toThrow(TypeError);
    expect(queryDatabase(collector.databaseFile, 'SELECT id FROM records')).toEqual([{ id: record.id }]);
  });

  it('returns the same promise when close() is called twice', async () => {
    const collector = await startTestCollector();

    const first = collector.close();
    expect(collector.close()).toBe(first);
    await first;
  });
});

describe('restart', () => {
  it('keeps records and officer statuses in the same data folder', async () => {
    const dataDir = await makeTempDir();
    const record = makeRecord();
    const first = await startTestCollector({ dataDir });
    await postJson(first.endpoint, makeBatch([record]));
    await fetch(`${first.url}/api/v1/admin/records/${record.id}`, {
      method: 'PUT',
      headers: jsonHeaders(ADMIN_TOKEN),
      body: JSON.stringify({ status: 'in_review' }),
    });
    await first.close();

    const second = await startTestCollector({ dataDir });
    try {
      const again = await postJson(second.endpoint, makeBatch([record]));
      expect(await again.json()).toEqual({ results: [{ id: record.id, status: 'duplicate' }] });
      const status = await postJson(`${second.endpoint}/status`, {
        ids: [record.id],
        secrets: { [record.id]: secretOf(record) },
      });
      expect(await status.json()).toEqual({
        updates: [{ id: record.id, status: 'in_review', reply: null, updatedAt: expect.any(String) }],
        cursor: '1',
      });
    } finally {
      await second.close();
    }
  });
});

describe('startCollector configuration', () => {
  it('refuses to start without ingest tokens unless anonymous ingest is allowed', async () => {
    const dataDir = await makeTempDir();

    await expect(startTestCollector({ dataDir, ingestTokens: [] })).rejects.toThrow(ConfigError);

    const open = await startTestCollector({ dataDir, ingestTokens: [], allowAnonymous: true });
    try {
      const record = makeRecord();
      const response = await postJson(open.endpoint, makeBatch([record]), null);
      expect(await response.json()).toEqual({ results: [{ id: record.id, status: 'accepted' }] });
    } finally {
      await open.close();
    }
  });

  it('rejects when the port is taken, leaving the database closed', async () => {
    const first = await startTestCollector();
    try {
      await expect(startTestCollector({ port: first.port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
    }
  });

  it('keeps an embedding process alive until close() has settled', async () => {
    // The SQLite writer thread is unreferenced while idle; a close() that waited on it unreferenced let
    // a script with nothing else to do exit mid-shutdown (code 13, "unsettled top-level await").
    const dataDir = await makeTempDir();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/collector/fixtures/embed-and-close.ts', dataDir, INGEST_TOKEN],
      { env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));

    expect({ code, stdout }).toEqual({ code: 0, stdout: 'ingest 200\nclosed\n' });
  });
});

describe('collector/main.ts', () => {
  function runMain(
    env: Record<string, string>,
  ): ChildProcess & { output: Promise<{ code: number | null; stdout: string; stderr: string }> } {
    const child = spawn(process.execPath, ['--import', 'tsx', 'collector/main.ts'], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const output = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
      child.once('exit', (code) => resolve({ code, stdout, stderr })),
    );
    return Object.assign(child, { output });
  }

  it('exits with code 2 and names every offending variable', async () => {
    const { code, stderr, stdout } = await runMain({
      COLLECTOR_PORT: 'eighty',
      COLLECTOR_BODY_LIMIT_BYTES: '12',
      COLLECTOR_CORS_ORIGINS: 'https://ok.example,https://bad.example/path',
      COLLECTOR_INGEST_TOKENS: 'a-token',
    }).output;

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      [
        'Invalid collector configuration:',
        '  - COLLECTOR_PORT: expected an integer port 0–65535',
        '  - COLLECTOR_BODY_LIMIT_BYTES: expected a number of bytes from 1024 to 67108864',
        '  - COLLECTOR_CORS_ORIGINS: expected an origin like https://intranet.example (scheme, host, optional port; no path or trailing slash)',
        '',
      ].join('\n'),
    );
  });

  it('exits with code 2 when no ingest token is configured', async () => {
    const { code, stderr } = await runMain({ COLLECTOR_DATA_DIR: await makeTempDir() }).output;

    expect(code).toBe(2);
    expect(stderr).toContain('COLLECTOR_INGEST_TOKENS: no ingest token configured');
  });

  it('logs its endpoint, serves, and stops cleanly on SIGTERM', async () => {
    const dataDir = await makeTempDir();
    const child = runMain({
      COLLECTOR_PORT: '0',
      COLLECTOR_DATA_DIR: dataDir,
      COLLECTOR_INGEST_TOKENS: INGEST_TOKEN,
    });
    const endpoint = await new Promise<string>((resolve) => {
      // The line may arrive in pieces.
      let seen = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const match =
          /^Mitsprache collector listening on (http:\/\/127\.0\.0\.1:\d+\/api\/v1\/feedback) \(database .+collector\.sqlite\)\n/.exec(
            seen,
          );
        if (match) resolve(match[1] as string);
      });
    });

    const check = await fetch(`${endpoint}/check`, { headers: jsonHeaders() });
    expect(check.status).toBe(200);
    child.kill('SIGTERM');

    const { code, stdout } = await child.output;
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(1)).toEqual(['SIGTERM: finishing open requests, then stopping', '']);
  });
});
