import { browser } from 'wxt/browser';
import { AppError } from '../../utils/errors';
import type { RawCapture } from '../../utils/schema/capture';

/**
 * Open captures: the raw page context between the click on the button and save/close.
 * Held in storage.session (memory only, never on disk, not readable by content scripts) so a
 * service-worker restart while the user types does not lose it, and mirrored in this worker's memory
 * so a save does not wait for a storage read (save → committed has a 10 ms budget). The mirror keeps
 * the very same object across reads, so work cached per capture (page terms) is done once.
 */
export interface OpenCapture {
  capture: RawCapture;
  tabId: number;
  frameId: number;
  openedAt: number;
  /** The note dialog's frame (in `tabId`) that claimed the capture; only it may use the capture. */
  dialogFrameId?: number;
}

const PREFIX = 'capture:';
/** An abandoned dialog's capture is dropped after this long. */
const MAX_AGE_MS = 4 * 60 * 60 * 1000;
/**
 * How long a dialog's request may wait for the capture it names. The content script shows the dialog
 * and sends the capture at the same moment, so the dialog's first request can overtake it.
 */
const ARRIVAL_WAIT_MS = 2000;

const open = new Map<string, OpenCapture>();
/** Captures announced (capture:begin received) but not stored yet. */
const arriving = new Map<string, Promise<OpenCapture>>();
/** Requests that named a capture nobody has announced yet. */
const waiting = new Map<string, Set<() => void>>();

/**
 * Stores the capture under `id`, which the content script chose (a random UUID) so it could hand it to
 * the dialog without waiting for us. Call it synchronously on receipt: requests for `id` that arrive
 * meanwhile wait for it. Fails for an id already in use.
 */
export function beginCapture(id: string, value: Promise<OpenCapture>): Promise<void> {
  if (open.has(id) || arriving.has(id))
    return Promise.reject(new AppError('bad_message', 'capture id in use'));
  const stored = value.then(async (capture) => {
    if ((await browser.storage.session.get(PREFIX + id))[PREFIX + id]) {
      throw new AppError('bad_message', 'capture id in use');
    }
    await browser.storage.session.set({ [PREFIX + id]: capture });
    open.set(id, capture);
    return capture;
  });
  arriving.set(id, stored);
  for (const wake of waiting.get(id) ?? []) wake();
  const settle = () => arriving.delete(id);
  stored.then(settle, settle);
  void pruneCaptures(Date.now());
  return stored.then(() => undefined);
}

/** The capture, checked to belong to the tab the asking dialog lives in. */
export async function getCapture(id: string, tabId: number | undefined): Promise<OpenCapture> {
  const value = open.get(id) ?? (await storedCapture(id)) ?? (await announcedCapture(id));
  if (!value || (tabId !== undefined && value.tabId !== tabId)) throw new AppError('unknown_capture');
  return value;
}

/**
 * The capture for a note dialog's first request: bound to the asking frame, for good (issue #14, item
 * 11). The content script hands the id only to its own dialog frame, in a message addressed to the
 * extension's origin, so neither the page nor a document it loads into our frame can read it; the
 * binding makes the id useless to any other frame even if it leaked, e.g. the page's own copy of
 * note-dialog.html. The check and the binding happen in one turn of the event loop, so two frames
 * asking at once cannot both win.
 */
export async function claimCapture(id: string, tabId: number | undefined, frameId = 0): Promise<OpenCapture> {
  await getCapture(id, tabId);
  const value = open.get(id);
  if (!value || (value.dialogFrameId !== undefined && value.dialogFrameId !== frameId)) {
    throw new AppError('unknown_capture');
  }
  if (value.dialogFrameId === frameId) return value;
  const bound = { ...value, dialogFrameId: frameId };
  await updateCapture(id, bound);
  return bound;
}

/** The capture for a later request of the dialog that claimed it: refused to every other frame. */
export async function dialogCapture(
  id: string,
  tabId: number | undefined,
  frameId = 0,
): Promise<OpenCapture> {
  const value = await getCapture(id, tabId);
  if (value.dialogFrameId !== frameId) throw new AppError('unknown_capture');
  return value;
}

export async function dropCapture(id: string): Promise<void> {
  open.delete(id);
  await browser.storage.session.remove(PREFIX + id);
}

/** Replaces the stored capture (e.g. after the user picked an element). */
export async function updateCapture(id: string, value: OpenCapture): Promise<void> {
  // A binding made while the caller awaited is kept (the picker's update races the dialog's claim).
  const dialogFrameId = value.dialogFrameId ?? open.get(id)?.dialogFrameId;
  value = dialogFrameId === undefined ? value : { ...value, dialogFrameId };
  open.set(id, value);
  await browser.storage.session.set({ [PREFIX + id]: value });
}

/** Read from storage.session: what this worker knew before Chrome stopped and restarted it. */
async function storedCapture(id: string): Promise<OpenCapture | undefined> {
  const value = (await browser.storage.session.get(PREFIX + id))[PREFIX + id] as OpenCapture | undefined;
  if (value && !open.has(id)) open.set(id, value);
  return value;
}

/** A capture being stored, after waiting (at most ARRIVAL_WAIT_MS) for it to be announced at all. */
async function announcedCapture(id: string): Promise<OpenCapture | undefined> {
  if (!arriving.has(id) && !open.has(id)) {
    await new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        const set = waiting.get(id);
        set?.delete(wake);
        if (set?.size === 0) waiting.delete(id);
        resolve();
      };
      const timer = setTimeout(wake, ARRIVAL_WAIT_MS);
      waiting.set(id, (waiting.get(id) ?? new Set()).add(wake));
    });
  }
  return open.get(id) ?? arriving.get(id)?.catch(() => undefined);
}

async function pruneCaptures(now: number): Promise<void> {
  const all = await browser.storage.session.get(null);
  const stale = Object.entries(all)
    .filter(([key, value]) => key.startsWith(PREFIX) && now - (value as OpenCapture).openedAt > MAX_AGE_MS)
    .map(([key]) => key);
  for (const key of stale) open.delete(key.slice(PREFIX.length));
  if (stale.length) await browser.storage.session.remove(stale);
}
