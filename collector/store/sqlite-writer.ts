import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { RecordRow } from './record-row';
import { StoreUnavailableError } from './types';

// Why a thread: better-sqlite3 is synchronous, so on the JavaScript thread the inserts of a group
// commit (a row and seven index entries per record) and the commit's writes held up the whole
// collector — about a third of its busy time in the ingest bench. Here they run beside the reading,
// parsing and validating of the next batches. The store still decides when a group is committed and
// when it is durable (after an fsync of the WAL, wal-sync.ts); this thread only runs the transaction
// it is handed, and the WAL checkpoints between commits.
//
// Checkpoints: a checkpoint copies the WAL into the database file and fsyncs that file. SQLite's
// auto-checkpoint would run it inside whichever commit crosses its threshold; the store asks for one
// instead right after an fsync, while it holds back its commits, so the whole WAL is copied and the
// next commit starts it over (unlike the timer-driven thread backed out in b93725c, which let the WAL
// grow). The auto-checkpoint stays as a safety net at SAFETY_AUTOCHECKPOINT_PAGES.

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
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('foreign_keys = ON');
// No fsync in the commit: the store answers only after its own fsync of the WAL (wal-sync.ts).
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

parentPort.on('message', (message) => {
  if (message.type === 'stop') {
    db.close();
    parentPort.close();
  } else if (message.type === 'ingest') {
    parentPort.postMessage({ id: message.id, outcomes: commit(message.group) });
  } else {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
      parentPort.postMessage({ id: message.id });
    } catch (error) {
      // SQLITE_BUSY and the like: the next checkpoint (or the safety net) copies the pages.
      parentPort.postMessage({ id: message.id, error: failure(error) });
    }
  }
});
`;

/** What became of one batch of a group: its change counts, or why its transaction failed. */
export type BatchOutcome = { changes: number[] } | { error: Error };

interface Reply {
  id: number;
  outcomes?: Array<{ changes: number[] } | { error: { message: string; code?: string } }>;
  error?: { message: string; code?: string };
}

function toError(failure: { message: string; code?: string }): Error {
  // The code (SQLITE_BUSY, SQLITE_FULL …) is what the API maps to 503 db_unavailable.
  return Object.assign(new Error(failure.message), { code: failure.code });
}

/** The thread that writes ingested records into one database file and checkpoints its WAL. */
export class SqliteWriter {
  readonly #worker: Worker;
  readonly #exited: Promise<void>;
  readonly #waiting = new Map<number, (reply: Reply) => void>();
  #nextId = 1;
  #failure: Error | undefined;
  #stopping: Promise<void> | undefined;

  /**
   * Starts the thread on `file`, an existing database in WAL mode with the collector's schema;
   * `journalSizeLimit` as on the store's own connections.
   */
  constructor(file: string, journalSizeLimit: number) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.#worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        file,
        driver,
        insertSql: INSERT_RECORD_SQL,
        autocheckpointPages: SAFETY_AUTOCHECKPOINT_PAGES,
        journalSizeLimit,
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
        this.#failure ??= new StoreUnavailableError('the SQLite writer thread has stopped');
        // Nothing still waiting can get an answer now; senders retry a batch they got no reply for.
        for (const done of this.#waiting.values()) done({ id: 0, error: this.#failure });
        this.#waiting.clear();
        resolve();
      });
    });
  }

  /** Set once the thread is gone; nothing can be written after that. */
  get failure(): Error | undefined {
    return this.#failure;
  }

  /**
   * Inserts a group of batches (each a list of rows) in one transaction, or each batch alone if the
   * group's fails. The commit is not yet durable when this resolves.
   */
  async insert(group: RecordRow[][]): Promise<BatchOutcome[]> {
    const reply = await this.#call({ type: 'ingest', group });
    if (!reply.outcomes)
      throw reply.error instanceof Error ? reply.error : toError(reply.error ?? { message: '' });
    return reply.outcomes.map((outcome) =>
      'changes' in outcome ? outcome : { error: toError(outcome.error) },
    );
  }

  /** Checkpoints the WAL as far as readers allow. Never rejects: a failed checkpoint is only logged. */
  async checkpoint(): Promise<void> {
    if (this.#failure || this.#stopping) return;
    const reply = await this.#call({ type: 'checkpoint' });
    if (reply.error) console.error('collector: WAL checkpoint failed', reply.error.message);
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
      if (!this.#failure) this.#worker.postMessage({ type: 'stop' });
      await this.#exited;
    })();
    return this.#stopping;
  }
}
