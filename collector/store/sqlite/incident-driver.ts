import Database from 'better-sqlite3';
import type { SqlDriver, SqlOp, SqlStep } from '../incidents';
import { WalSync } from './wal-sync';

// Statements kept prepared; `IN (…)` lists of other lengths make new texts, so the cache is bounded.
const STATEMENTS_MAX = 200;

/**
 * Runs incident operations (store/incidents.ts) on a connection of their own, each synchronously from
 * start to commit: nothing else on this thread can slip into the transaction or wait for its lock.
 * `BEGIN IMMEDIATE` takes the write lock first, so grouping reads and writes one state, while the
 * ingest thread's commits and officer status changes wait their turn (busy_timeout). Commits run
 * with synchronous = NORMAL and are made durable by an fsync of the WAL off the thread (wal-sync.ts),
 * as officer status changes are: on disk before anyone is answered, without blocking the event loop.
 */
export class SqliteIncidentDriver implements SqlDriver {
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();
  readonly #wal: WalSync;

  constructor(file: string) {
    const db = new Database(file, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    this.#db = db;
    this.#wal = new WalSync(`${file}-wal`);
  }

  #prepare(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      if (this.#statements.size >= STATEMENTS_MAX) this.#statements.clear();
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  #step(step: SqlStep): unknown {
    switch (step.kind) {
      case 'all':
        return this.#prepare(step.sql).all(...step.params);
      case 'run':
        return this.#prepare(step.sql).run(...step.params).changes;
      case 'nextChange':
        // The status cursor's numbers come from status_history's AUTOINCREMENT sequence, which SQLite
        // keeps in sqlite_sequence and never hands out twice; an incident change takes the next one
        // without a history row (the officer's history of a record stays about the record).
        this.#prepare(
          `INSERT INTO sqlite_sequence (name, seq) SELECT 'status_history', 0
           WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'status_history')`,
        ).run();
        return this.#prepare(
          `UPDATE sqlite_sequence SET seq = seq + 1 WHERE name = 'status_history' RETURNING seq`,
        )
          .pluck()
          .get();
    }
  }

  #exec<T>(op: SqlOp<T>): T {
    let input: unknown;
    for (;;) {
      const next = op.next(input);
      if (next.done) return next.value;
      input = this.#step(next.value);
    }
  }

  async write<T>(op: SqlOp<T>): Promise<T> {
    // A failed fsync is final (wal-sync.ts): nothing more is written on this connection.
    if (this.#wal.failure) throw this.#wal.failure;
    const result = this.#commit(op);
    await this.#wal.durable();
    return result;
  }

  #commit<T>(op: SqlOp<T>): T {
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const result = this.#exec(op);
      this.#db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  read<T>(op: SqlOp<T>): Promise<T> {
    try {
      return Promise.resolve(this.#exec(op));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Waits for pending fsyncs, then closes the connection. */
  async close(): Promise<void> {
    await this.#wal.drain();
    if (this.#db.open) this.#db.close();
  }
}
