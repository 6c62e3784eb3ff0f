import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCollector } from '../../collector/server';
import { MAX_BATCH_ITEMS } from '../../utils/schema/wire';
import { startFaultProxy } from '../support/fault-proxy';
import { asStored, makeBatch, makeRecord } from '../support/records';
import {
  ADMIN_TOKEN,
  INGEST_TOKEN,
  postJson,
  queryDatabase,
  sharedTestCollector,
  startTestCollector,
} from './helpers';

const collector = sharedTestCollector();

describe('POST /api/v1/feedback', () => {
  it('accepts a valid batch and stores every record with its columns', async () => {
    const unit = makeRecord();
    const anonymous = makeRecord({ reporter: { mode: 'none' }, minutesLost: null, duringAppointment: false });
    const batch = makeBatch([unit, anonymous]);

    const response = await postJson(collector.endpoint, batch, undefined, {
      'Idempotency-Key': batch.batchId,
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({
      results: [
        { id: unit.id, status: 'accepted' },
        { id: anonymous.id, status: 'accepted' },
      ],
    });
    const rows = queryDatabase<Record<string, unknown>>(
      collector.databaseFile,
      `SELECT id, batch_id, created_at, app, route_template, screen_name, category, impact,
              during_appointment, minutes_lost, unit, note, record_json
       FROM records WHERE id IN (?, ?) ORDER BY seq`,
      unit.id,
      anonymous.id,
    );
    expect(rows).toEqual([
      {
        id: unit.id,
        batch_id: batch.batchId,
        created_at: '2026-11-25T10:02:03.123Z',
        app: 'Leistungsverfahren',
        route_template: '/akte/:id/leistungen',
        screen_name: 'Leistungen',
        category: 'cumbersome',
        impact: 'slows',
        during_appointment: 1,
        minutes_lost: 5,
        unit: 'Team 123 – Leistung',
        note: unit.note,
        record_json: JSON.stringify(asStored(unit)),
      },
      {
        id: anonymous.id,
        batch_id: batch.batchId,
        created_at: '2026-11-25T10:02:03.123Z',
        app: 'Leistungsverfahren',
        route_template: '/akte/:id/leistungen',
        screen_name: 'Leistungen',
        category: 'cumbersome',
        impact: 'slows',
        during_appointment: 0,
        minutes_lost: null,
        unit: null,
        note: anonymous.note,
        record_json: JSON.stringify(asStored(anonymous)),
      },
    ]);
  });

  it('answers duplicate ids within one batch and across batches as duplicate', async () => {
    const a = makeRecord();
    const b = makeRecord();
    const c = makeRecord();

    const first = await postJson(collector.endpoint, makeBatch([a, b, a]));
    expect(await first.json()).toEqual({
      results: [
        { id: a.id, status: 'accepted' },
        { id: b.id, status: 'accepted' },
        { id: a.id, status: 'duplicate' },
      ],
    });

    const second = await postJson(collector.endpoint, makeBatch([b, c]));
    expect(await second.json()).toEqual({
      results: [
        { id: b.id, status: 'duplicate' },
        { id: c.id, status: 'accepted' },
      ],
    });
    expect(
      queryDatabase(
        collector.databaseFile,
        'SELECT COUNT(*) AS n FROM records WHERE id IN (?, ?, ?)',
        a.id,
        b.id,
        c.id,
      ),
    ).toEqual([{ n: 3 }]);
  });

  it('accepts a record sent in several concurrent batches exactly once', async () => {
    const shared = makeRecord();
    const own = Array.from({ length: 6 }, () => makeRecord());

    const replies = await Promise.all(
      own.map(async (record) => (await postJson(collector.endpoint, makeBatch([shared, record]))).json()),
    );

    const sharedStatuses = replies.map((reply) => reply.results[0]);
    expect(sharedStatuses.filter((result) => result.status === 'accepted')).toEqual([
      { id: shared.id, status: 'accepted' },
    ]);
    expect(sharedStatuses.filter((result) => result.status === 'duplicate')).toHaveLength(5);
    expect(replies.map((reply) => reply.results[1])).toEqual(
      own.map((record) => ({ id: record.id, status: 'accepted' })),
    );
    expect(
      queryDatabase(collector.databaseFile, 'SELECT COUNT(*) AS n FROM records WHERE id = ?', shared.id),
    ).toEqual([{ n: 1 }]);
  });

  it('rejects only the invalid items of a batch, with the first issue as reason', async () => {
    const good1 = makeRecord();
    const good2 = makeRecord();
    const badCategory = { ...makeRecord(), category: 'Not A Category' };
    const blankNote = { ...makeRecord(), note: '   ' };
    const badId = { ...makeRecord(), id: 'not-a-uuid' };
    const missingContext = { ...makeRecord(), context: undefined };

    const response = await postJson(
      collector.endpoint,
      makeBatch([good1, badCategory, 'garbage', blankNote, badId, { id: 42 }, missingContext, good2]),
    );

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      results: [
        { id: good1.id, status: 'accepted' },
        { id: badCategory.id, status: 'rejected', reason: 'category: category id' },
        { id: '', status: 'rejected', reason: 'Invalid input: expected object, received string' },
        {
          id: blankNote.id,
          status: 'rejected',
          reason: 'note: Too small: expected string to have >=1 characters',
        },
        { id: 'not-a-uuid', status: 'rejected', reason: 'id: Invalid UUID' },
        {
          id: '',
          status: 'rejected',
          reason: "schemaVersion: Invalid discriminator value. Expected '1' | '2'",
        },
        {
          id: missingContext.id,
          status: 'rejected',
          reason: 'context: Invalid input: expected object, received undefined',
        },
        { id: good2.id, status: 'accepted' },
      ],
    });
    expect(
      queryDatabase(
        collector.databaseFile,
        'SELECT COUNT(*) AS n FROM records WHERE id IN (?, ?, ?, ?)',
        badCategory.id,
        blankNote.id,
        missingContext.id,
        'not-a-uuid',
      ),
    ).toEqual([{ n: 0 }]);
  });

  it('after a reply lost on the way back, the retried batch is all duplicate and stored once', async () => {
    const proxy = await startFaultProxy(collector.endpoint);
    try {
      const records = [makeRecord(), makeRecord(), makeRecord()];
      const batch = makeBatch(records);
      proxy.setMode({ kind: 'dropReply', times: 1 });

      await expect(postJson(proxy.url, batch)).rejects.toThrow(TypeError);
      const retry = await postJson(proxy.url, batch);

      expect(await retry.json()).toEqual({
        results: records.map((record) => ({ id: record.id, status: 'duplicate' })),
      });
      expect(
        proxy.requests.map(({ method, fault, status, upstreamStatus }) => ({
          method,
          fault,
          status,
          upstreamStatus,
        })),
      ).toEqual([
        { method: 'POST', fault: 'dropReply', status: undefined, upstreamStatus: 200 },
        { method: 'POST', fault: 'pass', status: 200, upstreamStatus: 200 },
      ]);
      const rows = queryDatabase<{ id: string; n: number }>(
        collector.databaseFile,
        'SELECT id, COUNT(*) AS n FROM records WHERE id IN (?, ?, ?) GROUP BY id ORDER BY id',
        ...records.map((record) => record.id),
      );
      expect(rows).toEqual(
        records.map((record) => ({ id: record.id, n: 1 })).sort((x, y) => x.id.localeCompare(y.id)),
      );
    } finally {
      await proxy.close();
    }
  });

  it.each([
    ['bad JSON', '{"schemaVersion": 1,', 400, 'bad_json', /^request body is not valid JSON: /],
    ['an empty body', '', 400, 'bad_json', 'request body is empty'],
    ['a JSON array', '[]', 400, 'bad_batch', 'Invalid input: expected object, received array'],
    [
      'a batch without batchId',
      JSON.stringify({ ...makeBatch([makeRecord()]), batchId: undefined }),
      400,
      'bad_batch',
      'batchId: Invalid input: expected string, received undefined',
    ],
    [
      'a batch without items',
      JSON.stringify(makeBatch([])),
      400,
      'bad_batch',
      'items: Too small: expected array to have >=1 items',
    ],
    [
      'too many items',
      JSON.stringify(makeBatch(Array.from({ length: MAX_BATCH_ITEMS + 1 }, () => ({})))),
      400,
      'bad_batch',
      'items: Too big: expected array to have <=500 items',
    ],
    [
      'schemaVersion 2',
      JSON.stringify({ ...makeBatch([makeRecord()]), schemaVersion: 2 }),
      400,
      'schema_version_unsupported',
      'schemaVersion 2 is not supported; supported versions: 1',
    ],
  ])('refuses %s as a whole', async (_label, body, status, code, message) => {
    const response = await postJson(collector.endpoint, body);

    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({
      error: { code, message: typeof message === 'string' ? message : expect.stringMatching(message) },
    });
  });

  it('refuses a body that is not UTF-8, and accepts one with a byte-order mark', async () => {
    const record = makeRecord();
    const json = Buffer.from(JSON.stringify(makeBatch([record])));
    const send = (body: Buffer) =>
      fetch(collector.endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${INGEST_TOKEN}` },
        body: new Uint8Array(body),
      });

    const latin1 = await send(Buffer.concat([json.subarray(0, 20), Buffer.from([0xe4]), json.subarray(20)]));
    const withBom = await send(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), json]));

    expect(latin1.status).toBe(400);
    expect(await latin1.json()).toEqual({
      error: { code: 'bad_json', message: 'request body is not valid UTF-8' },
    });
    expect(await withBom.json()).toEqual({ results: [{ id: record.id, status: 'accepted' }] });
  });

  it('refuses a body that is not declared as JSON (415)', async () => {
    const response = await fetch(collector.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', Authorization: `Bearer ${INGEST_TOKEN}` },
      body: JSON.stringify(makeBatch([makeRecord()])),
    });

    expect(response.status).toBe(415);
    expect(await response.json()).toEqual({
      error: { code: 'unsupported_media_type', message: 'Content-Type must be application/json' },
    });
  });

  it.each([
    ['no token', {}, 401, { code: 'unauthorized', message: 'missing bearer token' }],
    [
      'a wrong token',
      { Authorization: 'Bearer not-the-token' },
      401,
      { code: 'unauthorized', message: 'invalid token' },
    ],
    [
      'a Basic header',
      { Authorization: 'Basic dXNlcjpwYXNz' },
      401,
      { code: 'unauthorized', message: 'missing bearer token' },
    ],
    [
      'the admin token',
      { Authorization: `Bearer ${ADMIN_TOKEN}` },
      403,
      { code: 'forbidden', message: 'admin tokens cannot send feedback' },
    ],
  ])('refuses a batch with %s', async (_label, auth, status, error) => {
    const record = makeRecord();
    const response = await fetch(collector.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...auth },
      body: JSON.stringify(makeBatch([record])),
    });

    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ error });
    if (status === 401) expect(response.headers.get('www-authenticate')).toBe('Bearer realm="mitsprache"');
    expect(queryDatabase(collector.databaseFile, 'SELECT id FROM records WHERE id = ?', record.id)).toEqual(
      [],
    );
  });
});

describe('body limit', () => {
  const limit = 64 * 1024;
  let small: RunningCollector;

  beforeAll(async () => {
    small = await startTestCollector({ bodyLimitBytes: limit });
  });
  afterAll(() => small.close());

  const oversized = () => {
    const note = 'x'.repeat(1900);
    return JSON.stringify(makeBatch(Array.from({ length: 50 }, () => makeRecord({ note }))));
  };

  it('answers 413 to a declared Content-Length over the limit and stays healthy', async () => {
    const body = oversized();
    expect(Buffer.byteLength(body)).toBeGreaterThan(limit);

    const response = await postJson(small.endpoint, body);

    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: { code: 'too_large', message: `request body exceeds the limit of ${limit} bytes` },
    });
    expect(await (await fetch(`${small.url}/healthz`)).json()).toEqual({ ok: true });
    const record = makeRecord();
    const after = await postJson(small.endpoint, makeBatch([record]));
    expect(await after.json()).toEqual({ results: [{ id: record.id, status: 'accepted' }] });
  });

  it('counts a chunked body while it streams and answers 413 once over the limit', async () => {
    const bytes = new TextEncoder().encode(oversized());
    const chunkSize = 8 * 1024;
    let offset = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= bytes.length) return controller.close();
        controller.enqueue(bytes.subarray(offset, offset + chunkSize));
        offset += chunkSize;
      },
    });

    const response = await fetch(small.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${INGEST_TOKEN}` },
      body,
      duplex: 'half',
    } as RequestInit);

    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: { code: 'too_large', message: `request body exceeds the limit of ${limit} bytes` },
    });
    expect((await fetch(`${small.url}/healthz`)).status).toBe(200);
  });
});
