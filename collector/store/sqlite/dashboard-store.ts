import type Database from 'better-sqlite3';
import {
  readFilterOptions,
  readHotspotReport,
  readInboxPage,
  readLeaks,
  readSameScreen,
  type SqlReader,
} from '../dashboard-reads';
import {
  EXPORT_CHUNK_ROWS,
  exportQuery,
  ftsQuery,
  type Query,
  type RecordSqlRow,
  type SearchPlan,
  searchTerms,
  toExportRow,
  weekSql,
  weightSql,
} from '../dashboard-sql';
import type {
  AuditEntry,
  DashboardStore,
  DuplicateLinks,
  ExportRecordRow,
  FilterOptions,
  HotspotQuery,
  HotspotReport,
  InboxPage,
  InboxRow,
  LeakWeek,
  MarkDuplicateResult,
  OfficerAccount,
  OfficerSession,
  RecordFilter,
  RecordSort,
} from '../dashboard-types';
import {
  applySqliteMigrations,
  DASHBOARD_SQLITE_SERIES,
  IDS_PER_QUERY,
  openSqliteDatabase,
  placeholders,
  SAFETY_AUTOCHECKPOINT_PAGES,
} from './database';

// Records taken into the search index and the hotspot weeks per write transaction: large enough to
// amortise, small enough that ingest never waits long for the write lock.
const CATCH_UP_BATCH = 5000;
// Up to this many matching notes, a search starts from them and sorts; beyond, it walks the order.
const SEARCH_DRIVE_MAX = 2000;
/** How often the collector process takes new records into the search index and hotspot weeks. */
export const CATCH_UP_INTERVAL_MS = 2000;
// Fresh planner statistics (sampled: cheap on a million rows) keep filtered pages on the right index.
const OPTIMIZE_INTERVAL_MS = 60 * 60 * 1000;

