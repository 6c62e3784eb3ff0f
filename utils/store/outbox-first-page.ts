import type { OutboxSummary, PageCursor } from '../messaging/protocol/outbox';
import type { OutboxEntry } from '../schema/outbox';
import { DB_NAME, DB_VERSION } from './db';
import { summarize } from './outbox-summary';

/** Rows per page of the popup's list. */
export const PAGE_SIZE = 20;

/** One page of the list, as the popup shows it. */
export interface FirstPage {
  items: OutboxSummary[];
  next?: PageCursor;
}

/** IDBIndex.getAllRecords (Chromium 141+), which lib.dom does not know yet. */
type RecordsIndex = IDBIndex & {
  getAllRecords?(options: {
    count?: number;
    direction?: IDBCursorDirection;
  }): IDBRequest<{ value: unknown }[]>;
};

/**
 * The first page of "all", read by the popup straight from the extension's IndexedDB: one request,
 * no message to the background. The background's worker is stopped after 30 s without events, so the
 * popup usually finds it asleep, and starting it took 100–200 ms before the list could be asked for
 * (scripts/bench/popup-open.ts, "worker stopped"). Reading is all this does: the background alone
 * creates, upgrades and writes the database. Undefined when this cannot answer (no database yet, an
 * older version, no getAllRecords): then the popup asks the background as before.
 */
export async function readFirstPage(size = PAGE_SIZE): Promise<FirstPage | undefined> {
  const db = await openCurrent();
  if (!db) return undefined;
  try {
    const index = db.transaction('records').objectStore('records').index('byCreated') as RecordsIndex;
    if (typeof index.getAllRecords !== 'function') return undefined;
    const request = index.getAllRecords({ count: size + 1, direction: 'prev' });
    const records = await new Promise<{ value: unknown }[]>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const entries = records.slice(0, size).map((record) => record.value as OutboxEntry);
    const items = entries.map(summarize);
    const last = entries.at(-1);
    return records.length > size && last
      ? { items, next: { createdAt: last.createdAt, id: last.id } }
      : { items };
  } finally {
    // Closed at once: an open connection here would hold up a version change the background needs.
    db.close();
  }
}

/** The database at this build's version, or undefined if it does not exist or needs an upgrade. */
function openCurrent(): Promise<IDBDatabase | undefined> {
  return new Promise((resolve) => {
    const open = indexedDB.open(DB_NAME, DB_VERSION);
    // Creating or upgrading is the background's (utils/store/db.ts); aborting leaves the database as it was.
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onsuccess = () => resolve(open.result);
    open.onerror = (event) => {
      event.preventDefault();
      resolve(undefined);
    };
    open.onblocked = () => resolve(undefined);
  });
}
