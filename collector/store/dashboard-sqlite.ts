import Database from 'better-sqlite3';
import {
  buildReport,
  countQuery,
  distinctValuesQuery,
  exportQuery,
  FIRST_WEEK_QUERY,
  inboxQuery,
  type RankingSqlRow,
  type RecordSqlRow,
  ROUTES_QUERY,
  rankingQuery,
  SCREEN_NAME_QUERY,
  TREND_SERIES,
  toExportRow,
  toInboxRow,
  totalsQuery,
  trendQuery,
  trendWeeks,
} from '../dashboard/sql';
import { DatabaseTooNewError } from '../db/migrate';
import { DASHBOARD_SQLITE_MIGRATIONS } from '../db/migrations/dashboard-sqlite';
import type { Migration } from '../db/migrations/sqlite';
import {
  type AuditEntry,
  COUNT_CAP,
  type DashboardStore,
  type DuplicateLinks,
  type ExportRecordRow,
  type FilterOptions,
  type HotspotQuery,
  type HotspotReport,
  type InboxPage,
  type MarkDuplicateResult,
  type OfficerAccount,
  type OfficerSession,
  type RecordFilter,
  type RecordSort,
} from './dashboard-types';
import { openSqliteDatabase } from './sqlite';

/** Table recording which dashboard migrations ran (apart from the collector's `schema_migrations`). */
export const DASHBOARD_MIGRATIONS_TABLE = 'dashboard_schema_migrations';

// SQLite's default bound-parameter limit is 32766; chunks stay well below it.
const IDS_PER_QUERY = 500;

