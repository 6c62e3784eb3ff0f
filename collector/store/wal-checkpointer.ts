import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// Why a thread: a checkpoint copies the pages written since the last one from the WAL into the
// database file and fsyncs that file. SQLite's auto-checkpoint runs it inside whichever commit crosses
// its threshold, on the collector's only JavaScript thread, where it held up every request for the
// length of that fsync. On a thread of its own the wait overlaps with reading and validating the next
// batches.
//
// Unlike an earlier attempt (a thread checkpointing on a timer, backed out in b93725c), the store asks
// for a checkpoint right after an fsync and commits nothing until it is done (WalSync holds commits
// back meanwhile). So the checkpoint copies the whole WAL, and the next commit starts the WAL over from
// its beginning instead of making it grow. Durability never depends on this thread: commits are durable
// by the WAL's fsync alone, and if the thread fails, the writer's auto-checkpoint (raised, not turned
// off: SAFETY_AUTOCHECKPOINT_PAGES) still bounds the WAL.

/** Auto-checkpoint threshold (pages) of connections that write while the thread does the routine work. */
export const SAFETY_AUTOCHECKPOINT_PAGES = 20_000;

// Plain JavaScript evaluated in the worker: a worker cannot load the collector's TypeScript by itself.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
// A checkpoint syncs the WAL before copying and the database file after, under FULL as under NORMAL.
db.pragma('synchronous = FULL');
parentPort.on('message', (message) => {
  if (message === 'stop') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({});
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message) });
  }
});
`;

/** A checkpoint thread on one database file. */
export class WalCheckpointer {
  readonly #worker: Worker;
  readonly #exited: Promise<void>;
  #waiting: Array<() => void> = [];
  #dead = false;
  #stopping: Promise<void> | undefined;

  /** Starts the thread on `file`, an existing database in WAL mode. */
  constructor(file: string) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.#worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver } });
    // Never what keeps a process alive; stop() is still how the store ends it.
    this.#worker.unref();
    this.#worker.on('message', (message: { error?: string }) => {
      // SQLITE_BUSY and the like: the next checkpoint (or the safety auto-checkpoint) copies the pages.
      if (message.error) console.error('collector: WAL checkpoint failed', message.error);
      this.#waiting.shift()?.();
    });
    this.#exited = new Promise<void>((resolve) => {
      this.#worker.once('exit', () => {
        this.#dead = true;
        for (const done of this.#waiting.splice(0)) done();
        resolve();
      });
    });
    this.#worker.once('error', (error) => console.error('collector: WAL checkpoint thread failed', error));
  }

  /** Checkpoints the WAL as far as readers allow; resolves when done. Never rejects. */
  checkpoint(): Promise<void> {
    if (this.#dead || this.#stopping) return Promise.resolve();
    return new Promise((resolve) => {
      this.#waiting.push(resolve);
      this.#worker.postMessage('checkpoint');
    });
  }

  /** Ends the thread once its current checkpoint is done. */
  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      if (!this.#dead) this.#worker.postMessage('stop');
      await this.#exited;
    })();
    return this.#stopping;
  }
}
