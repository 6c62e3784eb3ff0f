import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB, type StoreNames } from 'idb';
import type { AnswerEntry, OutboxEntry } from '../schema/outbox';
import type { Question } from '../schema/questions';
import { type FeedbackRecord, newAnswerSecret, RECORD_SCHEMA_VERSION } from '../schema/record';
import { SENT_KEY } from './sent-count';

/**
 * The extension's own IndexedDB (origin chrome-extension://<id>), opened only by the background
 * and extension pages — never by a content script, whose IndexedDB would be the host page's.
 */
export const DB_NAME = 'mitsprache';

/** A queued send: points at a pending record. Keys only grow, so the head of the queue is a seek. */
export interface QueueItem {
  seq?: number;
  id: string;
  /** Serialised size of the record, so batches respect the byte limit without re-serialising. */
  bytes: number;
  /**
   * The record exactly as it goes on the wire (JSON), written with the record in the same transaction,
   * so a batch is one read of the queue and its body a string join (see queue.ts). Absent on rows
   * queued before it existed (database version 2) and for records too large to keep twice
   * (screenshots): those are read from `records`.
   */
  json?: string;
  /**
   * 'answer' for an answer to an officer's question (issue #18), kept in `answers` rather than
   * `records`; absent for a feedback record (every row queued before version 5).
   */
  kind?: 'answer';
}

/** One acknowledged batch: the ids the collector took, and when. */
export interface Delivery {
  at: number;
  ids: string[];
}

export interface MitspracheDb extends DBSchema {
  records: {
    key: string;
    value: OutboxEntry;
    indexes: { byCreated: number; byStatus: [string, number] };
  };
  queue: { key: number; value: QueueItem };
  /** Batches the collector has acknowledged, not yet written into `records` (see deliveries.ts). */
  deliveries: { key: number; value: Delivery };
  /** Small singletons: sync state, status cursor, secrets (the ingest token). */
  meta: { key: string; value: unknown };
  /** Counts kept in step with `records` (sent-count.ts), so the popup need not walk an index. */
  counters: { key: string; value: unknown };
  /** The officers' active questions as the last status reply delivered them (issue #18), by id. */
  questions: { key: string; value: Question };
  /** The caseworker's answers, one per question on this device; queued in `queue` like records. */
  answers: { key: string; value: AnswerEntry; indexes: { byQuestion: string } };
}

type UpgradeTx = IDBPTransaction<MitspracheDb, StoreNames<MitspracheDb>[], 'versionchange'>;

/**
 * Numbered upgrade steps: UPGRADES[n] takes the database from version n to n + 1.
 * Never edit a released step; append a new one.
 */
export const UPGRADES: ReadonlyArray<(db: IDBPDatabase<MitspracheDb>, tx: UpgradeTx) => void> = [
  // 0 → 1: outbox, send queue, meta.
  (db) => {
    const records = db.createObjectStore('records', { keyPath: 'id' });
    records.createIndex('byCreated', 'createdAt');
    records.createIndex('byStatus', ['status', 'createdAt']);
    db.createObjectStore('queue', { keyPath: 'seq', autoIncrement: true });
    db.createObjectStore('meta');
  },
  // 1 → 2: a journal of acknowledged batches, so settling a batch costs a few writes, not one per record.
  (db) => {
    db.createObjectStore('deliveries', { autoIncrement: true });
  },
  // 2 → 3: the sent count, counted once here so the popup reads it instead of walking the index. The
  // count request is queued on the upgrade transaction, which commits only after it has answered.
  (db, tx) => {
    const counters = db.createObjectStore('counters');
    const sent = IDBKeyRange.bound(['sent', Number.NEGATIVE_INFINITY], ['sent', Number.POSITIVE_INFINITY]);
    void tx
      .objectStore('records')
      .index('byStatus')
      .count(sent)
      .then((n) => counters.put(n, SENT_KEY));
  },
  // 3 → 4: records not yet sent become record version 2 with an answer secret (issue #14, item 5), so
  // their answers will be readable only from here. Sent ones stay version 1: the collector holds them
  // without a secret and answers them on the id, as before. A queue row is rewritten without its wire
  // JSON, which the sender then reads from the record (queue.ts), with the record's new size.
  (_db, tx) => {
    const queue = tx.objectStore('queue');
    const step = (cursor: Awaited<ReturnType<typeof openRecords>>): Promise<void> | undefined => {
      if (!cursor) return;
      const entry = cursor.value;
      if (entry.status !== 'sent' && entry.record.schemaVersion === 1) {
        const record: FeedbackRecord = {
          ...entry.record,
          schemaVersion: RECORD_SCHEMA_VERSION,
          answerSecret: newAnswerSecret(),
        };
        void cursor.update({ ...entry, record });
        if (entry.seq !== undefined) {
          const bytes = new TextEncoder().encode(JSON.stringify(record)).length;
          void queue.put({ seq: entry.seq, id: entry.id, bytes });
        }
      }
      return cursor.continue().then(step);
    };
    const openRecords = () => tx.objectStore('records').openCursor();
    void openRecords().then(step);
  },
  // 4 → 5: questions to caseworkers and their answers (issue #18). Stored records and queue rows stay
  // as they are: a queue row without `kind` is a record, so nothing old needs rewriting. The unique
  // index is what makes "one answer per question per device" hold even against two racing saves.
  (db) => {
    db.createObjectStore('questions', { keyPath: 'id' });
    const answers = db.createObjectStore('answers', { keyPath: 'id' });
    answers.createIndex('byQuestion', 'questionId', { unique: true });
  },
];
export const DB_VERSION = UPGRADES.length;

let opening: Promise<IDBPDatabase<MitspracheDb>> | undefined;

/**
 * The shared connection. Kept open for the worker's lifetime: opening costs more than a write,
 * and save → committed has a 10 ms budget.
 */
export function getDb(): Promise<IDBPDatabase<MitspracheDb>> {
  opening ??= openDB<MitspracheDb>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion, newVersion, tx) {
      for (let version = oldVersion; version < (newVersion ?? DB_VERSION); version++) {
        UPGRADES[version]?.(db, tx);
      }
    },
    blocking() {
      // A newer version wants to upgrade (extension updated while a page holds the old one): let it.
      void closeDb();
    },
    terminated() {
      opening = undefined;
    },
  }).catch((error: unknown) => {
    opening = undefined;
    throw error;
  });
  return opening;
}

/** Closes the shared connection (tests, version change). */
export async function closeDb(): Promise<void> {
  const pending = opening;
  opening = undefined;
  if (pending) (await pending.catch(() => undefined))?.close();
}
