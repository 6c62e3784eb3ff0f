import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Returns a predicate that tells whether a presented token is one of `tokens`, in time independent of
 * where the strings differ. Hashing first gives equal-length inputs for timingSafeEqual, and every
 * token is compared (no early exit) so the timing does not reveal which one matched.
 */
export function tokenMatcher(tokens: readonly string[]): (candidate: string | null) => boolean {
  const known = tokens.map(digest);
  return (candidate) => {
    if (candidate === null) return false;
    const presented = digest(candidate);
    let match = false;
    for (const token of known) match = timingSafeEqual(token, presented) || match;
    return match;
  };
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined | null): string | null {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
  return match?.[1] ?? null;
}
