import type { Migration } from '../migrations';

// PostgreSQL variant of each step in sqlite/dashboard-migrations.ts, same version and name.
// Differences: the hotspot weeks are kept by a trigger on records (SQLite catches up in batches
// instead; here several instances insert concurrently and sequence numbers may commit out of order,
// so a "seen up to seq" mark could skip rows), the week comes from date_trunc, and note search is a GIN index on the
// note's tsvector instead of an FTS5 table (no feeding needed).

const WEIGHT = (column: string) => `(CASE ${column} WHEN 'blocks' THEN 3 WHEN 'slows' THEN 2 ELSE 1 END)`;

/** The dashboard's PostgreSQL schema history. */
export const DASHBOARD_POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'officers, sessions, duplicates, hotspot weeks, note search, filter indexes',
    sql: `
      CREATE TABLE officers (
        user_name      TEXT PRIMARY KEY,
        password_hash  TEXT NOT NULL,
        created_at     TEXT COLLATE "C" NOT NULL
      );

      CREATE TABLE officer_sessions (
        token_hash    TEXT PRIMARY KEY,
        user_name     TEXT NOT NULL,
        csrf_token    TEXT NOT NULL,
        created_at    TEXT COLLATE "C" NOT NULL,
        expires_at    TEXT COLLATE "C" NOT NULL,
        last_seen_at  TEXT COLLATE "C" NOT NULL
      );
      CREATE INDEX officer_sessions_user ON officer_sessions (user_name);
      CREATE INDEX officer_sessions_expires ON officer_sessions (expires_at);

      CREATE TABLE signin_failures (
        subject  TEXT NOT NULL,
        at       TEXT COLLATE "C" NOT NULL
      );
      CREATE INDEX signin_failures_subject ON signin_failures (subject, at);

      CREATE TABLE record_duplicates (
        id            TEXT PRIMARY KEY REFERENCES records (id),
        duplicate_of  TEXT NOT NULL REFERENCES records (id),
        marked_at     TEXT COLLATE "C" NOT NULL,
        marked_by     TEXT NOT NULL
      );
      CREATE INDEX record_duplicates_of ON record_duplicates (duplicate_of);

      CREATE TABLE dashboard_audit (
        seq        BIGSERIAL PRIMARY KEY,
        record_id  TEXT NOT NULL,
        at         TEXT COLLATE "C" NOT NULL,
        officer    TEXT NOT NULL,
        action     TEXT NOT NULL,
        detail     TEXT
      );
      CREATE INDEX dashboard_audit_record ON dashboard_audit (record_id, seq);

      CREATE TABLE hotspot_weekly (
        app             TEXT NOT NULL,
        route_template  TEXT NOT NULL,
        week            TEXT COLLATE "C" NOT NULL,
        records         INTEGER NOT NULL,
        score           INTEGER NOT NULL,
        minutes         INTEGER NOT NULL,
        PRIMARY KEY (app, route_template, week)
      );
      CREATE INDEX hotspot_weekly_week ON hotspot_weekly (week);

      -- Timestamps are stored with their Z, so the text → timestamptz cast does not depend on the
      -- session's time zone; IMMUTABLE lets expression indexes use it.
      CREATE FUNCTION mitsprache_week(ts TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
        SELECT to_char(date_trunc('week', (ts::timestamptz) AT TIME ZONE 'UTC'), 'YYYY-MM-DD')
      $$;

      INSERT INTO hotspot_weekly (app, route_template, week, records, score, minutes)
      SELECT app, route_template, mitsprache_week(created_at), count(*), sum(${WEIGHT('impact')}),
             sum(coalesce(minutes_lost, 0))
      FROM records GROUP BY 1, 2, 3;

      CREATE FUNCTION records_hotspot_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO hotspot_weekly (app, route_template, week, records, score, minutes)
        VALUES (NEW.app, NEW.route_template, mitsprache_week(NEW.created_at), 1, ${WEIGHT('NEW.impact')},
                coalesce(NEW.minutes_lost, 0))
        ON CONFLICT (app, route_template, week) DO UPDATE SET
          records = hotspot_weekly.records + 1, score = hotspot_weekly.score + EXCLUDED.score,
          minutes = hotspot_weekly.minutes + EXCLUDED.minutes;
        RETURN NULL;
      END $$;
      CREATE TRIGGER records_hotspot_ai AFTER INSERT ON records
        FOR EACH ROW EXECUTE FUNCTION records_hotspot_insert();

      -- delta = -1 when a record is marked as a duplicate, +1 when the mark is removed.
      CREATE FUNCTION record_duplicates_hotspot() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        delta INTEGER := CASE WHEN TG_OP = 'INSERT' THEN -1 ELSE 1 END;
        rid TEXT := CASE WHEN TG_OP = 'INSERT' THEN NEW.id ELSE OLD.id END;
      BEGIN
        UPDATE hotspot_weekly AS h
        SET records = h.records + delta, score = h.score + delta * r.weight, minutes = h.minutes + delta * r.minutes
        FROM (SELECT app, route_template, mitsprache_week(created_at) AS week, ${WEIGHT('impact')} AS weight,
                     coalesce(minutes_lost, 0) AS minutes
              FROM records WHERE id = rid) AS r
        WHERE h.app = r.app AND h.route_template = r.route_template AND h.week = r.week;
        RETURN NULL;
      END $$;
      CREATE TRIGGER record_duplicates_hotspot AFTER INSERT OR DELETE ON record_duplicates
        FOR EACH ROW EXECUTE FUNCTION record_duplicates_hotspot();

      -- ASCII punctuation becomes a space first: PostgreSQL's parser would otherwise swallow words
      -- in "<b>" or "a/b" as tags and paths, while SQLite's tokenizer and the search box split there.
      CREATE FUNCTION mitsprache_note_tsv(note TEXT) RETURNS tsvector LANGUAGE sql IMMUTABLE AS $$
        SELECT to_tsvector('simple'::regconfig, regexp_replace(note, '[[:punct:]]+', ' ', 'g'))
      $$;
      CREATE INDEX records_note_fts ON records USING gin (mitsprache_note_tsv(note));

      CREATE INDEX records_app_created ON records (app, created_at);
      CREATE INDEX records_app_route_created ON records (app, route_template, created_at);
      CREATE INDEX records_category_created ON records (category, created_at);
      CREATE INDEX records_unit_created ON records (unit, created_at);
    `,
  },
];
