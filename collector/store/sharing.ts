import { type HubComparison, type HubFeed, HubNotice } from '../hub/protocol';
import type { SqlDriver, SqlStep } from './incidents';

// The job centre's side of sharing with a hub (issue #19, collector/sharing/) on both databases,
// written once as operations over the incidents' SqlDriver (store/incidents.ts), like questions.ts:
// portable SQL with `?` placeholders, `ON CONFLICT … DO UPDATE` (SQLite and PostgreSQL alike), each
// operation in one transaction.

function* all<Row>(sql: string, params: readonly unknown[] = []): Generator<SqlStep, Row[], unknown> {
  return (yield { kind: 'all', sql, params }) as Row[];
}

function* run(sql: string, params: readonly unknown[] = []): Generator<SqlStep, number, unknown> {
  return (yield { kind: 'run', sql, params }) as number;
}

/** What an officer set on "Teilen mit dem Hub". */
export interface SharingSettings {
  enabled: boolean;
  hubUrl: string;
  jobCentre: string;
  token: string;
  updatedAt: string;
  updatedBy: string;
}

/** What the settings form saves; `token` omitted keeps the stored one. */
export interface SharingSettingsInput {
  enabled: boolean;
  hubUrl: string;
  jobCentre: string;
  token?: string;
}

/** Notes of one UTC hour and key, as the store counts them (weeks.ts: the hour fixes the Berlin week). */
export interface HourCount {
  /** YYYY-MM-DDTHH (UTC). */
  hour: string;
  app: string;
  routeTemplate: string;
  category: string;
  impact: string;
  notes: number;
  minutesLost: number;
}

/** A note marked for sharing, with what the export needs of it (nothing about its reporter). */
export interface SharedNoteSource {
  recordId: string;
  createdAt: string;
  app: string;
  routeTemplate: string;
  category: string;
  impact: string;
  note: string;
  reply: string | null;
}

export type PushState = 'pending' | 'sent' | 'refused' | 'cancelled';

/** What a push carries, for the log (counts, not contents). */
export interface PushSummary {
  weeks: string[];
  cells: number;
  notes: number;
  markers: number;
  questions: number;
  withdrawn: number;
}

/** One push as the log and the delivery loop see it. */
export interface StoredPush {
  pushId: string;
  createdAt: string;
  /** `schedule` or `officer` (the "Jetzt senden" button). */
  reason: string;
  state: PushState;
  parts: number;
  partsSent: number;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  finishedAt: string | null;
  summary: PushSummary;
}

/** What the hub's feed said last. */
export interface FeedState {
  cursor: string;
  weeks: string[];
  comparison: HubComparison[];
  fetchedAt: string;
}

interface PushRow {
  push_id: string;
  created_at: string;
  reason: string;
  state: PushState;
  parts: number | string;
  parts_sent: number | string;
  attempts: number | string;
  next_attempt_at: string | null;
  last_error: string | null;
  finished_at: string | null;
  summary_json: string;
}

const PUSH_COLUMNS = `push_id, created_at, reason, state, parts, parts_sent, attempts, next_attempt_at,
  last_error, finished_at, summary_json`;

function storedPush(row: PushRow): StoredPush {
  return {
    pushId: row.push_id,
    createdAt: row.created_at,
    reason: row.reason,
    state: row.state,
    parts: Number(row.parts),
    partsSent: Number(row.parts_sent),
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    finishedAt: row.finished_at,
    summary: JSON.parse(row.summary_json) as PushSummary,
  };
}

/** Settings, shared notes, pushes and the feed of sharing with a hub, on one database. */
export class SqlSharingStore {
  readonly #driver: SqlDriver;

  constructor(driver: SqlDriver) {
    this.#driver = driver;
  }

