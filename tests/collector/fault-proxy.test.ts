import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHROMIUM_EXTENSION_ID } from '../../utils/extension-id';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy';
import { makeBatch, makeRecord } from '../support/records';
import { jsonHeaders, postJson, queryDatabase, sharedTestCollector } from './helpers';

// The product's own id: the collector answers CORS for it alone by default.
const CHROME = `chrome-extension://${CHROMIUM_EXTENSION_ID}`;

const collector = sharedTestCollector();
let proxy: FaultProxy;

beforeEach(async () => {
  proxy = await startFaultProxy(collector.endpoint);
});
afterEach(() => proxy.close());

const stored = (id: string) =>
  queryDatabase(collector.databaseFile, 'SELECT id FROM records WHERE id = ?', id).length;

describe('startFaultProxy', () => {
  it('stands in for the endpoint URL and passes requests, headers and preflights through', async () => {
    expect(proxy.url).toBe(`http://127.0.0.1:${proxy.port}/api/v1/feedback`);
    const record = makeRecord();
    const body = JSON.stringify(makeBatch([record]));

    const preflight = await fetch(proxy.url, {
      method: 'OPTIONS',
      headers: { Origin: CHROME, 'Access-Control-Request-Method': 'POST' },
    });
    const response = await postJson(proxy.url, body, undefined, { Origin: CHROME });

    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(CHROME);
    expect(await response.json()).toEqual({ results: [{ id: record.id, status: 'accepted' }] });
    expect(response.headers.get('access-control-allow-origin')).toBe(CHROME);
    expect(proxy.requests).toEqual([
      {
        method: 'OPTIONS',
        path: '/api/v1/feedback',
        bytes: 0,
        fault: 'pass',
        status: 204,
        upstreamStatus: 204,
      },
      {
        method: 'POST',
        path: '/api/v1/feedback',
        bytes: Buffer.byteLength(body),
        items: 1,
        fault: 'pass',
        status: 200,
        upstreamStatus: 200,
      },
    ]);
  });

  it('down: fails every request with a network error', async () => {
    proxy.setMode({ kind: 'down' });

    await expect(fetch(`${proxy.url}/check`, { headers: jsonHeaders() })).rejects.toThrow(TypeError);
    await expect(postJson(proxy.url, makeBatch([makeRecord()]))).rejects.toThrow(TypeError);
    expect(proxy.requests.map(({ method, fault, status }) => ({ method, fault, status }))).toEqual([
      { method: 'GET', fault: 'down', status: undefined },
      { method: 'POST', fault: 'down', status: undefined },
    ]);
  });

  it('status: answers the status K times with Retry-After and CORS, lets preflights through, then passes', async () => {
    proxy.setMode({ kind: 'status', status: 503, times: 2, retryAfter: 7 });
    const record = makeRecord();
    const batch = makeBatch([record]);

    const preflight = await fetch(proxy.url, {
      method: 'OPTIONS',
      headers: { Origin: CHROME, 'Access-Control-Request-Method': 'POST' },
    });
    const first = await postJson(proxy.url, batch, undefined, { Origin: CHROME });
    const second = await postJson(proxy.url, batch);
    const third = await postJson(proxy.url, batch);

    expect(preflight.status).toBe(204);
    for (const response of [first, second]) {
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('7');
      expect(await response.json()).toEqual({
        error: { code: 'unavailable', message: 'fault proxy: injected 503' },
      });
    }
    expect(first.headers.get('access-control-allow-origin')).toBe(CHROME);
    expect(await third.json()).toEqual({ results: [{ id: record.id, status: 'accepted' }] });
    expect(proxy.requests.map(({ method, fault, status }) => ({ method, fault, status }))).toEqual([
      { method: 'OPTIONS', fault: 'pass', status: 204 },
      { method: 'POST', fault: 'status', status: 503 },
      { method: 'POST', fault: 'status', status: 503 },
      { method: 'POST', fault: 'pass', status: 200 },
    ]);
  });

  it('tooLarge: answers 413 above maxBytes and passes smaller bodies', async () => {
    const smallRecord = makeRecord();
    const largeRecords = Array.from({ length: 5 }, () => makeRecord());
    const small = makeBatch([smallRecord]);
    const large = makeBatch(largeRecords);
    proxy.setMode({ kind: 'tooLarge', maxBytes: JSON.stringify(small).length + 10 });

    const refused = await postJson(proxy.url, large);
    const passed = await postJson(proxy.url, small);

    expect(refused.status).toBe(413);
    expect(await refused.json()).toEqual({
      error: {
        code: 'too_large',
        message: `fault proxy: body over ${JSON.stringify(small).length + 10} bytes`,
      },
    });
    expect(passed.status).toBe(200);
    expect(largeRecords.map((record) => stored(record.id))).toEqual([0, 0, 0, 0, 0]);
    expect(stored(smallRecord.id)).toBe(1);
  });

  it('dropReply: the collector commits, the client gets no answer', async () => {
    const record = makeRecord();
    proxy.setMode({ kind: 'dropReply', times: 1 });

    await expect(postJson(proxy.url, makeBatch([record]))).rejects.toThrow(TypeError);

    expect(stored(record.id)).toBe(1);
    expect(
      proxy.requests.map(({ fault, status, upstreamStatus }) => ({ fault, status, upstreamStatus })),
    ).toEqual([{ fault: 'dropReply', status: undefined, upstreamStatus: 200 }]);
  });

  it('hang: never answers, until the counted requests are used up', async () => {
    proxy.setMode({ kind: 'hang', times: 1 });

    await expect(
      fetch(`${proxy.url}/check`, { headers: jsonHeaders(), signal: AbortSignal.timeout(300) }),
    ).rejects.toThrow(/aborted|timeout/i);
    const after = await fetch(`${proxy.url}/check`, { headers: jsonHeaders() });

    expect(after.status).toBe(200);
    expect(proxy.requests.map(({ fault, status }) => ({ fault, status }))).toEqual([
      { fault: 'hang', status: undefined },
      { fault: 'pass', status: 200 },
    ]);
  });

  it('malformed: answers 200 with a body that is not JSON, without forwarding', async () => {
    const record = makeRecord();
    proxy.setMode({ kind: 'malformed', times: 1 });

    const response = await postJson(proxy.url, makeBatch([record]));

    expect(response.status).toBe(200);
    expect(await response.text()).toBe('not json{');
    expect(stored(record.id)).toBe(0);
  });
});
