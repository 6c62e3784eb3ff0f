import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { RECORD_ROW_COLUMNS, type RecordRow } from './record-row';
import { StoreUnavailableError } from './types';
import { WalSyncError } from './wal-sync';

// Why a thread: better-sqlite3 is synchronous, so on the JavaScript thread the inserts of a group
// commit (a row and seven index entries per record) and the commit's writes held up the whole
// collector — about a third of its busy time in the ingest bench. Here they run beside the reading,
// parsing and validating of the next batches.
//
// Group commit: the store hands over each batch as soon as it is validated. The batches that queue up
// while this thread commits and syncs one group form the next: one transaction and one fsync for all
// of them, so concurrent senders pay for one rewrite of the shared index pages and one fsync instead
// of one each. The group forms here, not on the JavaScript thread, so a group starts the moment the
// previous one is answered: the rows were built and copied over while it ran (forming it on the
// JavaScript thread put that work, about a millisecond per group, between two commits).
//
// Durability: the transaction commits under synchronous = NORMAL, then this thread fsyncs the WAL,
// opened by name — the same call, on the same file, that the store's WalSync makes (see wal-sync.ts
// for why that is as durable as synchronous = FULL). Done here rather than through WalSync because
// there it took four hops through the JavaScript thread's event loop (open, fsync, fstat, close), each
// waiting behind whatever request was being parsed: in the ingest bench the fsync itself took under a
// millisecond but the store waited 5–7 ms for it, the largest part of a batch's time in the collector.
// A commit this thread has synced is on disk before the next group's transaction starts, so a later
// batch that reads an id as already stored (`duplicate`) reads it from a durable commit. A failed fsync
// is final, as in WalSync: every later group is refused until the collector restarts.
//
// Checkpoints: a checkpoint copies the WAL into the database file and fsyncs that file. SQLite's
// auto-checkpoint would run it inside whichever commit crosses its threshold, before that group is
// answered; this thread runs one instead right after answering a group whose fsync found the WAL at
// `checkpointWalBytes` or more, before it takes the next group, so the whole WAL is copied and the next
// commit starts it over (unlike the timer-driven thread backed out in b93725c, which let the WAL grow).
// The auto-checkpoint stays as a safety net at SAFETY_AUTOCHECKPOINT_PAGES.

/** Auto-checkpoint threshold (pages) of every connection, a safety net behind the store's checkpoints. */
export const SAFETY_AUTOCHECKPOINT_PAGES = 20_000;

/** SQL of the ingest insert, in RecordRow's column order; `changes` tells accepted from duplicate. */
const INSERT_RECORD_SQL = `
  INSERT INTO records (${RECORD_ROW_COLUMNS})
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (id) DO NOTHING`;

// Plain JavaScript evaluated in the worker: a worker cannot load the collector's TypeScript by itself.
const WORKER_SOURCE = `
const { closeSync, fstatSync, fsyncSync, openSync } = require('node:fs');
const { parentPort, receiveMessageOnPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('foreign_keys = ON');
// No fsync in the commit: syncWal() follows it, before the group is answered.
db.pragma('synchronous = NORMAL');
db.pragma('wal_autocheckpoint = ' + workerData.autocheckpointPages);
db.pragma('journal_size_limit = ' + workerData.journalSizeLimit);
const insert = db.prepare(workerData.insertSql);
// Errors one record causes by itself (a constraint or trigger refusing it, a value too big): SQLite
// rolls back that statement alone, so the record is refused with the reason and the transaction goes
// on with the others (issue #14, item 1). Anything else (busy, disk full, I/O) fails the transaction.
const RECORD_CAUSED = /^SQLITE_(CONSTRAINT|TOOBIG|MISMATCH|RANGE)/;
function insertRow(row) {
  try {
    return insert.run(...row).changes;
  } catch (error) {
    if (!RECORD_CAUSED.test(String(error && error.code))) throw error;
    return String(error.message).slice(0, 300);
  }
}
// Per batch, one outcome per row: 1 stored, 0 already stored (before, or earlier in the group), or the
// reason the database refused that row.
const ingest = db.transaction((group) => group.map((rows) => rows.map(insertRow)));
const failure = (error) => ({ message: String(error && error.message), code: error && error.code });

function commit(group) {
  try {
    return ingest(group).map((changes) => ({ changes }));
  } catch (error) {
    if (group.length === 1) return [{ error: failure(error) }];
    // One failing batch must not fail its neighbours: retry them one transaction each.
    return group.map((rows) => {
      try {
        return { changes: ingest([rows])[0] };
      } catch (single) {
        return { error: failure(single) };
      }
    });
  }
}

// fsyncs the WAL; returns its size. Opened by name each time, as in wal-sync.ts: never a descriptor of a
// file that is no longer the WAL. fsync rather than fdatasync, the call SQLite itself makes under FULL.
function syncWal() {
  const fd = openSync(workerData.file + '-wal', 'r');
  try {
    fsyncSync(fd);
    return fstatSync(fd).size;
  } finally {
    closeSync(fd);
  }
}

let syncFailure;

function checkpoint() {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    // SQLITE_BUSY and the like: the next checkpoint (or the safety net) copies the pages.
    console.error('collector: WAL checkpoint failed', String(error && error.message));
  }
}

function commitGroup(batches) {
  const ids = batches.map((batch) => batch.id);
  if (syncFailure) return parentPort.postMessage({ ids, syncFailure });
  const outcomes = commit(batches.map((batch) => batch.rows));
  let walBytes;
  try {
    // Also after a group whose batches all failed: it costs one fsync and keeps the rule simple —
    // no answer before an fsync that began after this group's transaction ended.
    walBytes = syncWal();
  } catch (error) {
    syncFailure = failure(error);
    return parentPort.postMessage({ ids, syncFailure });
  }
  parentPort.postMessage({ ids, outcomes });
  if (walBytes >= workerData.checkpointWalBytes) checkpoint();
}

parentPort.on('message', (first) => {
  // This batch and every batch queued behind it form the group. 'stop' comes after everything it
  // must finish (SqliteWriter.stop).
  const batches = [];
  let stop = false;
  for (let message = first; message; message = receiveMessageOnPort(parentPort)?.message) {
    if (message.type === 'stop') {
      stop = true;
      break;
    }
    batches.push(message);
  }
  if (batches.length > 0) commitGroup(batches);
  if (stop) {
    db.close();
    parentPort.close();
  }
});
`;

