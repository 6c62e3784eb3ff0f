// The one migration runner's rules, shared by both databases: which steps are pending, when a
// database is too new to touch, and how a step is recorded. sqlite/database.ts and postgres/pool.ts
// only execute what `pendingMigrations` returns, each in its own dialect and transaction style.

/** One forward-only schema step; `version` numbers are contiguous from 1 (checked by a meta-test). */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * A numbered series of steps and the table that records which of them ran. The collector's tables and
 * the dashboard's form two series: each refuses a table naming a version it does not know.
 */
export interface MigrationSeries {
  table: 'schema_migrations' | 'dashboard_schema_migrations';
  steps: readonly Migration[];
}

/** Thrown when the database was written by a newer collector: running old code on it could corrupt it. */
export class DatabaseTooNewError extends Error {
  readonly code = 'db_too_new';
  constructor(found: number, known: number) {
    super(
      `database schema version ${found} is newer than this collector knows (${known}); upgrade the collector`,
    );
    this.name = 'DatabaseTooNewError';
  }
}

/** SQL creating a series' bookkeeping table (the same text in both dialects). */
export function migrationsTableSql(series: MigrationSeries): string {
  return `CREATE TABLE IF NOT EXISTS ${series.table} (
    version     INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    applied_at  TEXT NOT NULL
  )`;
}

/** SQL recording one applied step: parameters version, name, applied_at, as `?` placeholders. */
export function recordMigrationSql(series: MigrationSeries): string {
  return `INSERT INTO ${series.table} (version, name, applied_at) VALUES (?, ?, ?)`;
}

/**
 * The steps of `series` not yet in `applied`, in order. Throws DatabaseTooNewError when `applied`
 * names a version beyond the last step this collector knows.
 */
export function pendingMigrations(series: MigrationSeries, applied: Iterable<number>): Migration[] {
  const done = new Set(applied);
  const known = series.steps.at(-1)?.version ?? 0;
  const newest = Math.max(0, ...done);
  if (newest > known) throw new DatabaseTooNewError(newest, known);
  return series.steps.filter((step) => !done.has(step.version));
}
