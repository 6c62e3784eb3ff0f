import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** axe-core's source, injected into pages under test. */
export const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Violations axe-core finds on the page now (any impact). */
export async function axeViolations(target: Page): Promise<{ id: string; targets: unknown[] }[]> {
  await target.addScriptTag({ content: AXE });
  return target.evaluate(async () => {
    const { axe } = globalThis as unknown as {
      axe: { run(): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> };
    };
    return (await axe.run()).violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target) }));
  });
}

/** Presses Tab until the focused element matches `name` (a keyboard user's way to a control). */
export async function tabTo(target: Page, name: RegExp, maxPresses = 80): Promise<void> {
  for (let presses = 0; presses < maxPresses; presses++) {
    await target.keyboard.press('Tab');
    const focused = await target.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      const label = element?.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent : null;
      return `${label ?? ''} ${element?.textContent ?? ''} ${element?.getAttribute('aria-label') ?? ''}`;
    });
    if (name.test(focused)) return;
  }
  throw new Error(`no control matching ${name} reached by Tab`);
}

/** Tabs to the field labelled `name` and types `text` into it, as a keyboard user fills in a form. */
export async function typeInto(target: Page, name: RegExp, text: string): Promise<void> {
  await tabTo(target, name);
  await target.keyboard.type(text);
}
