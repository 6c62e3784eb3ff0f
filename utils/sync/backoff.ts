/** Retry timing: exponential backoff with full jitter, and the server's Retry-After. */

export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_CAP_MS = 60 * 60_000;
/** A Retry-After longer than this is treated as a misconfiguration, not a promise to wait a week. */
export const RETRY_AFTER_MAX_MS = 24 * 60 * 60_000;

/**
 * Delay before retry number `n` (0 for the first retry): uniform in [0, min(cap, base·2^n)].
 * Full jitter spreads out many browsers that lost the collector at the same moment, so they do not
 * come back in lock-step when it returns (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/).
 */
export function backoffDelay(
  n: number,
  random: () => number = Math.random,
  base = BACKOFF_BASE_MS,
  cap = BACKOFF_CAP_MS,
): number {
  // Capping the exponent first keeps 2^n finite for absurd failure counts.
  const ceiling = Math.min(cap, base * 2 ** Math.min(Math.max(0, Math.floor(n)), 40));
  return Math.floor(random() * ceiling);
}

/**
 * Parses a Retry-After header (RFC 9110 §10.2.3): delay-seconds or an HTTP-date.
 * Returns milliseconds from `now`, clamped to [0, RETRY_AFTER_MAX_MS], or undefined when absent or
 * unparseable (the caller then falls back to backoff).
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, RETRY_AFTER_MAX_MS);
  // Only the date forms: Date.parse would otherwise accept things like "1.5" or "tomorrow-ish".
  if (!/[a-z]{3}.*\d{2}:\d{2}:\d{2}/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - now), RETRY_AFTER_MAX_MS);
}
