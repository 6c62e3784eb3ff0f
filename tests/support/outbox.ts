import { vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { browser } from 'wxt/browser';
import { type OutboxDeps, outboxHandlers } from '../../entrypoints/background/outbox-handlers';
import { dispatch, type Handlers } from '../../entrypoints/background/router';
import { AppError, isErrorCode } from '../../utils/errors';
import type { Send } from '../../utils/messaging/protocol';
import type { OutboxEntry } from '../../utils/schema/outbox';
import type { FeedbackRecord } from '../../utils/schema/record';
import { DEFAULT_SETTINGS, type Settings } from '../../utils/schema/settings';
import { getDb } from '../../utils/store/db';
import { recordBytes } from '../../utils/store/records';
import { adjustSent } from '../../utils/store/sent-count';
import { makeRecord } from './records';

export { resetDb } from './db';

/** The fake browser has no UI language; the popup resolves 'auto' through it. */
export function fakeUiLanguage(language = 'de-DE'): void {
  vi.spyOn(browser.i18n, 'getUILanguage').mockReturnValue(language);
}

export interface Seed {
  createdAt: number;
  status?: OutboxEntry['status'];
  note?: string;
  id?: string;
  officer?: OutboxEntry['officer'];
  failure?: OutboxEntry['failure'];
  sentAt?: number;
  record?: Partial<FeedbackRecord>;
}

/**
 * Writes entries straight into the stores (pending ones with their queue row, sent ones counted), so a test controls
 * createdAt, status and answers exactly. Returns the entries in the order given.
 */
export async function seed(seeds: readonly Seed[]): Promise<OutboxEntry[]> {
  const db = await getDb();
  const tx = db.transaction(['records', 'queue', 'counters'], 'readwrite');
  const entries: OutboxEntry[] = [];
  for (const s of seeds) {
    const record = makeRecord({
      ...(s.id ? { id: s.id } : {}),
      ...(s.note ? { note: s.note } : {}),
      ...s.record,
    });
    const status = s.status ?? 'pending';
    const seq =
      status === 'pending'
        ? await tx.objectStore('queue').add({ id: record.id, bytes: recordBytes(record) })
        : undefined;
    const entry: OutboxEntry = {
      id: record.id,
      createdAt: s.createdAt,
      status,
      record,
      attempts: status === 'pending' ? 0 : 1,
      ...(seq !== undefined ? { seq } : {}),
      ...(status === 'sent' ? { sentAt: s.sentAt ?? s.createdAt + 1000 } : {}),
      ...(s.failure
        ? { failure: s.failure }
        : status === 'failed'
          ? { failure: { code: 'rejected', reason: 'invalid_item: note', at: s.createdAt } }
          : {}),
      ...(s.officer ? { officer: s.officer } : {}),
    };
    await tx.objectStore('records').put(entry);
    entries.push(entry);
  }
  // As every writer does: the popup reads the sent count, not the records.
  await adjustSent(tx.objectStore('counters'), entries.filter((e) => e.status === 'sent').length);
  await tx.done;
  return entries;
}

/** A uuid whose order follows `n`, so ties in createdAt have a predictable id order. */
export function orderedId(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

export const extensionPage = {
  id: browser.runtime.id,
  url: browser.runtime.getURL('/popup.html'),
} as Runtime.MessageSender;

export interface Harness {
  handlers: Handlers;
  deps: OutboxDeps & { syncNow: ReturnType<typeof vi.fn>; requestSync: ReturnType<typeof vi.fn> };
  send: Send;
  settings: Settings;
}

/**
 * The popup's `send`, answered by the real outbox handlers through the real router (validation and
 * sender check included), with the sync engine replaced.
 */
export function harness(settings: Partial<Settings> = {}): Harness {
  // The demo app on this machine is a configured site (a plain build has none; the demo build has it).
  const demoSite = { pattern: 'http://localhost:5173/*', app: 'Demo-Jobcenter' };
  const sites = [{ ...demoSite, screenSelectors: [], allowedParams: [], sensitiveSelectors: [] }];
  const current: Settings = { ...DEFAULT_SETTINGS, sites, ...settings };
  const deps = {
    settings: async () => current,
    syncNow: vi.fn(async () => undefined),
    requestSync: vi.fn(),
    refreshBadge: async () => undefined,
  };
  const handlers = outboxHandlers(deps) as unknown as Handlers;
  const send = (async (type: string, data: unknown) => {
    const reply = await dispatch(handlers, { type, data }, extensionPage);
    if (reply.ok) return reply.data;
    throw new AppError(isErrorCode(reply.error.code) ? reply.error.code : 'internal');
  }) as Send;
  return { handlers, deps, send, settings: current };
}
