import { browser } from 'wxt/browser';
import { AppError } from '../errors';
import type { RawCapture } from '../schema/capture';

/**
 * Open captures: the raw page context between the click on the button and save/close.
 * Held in storage.session (memory only, never on disk, not readable by content scripts) so a
 * service-worker restart while the user types does not lose it.
 */
export interface OpenCapture {
  capture: RawCapture;
  tabId: number;
  frameId: number;
  openedAt: number;
}

const PREFIX = 'capture:';
/** An abandoned dialog's capture is dropped after this long. */
const MAX_AGE_MS = 4 * 60 * 60 * 1000;

export async function putCapture(value: OpenCapture): Promise<string> {
  const id = crypto.randomUUID();
  await browser.storage.session.set({ [PREFIX + id]: value });
  void pruneCaptures(value.openedAt);
  return id;
}

/** The capture, checked to belong to the tab the asking dialog lives in. */
export async function getCapture(id: string, tabId: number | undefined): Promise<OpenCapture> {
  const value = (await browser.storage.session.get(PREFIX + id))[PREFIX + id] as OpenCapture | undefined;
  if (!value || (tabId !== undefined && value.tabId !== tabId)) throw new AppError('unknown_capture');
  return value;
}

export async function dropCapture(id: string): Promise<void> {
  await browser.storage.session.remove(PREFIX + id);
}

async function pruneCaptures(now: number): Promise<void> {
  const all = await browser.storage.session.get(null);
  const stale = Object.entries(all)
    .filter(([key, value]) => key.startsWith(PREFIX) && now - (value as OpenCapture).openedAt > MAX_AGE_MS)
    .map(([key]) => key);
  if (stale.length) await browser.storage.session.remove(stale);
}

/** Replaces the stored capture (e.g. after the user picked an element). */
export async function updateCapture(id: string, value: OpenCapture): Promise<void> {
  await browser.storage.session.set({ [PREFIX + id]: value });
}
