/**
 * Record ids: UUID version 7 (RFC 9562) — 48 bits of Unix milliseconds, then 74 random bits. Ids that
 * grow with time land at the end of every id index (the collector's unique index, the outbox's key),
 * where random version-4 ids dirty a different page per insert. The time they reveal is the record's
 * `createdAt`, which the record carries anyway.
 */
export function recordId(now = Date.now()): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  const ms = Math.max(0, Math.floor(now));
  // 48-bit big-endian timestamp; division, because bit operators in JS work on 32 bits.
  for (let i = 5, rest = ms; i >= 0; i--, rest = Math.floor(rest / 256)) bytes[i] = rest % 256;
  bytes[6] = 0x70 | ((bytes[6] as number) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] as number) & 0x3f);
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