  /** The settings, or null while no officer has saved any (sharing is then off). */
  settings(): Promise<SharingSettings | null> {
    return this.#driver.read(
      (function* () {
        const row = (yield* all<{
          enabled: number | string;
          hub_url: string;
          job_centre: string;
          token: string;
          updated_at: string;
          updated_by: string;
        }>(
          'SELECT enabled, hub_url, job_centre, token, updated_at, updated_by FROM share_settings WHERE id = 1',
        ))[0];
        if (!row) return null;
        return {
          enabled: Number(row.enabled) === 1,
          hubUrl: row.hub_url,
          jobCentre: row.job_centre,
          token: row.token,
          updatedAt: row.updated_at,
          updatedBy: row.updated_by,
        };
      })(),
    );
  }

  /**
   * Saves the settings. A push still pending is cancelled: it was planned for the old hub or job
   * centre id, and the next one is planned afresh. Without a token and with none stored: false.
   */
  saveSettings(input: SharingSettingsInput, by: string, at: string): Promise<boolean> {
    return this.#driver.write(
      (function* () {
        const old = (yield* all<{ token: string }>('SELECT token FROM share_settings WHERE id = 1'))[0];
        const token = input.token ?? old?.token;
        if (!token) return false;
        yield* run(
          `INSERT INTO share_settings (id, enabled, hub_url, job_centre, token, updated_at, updated_by)
           VALUES (1, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET enabled = excluded.enabled, hub_url = excluded.hub_url,
             job_centre = excluded.job_centre, token = excluded.token, updated_at = excluded.updated_at,
             updated_by = excluded.updated_by`,
          [input.enabled ? 1 : 0, input.hubUrl, input.jobCentre, token, at, by],
        );
        yield* run(
          `UPDATE share_pushes SET state = 'cancelled', finished_at = ?, body_json = NULL,
             last_error = 'settings_changed' WHERE state = 'pending'`,
          [at],
        );
        return true;
      })(),
    );
  }

  /**
   * Notes per UTC hour × application × route template × category × impact, created in [from, to);
   * notes an officer marked as duplicates are left out, as the hotspots leave them out.
   */
  hourCounts(from: string, to: string): Promise<HourCount[]> {
    return this.#driver.read(
      (function* () {
        const rows = yield* all<{
          hour: string;
          app: string;
          route_template: string;
          category: string;
          impact: string;
          n: number | string;
          minutes: number | string | null;
        }>(
          `SELECT substr(r.created_at, 1, 13) AS hour, r.app, r.route_template, r.category, r.impact,
                  count(*) AS n, sum(r.minutes_lost) AS minutes
           FROM records r LEFT JOIN record_duplicates d ON d.id = r.id
           WHERE d.id IS NULL AND r.created_at >= ? AND r.created_at < ?
           GROUP BY substr(r.created_at, 1, 13), r.app, r.route_template, r.category, r.impact`,
          [from, to],
        );
        return rows.map((row) => ({
          hour: row.hour,
          app: row.app,
          routeTemplate: row.route_template,
          category: row.category,
          impact: row.impact,
          notes: Number(row.n),
          minutesLost: Number(row.minutes ?? 0),
        }));
      })(),
    );
  }

  /** Marks a note for sharing (again); false when there is no such record. */
  share(recordId: string, by: string, at: string): Promise<boolean> {
    return this.#driver.write(
      (function* () {
        const found = yield* all('SELECT 1 AS x FROM records WHERE id = ?', [recordId]);
        if (found.length === 0) return false;
        yield* run(
          `INSERT INTO share_notes (record_id, shared_at, shared_by, withdrawn_at) VALUES (?, ?, ?, NULL)
           ON CONFLICT (record_id) DO UPDATE SET shared_at = excluded.shared_at,
             shared_by = excluded.shared_by, withdrawn_at = NULL`,
          [recordId, at, by],
        );
        return true;
      })(),
    );
  }

  /** Unshares a note: the next push names it in `withdrawn`. False when it was not shared. */
  unshare(recordId: string, at: string): Promise<boolean> {
    return this.#driver.write(
      (function* () {
        const changed = yield* run(
          'UPDATE share_notes SET withdrawn_at = ? WHERE record_id = ? AND withdrawn_at IS NULL',
          [at, recordId],
        );
        return changed > 0;
      })(),
    );
  }

  /** Whether a note is marked for sharing now. */
  isShared(recordId: string): Promise<boolean> {
    return this.#driver.read(
      (function* () {
        const rows = yield* all(
          'SELECT 1 AS x FROM share_notes WHERE record_id = ? AND withdrawn_at IS NULL',
          [recordId],
        );
        return rows.length > 0;
      })(),
    );
  }

  /** The notes marked for sharing, oldest first, with the officer's reply. */
  sharedNotes(): Promise<SharedNoteSource[]> {
    return this.#driver.read(
      (function* () {
        const rows = yield* all<{
          id: string;
          created_at: string;
          app: string;
          route_template: string;
          category: string;
          impact: string;
          note: string;
          reply: string | null;
        }>(
          `SELECT r.id, r.created_at, r.app, r.route_template, r.category, r.impact, r.note, s.reply
           FROM share_notes n JOIN records r ON r.id = n.record_id
           LEFT JOIN record_status s ON s.id = r.id
           WHERE n.withdrawn_at IS NULL ORDER BY n.shared_at, r.id`,
        );
        return rows.map((row) => ({
          recordId: row.id,
          createdAt: row.created_at,
          app: row.app,
          routeTemplate: row.route_template,
          category: row.category,
          impact: row.impact,
          note: row.note,
          reply: row.reply,
        }));
      })(),
    );
  }

  /** Record ids of notes unshared since the last push that told the hub. */
  withdrawnNotes(): Promise<string[]> {
    return this.#driver.read(
      (function* () {
        const rows = yield* all<{ record_id: string }>(
          'SELECT record_id FROM share_notes WHERE withdrawn_at IS NOT NULL ORDER BY record_id',
        );
        return rows.map((row) => row.record_id);
      })(),
    );
  }

  /** Stores a planned push with all its parts, pending and due now. */
  createPush(
    push: { pushId: string; reason: string; parts: readonly unknown[]; summary: PushSummary },
    at: string,
  ): Promise<void> {
    return this.#driver.write(
      (function* () {
        yield* run(
          `INSERT INTO share_pushes (push_id, created_at, reason, state, parts, next_attempt_at, summary_json, body_json)
           VALUES (?, ?, ?, 'pending', ?, ?, ?, ?)`,
          [
            push.pushId,
            at,
            push.reason,
            push.parts.length,
            at,
            JSON.stringify(push.summary),
            JSON.stringify(push.parts),
          ],
        );
      })(),
    );
  }

  /** The oldest pending push with its parts, or null. */
  pendingPush(): Promise<{ push: StoredPush; parts: unknown[] } | null> {
    return this.#driver.read(
      (function* () {
        const row = (yield* all<PushRow & { body_json: string }>(
          `SELECT ${PUSH_COLUMNS}, body_json FROM share_pushes WHERE state = 'pending'
           ORDER BY created_at, push_id LIMIT 1`,
        ))[0];
        if (!row) return null;
        return { push: storedPush(row), parts: JSON.parse(row.body_json) as unknown[] };
      })(),
    );
  }

  /** A part reached the hub: the next one goes next (a restart resumes here). */
  partSent(pushId: string, partsSent: number): Promise<void> {
    return this.#driver.write(
      (function* () {
        yield* run(
          `UPDATE share_pushes SET parts_sent = ?, attempts = 0, last_error = NULL
           WHERE push_id = ? AND state = 'pending'`,
          [partsSent, pushId],
        );
      })(),
    );
  }

  /** A part failed for a reason that may pass (outage, 5xx): try again at `nextAttemptAt`. */
  retryLater(pushId: string, error: string, nextAttemptAt: string): Promise<void> {
    return this.#driver.write(
      (function* () {
        yield* run(
          `UPDATE share_pushes SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?
           WHERE push_id = ? AND state = 'pending'`,
          [error.slice(0, 500), nextAttemptAt, pushId],
        );
      })(),
    );
  }

  /** Moves a pending push's next attempt to `at` ("Jetzt senden" while one waits): its id, or null. */
  dueNow(at: string): Promise<string | null> {
    return this.#driver.write(
      (function* () {
        const rows = yield* all<{ push_id: string }>(
          `UPDATE share_pushes SET next_attempt_at = ? WHERE state = 'pending' RETURNING push_id`,
          [at],
        );
        return rows[0]?.push_id ?? null;
      })(),
    );
  }

  /**
   * Ends a push: `sent` (every part stored by the hub) — then the withdrawals it carried are done —
   * or `refused` with the hub's error code. Its parts are dropped: the log keeps the counts.
   */
  finishPush(pushId: string, state: 'sent' | 'refused', error: string | null, at: string): Promise<void> {
    return this.#driver.write(
      (function* () {
        const row = (yield* all<{ created_at: string }>(
          `SELECT created_at FROM share_pushes WHERE push_id = ? AND state = 'pending'`,
          [pushId],
        ))[0];
        if (!row) return;
        yield* run(
          `UPDATE share_pushes SET state = ?, last_error = ?, finished_at = ?, body_json = NULL,
             next_attempt_at = NULL WHERE push_id = ?`,
          [state, error, at, pushId],
        );
        if (state === 'sent') {
          yield* run('DELETE FROM share_notes WHERE withdrawn_at IS NOT NULL AND withdrawn_at <= ?', [
            row.created_at,
          ]);
        }
      })(),
    );
  }

  /** The newest pushes first. */
  pushes(limit: number): Promise<StoredPush[]> {
    return this.#driver.read(
      (function* () {
        const rows = yield* all<PushRow>(
          `SELECT ${PUSH_COLUMNS} FROM share_pushes ORDER BY created_at DESC, push_id LIMIT ?`,
          [limit],
        );
        return rows.map(storedPush);
      })(),
    );
  }

  /** When the last push was planned, or null. */
  lastPushAt(): Promise<string | null> {
    return this.#driver.read(
      (function* () {
        const row = (yield* all<{ at: string | null }>('SELECT max(created_at) AS at FROM share_pushes'))[0];
        return row?.at ?? null;
      })(),
    );
  }

  /** Takes in a feed: notices replace by id (a withdrawn one is removed), the comparison replaces. */
  saveFeed(feed: HubFeed, at: string): Promise<void> {
    return this.#driver.write(
      (function* () {
        for (const notice of feed.notices) {
          if (notice.withdrawn) {
            yield* run('DELETE FROM share_notices WHERE id = ?', [notice.id]);
            continue;
          }
          yield* run(
            `INSERT INTO share_notices (id, app, screen, notice_json, updated_at) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (id) DO UPDATE SET app = excluded.app, screen = excluded.screen,
               notice_json = excluded.notice_json, updated_at = excluded.updated_at`,
            [notice.id, notice.app, notice.screen, JSON.stringify(notice), notice.updatedAt],
          );
        }
        yield* run(
          `INSERT INTO share_feed (id, cursor, weeks_json, comparison_json, fetched_at) VALUES (1, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET cursor = excluded.cursor, weeks_json = excluded.weeks_json,
             comparison_json = excluded.comparison_json, fetched_at = excluded.fetched_at`,
          [feed.cursor, JSON.stringify(feed.weeks), JSON.stringify(feed.comparison), at],
        );
      })(),
    );
  }

  /** What the feed said last, or null before the first feed. */
  feed(): Promise<FeedState | null> {
    return this.#driver.read(
      (function* () {
        const row = (yield* all<{
          cursor: string;
          weeks_json: string;
          comparison_json: string;
          fetched_at: string;
        }>('SELECT cursor, weeks_json, comparison_json, fetched_at FROM share_feed WHERE id = 1'))[0];
        if (!row) return null;
        return {
          cursor: row.cursor,
          weeks: JSON.parse(row.weeks_json) as string[],
          comparison: JSON.parse(row.comparison_json) as HubComparison[],
          fetchedAt: row.fetched_at,
        };
      })(),
    );
  }

  /** Every notice of the hub, newest change first (the hotspots page sets them beside its ranking). */
  allNotices(limit: number): Promise<HubNotice[]> {
    return this.#driver.read(
      (function* () {
        const rows = yield* all<{ notice_json: string }>(
          'SELECT notice_json FROM share_notices ORDER BY updated_at DESC, id LIMIT ?',
          [limit],
        );
        return rows.map((row) => HubNotice.parse(JSON.parse(row.notice_json)));
      })(),
    );
  }

  /**
   * The hub's notices for a screen of an application — those for the screen itself and those for the
   * whole application (`*`) — newest first; without `screen`, every notice of the application.
   */
  notices(app: string, screen?: string): Promise<HubNotice[]> {
    return this.#driver.read(
      (function* () {
        const rows = screen
          ? yield* all<{ notice_json: string }>(
              `SELECT notice_json FROM share_notices WHERE app = ? AND screen IN (?, '*')
               ORDER BY updated_at DESC, id`,
              [app, screen],
            )
          : yield* all<{ notice_json: string }>(
              'SELECT notice_json FROM share_notices WHERE app = ? ORDER BY updated_at DESC, id',
              [app],
            );
        return rows.map((row) => HubNotice.parse(JSON.parse(row.notice_json)));
      })(),
    );
  }
}
