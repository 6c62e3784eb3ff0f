import type { RecordRow } from '../record-row';

// What the store's JavaScript thread (writer.ts) and the writer thread (writer-thread.ts) say to each
// other. Types only: both sides import this file, neither imports the other.

/** What the thread is started with. */
export interface WriterThreadData {
  /** The database file: existing, in WAL mode, with the collector's schema. */
  file: string;
  autocheckpointPages: number;
  journalSizeLimit: number;
  /** A checkpoint follows a group whose fsync found the WAL at this size or more. */
  checkpointWalBytes: number;
}

/** A batch to store, or the signal to finish what was sent before and stop. */
export type WriterRequest = { type: 'ingest'; id: number; rows: RecordRow[] } | { type: 'stop' };

/** An error as it crosses the thread boundary; `code` is SQLite's (SQLITE_BUSY …) or the OS's. */
export interface Failure {
  message: string;
  code?: string;
}

/** What became of one row: 1 stored, 0 already stored, or the reason the database refused it. */
export type RowOutcome = number | string;

/** What became of one batch of a group. */
export type BatchReply = { changes: RowOutcome[] } | { error: Failure };

/** The thread has opened its connection and takes batches (its first message). */
export interface ReadyReply {
  type: 'ready';
}

/** The thread's answer for one group, batch by batch in `ids` order. */
export interface GroupReply {
  type: 'group';
  ids: number[];
  outcomes?: BatchReply[];
  /** The fsync of the WAL failed (now or before): nothing of this group may be acknowledged. */
  syncFailure?: Failure;
}

/** Everything the thread sends. */
export type WriterReply = ReadyReply | GroupReply;
