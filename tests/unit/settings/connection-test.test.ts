import { describe, expect, it } from 'vitest';
import { AppError } from '../../../utils/errors';
import { WIRE_SCHEMA_VERSION } from '../../../utils/schema/wire';
import { checkUrl, classifyCheck, testConnection } from '../../../utils/settings/connection-test';

const OK_BODY = { ok: true, schemaVersions: [WIRE_SCHEMA_VERSION], service: 'mitsprache-collector' };

describe('classifyCheck', () => {
  it.each<[string, number, unknown, string]>([
    ['200 with our schema version', 200, OK_BODY, 'ok'],
    [
      '200 without our schema version',
      200,
      { ...OK_BODY, schemaVersions: [WIRE_SCHEMA_VERSION + 1] },
      'endpoint_schema',
    ],
    ['200 from some other server', 200, { hello: 'world' }, 'endpoint_bad_reply'],
    ['200 without a body', 200, undefined, 'endpoint_bad_reply'],
    ['401', 401, { error: { code: 'unauthorized', message: '' } }, 'endpoint_unauthorized'],
    ['403', 403, undefined, 'endpoint_unauthorized'],
    ['404 (wrong path)', 404, undefined, 'endpoint_not_found'],
    ['405 (wrong path)', 405, undefined, 'endpoint_not_found'],
    ['500', 500, undefined, 'endpoint_error'],
    ['302 (redirect refused)', 302, undefined, 'endpoint_error'],
  ])('%s', (_name, status, body, expected) => {
    const result = classifyCheck(status, body);
    expect(typeof result === 'string' ? result : 'ok').toBe(expected);
  });
});

function reply(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status });
}

describe('testConnection', () => {
  it('sends GET {endpoint}/check with the token, without cookies', async () => {
    const calls: [string, RequestInit | undefined][] = [];
    const result = await testConnection('https://f.example/api/v1/feedback/', 'tok', async (url, init) => {
      calls.push([String(url), init]);
      return reply(200, OK_BODY);
    });
    expect(result).toEqual({ service: 'mitsprache-collector', schemaVersions: [WIRE_SCHEMA_VERSION] });
    expect(calls).toHaveLength(1);
    const [url, init] = calls[0] ?? [];
    expect(url).toBe('https://f.example/api/v1/feedback/check');
    expect(init?.method).toBe('GET');
    expect(init?.headers).toEqual({ Authorization: 'Bearer tok' });
    expect(init?.credentials).toBe('omit');
    expect(init?.redirect).toBe('error');
  });

  it('sends no Authorization header without a token', async () => {
    let headers: unknown;
    await testConnection('https://f.example/api', '', async (_url, init) => {
      headers = init?.headers;
      return reply(200, OK_BODY);
    }).catch(() => undefined);
    expect(headers).toEqual({});
  });

  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'ok',
      (error: unknown) => (error instanceof AppError ? error.code : String(error)),
    );

  it.each([
    ['an empty endpoint', '', 'no_endpoint'],
    ['an http endpoint on the network', 'http://f.example/api', 'endpoint_insecure'],
  ])('refuses %s before any request', async (_name, endpoint, code) => {
    let called = false;
    const fetcher = async () => {
      called = true;
      return reply(200, OK_BODY);
    };
    expect(await codeOf(testConnection(endpoint, 't', fetcher))).toBe(code);
    expect(called).toBe(false);
  });

  it('reports 401 as unauthorized', async () => {
    expect(await codeOf(testConnection('https://f.example/api', 'bad', async () => reply(401, {})))).toBe(
      'endpoint_unauthorized',
    );
  });

  it('calls an https endpoint whose host answers plain http a TLS problem', async () => {
    const urls: string[] = [];
    const fetcher = async (url: RequestInfo | URL) => {
      urls.push(String(url));
      if (String(url).startsWith('https:')) throw new TypeError('Failed to fetch');
      return reply(400, undefined);
    };
    expect(await codeOf(testConnection('https://f.example:8443/api', 'tok', fetcher))).toBe('endpoint_tls');
    // The probe goes to the same host and port, without path, token or data.
    expect(urls).toEqual(['https://f.example:8443/api/check', 'http://f.example:8443/']);
  });

  it('calls it unreachable when nothing answers at all', async () => {
    const fetcher = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await codeOf(testConnection('https://f.example/api', 'tok', fetcher))).toBe(
      'endpoint_unreachable',
    );
    expect(await codeOf(testConnection('http://localhost:1/api', 'tok', fetcher))).toBe(
      'endpoint_unreachable',
    );
  });

  it('builds the check URL keeping path and query', () => {
    expect(checkUrl('https://f.example/api/v1/feedback?tenant=jc1')).toBe(
      'https://f.example/api/v1/feedback/check?tenant=jc1',
    );
  });
});
