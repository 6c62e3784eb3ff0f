import { statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCollector } from '../../collector/server';
import { SqliteStore } from '../../collector/store/sqlite/store';
import type { FeedbackRecord } from '../../utils/schema/record';
import { asStored, makeBatch, makeRecord } from '../support/records';
import {
  ADMIN_TOKEN,
  jsonHeaders,
  makeTempDir,
  postJson,
  removeTempDirs,
  startTestCollector,
} from './helpers';

let collector: RunningCollector;
const early = makeRecord({ createdAt: '2026-11-20T09:00:00.000+01:00' });
const late = makeRecord({ createdAt: '2026-11-24T16:30:00.000+01:00' });
const third = makeRecord({ createdAt: '2026-11-22T12:00:00.000Z' });
let firstBatchId: string;
let secondBatchId: string;
let between: string;

const exported = (
  record: FeedbackRecord,
  batchId: string,
  status: string | null = null,
  reply: string | null = null,
) => ({
  id: record.id,
  receivedAt: expect.stringMatching(/Z$/),
  batchId,
  status,
  reply,
  caughtByCollector: {},
  record: asStored(record),
});

function exportRequest(query: string): Promise<Response> {
  return fetch(`${collector.url}/api/v1/admin/export${query}`, { headers: jsonHeaders(ADMIN_TOKEN) });
}

function ndjson(text: string): unknown[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

beforeAll(async () => {
  collector = await startTestCollector();
  const first = makeBatch([early, late]);
  firstBatchId = first.batchId;
  expect((await postJson(collector.endpoint, first)).status).toBe(200);
  // Arrival times are the collector's clock; leave a gap so a boundary falls between the two batches.
  await sleep(20);
  between = new Date().toISOString();
  await sleep(20);
  const second = makeBatch([third]);
  secondBatchId = second.batchId;
  expect((await postJson(collector.endpoint, second)).status).toBe(200);
  await fetch(`${collector.url}/api/v1/admin/records/${late.id}`, {
    method: 'PUT',
    headers: jsonHeaders(ADMIN_TOKEN),
    body: JSON.stringify({ status: 'solved', reply: 'Erledigt.' }),
  });
});
afterAll(async () => {
  await collector.close();
  await removeTempDirs();
});

describe('GET /api/v1/admin/export', () => {
  it('streams NDJSON in arrival order by default, one record per line', async () => {
    const response = await exportRequest('');

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="mitsprache-export-.*\.ndjson"$/,
    );
    const text = await response.text();
    expect(text.endsWith('\n')).toBe(true);
    expect(ndjson(text)).toEqual([
      exported(early, firstBatchId),
      exported(late, firstBatchId, 'solved', 'Erledigt.'),
      exported(third, secondBatchId),
    ]);
  });

  it('streams a JSON array', async () => {
    const response = await exportRequest('?format=json');

    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual([
      exported(early, firstBatchId),
      exported(late, firstBatchId, 'solved', 'Erledigt.'),
      exported(third, secondBatchId),
    ]);
  });

  it.each([
    ['from', () => `?from=${between}`, () => [exported(third, secondBatchId)]],
    [
      'to',
      () => `?to=${between}`,
      () => [exported(early, firstBatchId), exported(late, firstBatchId, 'solved', 'Erledigt.')],
    ],
    [
      'creation time',
      () => '?by=created&from=2026-11-21&to=2026-11-24T15:30:00.000Z',
      () => [exported(third, secondBatchId)],
    ],
    [
      'creation time with an offset (to is exclusive)',
      () => `?by=created&to=${encodeURIComponent('2026-11-24T16:30:00.000+01:00')}`,
      () => [exported(early, firstBatchId), exported(third, secondBatchId)],
    ],
  ])('filters by %s', async (_label, query, expected) => {
    const response = await exportRequest(query());

    expect(ndjson(await response.text())).toEqual(expected());
  });

  it.each([
    ['ndjson', ''],
    ['json', '[]\n'],
  ])('answers an empty window in %s with %j', async (format, body) => {
    const response = await exportRequest(`?format=${format}&from=2030-01-01`);

    expect(response.status).toBe(200);
    expect(await response.text()).toBe(body);
  });

  it.each([
    ['?from=yesterday', 'from: Invalid input'],
    ['?format=csv', 'format: Invalid option: expected one of "ndjson"|"json"'],
  ])('refuses %s', async (query, message) => {
    const response = await exportRequest(query);

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: 'bad_request', message } });
  });
});

describe('a large export', () => {
  let big: RunningCollector;
  const total = 1200;

  beforeAll(async () => {
    big = await startTestCollector();
    for (let start = 0; start < total; start += 400) {
      const batch = makeBatch(Array.from({ length: 400 }, () => makeRecord()));
      expect((await postJson(big.endpoint, batch)).status).toBe(200);
    }
  });
  afterAll(() => big.close());

  it.each(['ndjson', 'json'])('arrives complete and chunked as %s', async (format) => {
    const response = await fetch(`${big.url}/api/v1/admin/export?format=${format}`, {
      headers: jsonHeaders(ADMIN_TOKEN),
    });

    // No Content-Length: the body was produced while it was sent, not assembled first.
    expect(response.headers.get('content-length')).toBeNull();
    const text = await response.text();
    const rows = (format === 'json' ? JSON.parse(text) : ndjson(text)) as Array<{ id: string }>;
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((row) => row.id)).size).toBe(total);
  });

  it('lets ingest continue while an export is being read', async () => {
    const response = await fetch(`${big.url}/api/v1/admin/export`, { headers: jsonHeaders(ADMIN_TOKEN) });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();

    const record = makeRecord();
    const ingest = await postJson(big.endpoint, makeBatch([record]));
    expect(await ingest.json()).toEqual({ results: [{ id: record.id, status: 'accepted' }] });
    await reader.cancel();
  });
});

describe('SqliteStore.exportStream', () => {
  it('is ended by close() when abandoned mid-way', async () => {
    const store = new SqliteStore(`${await makeTempDir()}/collector.sqlite`);
    await store.ingest([makeRecord(), makeRecord()], {
      batchId: makeBatch([]).batchId,
      receivedAt: new Date().toISOString(),
    });
    const rows = store.exportStream({});
    expect((await rows.next()).done).toBe(false);

    await store.close();

    await expect(rows.next()).resolves.toEqual({ done: true, value: undefined });
  });
});

describe('an export a client stops reading', () => {
  it('holds no read open: ingest goes on and the WAL is checkpointed back instead of growing', async () => {
    const file = `${await makeTempDir()}/collector.sqlite`;
    const store = new SqliteStore(file);
    const ingest = async (n: number) => {
      for (let done = 0; done < n; done += 500) {
        const records = Array.from({ length: 500 }, () => makeRecord({ note: 'x'.repeat(1500) }));
        await store.ingest(records, { batchId: makeBatch([]).batchId, receivedAt: new Date().toISOString() });
      }
    };
    await ingest(1500);
    // The client reads one row of a multi-chunk export, then stalls.
    const rows = store.exportStream({});
    expect((await rows.next()).done).toBe(false);

    await ingest(15_000);

    // 15,000 records of ~2 KB take over 40 MB of WAL; a reader pinning the start would keep all of it.
    // Checkpoints (from 16 MB on) bring it back when nothing holds a snapshot.
    const wal = statSync(`${file}-wal`).size;
    expect(wal).toBeLessThan(24 * 1024 * 1024);
    // The export still reads to the end, from where it stopped.
    let count = 1;
    for (let next = await rows.next(); !next.done; next = await rows.next()) count++;
    expect(count).toBe(16_500);
    await store.close();
  }, 120_000);
});
