import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach } from 'vitest';
import type { FeedbackRecord } from '../../utils/schema/record';
import { DEFAULT_SETTINGS, type Settings } from '../../utils/schema/settings';
import { saveLocalSettings } from '../../utils/settings/store';
import { closeDb } from '../../utils/store/db';
import { cancelRequestedSync, syncIdle } from '../../utils/sync/engine';
import { isoWithOffset } from '../../utils/sync/transport';
import { resetDb } from './db';
import { smallRecord } from './records';

export { resetDb };

let counter = 0;

/**
 * A record with a deterministic, unique id. `screenshot` adds a (valid) image of about that many bytes;
 * `padding` makes it larger by that many characters in a way the schema would refuse (only for sizes
 * no valid record can reach).
 */
export function testRecord(padding = 0, screenshot = 0): FeedbackRecord {
  counter++;
  const id = `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
  let record = smallRecord(id, isoWithOffset(Date.UTC(2026, 10, 25, 10, 0, 0)));
  if (screenshot > 0) {
    const dataUrl = `data:image/jpeg;base64,${'A'.repeat(screenshot)}`;
    record = { ...record, screenshot: { dataUrl, width: 10, height: 10, maskCount: 0 } };
  }
  return padding > 0 ? { ...record, context: { ...record.context, url: 'x'.repeat(padding) } } : record;
}

export async function configure(patch: Partial<Settings>): Promise<void> {
  await saveLocalSettings({ ...DEFAULT_SETTINGS, ...patch });
}

export interface Seen {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Raw text instead of JSON. */
  raw?: string;
  /** Milliseconds before answering. */
  delayMs?: number;
}

/**
 * A real HTTP collector on 127.0.0.1 with a scripted reply per request (real sockets, no fetch mocks,
 * so headers and bodies are what a browser would send).
 */
export async function startCollector(
  reply: (seen: Seen) => Answer | Promise<Answer>,
  status: (seen: Seen) => Answer | Promise<Answer> = () => ({
    status: 200,
    body: { updates: [], cursor: '0' },
  }),
) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text;
      }
      const request = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
      seen.push(request);
      let answer: Answer;
      try {
        answer = await (request.path.endsWith('/status') ? status : reply)(request);
      } catch (error) {
        answer = { status: 500, raw: String(error) };
      }
      if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
      if (res.destroyed) return;
      res.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers });
      res.end(answer.raw ?? (answer.body === undefined ? '' : JSON.stringify(answer.body)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/ingest`,
    seen,
    /** Item ids of every batch request, in order. */
    batches: () =>
      seen
        .filter((s) => s.path === '/ingest')
        .map((s) => ((s.body as { items: { id: string }[] }).items ?? []).map((item) => item.id)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Accepts every item of a batch request. */
export function acceptAll(seen: Seen): Answer {
  const items = (seen.body as { items?: { id: string }[] }).items ?? [];
  return { status: 200, body: { results: items.map((item) => ({ id: item.id, status: 'accepted' })) } };
}

/**
 * After a sync test: no pass left running or requested, the test collectors closed, the database closed
 * (a next test's resetDb deletes it).
 */
export async function stopSync(
  collectors: readonly ({ close(): Promise<void> } | undefined)[],
): Promise<void> {
  cancelRequestedSync();
  await syncIdle();
  cancelRequestedSync();
  await Promise.all(collectors.map((collector) => collector?.close()));
  await closeDb();
}

/** A test collector, as startCollector opens it. */
export type TestCollector = Awaited<ReturnType<typeof startCollector>>;

/**
 * The lifecycle of a sync test file with at most one collector per test: a fresh database before each
 * test, and after it stopSync with the collector the returned starter opened (then forgotten, so it is
 * never closed twice). Call once at the top of the file and use the starter in place of startCollector.
 */
export function collectorPerTest(): typeof startCollector {
  let open: TestCollector | undefined;
  beforeEach(resetDb);
  afterEach(() => {
    const collector = open;
    open = undefined;
    return stopSync([collector]);
  });
  return async (...args) => {
    open = await startCollector(...args);
    return open;
  };
}
