import { describe, expect, it } from 'vitest';
import { type BatchAction, classifyReply, type Reply } from '../../../utils/sync/classify';

const ID = '00000000-0000-4000-8000-000000000001';
const NOW = Date.parse('2026-11-25T10:00:00Z');

describe('classifyReply', () => {
  it.each<[string, Reply, BatchAction]>([
    [
      '200 with results',
      { status: 200, body: { results: [{ id: ID, status: 'accepted' }] } },
      { kind: 'results', results: [{ id: ID, status: 'accepted' }] },
    ],
    ['200 with empty results', { status: 200, body: { results: [] } }, { kind: 'results', results: [] }],
    [
      '200 not JSON',
      { status: 200, body: undefined },
      { kind: 'retry', code: 'endpoint_bad_reply', status: 200 },
    ],
    [
      '200 unknown item status',
      { status: 200, body: { results: [{ id: ID, status: 'stored' }] } },
      { kind: 'retry', code: 'endpoint_bad_reply', status: 200 },
    ],
    [
      '201',
      { status: 201, body: { results: [] } },
      { kind: 'retry', code: 'endpoint_bad_reply', status: 201 },
    ],
    ['204', { status: 204, body: undefined }, { kind: 'retry', code: 'endpoint_bad_reply', status: 204 }],
    ['302', { status: 302, body: undefined }, { kind: 'retry', code: 'endpoint_bad_reply', status: 302 }],
    ['401', { status: 401, body: undefined }, { kind: 'unauthorized' }],
    ['403', { status: 403, body: { error: { code: 'forbidden', message: 'x' } } }, { kind: 'unauthorized' }],
    ['413', { status: 413, body: undefined }, { kind: 'split' }],
    [
      '429 without Retry-After',
      { status: 429, body: undefined },
      { kind: 'retry', code: 'endpoint_error', status: 429 },
    ],
    [
      '429 Retry-After seconds',
      { status: 429, body: undefined, retryAfter: '30' },
      { kind: 'retry', code: 'endpoint_error', status: 429, retryAfterMs: 30_000 },
    ],
    [
      '503 Retry-After date',
      { status: 503, body: undefined, retryAfter: 'Wed, 25 Nov 2026 10:05:00 GMT' },
      { kind: 'retry', code: 'endpoint_error', status: 503, retryAfterMs: 300_000 },
    ],
    ['408', { status: 408, body: undefined }, { kind: 'retry', code: 'endpoint_error', status: 408 }],
    ['500', { status: 500, body: undefined }, { kind: 'retry', code: 'endpoint_error', status: 500 }],
    ['502', { status: 502, body: undefined }, { kind: 'retry', code: 'endpoint_error', status: 502 }],
    [
      '400 with error body',
      { status: 400, body: { error: { code: 'bad_request', message: 'items missing' } } },
      { kind: 'reject', reason: 'bad_request: items missing' },
    ],
    // A wrong endpoint path must not dead-letter the whole outbox.
    ['404', { status: 404, body: undefined }, { kind: 'retry', code: 'endpoint_error', status: 404 }],
    ['405', { status: 405, body: undefined }, { kind: 'retry', code: 'endpoint_error', status: 405 }],
    ['409 without body', { status: 409, body: undefined }, { kind: 'reject', reason: 'http_409' }],
    [
      '422 with other body',
      { status: 422, body: { message: 'nope' } },
      { kind: 'reject', reason: 'http_422' },
    ],
  ])('%s', (_name, reply, expected) => {
    expect(classifyReply(reply, NOW)).toEqual(expected);
  });
});
