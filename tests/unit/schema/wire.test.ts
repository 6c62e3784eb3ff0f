// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSchemas, SCHEMA_DIR } from '../../../scripts/gen-schema';

// The published JSON Schema must match the zod schemas it is generated from.
describe('docs/schema', () => {
  it.each(Object.entries(buildSchemas()))(
    '%s is up to date (run `npx tsx scripts/gen-schema.ts`)',
    (file, text) => {
      let committed = '';
      try {
        committed = readFileSync(join(SCHEMA_DIR, file), 'utf8');
      } catch {
        // Missing file: the comparison below fails with the full expected text.
      }
      expect(committed).toBe(text);
    },
  );

  it('holds no schema that is no longer generated', () => {
    const generated = Object.keys(buildSchemas()).sort();
    expect(
      readdirSync(SCHEMA_DIR)
        .filter((file) => file.endsWith('.schema.json'))
        .sort(),
    ).toEqual(generated);
  });
});