// better-sqlite3's transaction functions have .immediate(); the project's local typings omit it.
type Immediate<F> = F & { immediate: F };

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
  readonly #reader: SqlReader = {
    dialect: 'sqlite',
    all: async <Row>(query: Query) => this.#db.prepare<unknown[], Row>(query.sql).all(...query.params),
  };
  readonly #markDuplicateTx;
  readonly #catchUpTx;
  readonly #ftsMatches: Database.Statement<[string, number], number>;
  readonly #timers: NodeJS.Timeout[] = [];

  /**
   * `background`: take new records in every `CATCH_UP_INTERVAL_MS` and refresh planner statistics
   * hourly (the collector does; the CLI and tests need not, reads catch up anyway).
   */
  constructor(file: string, options: { background?: boolean } = {}) {
    // Also brings the collector's own tables up to date: the dashboard's migrations build on them.
    const db = openSqliteDatabase(file);
    try {
      // The ingest store's writer thread does the routine checkpoints (see writer-thread.ts);
      // the catch-up's large commits would otherwise run them here, on the JavaScript thread.
      db.pragma(`wal_autocheckpoint = ${SAFETY_AUTOCHECKPOINT_PAGES}`);
      applySqliteMigrations(db, DASHBOARD_SQLITE_SERIES);
    } catch (error) {
      db.close();
      throw error;
    }
    this.#db = db;

    this.#ftsMatches = db
      .prepare<[string, number], number>(
        'SELECT count(*) FROM (SELECT 1 FROM records_fts WHERE records_fts MATCH ? LIMIT ?)',
      )
      .pluck();
    const progress = db
      .prepare<[], number>("SELECT seq FROM dashboard_progress WHERE name = 'records'")
      .pluck();
    const upTo = db
      .prepare<[number, number], number | null>(
        'SELECT max(seq) FROM (SELECT seq FROM records WHERE seq > ? ORDER BY seq LIMIT ?)',
      )
      .pluck();
    const indexNotes = db.prepare<[number, number]>(
      'INSERT INTO records_fts (rowid, note) SELECT seq, note FROM records WHERE seq > ? AND seq <= ?',
    );
    // Records already marked as duplicates (possible for ones marked before this catch-up) stay out.
    const addWeeks = db.prepare<[number, number]>(`
      INSERT INTO hotspot_weekly (app, route_template, week, records, score, minutes)
      SELECT app, route_template, ${weekSql('created_at', 'sqlite')}, count(*), sum(${weightSql('impact')}),
             sum(coalesce(minutes_lost, 0))
      FROM records r
      WHERE seq > ? AND seq <= ? AND NOT EXISTS (SELECT 1 FROM record_duplicates d WHERE d.id = r.id)
      GROUP BY 1, 2, 3
      ON CONFLICT (app, route_template, week) DO UPDATE SET records = records + excluded.records,
        score = score + excluded.score, minutes = minutes + excluded.minutes`);
    const setProgress = db.prepare<[number]>("UPDATE dashboard_progress SET seq = ? WHERE name = 'records'");
    // BEGIN IMMEDIATE: take the write lock up front rather than fail on upgrading a read to a write.
    this.#catchUpTx = db.transaction((limit: number): number => {
      const from = progress.get() ?? 0;
      const to = upTo.get(from, limit);
      if (to === null || to === undefined) return 0;
      indexNotes.run(from, to);
      addWeeks.run(from, to);
      setProgress.run(to);
      return to - from;
    });

    this.#markDuplicateTx = db.transaction(
      (id: string, of: string, officer: string, at: string): MarkDuplicateResult => {
        if (id === of) return 'self';
        // The duplicate triggers adjust counts the record already contributes to.
        this.#catchUpAll();
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

    if (options.background) {
      const run = (what: string, work: () => unknown) => () => {
        try {
          work();
        } catch (error) {
          // SQLITE_BUSY under heavy ingest: the next round (or the next read) catches up.
          console.error(`dashboard: ${what} failed`, error);
        }
      };
      const optimize = () => {
        db.pragma('analysis_limit = 1000');
        db.pragma('optimize = 0x10002');
      };
      run('optimize', optimize)();
      // unref: these never keep a process alive; close() clears them.
      this.#timers.push(
        setInterval(
          run('catch-up', () => this.catchUp()),
          CATCH_UP_INTERVAL_MS,
        ).unref(),
      );
      this.#timers.push(setInterval(run('optimize', optimize), OPTIMIZE_INTERVAL_MS).unref());
    }
  }

  /**
   * Takes records stored since the last call into the search index and the hotspot weeks, in
   * batches; returns how many sequence numbers it advanced. Reads call it first, so they are current.
   */
  catchUp(): number {
    let advanced = 0;
    // The search index and the hotspot weeks are derived from the records, and each step moves the
    // progress mark in the same transaction: a step lost with the power is simply done again. So its
    // commit need not wait for an fsync (on the JavaScript thread, where it held up every request).
    this.#db.pragma('synchronous = NORMAL');
    try {
      for (;;) {
        const step = (this.#catchUpTx as Immediate<(limit: number) => number>).immediate(CATCH_UP_BATCH);
        if (step === 0) return advanced;
        advanced += step;
      }
    } finally {
      this.#db.pragma('synchronous = FULL');
    }
  }

  #catchUpAll(): void {
    while (this.#catchUpTx(CATCH_UP_BATCH) > 0);
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
    if (filter.q) this.catchUp();
    // Many matching notes: walk the sort order and check; few: start from them and sort.
    const terms = searchTerms(filter.q);
    const plan: SearchPlan =
      terms.length > 0 &&
      (this.#ftsMatches.get(ftsQuery(terms), SEARCH_DRIVE_MAX + 1) ?? 0) > SEARCH_DRIVE_MAX
        ? 'check'
        : 'drive';
    return readInboxPage(this.#reader, filter, sort, offset, limit, plan);
  }

  async *exportRecords(filter: RecordFilter, sort: RecordSort): AsyncIterableIterator<ExportRecordRow> {
    if (filter.q) this.catchUp();
    const maxSeq = Number(
      this.#db.prepare<[], { m: number | null }>('SELECT max(seq) AS m FROM records').get()?.m ?? 0,
    );
    for (let offset = 0; ; offset += EXPORT_CHUNK_ROWS) {
      const query = exportQuery(filter, sort, 'sqlite', { maxSeq, offset, limit: EXPORT_CHUNK_ROWS });
      if (!this.#db.open) return;
      const rows = this.#db.prepare<unknown[], RecordSqlRow>(query.sql).all(...query.params);
      for (const row of rows) {
        if (!this.#db.open) return;
        yield toExportRow(row);
      }
      if (rows.length < EXPORT_CHUNK_ROWS) return;
    }
  }

  async hotspots(query: HotspotQuery): Promise<HotspotReport> {
    this.catchUp();
    return readHotspotReport(this.#reader, query);
  }

  async leaks(weeks: readonly string[]): Promise<LeakWeek[]> {
    // Reads records directly (no catch-up needed): the columns are written with the record.
    return readLeaks(this.#reader, weeks);
  }

  async filterOptions(): Promise<FilterOptions> {
    this.catchUp();
    return readFilterOptions(this.#reader);
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

  async sameScreenRecords(id: string, since: string, limit: number): Promise<InboxRow[]> {
    return readSameScreen(this.#reader, id, since, limit);
  }

  async markDuplicate(id: string, of: string, officer: string, at: string): Promise<MarkDuplicateResult> {
    return this.#markDuplicateTx(id, of, officer, at);
  }

  async clearDuplicate(id: string): Promise<boolean> {
    this.catchUp();
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
        .prepare<string[], string>(`SELECT id FROM records WHERE id IN (${placeholders(chunk.length)})`)
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

  async removeSigninAttempt(keys: readonly string[], at: string): Promise<void> {
    const remove = this.#db.prepare('DELETE FROM signin_failures WHERE subject = ? AND at = ?');
    this.#db.transaction(() => {
      for (const key of keys) remove.run(key, at);
    })();
  }

  async signinFailures(keys: readonly string[], since: string): Promise<Map<string, number>> {
    const count = this.#db
      .prepare<[string, string], number>('SELECT count(*) FROM signin_failures WHERE subject = ? AND at >= ?')
      .pluck();
    return new Map(keys.map((key) => [key, count.get(key, since) ?? 0]));
  }

  async close(): Promise<void> {
    for (const timer of this.#timers.splice(0)) clearInterval(timer);
    if (this.#db.open) this.#db.close();
  }
}
