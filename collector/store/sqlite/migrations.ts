import type { Migration } from '../migrations';

// Kept close to portable SQL so the PostgreSQL store can mirror it: TEXT timestamps are ISO 8601 UTC
// (they sort lexicographically), booleans are 0/1 integers, `seq INTEGER PRIMARY KEY` becomes BIGSERIAL.
/** The SQLite schema history, applied in order at start and recorded in `schema_migrations`. */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'records, officer status and status history',
    sql: `
      CREATE TABLE records (
        seq                 INTEGER PRIMARY KEY,
        id                  TEXT NOT NULL UNIQUE,
        received_at         TEXT NOT NULL,
        batch_id            TEXT NOT NULL,
        created_at          TEXT NOT NULL,
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
        updated_at  TEXT NOT NULL,
        change_seq  INTEGER NOT NULL
      );
      CREATE INDEX record_status_status ON record_status (status);
      CREATE INDEX record_status_change_seq ON record_status (change_seq);

      -- AUTOINCREMENT: change_seq is the status cursor, so a number must never be handed out twice.
      CREATE TABLE status_history (
        change_seq  INTEGER PRIMARY KEY AUTOINCREMENT,
        id          TEXT NOT NULL REFERENCES records (id),
        status      TEXT NOT NULL,
        reply       TEXT,
        changed_at  TEXT NOT NULL
      );
      CREATE INDEX status_history_id ON status_history (id, change_seq);
    `,
  },
  {
    version: 2,
    name: 'drop record indexes the dashboard indexes cover',
    // Every index is one more B-tree each ingested record is written into. (app, route_template) and
    // (category) are prefixes of the dashboard's records_app_route_created and records_category_created,
    // which serve the same lookups; the collector's own queries (ingest, status, export) use neither.
    sql: `
      DROP INDEX IF EXISTS records_app_route;
      DROP INDEX IF EXISTS records_category;
    `,
  },
  {
    version: 3,
    name: 'what the collector masked in each record',
    // caught: how many masks the collector's second line added to the record (collector/second-line.ts),
    // caught_counts: the same by kind, as JSON, NULL when nothing was caught. The index is partial:
    // records with nothing caught — nearly all of them — add no index entry to the ingest, and the
    // weekly leak figure reads only the rows it counts.
    sql: `
      ALTER TABLE records ADD COLUMN caught INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE records ADD COLUMN caught_counts TEXT;
      CREATE INDEX records_caught_received ON records (received_at) WHERE caught > 0;
    `,
  },
  {
    version: 4,
    name: 'answers only for the installation that sent the record',
    // answer_hash: SHA-256 of the record's answer secret (record version 2), NULL for version 1
    // records, whose answers stay readable with the ingest token alone. Only the status query reads it,
    // by primary key, so it needs no index.
    sql: `
      ALTER TABLE records ADD COLUMN answer_hash TEXT;
    `,
  },
  {
    version: 5,
    name: 'outages and incidents',
    // outage_*: the record's outage (issue #17), NULL for notes; incident_id: the incident it was grouped
    // into; incident_seq: the status cursor's number of the last change of that incident this record's
    // reporter has to see (store/incidents.ts). The waiting index holds only outage reports not yet in an
    // incident — the grouping rule's candidates — so notes add no entry to it.
    // incident_notifications: the persistent queue of webhook and e-mail messages, one row per event
    // and channel, so a restart neither loses nor repeats one.
    sql: `
      ALTER TABLE records ADD COLUMN outage_kind TEXT;
      ALTER TABLE records ADD COLUMN outage_code TEXT;
      ALTER TABLE records ADD COLUMN outage_since TEXT;
      ALTER TABLE records ADD COLUMN outage_source TEXT;
      ALTER TABLE records ADD COLUMN outage_episode TEXT;
      ALTER TABLE records ADD COLUMN incident_id TEXT;
      ALTER TABLE records ADD COLUMN incident_seq INTEGER;
      CREATE INDEX records_outage_waiting ON records (app, received_at)
        WHERE outage_episode IS NOT NULL AND incident_id IS NULL;
      CREATE INDEX records_incident ON records (incident_id) WHERE incident_id IS NOT NULL;

      CREATE TABLE incidents (
        id            TEXT PRIMARY KEY,
        app           TEXT NOT NULL,
        state         TEXT NOT NULL,
        window_start  TEXT NOT NULL,
        opened_at     TEXT NOT NULL,
        known_at      TEXT,
        closed_at     TEXT,
        status_text   TEXT,
        changed_at    TEXT NOT NULL,
        change_seq    INTEGER NOT NULL
      );
      CREATE INDEX incidents_app_opened ON incidents (app, opened_at);
      CREATE INDEX incidents_active ON incidents (state) WHERE state <> 'closed';

      CREATE TABLE incident_notifications (
        event_id         TEXT NOT NULL,
        channel          TEXT NOT NULL,
        incident_id      TEXT NOT NULL REFERENCES incidents (id),
        event            TEXT NOT NULL,
        payload          TEXT NOT NULL,
        created_at       TEXT NOT NULL,
        attempts         INTEGER NOT NULL DEFAULT 0,
        next_attempt_at  TEXT NOT NULL,
        delivered_at     TEXT,
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
    // Issue #18. questions: one row per question, the officers' settings as the JSON delivered to
    // extensions (utils/schema/questions.ts) beside the columns it is looked up by. question_answers:
    // each answer once by its device-made id, with no reporter identity; `answer` is the value as text
    // ('3', 'yes', '0' for the first option), so a distribution is one GROUP BY. Only the days of
    // creation and arrival are kept, and no batch id: a record sent in the same request has the exact
    // arrival time and batch id, which would tie an answer to the record's reporter. change_markers: a
    // dated release or legal change with the applications and screens it touches, as JSON lists.
    sql: `
      CREATE TABLE questions (
        id            TEXT PRIMARY KEY,
        state         TEXT NOT NULL,
        app           TEXT NOT NULL,
        starts_at     TEXT NOT NULL,
        ends_at       TEXT NOT NULL,
        marker_id     TEXT,
        question_json TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        activated_at  TEXT,
        ended_at      TEXT
      );
      CREATE INDEX questions_active ON questions (app, ends_at) WHERE state = 'active';

      CREATE TABLE question_answers (
        id                 TEXT PRIMARY KEY,
        question_id        TEXT NOT NULL REFERENCES questions (id),
        received_day       TEXT NOT NULL,
        created_day        TEXT NOT NULL,
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
        day           TEXT NOT NULL,
        title         TEXT NOT NULL,
        kind          TEXT NOT NULL,
        apps_json     TEXT NOT NULL,
        screens_json  TEXT NOT NULL,
        created_at    TEXT NOT NULL
      );
      CREATE INDEX change_markers_day ON change_markers (day);
    `,
  },
  {
    version: 7,
    name: 'hub: aggregates, shared notes, markers, question results and notices from job centres',
    // Issue #19, the hub side (docs/hub.md). hub_cells: the aggregates job centres pushed, one row per
    // deterministic cell id; (job_centre, week) serves the replacement of a push's weeks. hub_screen_weeks:
    // one row per week × screen × job centre (the cells' categories and impacts summed), rebuilt for the
    // pushed weeks inside the push's transaction; hub_screen_weeks_screen serves one screen's medians and
    // each job centre's figures. hub_pushes: each part received (a retried first part must not wipe later parts);
    // hub_job_centres: the last receipt per job centre for the dashboard, and its ordinal (its bit below).
    // hub_screen_totals: what the ranking reads — per week × screen the sums over all job centres and the
    // set of job centres as a bitmap in hex (bit = ordinal), so "job centres affected" over any weeks is
    // the OR of a few hundred bitmaps instead of a DISTINCT over millions of rows (docs/hub.md, "Scale").
    // hub_notes, hub_markers, hub_questions: what job centres shared, by their deterministic ids.
    // hub_notices: what the hub publishes back down; change_seq is the feed's cursor (taken as max + 1 inside the serialised write).
    sql: `
      CREATE TABLE hub_cells (
        id            TEXT PRIMARY KEY,
        job_centre    TEXT NOT NULL,
        week          TEXT NOT NULL,
        app           TEXT NOT NULL,
        screen        TEXT NOT NULL,
        category      TEXT NOT NULL,
        impact        TEXT NOT NULL,
        notes         INTEGER NOT NULL,
        minutes_lost  INTEGER NOT NULL,
        push_id       TEXT NOT NULL,
        received_at   TEXT NOT NULL
      );
      CREATE INDEX hub_cells_job_centre_week ON hub_cells (job_centre, week);

      CREATE TABLE hub_screen_weeks (
        week          TEXT NOT NULL,
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
        week           TEXT NOT NULL,
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
        received_at  TEXT NOT NULL,
        PRIMARY KEY (push_id, part)
      );

      CREATE TABLE hub_job_centres (
        id            TEXT PRIMARY KEY,
        ordinal       INTEGER NOT NULL UNIQUE,
        last_push_id  TEXT NOT NULL,
        last_push_at  TEXT NOT NULL
      );

      CREATE TABLE hub_notes (
        id           TEXT PRIMARY KEY,
        job_centre   TEXT NOT NULL,
        week         TEXT NOT NULL,
        app          TEXT NOT NULL,
        screen       TEXT NOT NULL,
        category     TEXT NOT NULL,
        impact       TEXT NOT NULL,
        text         TEXT NOT NULL,
        reply        TEXT,
        received_at  TEXT NOT NULL
      );
      CREATE INDEX hub_notes_screen ON hub_notes (app, screen, week);

      CREATE TABLE hub_markers (
        id           TEXT PRIMARY KEY,
        job_centre   TEXT NOT NULL,
        day          TEXT NOT NULL,
        marker_json  TEXT NOT NULL,
        received_at  TEXT NOT NULL
      );
      CREATE INDEX hub_markers_day ON hub_markers (day);

      CREATE TABLE hub_questions (
        id           TEXT PRIMARY KEY,
        job_centre   TEXT NOT NULL,
        app          TEXT NOT NULL,
        result_json  TEXT NOT NULL,
        received_at  TEXT NOT NULL
      );
      CREATE INDEX hub_questions_app ON hub_questions (app);

      CREATE TABLE hub_notices (
        id            TEXT PRIMARY KEY,
        kind          TEXT NOT NULL,
        app           TEXT NOT NULL,
        screen        TEXT NOT NULL,
        notice_json   TEXT NOT NULL,
        withdrawn     INTEGER NOT NULL DEFAULT 0,
        published_at  TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        change_seq    BIGINT NOT NULL UNIQUE
      );
      CREATE INDEX hub_notices_screen ON hub_notices (app, screen);
    `,
  },
  {
    version: 8,
    name: 'sharing with a hub: settings, shared notes, pushes and the feed of the hub',
    // Issue #19, the job centre's side (docs/hub.md, "What leaves a job centre", "Delivery").
    // share_settings: the one row an officer sets on "Teilen mit dem Hub" (off until then; the token is
    // needed to send, so it is kept, and the page shows only its last characters). share_notes: the notes
    // an officer marked for sharing; withdrawn_at keeps an unshared one until a push has told the hub.
    // share_pushes: each push, planned in full before its first part leaves (body_json, dropped once
    // finished), so a restart resumes it part by part instead of building a different one; also the
    // log the preview page shows. share_notices, share_feed: what the hub's feed last said. A handful of
    // rows each (a push an hour is ~9000 a year), so no index beyond the primary keys.
    sql: `
      CREATE TABLE share_settings (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        enabled     INTEGER NOT NULL,
        hub_url     TEXT NOT NULL,
        job_centre  TEXT NOT NULL,
        token       TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        updated_by  TEXT NOT NULL
      );

      CREATE TABLE share_notes (
        record_id     TEXT PRIMARY KEY REFERENCES records (id),
        shared_at     TEXT NOT NULL,
        shared_by     TEXT NOT NULL,
        withdrawn_at  TEXT
      );

      CREATE TABLE share_pushes (
        push_id          TEXT PRIMARY KEY,
        created_at       TEXT NOT NULL,
        reason           TEXT NOT NULL,
        state            TEXT NOT NULL,
        parts            INTEGER NOT NULL,
        parts_sent       INTEGER NOT NULL DEFAULT 0,
        attempts         INTEGER NOT NULL DEFAULT 0,
        next_attempt_at  TEXT,
        last_error       TEXT,
        finished_at      TEXT,
        summary_json     TEXT NOT NULL,
        body_json        TEXT
      );

      CREATE TABLE share_notices (
        id           TEXT PRIMARY KEY,
        app          TEXT NOT NULL,
        screen       TEXT NOT NULL,
        notice_json  TEXT NOT NULL,
        updated_at   TEXT NOT NULL
      );

      CREATE TABLE share_feed (
        id               INTEGER PRIMARY KEY CHECK (id = 1),
        cursor           TEXT NOT NULL,
        weeks_json       TEXT NOT NULL,
        comparison_json  TEXT NOT NULL,
        fetched_at       TEXT NOT NULL
      );
    `,
  },
];
