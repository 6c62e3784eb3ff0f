import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// Why a thread: a WAL checkpoint copies every page written since the last one from the WAL into the
// database file and syncs it. Left to SQLite's auto-checkpoint it runs inside whichever commit crosses
// the threshold — on the collector's only JavaScript thread — and in the ingest bench it was about half
// of all file I/O calls. A checkpoint by another connection runs beside the writer (WAL allows one
// checkpointer next to one writer), so ingest only appends to the WAL and fsyncs it.
//
// Durability does not depend on this thread: an acknowledged batch is in the synced WAL. If the thread
// stalls or dies, the writer's own auto-checkpoint (raised, not disabled: SAFETY_AUTOCHECKPOINT_PAGES)
// still bounds the WAL.

/** How often the thread checkpoints; one with nothing to copy costs a few microseconds. */
export const CHECKPOINT_INTERVAL_MS = 250;
/** Auto-checkpoint threshold (pages) of connections that write while the thread does the routine work. */
export const SAFETY_AUTOCHECKPOINT_PAGES = 20_000;

// Plain JavaScript evaluated in the worker: a worker cannot load the collector's TypeScript by itself.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
// The copy into the database file must be synced before the WAL may be reused.
db.pragma('synchronous = FULL');
let failed = false;
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    failed = false;
  } catch (error) {
    // Reported once per run of failures; the next round tries again.
    if (!failed) parentPort.postMessage({ error: String(error && error.message) });
    failed = true;
  }
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/** A running checkpoint thread; `stop` resolves once its connection is closed. */
export interface Checkpointer {
  stop(): Promise<void>;
}

/** Starts checkpointing the WAL of `file` (an existing database in WAL mode) on a worker thread. */
export function startCheckpointer(file: string, intervalMs = CHECKPOINT_INTERVAL_MS): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, intervalMs } });
  // Never what keeps a process alive; stop() is still how the collector ends it.
  worker.unref();
  worker.on('message', (message: { error?: string }) => {
    console.error('collector: WAL checkpoint failed', message.error);
  });
  const exited = new Promise<void>((resolve) => {
    worker.once('exit', () => resolve());
    worker.once('error', (error) => {
      console.error('collector: WAL checkpoint thread failed', error);
    });
  });
  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= (async () => {
        worker.postMessage('stop');
        await exited;
      })();
      return stopping;
    },
  };
}
