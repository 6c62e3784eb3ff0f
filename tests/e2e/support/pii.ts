import { readFileSync } from 'node:fs';

/** Every fake client value planted in the demo app (demo/pii.json). */
export const PII: { kind: string; value: string }[] = JSON.parse(
  readFileSync('demo/pii.json', 'utf8'),
).values;

/** Every planted value found in `text`, also in its spaceless form (IBANs, numbers typed without gaps). */
export function leaks(text: string): string[] {
  const compact = text.replace(/\s+/g, '');
  return PII.filter(({ value }) => text.includes(value) || compact.includes(value.replace(/\s+/g, ''))).map(
    ({ kind, value }) => `${kind}: ${value}`,
  );
}
