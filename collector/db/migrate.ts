import type Database from 'better-sqlite3';
import type { Migration } from './migrations/sqlite';

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

/** Applies pending migrations in order, each in its own transaction; returns the versions applied. */
export function applyMigrations(db: Database.Database, migrations: readonly Migration[]): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version     INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    applied_at  TEXT NOT NULL
  )`);
  const applied = new Set(db.prepare<[], number>('SELECT version FROM schema_migrations').pluck().all());
  const known = migrations.at(-1)?.version ?? 0;
  const newest = Math.max(0, ...applied);
  if (newest > known) throw new DatabaseTooNewError(newest, known);

  const record = db.prepare<[number, string, string]>(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
  );
  const done: number[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    })();
    done.push(migration.version);
  }
  return done;
}
