import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { RecordRow } from './record-row';
import { StoreUnavailableError } from './types';
import { WalSyncError } from './wal-sync';

// Why a thread: better-sqlite3 is synchronous, so on the JavaScript thread the inserts of a group
// commit (a row and seven index entries per record) and the commit's writes held up the whole
// collector — about a third of its busy time in the ingest bench. Here they run beside the reading,
// parsing and validating of the next batches. The store decides which batches form a group; this
// thread commits the group, makes it durable and answers only then.
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
  INSERT INTO records (id, received_at, batch_id, created_at, app, route_template, screen_name,
                       category, impact, during_appointment, minutes_lost, unit, note, record_json)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (id) DO NOTHING`;

// Plain JavaScript evaluated in the worker: a worker cannot load the collector's TypeScript by itself.
const WORKER_SOURCE = `
const { closeSync, fstatSync, fsyncSync, openSync } = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('foreign_keys = ON');
// No fsync in the commit: syncWal() follows it, before the group is answered.
db.pragma('synchronous = NORMAL');
db.pragma('wal_autocheckpoint = ' + workerData.autocheckpointPages);
db.pragma('journal_size_limit = ' + workerData.journalSizeLimit);
const insert = db.prepare(workerData.insertSql);
// Per batch, one change count per row: 1 stored, 0 already stored (before, or earlier in the group).
const ingest = db.transaction((group) => group.map((rows) => rows.map((row) => insert.run(...row).changes)));
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

parentPort.on('message', (message) => {
  if (message.type === 'stop') {
    db.close();
    parentPort.close();
    return;
  }
  if (syncFailure) return parentPort.postMessage({ id: message.id, syncFailure });
  const outcomes = commit(message.group);
  let walBytes;
  try {
    // Also after a group whose batches all failed: it costs one fsync and keeps the rule simple —
    // no answer before an fsync that began after this group's transaction ended.
    walBytes = syncWal();
  } catch (error) {
    syncFailure = failure(error);
    return parentPort.postMessage({ id: message.id, syncFailure });
  }
  parentPort.postMessage({ id: message.id, outcomes });
  if (walBytes >= workerData.checkpointWalBytes) checkpoint();
});
`;

/** What became of one batch of a group: its change counts, or why its transaction failed. */
export type BatchOutcome = { changes: number[] } | { error: Error };

interface Reply {
  id: number;
  outcomes?: Array<{ changes: number[] } | { error: { message: string; code?: string } }>;
  /** The fsync of the WAL failed (now or before): nothing of this group may be acknowledged. */
  syncFailure?: { message: string; code?: string };
  /** Set on the main side when the thread is gone. */
  error?: Error;
}

function toError(failure: { message: string; code?: string }): Error {
  // The code (SQLITE_BUSY, SQLITE_FULL …) is what the API maps to 503 db_unavailable.
  return Object.assign(new Error(failure.message), { code: failure.code });
}

/** The thread that writes ingested records into one database file, syncs and checkpoints its WAL. */
export class SqliteWriter {
  readonly #file: string;
  readonly #worker: Worker;
  readonly #exited: Promise<void>;
  readonly #waiting = new Map<number, (reply: Reply) => void>();
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
    this.#worker.on('message', (reply: Reply) => {
      const done = this.#waiting.get(reply.id);
      this.#waiting.delete(reply.id);
      if (this.#waiting.size === 0) this.#worker.unref();
      done?.(reply);
    });
    this.#worker.once('error', (error) => console.error('collector: SQLite writer thread failed', error));
    this.#exited = new Promise<void>((resolve) => {
      this.#worker.once('exit', () => {
        this.#gone = true;
        this.#failure ??= new StoreUnavailableError('the SQLite writer thread has stopped');
        // Nothing still waiting can get an answer now; senders retry a batch they got no reply for.
        for (const done of this.#waiting.values()) done({ id: 0, error: this.#failure });
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
   * Inserts a group of batches (each a list of rows) in one transaction, or each batch alone if the
   * group's fails, and fsyncs the WAL: what this resolves with as committed is on disk. Rejects with a
   * WalSyncError if that fsync failed.
   */
  async insert(group: RecordRow[][]): Promise<BatchOutcome[]> {
    const reply = await this.#call({ type: 'ingest', group });
    if (reply.syncFailure) {
      if (!this.#failure) {
        this.#failure = new WalSyncError(`${this.#file}-wal`, toError(reply.syncFailure));
        console.error(`collector: ${this.#failure.message}; restart the collector`);
      }
      throw this.#failure;
    }
    if (!reply.outcomes) throw reply.error ?? new StoreUnavailableError('the SQLite writer gave no answer');
    return reply.outcomes.map((outcome) =>
      'changes' in outcome ? outcome : { error: toError(outcome.error) },
    );
  }

  #call(message: { type: string; group?: RecordRow[][] }): Promise<Reply> {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    return new Promise((resolve) => {
      if (this.#waiting.size === 0) this.#worker.ref();
      this.#waiting.set(id, resolve);
      this.#worker.postMessage({ ...message, id });
    });
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
