import type { ErrorCode } from '../errors';
import { BatchResponse, ErrorResponse, type ItemResult } from '../schema/wire';
import { parseRetryAfter } from './backoff';

/**
 * What to do with a batch, given the collector's reply. Pure, so the whole table is unit-tested
 * (tests/unit/sync/classify.test.ts) and documented in docs/wire-format.md.
 */
export type BatchAction =
  /** 200 with a valid body: settle each record by its result. */
  | { kind: 'results'; results: ItemResult[] }
  /** Nothing was decided; try the same records again later. */
  | { kind: 'retry'; code: ErrorCode; status: number; retryAfterMs?: number }
  /** 413: the request was too large; send each half separately. */
  | { kind: 'split' }
  /** 401/403: the endpoint refuses our token; stop until settings change or the user insists. */
  | { kind: 'unauthorized' }
  /** Any other 4xx: the collector will never accept these records as sent; dead-letter them. */
  | { kind: 'reject'; reason: string };

export interface Reply {
  status: number;
  /** The body parsed as JSON, or undefined when it was empty or not JSON. */
  body: unknown;
  retryAfter?: string | null;
}

/** Client errors we expect to go away by themselves. */
const TRANSIENT_4XX = new Set([408, 425, 429]);
/**
 * Client errors that say "wrong URL", not "bad records": a typo in the endpoint path must not
 * dead-letter every record in the outbox, so these are retried like a server error.
 */
const MISCONFIGURED_4XX = new Set([404, 405]);

export function classifyReply({ status, body, retryAfter }: Reply, now = Date.now()): BatchAction {
  if (status === 200) {
    const parsed = BatchResponse.safeParse(body);
    return parsed.success
      ? { kind: 'results', results: parsed.data.results }
      : { kind: 'retry', code: 'endpoint_bad_reply', status };
  }
  if (status === 401 || status === 403) return { kind: 'unauthorized' };
  if (status === 413) return { kind: 'split' };
  if (status === 429 || status === 503) {
    const retryAfterMs = parseRetryAfter(retryAfter, now);
    return retryAfterMs === undefined
      ? { kind: 'retry', code: 'endpoint_error', status }
      : { kind: 'retry', code: 'endpoint_error', status, retryAfterMs };
  }
  if (TRANSIENT_4XX.has(status) || MISCONFIGURED_4XX.has(status) || status >= 500) {
    return { kind: 'retry', code: 'endpoint_error', status };
  }
  if (status >= 400) return { kind: 'reject', reason: replyReason(status, body) };
  // 1xx/2xx other than 200 and 3xx (redirects are refused by the transport): the reply does not
  // follow the protocol, and dropping records on a misconfigured proxy would lose them.
  return { kind: 'retry', code: 'endpoint_bad_reply', status };
}

/** What the collector said about a failed request, for a dead letter: its error code and message. */
export function replyReason(status: number, body: unknown): string {
  const parsed = ErrorResponse.safeParse(body);
  return parsed.success ? `${parsed.data.error.code}: ${parsed.data.error.message}` : `http_${status}`;
}
