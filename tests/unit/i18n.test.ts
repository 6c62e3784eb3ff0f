import { describe, expect, it } from 'vitest';

/**
 * Every dictionary (any export shaped `{ de: {...}, en: {...} }`) in the core's utils/i18n/ and in a
 * surface's components/<surface>/*i18n.ts must have the same keys in German and English, and no empty
 * text. New dictionaries are picked up automatically.
 */
const modules = import.meta.glob<Record<string, unknown>>(
  ['../../utils/i18n/*.ts', '../../components/*/i18n.ts', '../../components/*/*-i18n.ts'],
  { eager: true },
);

type Dictionary = { de: Record<string, unknown>; en: Record<string, unknown> };

function isDictionary(value: unknown): value is Dictionary {
  return (
    typeof value === 'object' &&
    value !== null &&
    'de' in value &&
    'en' in value &&
    typeof (value as Dictionary).de === 'object' &&
    typeof (value as Dictionary).en === 'object'
  );
}

/** Key paths of a (possibly nested) dictionary: "a", "b.c". */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => keyPaths(inner, prefix ? `${prefix}.${key}` : key));
}

function leaves(value: unknown): unknown[] {
  if (typeof value !== 'object' || value === null) return [value];
  return Object.values(value).flatMap(leaves);
}

/** {placeholders} used in one text. */
const placeholders = (text: unknown) =>
  typeof text === 'string' ? [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort() : [];

function at(value: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], value);
}

const dictionaries = Object.entries(modules).flatMap(([file, exports]) =>
  Object.entries(exports)
    .filter(([, value]) => isDictionary(value))
    .map(([name, value]) => [`${file.replace(/^(\.\.\/)+/, '')} ${name}`, value as Dictionary] as const),
);

describe('i18n dictionaries', () => {
  it('are found', () => {
    const names = dictionaries.map(([name]) => name);
    expect(names).toEqual(
      expect.arrayContaining([
        'utils/i18n/settings.ts SETTINGS_STRINGS',
        'utils/i18n/errors.ts ERROR_STRINGS',
        'components/popup/sites-i18n.ts SITES_STRINGS',
        'components/popup/i18n.ts POPUP_STRINGS',
        'components/dialog/i18n.ts DIALOG_STRINGS',
        'components/page/i18n.ts CONTENT_STRINGS',
      ]),
    );
  });

  it.each(dictionaries)('%s has the same keys in German and English', (_name, dictionary) => {
    const de = keyPaths(dictionary.de).sort();
    const en = keyPaths(dictionary.en).sort();
    expect({
      missingInEnglish: de.filter((k) => !en.includes(k)),
      missingInGerman: en.filter((k) => !de.includes(k)),
    }).toEqual({
      missingInEnglish: [],
      missingInGerman: [],
    });
  });

  it.each(dictionaries)(
    '%s has no empty text and the same placeholders in both languages',
    (_name, dictionary) => {
      for (const text of [...leaves(dictionary.de), ...leaves(dictionary.en)]) {
        if (typeof text === 'string') expect(text.trim()).not.toBe('');
      }
      for (const path of keyPaths(dictionary.de)) {
        expect(placeholders(at(dictionary.en, path)), path).toEqual(placeholders(at(dictionary.de, path)));
      }
    },
  );
});
