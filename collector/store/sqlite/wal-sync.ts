import { close, fsync, open } from 'node:fs';

/**
 * Makes commits of a WAL-mode SQLite connection running with `synchronous = NORMAL` durable, off the
 * event loop. Why: with `synchronous = FULL` every commit ends in an fsync of the WAL inside SQLite,
 * on the JavaScript thread, and ingest spent most of its wall-clock time blocked there while the
 * next batches waited to be parsed. In WAL mode FULL and NORMAL differ in exactly that one call
 * (sqlite3WalFrames syncs the WAL after a commit's frames only under FULL; the WAL header at a restart
 * and both files around a checkpoint are synced under NORMAL too). So the caller commits under NORMAL,
 * then waits here for an fsync of the WAL file that *began after its commit returned*: that covers
 * every frame the commit wrote, so the commit is as durable as under FULL when the promise resolves.
 * The fsync runs on libuv's thread pool, one at a time; commits made while one runs share the next.
 * Ingest does the same fsync on its writer thread instead (writer-thread.ts); this class serves the
 * JavaScript thread's own commits (officer status changes through the API).
 *
 * Other connections can read a commit before its fsync has finished (under FULL they could not). A
 * caller that answers from such a read — "this id is already stored" — must wait here as well, so it
 * never acknowledges a row that is not yet on disk.
 *
 * A failed fsync is final: Linux may drop the failed pages' dirty state, so a later fsync that succeeds
 * proves nothing about them (PostgreSQL stops on this for the same reason). Every later wait rejects
 * until the process restarts and SQLite recovers the WAL from what is really on disk.
 */
export class WalSync {
  readonly #file: string;
  #inFlight: Promise<void> | undefined;
  #waiters: Array<{ resolve(): void; reject(error: unknown): void }> = [];
  #failure: WalSyncError | undefined;

  /** `file`: the WAL (`<database>-wal`). */
  constructor(file: string) {
    this.#file = file;
  }

  /** Set once an fsync failed; nothing may be acknowledged after that. */
  get failure(): WalSyncError | undefined {
    return this.#failure;
  }

  /** Resolves when an fsync of the WAL that began after this call has completed. */
  durable(): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      this.#waiters.push({ resolve, reject });
      if (!this.#inFlight) this.#start();
    });
  }

  /** Resolves when no fsync runs and none is waited for. */
  async drain(): Promise<void> {
    while (this.#inFlight) await this.#inFlight;
  }

  #start(): void {
    const waiters = this.#waiters.splice(0);
    const run = syncFile(this.#file)
      .then(
        () => {
          for (const waiter of waiters) waiter.resolve();
        },
        (error: unknown) => {
          this.#failure ??= new WalSyncError(this.#file, error);
          console.error(`collector: ${this.#failure.message}; restart the collector`, error);
          for (const waiter of [...waiters, ...this.#waiters.splice(0)]) waiter.reject(this.#failure);
        },
      )
      .finally(() => {
        this.#inFlight = undefined;
        if (this.#waiters.length > 0) this.#start();
      });
    this.#inFlight = run;
  }
}

/** fsyncs `file`. */
function syncFile(file: string): Promise<void> {
  // Opened by name each time: never a descriptor of a file that is no longer the WAL. fsync rather
  // than fdatasync, the call SQLite itself makes under FULL on Linux. Plain callbacks: a FileHandle
  // per fsync cost measurably more on the JavaScript thread.
  return new Promise((resolve, reject) => {
    open(file, 'r', (openError, fd) => {
      if (openError) return reject(openError);
      fsync(fd, (syncError) =>
        close(fd, (closeError) => {
          const failure = syncError ?? closeError;
          if (failure) reject(failure);
          else resolve();
        }),
      );
    });
  });
}

/** A failed fsync of the WAL. The code is SQLite's own for it, so callers treat it like one. */
export class WalSyncError extends Error {
  readonly code = 'SQLITE_IOERR_FSYNC';
  constructor(file: string, cause: unknown) {
    super(`fsync of ${file} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'WalSyncError';
  }
}
