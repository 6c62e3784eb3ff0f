import { describe, expect, it } from 'vitest';
import type { RunningCollector } from '../../collector/server';
import { CHROMIUM_EXTENSION_ID } from '../../utils/extension-id';
import { makeBatch, makeRecord } from '../support/records';
import {
  ADMIN_TOKEN,
  INGEST_TOKEN,
  jsonHeaders,
  postJson,
  sharedTestCollector,
  startTestCollector,
} from './helpers';

// The product's own Chromium id, and a Firefox installation's UUID the organisation pinned by policy.
const CHROME = `chrome-extension://${CHROMIUM_EXTENSION_ID}`;
const FIREFOX_UUID = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
const FIREFOX = `moz-extension://${FIREFOX_UUID}`;
const INTRANET = 'https://feedback.jobcenter.example';

const collector = sharedTestCollector({
  corsOrigins: [INTRANET],
  extensionIds: [CHROMIUM_EXTENSION_ID, FIREFOX_UUID],
});

function preflight(origin: string, extra: Record<string, string> = {}): Promise<Response> {
  return fetch(collector.endpoint, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'authorization, content-type, idempotency-key',
      ...extra,
    },
  });
}

function headersOf(response: Response, names: string[]): Record<string, string | null> {
  return Object.fromEntries(names.map((name) => [name, response.headers.get(name)]));
}

const CORS_HEADERS = [
  'access-control-allow-origin',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-max-age',
  'access-control-allow-private-network',
  'vary',
];

describe('CORS', () => {
  it.each([CHROME, FIREFOX, INTRANET])('answers a preflight from %s', async (origin) => {
    const response = await preflight(origin);

    expect(response.status).toBe(204);
    expect(headersOf(response, CORS_HEADERS)).toEqual({
      'access-control-allow-origin': origin,
      'access-control-allow-methods': 'GET, POST, PUT',
      'access-control-allow-headers': 'Authorization, Content-Type, Idempotency-Key',
      'access-control-max-age': '600',
      'access-control-allow-private-network': null,
      vary: 'Origin',
    });
  });

  it('allows Private Network Access when Chrome asks for it', async () => {
    const response = await preflight(CHROME, { 'Access-Control-Request-Private-Network': 'true' });

    expect(response.headers.get('access-control-allow-private-network')).toBe('true');
  });

  it.each([
    'https://evil.example',
    'chrome-extension://not-an-extension-id',
    // Other extensions in the caseworker's browser (issue #14, item 10).
    'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
    'moz-extension://2c5f39cb-3fb2-42e3-994f-1127e4ddb538',
    'moz-extension://1b4e28ba-2fa1-41d2-883f-0016d3cca427.evil.example',
    'null',
  ])('refuses a preflight from %s', async (origin) => {
    const response = await preflight(origin);

    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(await response.json()).toEqual({
      error: { code: 'origin_not_allowed', message: 'this origin may not call the collector' },
    });
  });

  it("allows only the product's own Chromium id by default; * allows any extension", async () => {
    const pinned = await startTestCollector();
    const open = await startTestCollector({ extensionIds: ['*'] });
    try {
      const status = (base: RunningCollector, origin: string) =>
        fetch(base.endpoint, {
          method: 'OPTIONS',
          headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' },
        }).then((response) => response.status);
      const other = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

      expect([
        await status(pinned, CHROME),
        await status(pinned, other),
        await status(pinned, FIREFOX),
      ]).toEqual([204, 403, 403]);
      expect([await status(open, other), await status(open, FIREFOX)]).toEqual([204, 204]);
    } finally {
      await pinned.close();
      await open.close();
    }
  });

  it('echoes an extension origin on the actual request, and exposes Retry-After', async () => {
    const record = makeRecord();
    const response = await postJson(collector.endpoint, makeBatch([record]), INGEST_TOKEN, {
      Origin: CHROME,
    });

    expect(response.status).toBe(200);
    expect(
      headersOf(response, ['access-control-allow-origin', 'access-control-expose-headers', 'vary']),
    ).toEqual({
      'access-control-allow-origin': CHROME,
      'access-control-expose-headers': 'Retry-After',
      vary: 'Origin',
    });
  });

  it('gives other origins no CORS headers on the actual request', async () => {
    const response = await fetch(`${collector.endpoint}/check`, {
      headers: { ...jsonHeaders(), Origin: 'https://evil.example' },
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('every response', () => {
  it.each([
    ['healthz', () => fetch(`${collector.url}/healthz`), 200],
    ['check', () => fetch(`${collector.endpoint}/check`, { headers: jsonHeaders() }), 200],
    ['401', () => fetch(`${collector.endpoint}/check`), 401],
    ['404', () => fetch(`${collector.url}/nope`), 404],
    ['405', () => fetch(collector.endpoint), 405],
    ['413', () => postJson(collector.endpoint, 'x'.repeat(3 * 1024 * 1024)), 413],
    [
      'export',
      () => fetch(`${collector.url}/api/v1/admin/export`, { headers: jsonHeaders(ADMIN_TOKEN) }),
      200,
    ],
    ['preflight', () => preflight(CHROME), 204],
  ])('carries the security headers (%s)', async (_label, send, status) => {
    const response = await send();

    expect(response.status).toBe(status);
    expect(
      headersOf(response, [
        'x-content-type-options',
        'referrer-policy',
        'cache-control',
        'content-security-policy',
      ]),
    ).toEqual({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    });
  });
});

describe('routes', () => {
  it('answers /healthz without a token', async () => {
    const response = await fetch(`${collector.url}/healthz`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('answers an unknown route with 404 not_found', async () => {
    const response = await fetch(`${collector.url}/api/v2/feedback`);

    expect(await response.json()).toEqual({
      error: { code: 'not_found', message: 'no route for GET /api/v2/feedback' },
    });
  });

  it.each([
    ['GET', '', 'POST'],
    ['PUT', '/status', 'POST'],
    ['POST', '/check', 'GET'],
  ])('answers %s on the endpoint%s with 405 and Allow', async (method, suffix, allow) => {
    const response = await fetch(`${collector.endpoint}${suffix}`, { method, headers: jsonHeaders() });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe(allow);
    expect(await response.json()).toEqual({ error: { code: 'method_not_allowed', message: `use ${allow}` } });
  });
});
