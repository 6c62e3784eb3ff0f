import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RecordRow } from '../record-row';
import { StoreUnavailableError } from '../types';
import { SAFETY_AUTOCHECKPOINT_PAGES } from './database';
import { WalSyncError } from './wal-sync';
import type {
  Failure,
  GroupReply,
  RowOutcome,
  WriterReply,
  WriterRequest,
  WriterThreadData,
} from './writer-protocol';

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

// The thread's code is writer-thread.ts, a module of its own, typed and linted like the rest.

/** What became of one batch: its rows' outcomes, or why none was stored. */
type BatchOutcome = { changes: RowOutcome[] } | { error: Error };

/**
 * Starts writer-thread.ts. Under tsx (npm start, the tests, the bench) the file is TypeScript, and on
 * Node 20 a worker does not inherit tsx's module hooks, so a one-line CommonJS entry loads it through
 * tsx's require API first; compiled to JavaScript, it starts as it is.
 */
function startWriterThread(data: WriterThreadData): Worker {
  const here = fileURLToPath(import.meta.url);
  const extension = here.endsWith('.ts') ? '.ts' : '.js';
  const thread = fileURLToPath(new URL(`./writer-thread${extension}`, import.meta.url));
  if (extension === '.js') return new Worker(thread, { workerData: data });
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api');
  return new Worker(`require(${JSON.stringify(tsx)}).require(${JSON.stringify(thread)}, __filename);`, {
    eval: true,
    workerData: data,
  });
}

function toError(failure: Failure): Error {
  // The code (SQLITE_BUSY, SQLITE_FULL …) is what the API maps to 503 db_unavailable.
  return Object.assign(new Error(failure.message), { code: failure.code });
}

/** The thread that writes ingested records into one database file, syncs and checkpoints its WAL. */
export class SqliteWriter {
  readonly #file: string;
  readonly #worker: Worker;
  readonly #exited: Promise<void>;
  readonly #ready: Promise<void>;
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
    this.#worker = startWriterThread({
      file,
      autocheckpointPages: SAFETY_AUTOCHECKPOINT_PAGES,
      journalSizeLimit: options.journalSizeLimit,
      checkpointWalBytes: options.checkpointWalBytes,
    });
    // Referenced until it is ready (so a process awaiting `ready` stays alive), then only while it has
    // work (see insert and #settle).
    let announced: () => void = () => undefined;
    this.#ready = new Promise<void>((resolve) => {
      announced = resolve;
    });
    this.#worker.on('message', (reply: WriterReply) => {
      if (reply.type === 'group') {
        this.#settle(reply);
      } else {
        if (this.#waiting.size === 0) this.#worker.unref();
        announced();
      }
    });
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
    // A thread that ends before it was ready failed to open the database: `ready` rejects with that.
    this.#ready = Promise.race([
      this.#ready,
      this.#exited.then(() => {
        throw this.#failure;
      }),
    ]);
    this.#ready.catch(() => undefined);
  }

  /**
   * Resolves once the thread has opened its connection and takes batches; rejects if it stopped
   * first. Batches given before are queued, so only a caller that must know (the collector, before it
   * listens) waits for this.
   */
  ready(): Promise<void> {
    return this.#ready;
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
      this.#post({ type: 'ingest', id, rows });
    });
    if ('error' in outcome) throw outcome.error;
    return outcome.changes;
  }

  #post(request: WriterRequest): void {
    this.#worker.postMessage(request);
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
      if (!this.#gone) this.#post({ type: 'stop' });
      await this.#exited;
    })();
    return this.#stopping;
  }
}
