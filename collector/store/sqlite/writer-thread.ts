// The SQLite writer thread: started by writer.ts (SqliteWriter), which explains why there is a thread,
// how groups form, and what durability it promises. This file runs in the worker only.
import { closeSync, fstatSync, fsyncSync, openSync } from 'node:fs';
import { type MessagePort, parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { RECORD_ROW_COLUMNS, type RecordRow } from '../record-row';
import type {
  BatchReply,
  Failure,
  RowOutcome,
  WriterReply,
  WriterRequest,
  WriterThreadData,
} from './writer-protocol';

/** SQL of the ingest insert, in RecordRow's column order; `changes` tells accepted from duplicate. */
const INSERT_RECORD_SQL = `
  INSERT INTO records (${RECORD_ROW_COLUMNS})
  VALUES (${RECORD_ROW_COLUMNS.split(',')
    .map(() => '?')
    .join(', ')})
  ON CONFLICT (id) DO NOTHING`;

// Errors one record causes by itself (a constraint or trigger refusing it, a value too big): SQLite
// rolls back that statement alone, so the record is refused with the reason and the transaction goes
// on with the others (issue #14, item 1). Anything else (busy, disk full, I/O) fails the transaction.
const RECORD_CAUSED = /^SQLITE_(CONSTRAINT|TOOBIG|MISMATCH|RANGE)/;

function failure(error: unknown): Failure {
  const { message, code } = (error ?? {}) as { message?: unknown; code?: unknown };
  return { message: String(message), code: typeof code === 'string' ? code : undefined };
}

/** The thread's state: one connection, the prepared insert, and whether an fsync ever failed. */
class WriterThread {
  readonly #port: MessagePort;
  readonly #data: WriterThreadData;
  readonly #db: Database.Database;
  readonly #ingest: (group: RecordRow[][]) => RowOutcome[][];
  #syncFailure: Failure | undefined;

  constructor(port: MessagePort, data: WriterThreadData) {
    this.#port = port;
    this.#data = data;
    const db = new Database(data.file, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    // No fsync in the commit: syncWal() follows it, before the group is answered.
    db.pragma('synchronous = NORMAL');
    db.pragma(`wal_autocheckpoint = ${data.autocheckpointPages}`);
    db.pragma(`journal_size_limit = ${data.journalSizeLimit}`);
    this.#db = db;
    const insert = db.prepare<RecordRow>(INSERT_RECORD_SQL);
    const insertRow = (row: RecordRow): RowOutcome => {
      try {
        return insert.run(...row).changes;
      } catch (error) {
        if (!RECORD_CAUSED.test(String((error as { code?: unknown })?.code))) throw error;
        return String((error as Error).message).slice(0, 300);
      }
    };
    // Per batch, one outcome per row: 1 stored, 0 already stored (before, or earlier in the group), or
    // the reason the database refused that row.
    this.#ingest = db.transaction((group: RecordRow[][]) => group.map((rows) => rows.map(insertRow)));
  }

  /** Takes this request and every request queued behind it as one group. */
  receive(first: WriterRequest): void {
    const batches: { id: number; rows: RecordRow[] }[] = [];
    let stop = false;
    for (
      let message: WriterRequest | undefined = first;
      message;
      message = receiveMessageOnPort(this.#port)?.message as WriterRequest | undefined
    ) {
      // 'stop' comes after everything it must finish (SqliteWriter.stop).
      if (message.type === 'stop') {
        stop = true;
        break;
      }
      batches.push(message);
    }
    if (batches.length > 0) this.#commitGroup(batches);
    if (stop) {
      this.#db.close();
      this.#port.close();
    }
  }

  #commit(group: RecordRow[][]): BatchReply[] {
    try {
      return this.#ingest(group).map((changes) => ({ changes }));
    } catch (error) {
      if (group.length === 1) return [{ error: failure(error) }];
      // One failing batch must not fail its neighbours: retry them one transaction each.
      return group.map((rows) => {
        try {
          return { changes: this.#ingest([rows])[0] as RowOutcome[] };
        } catch (single) {
          return { error: failure(single) };
        }
      });
    }
  }

  /**
   * fsyncs the WAL; returns its size. Opened by name each time, as in wal-sync.ts: never a descriptor
   * of a file that is no longer the WAL. fsync rather than fdatasync, the call SQLite itself makes
   * under FULL.
   */
  #syncWal(): number {
    const fd = openSync(`${this.#data.file}-wal`, 'r');
    try {
      fsyncSync(fd);
      return fstatSync(fd).size;
    } finally {
      closeSync(fd);
    }
  }

  #checkpoint(): void {
    try {
      this.#db.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      // SQLITE_BUSY and the like: the next checkpoint (or the safety net) copies the pages.
      console.error('collector: WAL checkpoint failed', failure(error).message);
    }
  }

  #reply(reply: WriterReply): void {
    this.#port.postMessage(reply);
  }

  /** Tells the store the connection is open. */
  announceReady(): void {
    this.#reply({ type: 'ready' });
  }

  #commitGroup(batches: { id: number; rows: RecordRow[] }[]): void {
    const ids = batches.map((batch) => batch.id);
    if (this.#syncFailure) {
      this.#reply({ type: 'group', ids, syncFailure: this.#syncFailure });
      return;
    }
    const outcomes = this.#commit(batches.map((batch) => batch.rows));
    let walBytes: number;
    try {
      // Also after a group whose batches all failed: it costs one fsync and keeps the rule simple —
      // no answer before an fsync that began after this group's transaction ended.
      walBytes = this.#syncWal();
    } catch (error) {
      this.#syncFailure = failure(error);
      this.#reply({ type: 'group', ids, syncFailure: this.#syncFailure });
      return;
    }
    this.#reply({ type: 'group', ids, outcomes });
    if (walBytes >= this.#data.checkpointWalBytes) this.#checkpoint();
  }
}

if (!parentPort) throw new Error('writer-thread.ts runs as a worker thread (started by writer.ts)');
const port = parentPort;
const thread = new WriterThread(port, workerData as WriterThreadData);
port.on('message', (request: WriterRequest) => thread.receive(request));
thread.announceReady();