/** Applies pending dashboard migrations in order, each in its own transaction; returns the versions applied. */
export function applyDashboardMigrations(
  db: Database.Database,
  migrations: readonly Migration[] = DASHBOARD_SQLITE_MIGRATIONS,
): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS ${DASHBOARD_MIGRATIONS_TABLE} (
    version     INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    applied_at  TEXT NOT NULL
  )`);
  const applied = new Set(
    db.prepare<[], number>(`SELECT version FROM ${DASHBOARD_MIGRATIONS_TABLE}`).pluck().all(),
  );
  const known = migrations.at(-1)?.version ?? 0;
  const newest = Math.max(0, ...applied);
  if (newest > known) throw new DatabaseTooNewError(newest, known);
  const record = db.prepare<[number, string, string]>(
    `INSERT INTO ${DASHBOARD_MIGRATIONS_TABLE} (version, name, applied_at) VALUES (?, ?, ?)`,
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

interface SessionRow {
  token_hash: string;
  user_name: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

function toSession(row: SessionRow): OfficerSession {
  return {
    tokenHash: row.token_hash,
    user: row.user_name,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastSeenAt: row.last_seen_at,
  };
}

/**
 * The dashboard's reads and writes on the collector's SQLite file, through a connection of its own
 * (the `SqliteStore` keeps its connection private; WAL lets both work side by side). Exports read
 * through a separate read-only connection each, like the collector's export.
 */
export class SqliteDashboardStore implements DashboardStore {
  readonly #db: Database.Database;
  readonly #file: string;
  readonly #readers = new Map<Database.Database, IterableIterator<unknown> | undefined>();
  readonly #markDuplicateTx;

  constructor(file: string) {
    this.#file = file;
    // Also brings the collector's own tables up to date: the dashboard's migrations build on them.
    const db = openSqliteDatabase(file);
    try {
      applyDashboardMigrations(db);
    } catch (error) {
      db.close();
      throw error;
    }
    this.#db = db;

    this.#markDuplicateTx = db.transaction(
      (id: string, of: string, officer: string, at: string): MarkDuplicateResult => {
        if (id === of) return 'self';
        const exists = db.prepare<[string], number>('SELECT 1 FROM records WHERE id = ?').pluck();
        if (!exists.get(id)) return 'not_found';
        if (!exists.get(of)) return 'target_not_found';
        // Keep the relation one level deep: point at the original, never at another duplicate.
        const root =
          db
            .prepare<[string], string>('SELECT duplicate_of FROM record_duplicates WHERE id = ?')
            .pluck()
            .get(of) ?? of;
        if (root === id) return 'cycle';
        db.prepare('UPDATE record_duplicates SET duplicate_of = ? WHERE duplicate_of = ?').run(root, id);
        // Delete and insert (not upsert): the triggers that keep the hotspot counts fire on those.
        db.prepare('DELETE FROM record_duplicates WHERE id = ?').run(id);
        db.prepare(
          'INSERT INTO record_duplicates (id, duplicate_of, marked_at, marked_by) VALUES (?, ?, ?, ?)',
        ).run(id, root, at, officer);
        return 'ok';
      },
    );
  }

  /** The underlying connection, for the benchmark's bulk load and for tests. */
  get database(): Database.Database {
    return this.#db;
  }

  async listRecords(
    filter: RecordFilter,
    sort: RecordSort,
    offset: number,
    limit: number,
  ): Promise<InboxPage> {
    const page = inboxQuery(filter, sort, offset, limit, 'sqlite');
    const rows = this.#db.prepare<unknown[], RecordSqlRow>(page.sql).all(...page.params);
    const count = countQuery(filter, COUNT_CAP + 1, 'sqlite');
    const total = this.#db.prepare<unknown[], { n: number }>(count.sql).get(...count.params)?.n ?? 0;
    return { rows: rows.map(toInboxRow), total: Math.min(total, COUNT_CAP), totalCapped: total > COUNT_CAP };
  }

  async *exportRecords(filter: RecordFilter, sort: RecordSort): AsyncIterableIterator<ExportRecordRow> {
    const query = exportQuery(filter, sort, 'sqlite');
    const reader = new Database(this.#file, { readonly: true, fileMustExist: true });
    this.#readers.set(reader, undefined);
    try {
      const rows = reader.prepare<unknown[], RecordSqlRow>(query.sql).iterate(...query.params);
      this.#readers.set(reader, rows);
      for (const row of rows) yield toExportRow(row);
    } finally {
      this.#readers.delete(reader);
      if (reader.open) reader.close();
    }
  }

  async hotspots(query: HotspotQuery): Promise<HotspotReport> {
    const all = <Row>(q: { sql: string; params: unknown[] }) =>
      this.#db.prepare<unknown[], Row>(q.sql).all(...q.params);
    const ranking = all<RankingSqlRow>(rankingQuery(query, 'sqlite'));
    const weeks = trendWeeks(query);
    const top = ranking
      .slice(0, TREND_SERIES)
      .map((row) => ({ app: row.app, routeTemplate: row.route_template }));
    const trend = top.length
      ? all<{ app: string; route_template: string; week: string; count: number }>(
          trendQuery(query, weeks, top, 'sqlite'),
        )
      : [];
    const totals = all<{ count: number; this_week: number; last_week: number }>(
      totalsQuery(query, 'sqlite'),
    )[0] ?? {
      count: 0,
      this_week: 0,
      last_week: 0,
    };
    const firstWeek = this.#db.prepare<[string, string], string | null>(FIRST_WEEK_QUERY).pluck();
    const screenName = this.#db.prepare<[string, string], string>(SCREEN_NAME_QUERY).pluck();
    return buildReport(ranking, trend, totals, weeks, async (app, route) => ({
      firstWeek: firstWeek.get(app, route) ?? '',
      screenName: screenName.get(app, route) ?? '',
    }));
  }

  async filterOptions(): Promise<FilterOptions> {
    const routes = this.#db.prepare<[], { app: string; route_template: string }>(ROUTES_QUERY).all();
    const distinct = (column: 'category' | 'unit') => {
      const q = distinctValuesQuery(column, 500);
      return this.#db
        .prepare<unknown[], string>(q.sql)
        .pluck()
        .all(...q.params);
    };
    return {
      apps: [...new Set(routes.map((row) => row.app))],
      routes: routes.map((row) => ({ app: row.app, routeTemplate: row.route_template })),
      categories: distinct('category'),
      units: distinct('unit'),
    };
  }

  async duplicateLinks(id: string): Promise<DuplicateLinks> {
    const duplicateOf =
      this.#db
        .prepare<[string], string>('SELECT duplicate_of FROM record_duplicates WHERE id = ?')
        .pluck()
        .get(id) ?? null;
    const duplicates = this.#db
      .prepare<[string], string>(
        'SELECT id FROM record_duplicates WHERE duplicate_of = ? ORDER BY marked_at, id',
      )
      .pluck()
      .all(id);
    return { duplicateOf, duplicates };
  }

  async markDuplicate(id: string, of: string, officer: string, at: string): Promise<MarkDuplicateResult> {
    return this.#markDuplicateTx(id, of, officer, at);
  }

  async clearDuplicate(id: string): Promise<boolean> {
    return this.#db.prepare('DELETE FROM record_duplicates WHERE id = ?').run(id).changes === 1;
  }

  async addAudit(recordId: string, entry: AuditEntry): Promise<void> {
    this.#db
      .prepare('INSERT INTO dashboard_audit (record_id, at, officer, action, detail) VALUES (?, ?, ?, ?, ?)')
      .run(recordId, entry.at, entry.officer, entry.action, entry.detail);
  }

  async audit(recordId: string): Promise<AuditEntry[]> {
    return this.#db
      .prepare<[string], AuditEntry>(
        'SELECT at, officer, action, detail FROM dashboard_audit WHERE record_id = ? ORDER BY seq',
      )
      .all(recordId);
  }

  async existingIds(ids: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
      const chunk = ids.slice(start, start + IDS_PER_QUERY);
      const rows = this.#db
        .prepare<string[], string>(`SELECT id FROM records WHERE id IN (${chunk.map(() => '?').join(', ')})`)
        .pluck()
        .all(...chunk);
      for (const id of rows) found.add(id);
    }
    return found;
  }

  async findOfficer(user: string): Promise<OfficerAccount | null> {
    const row = this.#db
      .prepare<[string], { user_name: string; password_hash: string }>(
        'SELECT user_name, password_hash FROM officers WHERE user_name = ?',
      )
      .get(user);
    return row ? { user: row.user_name, passwordHash: row.password_hash } : null;
  }

  async putOfficer(account: OfficerAccount, replace: boolean, at: string): Promise<boolean> {
    const sql = replace
      ? `INSERT INTO officers (user_name, password_hash, created_at) VALUES (?, ?, ?)
         ON CONFLICT (user_name) DO UPDATE SET password_hash = excluded.password_hash`
      : 'INSERT INTO officers (user_name, password_hash, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING';
    const changed = this.#db.prepare(sql).run(account.user, account.passwordHash, at).changes === 1;
    // A new password ends the sessions signed in with the old one.
    if (changed && replace)
      this.#db.prepare('DELETE FROM officer_sessions WHERE user_name = ?').run(account.user);
    return changed;
  }

  async removeOfficer(user: string): Promise<boolean> {
    return this.#db.transaction(() => {
      this.#db.prepare('DELETE FROM officer_sessions WHERE user_name = ?').run(user);
      return this.#db.prepare('DELETE FROM officers WHERE user_name = ?').run(user).changes === 1;
    })();
  }

  async listOfficers(): Promise<string[]> {
    return this.#db.prepare<[], string>('SELECT user_name FROM officers ORDER BY user_name').pluck().all();
  }

  async createSession(session: OfficerSession): Promise<void> {
    this.#db
      .prepare(
        `INSERT INTO officer_sessions (token_hash, user_name, csrf_token, created_at, expires_at, last_seen_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        session.tokenHash,
        session.user,
        session.csrfToken,
        session.createdAt,
        session.expiresAt,
        session.lastSeenAt,
      );
    // Sign-ins are rare: a good moment to drop sessions that ran out.
    this.#db.prepare('DELETE FROM officer_sessions WHERE expires_at <= ?').run(session.createdAt);
  }

  async findSession(tokenHash: string, now: string): Promise<OfficerSession | null> {
    const row = this.#db
      .prepare<[string, string], SessionRow>(
        'SELECT * FROM officer_sessions WHERE token_hash = ? AND expires_at > ?',
      )
      .get(tokenHash, now);
    return row ? toSession(row) : null;
  }

  async touchSession(tokenHash: string, lastSeenAt: string): Promise<void> {
    this.#db
      .prepare('UPDATE officer_sessions SET last_seen_at = ? WHERE token_hash = ?')
      .run(lastSeenAt, tokenHash);
  }

  async deleteSession(tokenHash: string): Promise<void> {
    this.#db.prepare('DELETE FROM officer_sessions WHERE token_hash = ?').run(tokenHash);
  }

  async addSigninFailure(keys: readonly string[], at: string, pruneBefore: string): Promise<void> {
    const insert = this.#db.prepare('INSERT INTO signin_failures (subject, at) VALUES (?, ?)');
    this.#db.transaction(() => {
      for (const key of keys) insert.run(key, at);
      this.#db.prepare('DELETE FROM signin_failures WHERE at < ?').run(pruneBefore);
    })();
  }

  async signinFailures(keys: readonly string[], since: string): Promise<Map<string, number>> {
    const count = this.#db
      .prepare<[string, string], number>('SELECT count(*) FROM signin_failures WHERE subject = ? AND at >= ?')
      .pluck();
    return new Map(keys.map((key) => [key, count.get(key, since) ?? 0]));
  }

  async close(): Promise<void> {
    for (const [reader, rows] of this.#readers) {
      rows?.return?.();
      reader.close();
    }
    this.#readers.clear();
    if (this.#db.open) this.#db.close();
  }
}

/** Opens the dashboard's side of the SQLite file (creating its tables on first use). */
export function openSqliteDashboardStore(file: string): SqliteDashboardStore {
  return new SqliteDashboardStore(file);
}
