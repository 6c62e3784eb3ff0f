import { vi } from 'vitest';
import { browser } from 'wxt/browser';
import { RawCapture } from '../../utils/schema/capture';

/**
 * What the content script captures on the demo's search page: a client's name on the screen (which
 * the redactor learns as a page term) and a query that names her.
 */
export function searchPageCapture(): RawCapture {
  return RawCapture.parse({
    href: 'http://127.0.0.1:5173/suche?q=Mustermann',
    title: 'Suche',
    heading: 'Suche nach Kundinnen und Kunden',
    frame: { path: 'top' },
    viewport: { width: 1280, height: 800 },
    screenSize: { width: 1920, height: 1080, pixelRatio: 1 },
    sinceLoadMs: 1200,
    uiLanguage: 'de-DE',
    pageTexts: { data: ['Max Mustermann'], ui: ['Name', 'Geburtsdatum'] },
  });
}

/** The content script of tab `tab` on the demo's search page, as a message sender. */
export function contentSender(tab: number) {
  return {
    id: browser.runtime.id,
    url: 'http://127.0.0.1:5173/suche',
    tab: { id: tab } as never,
    frameId: 0,
  };
}

/** A note dialog page in a frame of tab `tab` (frame ids are per tab; ours is the content script's child). */
export function dialogSender(tab: number, frameId = 3) {
  return {
    id: browser.runtime.id,
    url: browser.runtime.getURL('/note-dialog.html'),
    tab: { id: tab } as never,
    frameId,
  };
}

/**
 * What a (re)started background worker has before it handles a message: a manifest (the fake browser
 * has none, and records carry the extension's version) and the word lists it loads again (from disk
 * here, from the extension's files there). Imported when called, not above: after vi.resetModules()
 * the restarted worker's modules are fresh ones, and the word lists must go into those.
 */
export async function workerStarted(): Promise<void> {
  const { browser: api } = await import('wxt/browser');
  vi.spyOn(api.runtime, 'getManifest').mockReturnValue({
    manifest_version: 3,
    name: 'Mitsprache',
    version: '0.1.0',
  });
  const { loadLexiconFromDisk } = await import('../../utils/redact/lexicon-node');
  loadLexiconFromDisk();
}
