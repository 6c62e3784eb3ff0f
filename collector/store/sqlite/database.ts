import Database from 'better-sqlite3';
import {
  type MigrationSeries,
  migrationsTableSql,
  pendingMigrations,
  recordMigrationSql,
} from '../migrations';
import { DASHBOARD_SQLITE_MIGRATIONS } from './dashboard-migrations';
import { SQLITE_MIGRATIONS } from './migrations';

/** File name of the database inside the data folder. */
export const SQLITE_FILE_NAME = 'collector.sqlite';

/** The collector's own tables (records, status, history). */
export const SQLITE_SERIES: MigrationSeries = { table: 'schema_migrations', steps: SQLITE_MIGRATIONS };
/** The dashboard's tables, built on the collector's. */
export const DASHBOARD_SQLITE_SERIES: MigrationSeries = {
  table: 'dashboard_schema_migrations',
  steps: DASHBOARD_SQLITE_MIGRATIONS,
};

/** Ids per `IN (…)` list: well under SQLite's bound-parameter limit (32766). */
export const IDS_PER_QUERY = 500;
/** Auto-checkpoint threshold (pages) of every connection, a safety net behind the writer's checkpoints. */
export const SAFETY_AUTOCHECKPOINT_PAGES = 20_000;
// WAL size from which an ingest group's fsync is followed by a checkpoint (about 4000 pages). Larger
// than SQLite's default of 1000 pages: the checkpoint no longer holds up requests, and the fewer there
// are, the fewer times the same index pages are copied into the database file.
/** WAL size (bytes) after which the writer thread checkpoints. */
export const CHECKPOINT_WAL_BYTES = 16 * 1024 * 1024;
/** What a WAL is cut back to when it starts over (journal_size_limit); well below CHECKPOINT_WAL_BYTES. */
export const WAL_KEEP_BYTES = 4 * 1024 * 1024;

/** Applies the pending steps of `series` in order, each in its own transaction; returns the versions applied. */
export function applySqliteMigrations(db: Database.Database, series: MigrationSeries): number[] {
  db.exec(migrationsTableSql(series));
  const applied = db.prepare<[], number>(`SELECT version FROM ${series.table}`).pluck().all();
  const record = db.prepare<[number, string, string]>(recordMigrationSql(series));
  const done: number[] = [];
  for (const migration of pendingMigrations(series, applied)) {
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    })();
    done.push(migration.version);
  }
  return done;
}

/** Opens (creating if needed) a database file in WAL mode and brings its schema up to date. */
export function openSqliteDatabase(file: string): Database.Database {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    // FULL: the commit is on disk before we answer "accepted"; the extension deletes its copy on that answer.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // When a checkpoint lets the WAL start over, it is cut back to this size. Besides freeing the disk
    // after a burst, this keeps the file's size equal to its live content beyond that, so the ingest
    // store can tell from it when a checkpoint is due (CHECKPOINT_WAL_BYTES).
    db.pragma(`journal_size_limit = ${WAL_KEEP_BYTES}`);
    applySqliteMigrations(db, SQLITE_SERIES);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** `?, ?, …` for an `IN (…)` list of `count` values. */
export function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}
