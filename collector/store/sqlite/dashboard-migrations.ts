import type { Migration } from '../migrations';

// The dashboard's tables form their own numbered series, recorded in `dashboard_schema_migrations`:
// the collector's series (migrations.ts) refuses a database whose schema_migrations names a version it
// does not know, so steps added here must not appear there. postgres/dashboard-migrations.ts holds the
// PostgreSQL variant of each step under the same number.

// ISO week of a UTC timestamp, named by its Monday: 'weekday 0' moves to the coming Sunday (or stays
// on one), six days back is that week's Monday.
/** SQLite expression for the Monday of the UTC week of a timestamp column. */
const WEEK = (column: string) => `date(${column}, 'weekday 0', '-6 days')`;
/** SQLite expression for the score weight of an impact column. */
const WEIGHT = (column: string) => `(CASE ${column} WHEN 'blocks' THEN 3 WHEN 'slows' THEN 2 ELSE 1 END)`;

/** The dashboard's SQLite schema history. */
export const DASHBOARD_SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'officers, sessions, duplicates, hotspot weeks, note search, filter indexes',
    sql: `
      CREATE TABLE officers (
        user_name      TEXT PRIMARY KEY,
        password_hash  TEXT NOT NULL,
        created_at     TEXT NOT NULL
      );

      CREATE TABLE officer_sessions (
        token_hash    TEXT PRIMARY KEY,
        user_name     TEXT NOT NULL,
        csrf_token    TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        expires_at    TEXT NOT NULL,
        last_seen_at  TEXT NOT NULL
      );
      CREATE INDEX officer_sessions_user ON officer_sessions (user_name);
      CREATE INDEX officer_sessions_expires ON officer_sessions (expires_at);

      -- Kept in the database rather than in memory, so several instances share one limit.
      CREATE TABLE signin_failures (
        subject  TEXT NOT NULL,
        at       TEXT NOT NULL
      );
      CREATE INDEX signin_failures_subject ON signin_failures (subject, at);

      CREATE TABLE record_duplicates (
        id            TEXT PRIMARY KEY REFERENCES records (id),
        duplicate_of  TEXT NOT NULL REFERENCES records (id),
        marked_at     TEXT NOT NULL,
        marked_by     TEXT NOT NULL
      );
      CREATE INDEX record_duplicates_of ON record_duplicates (duplicate_of);

      CREATE TABLE dashboard_audit (
        seq        INTEGER PRIMARY KEY,
        record_id  TEXT NOT NULL,
        at         TEXT NOT NULL,
        officer    TEXT NOT NULL,
        action     TEXT NOT NULL,
        detail     TEXT
      );
      CREATE INDEX dashboard_audit_record ON dashboard_audit (record_id, seq);

      -- Counts per application × route × week, so ranking a million records reads a few thousand
      -- rows. New records are added in batches by the dashboard store (SqliteDashboardStore.catchUp),
      -- not by a trigger on records: a per-row trigger made every ingest several times slower.
      -- Duplicates are taken out when marked and put back when unmarked (triggers below).
      CREATE TABLE hotspot_weekly (
        app             TEXT NOT NULL,
        route_template  TEXT NOT NULL,
        week            TEXT NOT NULL,
        records         INTEGER NOT NULL,
        score           INTEGER NOT NULL,
        minutes         INTEGER NOT NULL,
        PRIMARY KEY (app, route_template, week)
      );
      CREATE INDEX hotspot_weekly_week ON hotspot_weekly (week);

      -- How far (records.seq) the search index and the hotspot weeks have taken in new records.
      CREATE TABLE dashboard_progress (
        name  TEXT PRIMARY KEY,
        seq   INTEGER NOT NULL
      );
      INSERT INTO dashboard_progress (name, seq) VALUES ('records', 0);

      CREATE TRIGGER record_duplicates_hotspot_ai AFTER INSERT ON record_duplicates BEGIN
        UPDATE hotspot_weekly AS h
        SET records = h.records - 1, score = h.score - r.weight, minutes = h.minutes - r.minutes
        FROM (SELECT app, route_template, ${WEEK('created_at')} AS week, ${WEIGHT('impact')} AS weight,
                     coalesce(minutes_lost, 0) AS minutes
              FROM records WHERE id = new.id) AS r
        WHERE h.app = r.app AND h.route_template = r.route_template AND h.week = r.week;
      END;

      CREATE TRIGGER record_duplicates_hotspot_ad AFTER DELETE ON record_duplicates BEGIN
        UPDATE hotspot_weekly AS h
        SET records = h.records + 1, score = h.score + r.weight, minutes = h.minutes + r.minutes
        FROM (SELECT app, route_template, ${WEEK('created_at')} AS week, ${WEIGHT('impact')} AS weight,
                     coalesce(minutes_lost, 0) AS minutes
              FROM records WHERE id = old.id) AS r
        WHERE h.app = r.app AND h.route_template = r.route_template AND h.week = r.week;
      END;

      -- Full-text search in notes; an external-content table, so the note text is stored once. Fed
      -- by the same catch-up as the hotspot weeks.
      -- remove_diacritics 2: "drucken" also finds "drücken".
      CREATE VIRTUAL TABLE records_fts USING fts5 (
        note, content = 'records', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2'
      );

      -- Each filter with the default order (newest first) reads only the rows it shows.
      -- (Impact has three values: the newest-first scan finds a page of any of them quickly.)
      CREATE INDEX records_app_created ON records (app, created_at);
      CREATE INDEX records_app_route_created ON records (app, route_template, created_at);
      CREATE INDEX records_category_created ON records (category, created_at);
      CREATE INDEX records_unit_created ON records (unit, created_at);
    `,
  },
];
