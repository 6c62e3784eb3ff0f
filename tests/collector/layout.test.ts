import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Meta-tests for the collector's layout (issue #15): the conventions that keep it readable break the
// build when broken, not only a reviewer's eye.

const ROOT = path.resolve(import.meta.dirname, '../..');
const COLLECTOR = path.join(ROOT, 'collector');

/** Every .ts file below `dir`, as paths relative to the repository. */
function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.relative(ROOT, path.join(dir, file)));
}

/** What a file imports (values and types), resolved to paths relative to the repository. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  return [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)].map((match) =>
    path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, file)), match[1] as string)),
  );
}

describe('collector layout (meta-test)', () => {
  it('keeps the stores free of the HTTP side: store/ imports no dashboard, routes or server module', () => {
    const outward = sources(path.join(COLLECTOR, 'store')).flatMap((file) =>
      importsOf(file)
        .filter((target) => !target.startsWith('collector/store') && !target.startsWith('utils/'))
        .filter((target) => target !== 'collector/second-line')
        // The hub's protocol is schemas and deterministic ids (zod, like utils/schema), no HTTP.
        .filter((target) => target !== 'collector/hub/protocol')
        .map((target) => `${file} → ${target}`),
    );
    expect(outward).toEqual([]);
  });

  it('mounts every route module of the dashboard', () => {
    const routes = readdirSync(path.join(COLLECTOR, 'dashboard/routes'))
      .filter((file) => file.endsWith('.ts') && file !== 'context.ts')
      .map((file) => `collector/dashboard/routes/${file.slice(0, -'.ts'.length)}`);
    const mounted = importsOf('collector/dashboard/index.ts');
    expect(routes.filter((route) => !mounted.includes(route))).toEqual([]);
  });
});
