import type { Worker } from 'playwright-core';
import type { ElementHandle, Frame, Page } from 'puppeteer-core';
import type { OutboxEntry } from '../../../utils/schema/outbox';
import { readRecords, setSettings, setToken } from '../../e2e/support/pages';

/**
 * An extension page (popup, settings) as the context the Chromium suite's helpers evaluate in. There
 * they run in the service worker; Firefox's MV3 background is an event page that WebDriver BiDi does
 * not expose, but every page of the extension shares its origin (IndexedDB), its storage and its APIs,
 * and the helpers' functions use nothing else.
 */
function asExtensionContext(page: Page): Worker {
  return {
    evaluate: (fn: (arg: unknown) => unknown, arg?: unknown) => page.evaluate(fn, arg),
  } as unknown as Worker;
}

/** Every record in the extension's IndexedDB. */
export function records(page: Page): Promise<OutboxEntry[]> {
  return readRecords(asExtensionContext(page));
}

/** Stores settings the way the settings page does (storage.local, key "settings"). */
export function storeSettings(page: Page, patch: Record<string, unknown>): Promise<void> {
  return setSettings(asExtensionContext(page), patch);
}

/** Stores the ingest token where the background keeps it. */
export function storeToken(page: Page, token: string): Promise<void> {
  return setToken(asExtensionContext(page), token);
}

interface Diagnostics {
  syncNow(): Promise<{ outcome: string; sent: number }>;
  activeSites(): Promise<string[]>;
  syncState(): Promise<{ lastResult: string; consecutiveFailures: number }>;
}

/** Calls the background's diagnostic handle (entrypoints/background/index.ts) from an extension page. */
export function background<K extends keyof Diagnostics>(
  page: Page,
  name: K,
): Promise<Awaited<ReturnType<Diagnostics[K]>>> {
  return page.evaluate(async (method) => {
    const api = (globalThis as unknown as { browser: typeof import('webextension-polyfill') }).browser;
    // Wakes the event page if Firefox has suspended it.
    const page = (await api.runtime.getBackgroundPage()) as unknown as { mitsprache: Diagnostics };
    // A structured copy: the result belongs to the background page's window.
    return JSON.parse(JSON.stringify(await page.mitsprache[method]()));
  }, name) as never;
}

/** The in-page feedback UI as a user meets it (page object, puppeteer's counterpart of FeedbackUi). */
export class FeedbackPage {
  constructor(readonly page: Page) {}

  /** The floating button, once the content script has shown it. */
  button(): Promise<ElementHandle<Element>> {
    return this.page.waitForSelector('mitsprache-feedback >>> button.open') as Promise<
      ElementHandle<Element>
    >;
  }

  /** Clicks the button and waits for the note field in the shown dialog; returns the dialog's frame. */
  async open(): Promise<Frame> {
    await (await this.button()).click();
    const frame = await this.dialog();
    await frame.waitForSelector('textarea#note');
    return frame;
  }

  /** The shown dialog's frame. */
  async dialog(): Promise<Frame> {
    const element = await this.page.waitForSelector('mitsprache-feedback >>> iframe.frame:not([hidden])');
    const frame = await element?.contentFrame();
    if (!frame) throw new Error('the note dialog has no frame');
    return frame;
  }

  /**
   * Types the note into the open dialog, chooses a kind and an impact (nothing is chosen in advance,
   * issue #16 item 5) and saves it with the form's Save button.
   */
  async file(frame: Frame, note: string): Promise<void> {
    await frame.type('textarea#note', note);
    await frame.select('select#category', 'error');
    await frame.click('input[name="impact"][value="slows"]');
    await frame.click('button[type="submit"]');
    // Saved: the dialog closes by itself (it is shown only until the record is stored).
    await this.page.waitForSelector('mitsprache-feedback >>> iframe.frame:not([hidden])', { hidden: true });
  }
}
