import { browser } from 'wxt/browser';
import { NoteDraftStored } from '../../utils/messaging/protocol/shared';
import { redactUrl } from '../../utils/redact/url';
import type { RawCapture } from '../../utils/schema/capture';

/**
 * Notes typed but neither saved nor discarded (issue #16, item 1): one per tab and screen, so Esc or
 * "Schließen" loses nothing and the next dialog on that screen starts where the last one stopped.
 * The text is unredacted social data, so it lives in storage.session only: memory, never on disk,
 * gone when the browser closes, and not readable by content scripts or the page (we never widen its
 * access level). It is deleted on save, on "Verwerfen", and when its tab closes.
 */
const PREFIX = 'draft:';

/** The screen a draft belongs to: the route templates of page and frame (ids in the path masked). */
function screenKey(capture: RawCapture): string {
  const page = redactUrl(capture.href, []).routeTemplate;
  const frame = capture.frame.href ? redactUrl(capture.frame.href, []).routeTemplate : '';
  let origin = '';
  try {
    origin = new URL(capture.href).origin;
  } catch {
    // An unparseable address: its route template is '' too; the tab id still keeps drafts apart.
  }
  return `${origin}${page}|${frame}`;
}

function key(tabId: number, capture: RawCapture): string {
  return `${PREFIX}${tabId}:${screenKey(capture)}`;
}

/** The draft left on this tab's screen, if any. */
export async function readDraft(tabId: number, capture: RawCapture): Promise<NoteDraftStored | undefined> {
  const k = key(tabId, capture);
  const parsed = NoteDraftStored.safeParse((await browser.storage.session.get(k))[k]);
  return parsed.success ? parsed.data : undefined;
}

/** Keeps the draft; an empty note is no draft. */
export async function putDraft(tabId: number, capture: RawCapture, draft: NoteDraftStored): Promise<void> {
  const k = key(tabId, capture);
  if (draft.note.trim() === '') await browser.storage.session.remove(k);
  else await browser.storage.session.set({ [k]: draft });
}

export async function dropDraft(tabId: number, capture: RawCapture): Promise<void> {
  await browser.storage.session.remove(key(tabId, capture));
}

/** Removes every draft of a closed tab; the listener lives as long as the worker. */
export function dropDraftsWithTab(): void {
  browser.tabs.onRemoved.addListener((tabId) => {
    void browser.storage.session.get(null).then((all) => {
      const keys = Object.keys(all).filter((k) => k.startsWith(`${PREFIX}${tabId}:`));
      if (keys.length > 0) return browser.storage.session.remove(keys);
    });
  });
}
