import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ButtonCorner,
  CONFIGURABLE_KEYS,
  DEFAULT_SETTINGS,
  ReporterMode,
  UiLanguage,
} from '../../../utils/schema/settings';

interface Node {
  type?: string;
  properties?: Record<string, Node>;
  items?: Node;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  [key: string]: unknown;
}

const schema = JSON.parse(readFileSync(resolve('public/managed_schema.json'), 'utf8')) as Node;

// Chrome refuses to load an extension whose managed schema uses anything else (and then nothing works).
const CHROME_ATTRIBUTES = new Set([
  'type',
  'properties',
  'items',
  'enum',
  'minimum',
  'maximum',
  'pattern',
  'title',
  'description',
  'sensitiveValue',
  'id',
  '$ref',
  'required',
]);

function* nodes(node: Node, path = '$'): Generator<[string, Node]> {
  yield [path, node];
  for (const [key, child] of Object.entries(node.properties ?? {})) yield* nodes(child, `${path}.${key}`);
  if (node.items) yield* nodes(node.items, `${path}[]`);
}

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

describe('public/managed_schema.json (Chrome/Edge enterprise policy)', () => {
  it('covers every setting, token included, and nothing else', () => {
    expect(Object.keys(schema.properties ?? {}).sort()).toEqual([...CONFIGURABLE_KEYS].sort());
  });

  it('uses only what Chrome accepts: known attributes, exactly one type, min/max only on integers', () => {
    expect(schema.type).toBe('object');
    expect(schema).not.toHaveProperty('additionalProperties');
    for (const [path, node] of nodes(schema)) {
      for (const key of Object.keys(node)) expect(CHROME_ATTRIBUTES.has(key), `${path}: ${key}`).toBe(true);
      expect(typeof node.type === 'string' || typeof node.$ref === 'string', path).toBe(true);
      if ('minimum' in node || 'maximum' in node) expect(node.type, path).toBe('integer');
    }
  });

  it('types each setting as the defaults are typed', () => {
    for (const key of CONFIGURABLE_KEYS) {
      const type = schema.properties?.[key]?.type;
      const actual = typeOf(DEFAULT_SETTINGS[key]);
      // A number property also takes integers.
      expect(
        type === actual || (type === 'number' && actual === 'integer'),
        `${key}: ${type} vs ${actual}`,
      ).toBe(true);
    }
  });

  it('offers exactly the choices the settings schema allows', () => {
    expect(schema.properties?.reporterMode?.enum).toEqual(ReporterMode.options);
    expect(schema.properties?.uiLanguage?.enum).toEqual(UiLanguage.options);
    expect(schema.properties?.buttonCorner?.enum).toEqual(ButtonCorner.options);
  });

  it('marks the token as sensitive, so chrome://policy masks it', () => {
    expect(schema.properties?.token?.sensitiveValue).toBe(true);
  });
});
