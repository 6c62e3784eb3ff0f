import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BACKOFF_BASE_MS,
  BACKOFF_CAP_MS,
  backoffDelay,
  parseRetryAfter,
  RETRY_AFTER_MAX_MS,
} from '../../../utils/sync/backoff';

describe('backoffDelay', () => {
  it.each([
    [0, BACKOFF_BASE_MS],
    [1, BACKOFF_BASE_MS * 2],
    [5, BACKOFF_BASE_MS * 32],
    [10, BACKOFF_BASE_MS * 1024],
    [11, BACKOFF_CAP_MS],
    [1_000_000, BACKOFF_CAP_MS],
  ])('n=%i: the window is [0, %i)', (n, ceiling) => {
    expect(backoffDelay(n, () => 0)).toBe(0);
    expect(backoffDelay(n, () => 0.999999)).toBe(Math.floor(0.999999 * ceiling));
  });

  it('always lies within [0, min(cap, base·2^n)] (full jitter)', () => {
    fc.assert(
      fc.property(fc.nat(100), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (n, r) => {
        const delay = backoffDelay(n, () => r);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** n));
        expect(Number.isInteger(delay)).toBe(true);
      }),
    );
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-25T10:00:00Z');
  it.each([
    ['120', 120_000],
    ['0', 0],
    [' 5 ', 5_000],
    ['Wed, 25 Nov 2026 10:01:30 GMT', 90_000],
    ['Wed, 25 Nov 2026 09:00:00 GMT', 0],
    ['Wednesday, 25-Nov-26 10:00:10 GMT', 10_000],
    ['99999999', RETRY_AFTER_MAX_MS],
    ['', undefined],
    [null, undefined],
    [undefined, undefined],
    ['-5', undefined],
    ['1.5', undefined],
    ['soon', undefined],
  ])('%j → %j', (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });
});
