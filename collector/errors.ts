import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { ErrorResponse } from '../utils/schema/wire';

/**
 * Every whole-request error the collector answers with, and its HTTP status. Clients branch on the
 * code (the extension maps it to German/English text); the message is for the humans reading logs.
 */
export const ERROR_STATUS = {
  bad_json: 400,
  bad_batch: 400,
  bad_request: 400,
  bad_cursor: 400,
  schema_version_unsupported: 400,
  // The hub's protocol (collector/hub/protocol.ts, HUB_ERROR_CODES) and the refusals of each mode.
  invalid_push: 400,
  below_k: 400,
  wrong_job_centre: 403,
  not_a_hub: 409,
  hub_mode: 409,
  unauthorized: 401,
  forbidden: 403,
  origin_not_allowed: 403,
  not_found: 404,
  record_not_found: 404,
  method_not_allowed: 405,
  body_timeout: 408,
  too_large: 413,
  unsupported_media_type: 415,
  internal_error: 500,
  db_unavailable: 503,
  too_busy: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

/** A code from the catalogue above. */
export type ErrorCode = keyof typeof ERROR_STATUS;

/** Thrown anywhere in a request; `app.onError` turns it into an `ErrorResponse` with the code's status. */
export class HttpError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/**
 * The client went away while its request body was arriving. Nobody reads an answer; `app.onError`
 * logs one line instead of a stack trace (issue #14, item 8).
 */
export class ClientAbortError extends Error {
  constructor() {
    super('the client closed the connection while sending its request');
    this.name = 'ClientAbortError';
  }
}

/** The `ErrorResponse` body for a code. */
export function errorBody(code: ErrorCode, message: string): z.infer<typeof ErrorResponse> {
  return { error: { code, message } };
}

/** Answers with an `ErrorResponse` and the status belonging to the code. */
export function errorResponse(
  c: Context,
  code: ErrorCode,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return c.json(errorBody(code, message), ERROR_STATUS[code], headers);
}

/**
 * The first zod issue as "path: message" — one precise reason is more useful to a caseworker's
 * support ticket than a list of every follow-up error the first one caused.
 */
export function describeFirstIssue(error: z.ZodError, maxLength = 500): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
  const text = path ? `${path}: ${issue.message}` : issue.message;
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
