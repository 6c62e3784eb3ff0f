import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { FeedbackRecord } from '../../utils/schema/record';
import { asStored, makeBatch, makeRecord, secretOf } from '../support/records';
import {
  ADMIN_TOKEN,
  INGEST_TOKEN,
  jsonHeaders,
  postJson,
  queryDatabase,
  sharedTestCollector,
  startTestCollector,
} from './helpers';

const collector = sharedTestCollector();
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

async function ingest(...records: FeedbackRecord[]): Promise<void> {
  const response = await postJson(collector.endpoint, makeBatch(records));
  expect(response.status).toBe(200);
}

function setStatus(id: string, body: unknown, token = ADMIN_TOKEN): Promise<Response> {
  return fetch(`${collector.url}/api/v1/admin/records/${id}`, {
    method: 'PUT',
    headers: jsonHeaders(token),
    body: JSON.stringify(body),
  });
}

/** A status query as the installation that sent `records` asks it: their ids and answer secrets. */
function queryStatus(records: FeedbackRecord[], since?: string): Promise<Response> {
  const ids = records.map((record) => record.id);
  const secrets: Record<string, string> = {};
  for (const record of records) if (record.schemaVersion === 2) secrets[record.id] = record.answerSecret;
  return postJson(`${collector.endpoint}/status`, {
    ids,
    secrets,
    ...(since === undefined ? {} : { since }),
  });
}

describe('GET /api/v1/feedback/check', () => {
  it('answers an ingest token with the supported versions', async () => {
    const response = await fetch(`${collector.endpoint}/check`, { headers: jsonHeaders() });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, schemaVersions: [1], service: 'mitsprache-collector' });
  });

  it('answers 401 without a token', async () => {
    const response = await fetch(`${collector.endpoint}/check`);

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: { code: 'unauthorized', message: 'missing bearer token' },
    });
  });
});

describe('officer API access', () => {
  const id = '5b0c6a0e-4a8e-4d55-9a57-0d3c2f1e9b11';
  it.each([
    ['GET', `/api/v1/admin/records/${id}`],
    ['PUT', `/api/v1/admin/records/${id}`],
    ['GET', '/api/v1/admin/export'],
  ])('%s %s: 403 for an ingest token, 401 without a token', async (method, path) => {
    const body = method === 'PUT' ? JSON.stringify({ status: 'in_review' }) : undefined;

    const withIngest = await fetch(`${collector.url}${path}`, {
      method,
      headers: jsonHeaders(INGEST_TOKEN),
      body,
    });
    const without = await fetch(`${collector.url}${path}`, { method, headers: jsonHeaders(null), body });

    expect(withIngest.status).toBe(403);
    expect(await withIngest.json()).toEqual({
      error: { code: 'forbidden', message: 'ingest tokens cannot use the officer API' },
    });
    expect(without.status).toBe(401);
    expect(await without.json()).toEqual({
      error: { code: 'unauthorized', message: 'missing bearer token' },
    });
  });

  it('is disabled when no admin token is configured', async () => {
    const bare = await startTestCollector({ adminTokens: [] });
    try {
      const response = await fetch(`${bare.url}/api/v1/admin/export`, {
        headers: { Authorization: 'Bearer anything-at-all' },
      });

      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({
        error: { code: 'forbidden', message: 'the officer API is disabled: no admin token is configured' },
      });
    } finally {
      await bare.close();
    }
  });
});

