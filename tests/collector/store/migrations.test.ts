import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseTooNewError } from '../../../collector/store/migrations';
import { DASHBOARD_POSTGRES_MIGRATIONS } from '../../../collector/store/postgres/dashboard-migrations';
import { POSTGRES_MIGRATIONS } from '../../../collector/store/postgres/migrations';
import { redactDatabaseUrl } from '../../../collector/store/postgres/pool';
import { DASHBOARD_SQLITE_MIGRATIONS } from '../../../collector/store/sqlite/dashboard-migrations';
import { SqliteDashboardStore } from '../../../collector/store/sqlite/dashboard-store';
import { openSqliteDatabase, SQLITE_FILE_NAME } from '../../../collector/store/sqlite/database';
import { SQLITE_MIGRATIONS } from '../../../collector/store/sqlite/migrations';
import { SqliteStore } from '../../../collector/store/sqlite/store';
import { makeRecord } from '../../support/records';
import { BATCH, makeTempDir, queryDatabase, removeTempDirs, startTestCollector } from '../helpers';

// The migration series of both databases (store/migrations.ts and each backend's lists).

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
      'change_markers_day',
      'hub_cells_job_centre_week',
      'hub_markers_day',
      'hub_notes_screen',
      'hub_notices_screen',
      'hub_questions_app',
      'hub_screen_totals_screen',
      'hub_screen_weeks_job_centre',
      'hub_screen_weeks_screen',
      'incident_notifications_due',
      'incidents_active',
      'incidents_app_opened',
      'question_answers_question',
      'questions_active',
      'record_status_change_seq',
      'record_status_status',
      'records_caught_received',
      'records_created_at',
      'records_incident',
      'records_outage_waiting',
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

describe('migration series (meta-test)', () => {
  it('has a PostgreSQL variant of every SQLite step of the collector, same number and name', () => {
    expect(POSTGRES_MIGRATIONS.map(({ version, name }) => ({ version, name }))).toEqual(
      SQLITE_MIGRATIONS.map(({ version, name }) => ({ version, name })),
    );
  });

  it('has both variants of every dashboard step, numbered 1, 2, 3 … without gaps', () => {
    const steps = DASHBOARD_SQLITE_MIGRATIONS.map(({ version, name }) => ({ version, name }));
    expect(DASHBOARD_POSTGRES_MIGRATIONS.map(({ version, name }) => ({ version, name }))).toEqual(steps);
    expect(steps.map((step) => step.version)).toEqual(steps.map((_, index) => index + 1));
  });

  it('fills the search index and the hotspot weeks from records stored before the dashboard existed', async () => {
    const file = path.join(await makeTempDir(), SQLITE_FILE_NAME);
    const store = new SqliteStore(file);
    await store.ingest([makeRecord({ note: 'Fristenrechner rechnet falsch' }), makeRecord()], BATCH);
    await store.close();

    const dashboard = new SqliteDashboardStore(file);
    try {
      const found = await dashboard.listRecords(
        { q: 'fristenrechner' },
        { key: 'created', dir: 'desc' },
        0,
        10,
      );
      const report = await dashboard.hotspots({
        toWeek: '2026-11-30',
        thisWeek: '2026-11-23',
        metric: 'count',
        limit: 5,
        filter: {},
      });
      expect(found.total).toBe(1);
      expect(report.hotspots.map((h) => [h.app, h.routeTemplate, h.count])).toEqual([
        ['Leistungsverfahren', '/akte/:id/leistungen', 2],
      ]);
    } finally {
      await dashboard.close();
    }
  });

  it('refuses a database whose dashboard tables a newer collector wrote', async () => {
    const file = path.join(await makeTempDir(), SQLITE_FILE_NAME);
    await new SqliteDashboardStore(file).close();
    const db = new Database(file);
    db.prepare(
      "INSERT INTO dashboard_schema_migrations (version, name, applied_at) VALUES (99, 'future', 'x')",
    ).run();
    db.close();

    expect(() => new SqliteDashboardStore(file)).toThrow(DatabaseTooNewError);
  });

  it('keeps the password out of the database URL it prints', () => {
    expect(redactDatabaseUrl('postgres://mitsprache:s3cret@db.example:5432/feedback')).toBe(
      'postgres://mitsprache:***@db.example:5432/feedback',
    );
  });
});
