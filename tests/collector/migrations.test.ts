import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseTooNewError } from '../../collector/store/migrations';
import { openSqliteDatabase, SQLITE_FILE_NAME } from '../../collector/store/sqlite/database';
import { SQLITE_MIGRATIONS } from '../../collector/store/sqlite/migrations';
import { makeTempDir, queryDatabase, removeTempDirs, startTestCollector } from './helpers';

afterAll(removeTempDirs);

describe('SQLite migrations', () => {
  it('are numbered 1, 2, 3 … without gaps (meta-test: the runner applies them in array order)', () => {
    expect(SQLITE_MIGRATIONS.map((migration) => migration.version)).toEqual(
      SQLITE_MIGRATIONS.map((_, index) => index + 1),
    );
  });

  it('are applied once and recorded in schema_migrations', async () => {
    const file = path.join(await makeTempDir(), SQLITE_FILE_NAME);
    openSqliteDatabase(file).close();
    openSqliteDatabase(file).close();

    expect(queryDatabase(file, 'SELECT version, name FROM schema_migrations')).toEqual(
      SQLITE_MIGRATIONS.map(({ version, name }) => ({ version, name })),
    );
    expect(queryDatabase(file, 'PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(
      queryDatabase<{ name: string }>(
        file,
        "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      ).map((row) => row.name),
    ).toEqual([
      'record_status_change_seq',
      'record_status_status',
      'records_caught_received',
      'records_created_at',
      'records_received_at',
      'status_history_id',
    ]);
  });

  it('refuse a database written by a newer collector', async () => {
    const dataDir = await makeTempDir();
    const file = path.join(dataDir, SQLITE_FILE_NAME);
    openSqliteDatabase(file).close();
    const db = new Database(file);
    db.prepare(
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', '2030-01-01')",
    ).run();
    db.close();

    await expect(startTestCollector({ dataDir })).rejects.toThrow(DatabaseTooNewError);
  });
});
