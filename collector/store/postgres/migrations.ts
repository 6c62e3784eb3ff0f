import type { Migration } from '../migrations';

// The PostgreSQL variant of every step in sqlite/migrations.ts, with the same version and name (a meta-test
// checks they stay in step). Same columns and meaning: timestamps stay ISO 8601 UTC text, in the "C"
// collation so they compare byte-wise like SQLite's; booleans stay 0/1 integers; `seq INTEGER
// PRIMARY KEY` and AUTOINCREMENT become BIGSERIAL.
/** The PostgreSQL schema history of the collector's own tables, applied like SQLITE_MIGRATIONS. */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'records, officer status and status history',
    sql: `
      CREATE TABLE records (
        seq                 BIGSERIAL PRIMARY KEY,
        id                  TEXT NOT NULL UNIQUE,
        received_at         TEXT COLLATE "C" NOT NULL,
        batch_id            TEXT NOT NULL,
        created_at          TEXT COLLATE "C" NOT NULL,
        app                 TEXT NOT NULL,
        route_template      TEXT NOT NULL,
        screen_name         TEXT NOT NULL,
        category            TEXT NOT NULL,
        impact              TEXT NOT NULL,
        during_appointment  INTEGER NOT NULL,
        minutes_lost        INTEGER,
        unit                TEXT,
        note                TEXT NOT NULL,
        record_json         TEXT NOT NULL
      );
      CREATE INDEX records_received_at ON records (received_at);
      CREATE INDEX records_created_at ON records (created_at);
      CREATE INDEX records_app_route ON records (app, route_template);
      CREATE INDEX records_category ON records (category);

      CREATE TABLE record_status (
        id          TEXT PRIMARY KEY REFERENCES records (id),
        status      TEXT NOT NULL,
        reply       TEXT,
        updated_at  TEXT COLLATE "C" NOT NULL,
        change_seq  BIGINT NOT NULL
      );
      CREATE INDEX record_status_status ON record_status (status);
      CREATE INDEX record_status_change_seq ON record_status (change_seq);

      -- A sequence never hands a number out twice; the store serialises status changes so numbers
      -- also become visible in order (the status cursor must not skip a change committed late).
      CREATE TABLE status_history (
        change_seq  BIGSERIAL PRIMARY KEY,
        id          TEXT NOT NULL REFERENCES records (id),
        status      TEXT NOT NULL,
        reply       TEXT,
        changed_at  TEXT COLLATE "C" NOT NULL
      );
      CREATE INDEX status_history_id ON status_history (id, change_seq);
    `,
  },
  {
    version: 2,
    name: 'drop record indexes the dashboard indexes cover',
    // As on SQLite: dashboard-postgres.ts creates records_app_route_created and records_category_created,
    // whose leading columns serve every lookup these two served.
    sql: `
      DROP INDEX IF EXISTS records_app_route;
      DROP INDEX IF EXISTS records_category;
    `,
  },
  {
    version: 3,
    name: 'what the collector masked in each record',
    // As on SQLite. A column with a constant default is added without rewriting the table.
    sql: `
      ALTER TABLE records ADD COLUMN caught INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE records ADD COLUMN caught_counts TEXT;
      CREATE INDEX records_caught_received ON records (received_at) WHERE caught > 0;
    `,
  },
  {
    version: 4,
    name: 'answers only for the installation that sent the record',
    // As on SQLite; a nullable column without a default is added without rewriting the table.
    sql: `
      ALTER TABLE records ADD COLUMN answer_hash TEXT;
    `,
  },
  {
    version: 5,
    name: 'outages and incidents',
    // As on SQLite; timestamps in the "C" collation, change numbers BIGINT like change_seq.
    sql: `
      ALTER TABLE records ADD COLUMN outage_kind TEXT;
      ALTER TABLE records ADD COLUMN outage_code TEXT;
      ALTER TABLE records ADD COLUMN outage_since TEXT COLLATE "C";
      ALTER TABLE records ADD COLUMN outage_source TEXT;
      ALTER TABLE records ADD COLUMN outage_episode TEXT;
      ALTER TABLE records ADD COLUMN incident_id TEXT;
      ALTER TABLE records ADD COLUMN incident_seq BIGINT;
      CREATE INDEX records_outage_waiting ON records (app, received_at)
        WHERE outage_episode IS NOT NULL AND incident_id IS NULL;
      CREATE INDEX records_incident ON records (incident_id) WHERE incident_id IS NOT NULL;

      CREATE TABLE incidents (
        id            TEXT PRIMARY KEY,
        app           TEXT NOT NULL,
        state         TEXT NOT NULL,
        window_start  TEXT COLLATE "C" NOT NULL,
        opened_at     TEXT COLLATE "C" NOT NULL,
        known_at      TEXT COLLATE "C",
        closed_at     TEXT COLLATE "C",
        status_text   TEXT,
        changed_at    TEXT COLLATE "C" NOT NULL,
        change_seq    BIGINT NOT NULL
      );
      CREATE INDEX incidents_app_opened ON incidents (app, opened_at);
      CREATE INDEX incidents_active ON incidents (state) WHERE state <> 'closed';

      CREATE TABLE incident_notifications (
        event_id         TEXT NOT NULL,
        channel          TEXT NOT NULL,
        incident_id      TEXT NOT NULL REFERENCES incidents (id),
        event            TEXT NOT NULL,
        payload          TEXT NOT NULL,
        created_at       TEXT COLLATE "C" NOT NULL,
        attempts         INTEGER NOT NULL DEFAULT 0,
        next_attempt_at  TEXT COLLATE "C" NOT NULL,
        delivered_at     TEXT COLLATE "C",
        last_error       TEXT,
        PRIMARY KEY (event_id, channel)
      );
      CREATE INDEX incident_notifications_due ON incident_notifications (next_attempt_at)
        WHERE delivered_at IS NULL;
    `,
  },
  {
    version: 6,
    name: 'questions, answers and change markers',
    // As on SQLite (answers keep days only, no batch id); timestamps and days in the "C" collation.
    sql: `
      CREATE TABLE questions (
        id            TEXT PRIMARY KEY,
        state         TEXT NOT NULL,
        app           TEXT NOT NULL,
        starts_at     TEXT COLLATE "C" NOT NULL,
        ends_at       TEXT COLLATE "C" NOT NULL,
        marker_id     TEXT,
        question_json TEXT NOT NULL,
        created_at    TEXT COLLATE "C" NOT NULL,
        updated_at    TEXT COLLATE "C" NOT NULL,
        activated_at  TEXT COLLATE "C",
        ended_at      TEXT COLLATE "C"
      );
      CREATE INDEX questions_active ON questions (app, ends_at) WHERE state = 'active';

      CREATE TABLE question_answers (
        id                 TEXT PRIMARY KEY,
        question_id        TEXT NOT NULL REFERENCES questions (id),
        received_day       TEXT COLLATE "C" NOT NULL,
        created_day        TEXT COLLATE "C" NOT NULL,
        answer             TEXT NOT NULL,
        note               TEXT,
        app                TEXT NOT NULL,
        route_template     TEXT NOT NULL,
        extension_version  TEXT NOT NULL,
        caught             INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX question_answers_question ON question_answers (question_id, created_day);

      CREATE TABLE change_markers (
        id            TEXT PRIMARY KEY,
        day           TEXT COLLATE "C" NOT NULL,
        title         TEXT NOT NULL,
        kind          TEXT NOT NULL,
        apps_json     TEXT NOT NULL,
        screens_json  TEXT NOT NULL,
        created_at    TEXT COLLATE "C" NOT NULL
      );
      CREATE INDEX change_markers_day ON change_markers (day);
    `,
  },
  {
    version: 7,
    name: 'hub: aggregates, shared notes, markers, question results and notices from job centres',
    // As on SQLite; weeks, days and timestamps in the "C" collation so they compare byte-wise.
    sql: `
      CREATE TABLE hub_cells (
        id            TEXT PRIMARY KEY,
        job_centre    TEXT NOT NULL,
        week          TEXT COLLATE "C" NOT NULL,
        app           TEXT NOT NULL,
        screen        TEXT NOT NULL,
        category      TEXT NOT NULL,
        impact        TEXT NOT NULL,
        notes         INTEGER NOT NULL,
        minutes_lost  INTEGER NOT NULL,
        push_id       TEXT NOT NULL,
        received_at   TEXT COLLATE "C" NOT NULL
      );
      CREATE INDEX hub_cells_job_centre_week ON hub_cells (job_centre, week);

      CREATE TABLE hub_screen_weeks (
        week          TEXT COLLATE "C" NOT NULL,
        app           TEXT NOT NULL,
        screen        TEXT NOT NULL,
        job_centre    TEXT NOT NULL,
        notes         INTEGER NOT NULL,
        minutes_lost  INTEGER NOT NULL,
        PRIMARY KEY (week, app, screen, job_centre)
      );
      CREATE INDEX hub_screen_weeks_screen ON hub_screen_weeks (app, screen, week);
      CREATE INDEX hub_screen_weeks_job_centre ON hub_screen_weeks (job_centre, week);

      CREATE TABLE hub_screen_totals (
        week           TEXT COLLATE "C" NOT NULL,
        app            TEXT NOT NULL,
        screen         TEXT NOT NULL,
        job_centres    TEXT NOT NULL,
        notes          INTEGER NOT NULL,
        minutes_lost   INTEGER NOT NULL,
        PRIMARY KEY (week, app, screen)
      );
      CREATE INDEX hub_screen_totals_screen ON hub_screen_totals (app, screen, week);

      CREATE TABLE hub_pushes (
        push_id      TEXT NOT NULL,
        part         INTEGER NOT NULL,
        parts        INTEGER NOT NULL,
        job_centre   TEXT NOT NULL,
        received_at  TEXT COLLATE "C" NOT NULL,
        PRIMARY KEY (push_id, part)
      );

      CREATE TABLE hub_job_centres (
        id            TEXT PRIMARY KEY,
        ordinal       INTEGER NOT NULL UNIQUE,
        last_push_id  TEXT NOT NULL,
        last_push_at  TEXT COLLATE "C" NOT NULL
      );

      CREATE TABLE hub_notes (
        id           TEXT PRIMARY KEY,
        job_centre   TEXT NOT NULL,
        week         TEXT COLLATE "C" NOT NULL,
        app          TEXT NOT NULL,
        screen       TEXT NOT NULL,
        category     TEXT NOT NULL,
        impact       TEXT NOT NULL,
        text         TEXT NOT NULL,
        reply        TEXT,
        received_at  TEXT COLLATE "C" NOT NULL
      );
      CREATE INDEX hub_notes_screen ON hub_notes (app, screen, week);

      CREATE TABLE hub_markers (
        id           TEXT PRIMARY KEY,
        job_centre   TEXT NOT NULL,
        day          TEXT COLLATE "C" NOT NULL,
        marker_json  TEXT NOT NULL,
        received_at  TEXT COLLATE "C" NOT NULL
      );
      CREATE INDEX hub_markers_day ON hub_markers (day);

      CREATE TABLE hub_questions (
        id           TEXT PRIMARY KEY,
        job_centre   TEXT NOT NULL,
        app          TEXT NOT NULL,
        result_json  TEXT NOT NULL,
        received_at  TEXT COLLATE "C" NOT NULL
      );
      CREATE INDEX hub_questions_app ON hub_questions (app);

      CREATE TABLE hub_notices (
        id            TEXT PRIMARY KEY,
        kind          TEXT NOT NULL,
        app           TEXT NOT NULL,
        screen        TEXT NOT NULL,
        notice_json   TEXT NOT NULL,
        withdrawn     INTEGER NOT NULL DEFAULT 0,
        published_at  TEXT COLLATE "C" NOT NULL,
        updated_at    TEXT COLLATE "C" NOT NULL,
        change_seq    BIGINT NOT NULL UNIQUE
      );
      CREATE INDEX hub_notices_screen ON hub_notices (app, screen);
    `,
  },
  {
    version: 8,
    name: 'sharing with a hub: settings, shared notes, pushes and the feed of the hub',
    // As on SQLite; timestamps in the "C" collation.
    sql: `
      CREATE TABLE share_settings (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        enabled     INTEGER NOT NULL,
        hub_url     TEXT NOT NULL,
        job_centre  TEXT NOT NULL,
        token       TEXT NOT NULL,
        updated_at  TEXT COLLATE "C" NOT NULL,
        updated_by  TEXT NOT NULL
      );

      CREATE TABLE share_notes (
        record_id     TEXT PRIMARY KEY REFERENCES records (id),
        shared_at     TEXT COLLATE "C" NOT NULL,
        shared_by     TEXT NOT NULL,
        withdrawn_at  TEXT COLLATE "C"
      );

      CREATE TABLE share_pushes (
        push_id          TEXT PRIMARY KEY,
        created_at       TEXT COLLATE "C" NOT NULL,
        reason           TEXT NOT NULL,
        state            TEXT NOT NULL,
        parts            INTEGER NOT NULL,
        parts_sent       INTEGER NOT NULL DEFAULT 0,
        attempts         INTEGER NOT NULL DEFAULT 0,
        next_attempt_at  TEXT COLLATE "C",
        last_error       TEXT,
        finished_at      TEXT COLLATE "C",
        summary_json     TEXT NOT NULL,
        body_json        TEXT
      );

      CREATE TABLE share_notices (
        id           TEXT PRIMARY KEY,
        app          TEXT NOT NULL,
        screen       TEXT NOT NULL,
        notice_json  TEXT NOT NULL,
        updated_at   TEXT COLLATE "C" NOT NULL
      );

      CREATE TABLE share_feed (
        id               INTEGER PRIMARY KEY CHECK (id = 1),
        cursor           TEXT NOT NULL,
        weeks_json       TEXT NOT NULL,
        comparison_json  TEXT NOT NULL,
        fetched_at       TEXT COLLATE "C" NOT NULL
      );
    `,
  },
];
