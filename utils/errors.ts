/**
 * Error codes: the only thing that crosses the message boundary when something fails.
 * User-facing text for each code lives in utils/i18n (error.<code>), in German and English.
 */
export const ERROR_CODES = [
  'bad_message',
  'forbidden_sender',
  'unknown_capture',
  'invalid_record',
  'not_found',
  'not_editable',
  'record_sending',
  'storage_quota',
  'storage_failed',
  'no_endpoint',
  'endpoint_insecure',
  'endpoint_unreachable',
  'endpoint_tls',
  'endpoint_unauthorized',
  'endpoint_schema',
  'endpoint_not_found',
  'endpoint_bad_reply',
  'endpoint_error',
  'no_content_script',
  'no_outage',
  'permission_denied',
  'settings_invalid',
  'policy_locked',
  'screenshot_forbidden',
  'screenshot_failed',
  'screenshot_needs_gesture',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

const CODE_SET: ReadonlySet<string> = new Set(ERROR_CODES);

/** An error that carries a code (and an optional technical detail that is never shown as the message). */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'AppError';
  }
}

/** Turns anything thrown into an error code, so callers never show raw exception text. */
export function toErrorCode(error: unknown): ErrorCode {
  if (error instanceof AppError) return error.code;
  if (error instanceof DOMException && error.name === 'QuotaExceededError') return 'storage_quota';
  if (typeof error === 'object' && error && 'code' in error && CODE_SET.has(String(error.code))) {
    return (error as { code: ErrorCode }).code;
  }
  return 'internal';
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && CODE_SET.has(value);
}