describe('status flow', () => {
  it('reports officer changes once, behind a cursor, for the asked ids only', async () => {
    const a = makeRecord();
    const b = makeRecord();
    await ingest(a, b);

    const untouched = await queryStatus([a, b]);
    expect(await untouched.json()).toEqual({ updates: [], cursor: '0' });

    const review = await setStatus(a.id, { status: 'in_review' });
    expect(review.status).toBe(200);
    const reviewed = await review.json();
    expect(reviewed).toEqual({
      id: a.id,
      status: 'in_review',
      reply: null,
      updatedAt: expect.stringMatching(ISO),
    });
    const solved = await (
      await setStatus(a.id, { status: 'solved', reply: 'Behoben mit Release 24.3 – danke!' })
    ).json();

    const first = await (await queryStatus([a, b])).json();
    expect(first).toEqual({
      updates: [
        {
          id: a.id,
          status: 'solved',
          reply: 'Behoben mit Release 24.3 – danke!',
          updatedAt: solved.updatedAt,
        },
      ],
      cursor: expect.stringMatching(/^\d+$/),
    });

    const again = await (await queryStatus([a, b], first.cursor)).json();
    expect(again).toEqual({ updates: [], cursor: first.cursor });

    const forwarded = await (await setStatus(b.id, { status: 'forwarded' })).json();
    expect(await (await queryStatus([a], first.cursor)).json()).toEqual({
      updates: [],
      cursor: first.cursor,
    });
    const next = await (await queryStatus([a, b], first.cursor)).json();
    expect(next).toEqual({
      updates: [{ id: b.id, status: 'forwarded', reply: null, updatedAt: forwarded.updatedAt }],
      cursor: String(Number(first.cursor) + 1),
    });
  });

  it('answers about a record only whoever presents its secret; version 1 records on the id alone', async () => {
    const mine = makeRecord();
    const old = makeRecord({ schemaVersion: 1 });
    expect(old).not.toHaveProperty('answerSecret');
    await ingest(mine, old);
    for (const record of [mine, old]) await setStatus(record.id, { status: 'solved', reply: 'Behoben.' });
    const ids = [mine.id, old.id];
    const answered = async (body: unknown) =>
      (
        (await (await postJson(`${collector.endpoint}/status`, body)).json()) as { updates: { id: string }[] }
      ).updates
        .map((update) => update.id)
        .sort();

    // Another installation with the same ingest token, knowing the ids (dashboard, vendor export):
    expect(await answered({ ids })).toEqual([old.id]);
    expect(await answered({ ids, secrets: { [mine.id]: secretOf(makeRecord()) } })).toEqual([old.id]);
    // A secret counts only for its own record.
    const other = makeRecord();
    await ingest(other);
    await setStatus(other.id, { status: 'in_review' });
    expect(await answered({ ids: [other.id], secrets: { [other.id]: secretOf(mine) } })).toEqual([]);
    // The sender:
    expect(await answered({ ids, secrets: { [mine.id]: secretOf(mine) } })).toEqual([...ids].sort());
  });

  it('keeps only the hash of the answer secret: not in the record, the detail view or the export', async () => {
    const record = makeRecord();
    const secret = secretOf(record);
    await ingest(record);
    const [row] = queryDatabase<{ answer_hash: string; record_json: string }>(
      collector.databaseFile,
      'SELECT answer_hash, record_json FROM records WHERE id = ?',
      record.id,
    );
    expect(row?.answer_hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(row?.record_json).not.toContain(secret);
    const detail = await fetch(`${collector.url}/api/v1/admin/records/${record.id}`, {
      headers: jsonHeaders(ADMIN_TOKEN),
    });
    expect(await detail.text()).not.toContain(secret);
    const exported = await fetch(`${collector.url}/api/v1/admin/export`, {
      headers: jsonHeaders(ADMIN_TOKEN),
    });
    expect(exported.status).toBe(200);
    const body = await exported.text();
    expect(body).toContain(record.id);
    expect(body).not.toContain(secret);
  });

  it('keeps the reply when a change omits it, clears it on null, and keeps the history', async () => {
    const record = makeRecord();
    await ingest(record);

    await setStatus(record.id, { status: 'in_review', reply: 'Wir schauen es uns an.' });
    const kept = await (await setStatus(record.id, { status: 'forwarded' })).json();
    expect(kept).toMatchObject({ status: 'forwarded', reply: 'Wir schauen es uns an.' });
    const cleared = await (await setStatus(record.id, { status: 'wont_change', reply: null })).json();
    expect(cleared).toMatchObject({ status: 'wont_change', reply: null });

    const response = await fetch(`${collector.url}/api/v1/admin/records/${record.id}`, {
      headers: jsonHeaders(ADMIN_TOKEN),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      id: record.id,
      receivedAt: expect.stringMatching(ISO),
      batchId: expect.any(String),
      record: asStored(record),
      status: 'wont_change',
      reply: null,
      updatedAt: cleared.updatedAt,
      caughtByCollector: {},
      history: [
        { status: 'in_review', reply: 'Wir schauen es uns an.', at: expect.stringMatching(ISO) },
        { status: 'forwarded', reply: 'Wir schauen es uns an.', at: kept.updatedAt },
        { status: 'wont_change', reply: null, at: cleared.updatedAt },
      ],
    });
  });

  it('shows a record no officer touched with a null status and empty history', async () => {
    const record = makeRecord();
    await ingest(record);

    const response = await fetch(`${collector.url}/api/v1/admin/records/${record.id}`, {
      headers: jsonHeaders(ADMIN_TOKEN),
    });

    expect(await response.json()).toMatchObject({
      record: asStored(record),
      status: null,
      reply: null,
      updatedAt: null,
      history: [],
    });
  });

  it.each([
    [{ status: 'done' }, 400, 'bad_request', expect.stringMatching(/^status: Invalid option/)],
    [{ status: 'solved', replay: 'typo' }, 400, 'bad_request', 'Unrecognized key: "replay"'],
    [
      { status: 'solved', reply: 'x'.repeat(2001) },
      400,
      'bad_request',
      expect.stringMatching(/^reply: Too big/),
    ],
  ])('refuses the officer change %j', async (body, status, code, message) => {
    const record = makeRecord();
    await ingest(record);

    const response = await setStatus(record.id, body);

    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ error: { code, message } });
  });

  it.each(['00000000-0000-4000-8000-000000000000', 'not-a-uuid'])(
    'answers 404 for the unknown record %s',
    async (id) => {
      const put = await setStatus(id, { status: 'solved' });
      const get = await fetch(`${collector.url}/api/v1/admin/records/${id}`, {
        headers: jsonHeaders(ADMIN_TOKEN),
      });

      for (const response of [put, get]) {
        expect(response.status).toBe(404);
        expect(await response.json()).toEqual({
          error: { code: 'record_not_found', message: `no record with id ${id}` },
        });
      }
    },
  );

  it.each([
    [{ ids: ['nope'] }, 'bad_request', 'ids[0]: Invalid UUID'],
    [{ ids: [], since: 'abc' }, 'bad_cursor', 'unknown cursor "abc"'],
  ])('refuses the status query %j', async (body, code, message) => {
    const response = await postJson(`${collector.endpoint}/status`, body);

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code, message } });
  });

  it('needs an ingest token for status queries', async () => {
    const response = await postJson(`${collector.endpoint}/status`, { ids: [] }, null);

    expect(response.status).toBe(401);
  });
});