interface Failure {
  message: string;
  code?: string;
}

/** The thread's answer for one group, batch by batch in `ids` order. */
interface GroupReply {
  ids: number[];
  outcomes?: Array<{ changes: RowOutcome[] } | { error: Failure }>;
  /** The fsync of the WAL failed (now or before): nothing of this group may be acknowledged. */
  syncFailure?: Failure;
}

/** What became of one row: 1 stored, 0 already stored, or the reason the database refused it. */
export type RowOutcome = number | string;

/** What became of one batch: its rows' outcomes, or why none was stored. */
type BatchOutcome = { changes: RowOutcome[] } | { error: Error };

function toError(failure: Failure): Error {
  // The code (SQLITE_BUSY, SQLITE_FULL …) is what the API maps to 503 db_unavailable.
  return Object.assign(new Error(failure.message), { code: failure.code });
}

/** The thread that writes ingested records into one database file, syncs and checkpoints its WAL. */
export class SqliteWriter {
  readonly #file: string;
  readonly #worker: Worker;
  readonly #exited: Promise<void>;
  readonly #waiting = new Map<number, (outcome: BatchOutcome) => void>();
  #nextId = 1;
  #failure: Error | undefined;
  #gone = false;
  #stopping: Promise<void> | undefined;

  /**
   * Starts the thread on `file`, an existing database in WAL mode with the collector's schema;
   * `journalSizeLimit` as on the store's own connections; a checkpoint follows a group whose fsync
   * found the WAL at `checkpointWalBytes` or more.
   */
  constructor(file: string, options: { journalSizeLimit: number; checkpointWalBytes: number }) {
    this.#file = file;
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.#worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        file,
        driver,
        insertSql: INSERT_RECORD_SQL,
        autocheckpointPages: SAFETY_AUTOCHECKPOINT_PAGES,
        journalSizeLimit: options.journalSizeLimit,
        checkpointWalBytes: options.checkpointWalBytes,
      },
    });
    // Keeps the process alive only while it has work (see #call).
    this.#worker.unref();
    this.#worker.on('message', (reply: GroupReply) => this.#settle(reply));
    this.#worker.once('error', (error) => console.error('collector: SQLite writer thread failed', error));
    this.#exited = new Promise<void>((resolve) => {
      this.#worker.once('exit', () => {
        this.#gone = true;
        this.#failure ??= new StoreUnavailableError('the SQLite writer thread has stopped');
        // Nothing still waiting can get an answer now; senders retry a batch they got no reply for.
        for (const done of this.#waiting.values()) done({ error: this.#failure });
        this.#waiting.clear();
        resolve();
      });
    });
  }

  /**
   * Set once the thread is gone or an fsync of the WAL failed; nothing can be written (or answered as
   * stored) after that.
   */
  get failure(): Error | undefined {
    return this.#failure;
  }

  /**
   * Inserts one batch's rows, in one transaction with the batches queued beside it (or alone if that
   * transaction fails), and fsyncs the WAL. Resolves once on disk with one outcome per row: 1
   * stored, 0 already stored (before, or earlier in the group), or the reason the database refused
   * that row alone. Rejects with a WalSyncError if the fsync failed, or with the SQLite error that
   * kept the batch out.
   */
  async insert(rows: RecordRow[]): Promise<RowOutcome[]> {
    if (this.#failure) throw this.#failure;
    const id = this.#nextId++;
    const outcome = await new Promise<BatchOutcome>((resolve) => {
      if (this.#waiting.size === 0) this.#worker.ref();
      this.#waiting.set(id, resolve);
      this.#worker.postMessage({ type: 'ingest', id, rows });
    });
    if ('error' in outcome) throw outcome.error;
    return outcome.changes;
  }

  #settle(reply: GroupReply): void {
    if (reply.syncFailure && !this.#failure) {
      this.#failure = new WalSyncError(`${this.#file}-wal`, toError(reply.syncFailure));
      console.error(`collector: ${this.#failure.message}; restart the collector`);
    }
    for (const [i, id] of reply.ids.entries()) {
      const done = this.#waiting.get(id);
      this.#waiting.delete(id);
      const outcome = reply.outcomes?.[i];
      if (reply.syncFailure || !outcome) {
        done?.({ error: this.#failure ?? new StoreUnavailableError('the SQLite writer gave no answer') });
      } else {
        done?.('changes' in outcome ? outcome : { error: toError(outcome.error) });
      }
    }
    if (this.#waiting.size === 0) this.#worker.unref();
  }

  /** Ends the thread and its connection once what it was given is done. */
  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      // Referenced until it has exited: a process with nothing else left (a script that embeds the
      // collector, or main after SIGTERM) would otherwise end here, before the thread closed its
      // connection, and leave the caller's `await close()` unsettled.
      this.#worker.ref();
      // Also after a failed fsync: the thread is still running then.
      if (!this.#gone) this.#worker.postMessage({ type: 'stop' });
      await this.#exited;
    })();
    return this.#stopping;
  }
}
