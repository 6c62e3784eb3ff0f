import { expect } from 'vitest';
import { redactText } from '../../../../utils/redact/text';

/** The text as the redactor leaves it, without screen terms or settings. */
export const masked = (text: string) => redactText(text).text;

/** Each text comes out of the redactor unchanged. */
export function expectKept(texts: readonly string[]): void {
  for (const text of texts) expect(masked(text), text).toBe(text);
}
