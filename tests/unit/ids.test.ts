import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { recordId } from '../../utils/ids';

describe('recordId', () => {
  it('is a version-7 UUID that the record schema accepts', () => {
    const id = recordId(Date.UTC(2026, 10, 25, 8));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(z.uuid().safeParse(id).success).toBe(true);
  });

  it('carries the milliseconds in its first 48 bits, so later ids sort after earlier ones', () => {
    const at = Date.UTC(2026, 10, 25, 8, 30, 15, 123);
    expect(Number.parseInt(recordId(at).replace('-', '').slice(0, 12), 16)).toBe(at);
    const ids = [0, 1, 2, 1000, 86_400_000].map((offset) => recordId(at + offset));
    expect([...ids].sort()).toEqual(ids);
  });

  it('differs between two ids of the same millisecond', () => {
    const at = Date.now();
    expect(new Set(Array.from({ length: 1000 }, () => recordId(at))).size).toBe(1000);
  });
});
