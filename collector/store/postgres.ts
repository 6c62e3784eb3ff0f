import pg from 'pg';
import type { FeedbackRecord } from '../../utils/schema/record';
import type { ItemResult, OfficerStatus, StatusResponse, StatusUpdate } from '../../utils/schema/wire';
import {
  buildLeaks,
  buildReport,
  countQuery,
  EXPORT_CHUNK_ROWS as DASHBOARD_EXPORT_CHUNK_ROWS,
  distinctValuesQuery,
  exportQuery,
  FIRST_WEEK_QUERY,
  inboxQuery,
  type LeakSqlRow,
  leakQuery,
  numbered,
  type Query,
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
  weekOf,
} from '../dashboard/sql';
import { DatabaseTooNewError } from '../db/migrate';
import { DASHBOARD_POSTGRES_MIGRATIONS } from '../db/migrations/dashboard-postgres';
import { POSTGRES_MIGRATIONS } from '../db/migrations/postgres';
import type { Migration } from '../db/migrations/sqlite';
import type { CaughtCounts } from '../second-line';
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
  type LeakWeek,
  type MarkDuplicateResult,
  type OfficerAccount,
  type OfficerSession,
  type RecordFilter,
  type RecordSort,
} from './dashboard-types';
import {
  EXPORT_CHUNK_ROWS,
  type ExportChunkRow,
  type ExportKey,
  exportRow,
  RECORD_ROW_COLUMNS,
  recordRow,
  STATUS_JOINED_COLUMNS,
  type StatusJoinedRow,
  storedRecord,
  windowExportChunkQuery,
} from './record-row';
import {
  BadCursorError,
  type BatchMeta,
  type ExportQuery,
  type ExportRow,
  refusedByStore,
  type StatusChange,
  type StatusInput,
  type Store,
  type StoredRecord,
} from './types';

// Advisory lock keys (arbitrary, fixed): migrations, status changes, duplicate marks.
const MIGRATION_LOCK = 7_310_001;
const STATUS_LOCK = 7_310_002;
const DUPLICATE_LOCK = 7_310_003;
// 16 parameters per row; PostgreSQL allows 65 535 per statement.
const ROWS_PER_INSERT = 1000;
/** Tries of an ingest transaction PostgreSQL aborted as a deadlock victim (40P01/40001). */
const CONFLICT_ATTEMPTS = 5;

/** Options beyond the URL. */
export interface PostgresOptions {
  /** Schema to use (created if missing) instead of the role's default; tests isolate themselves this way. */
  schema?: string;
  /** Connections in the pool (default 10). */
  poolSize?: number;
}

/** The URL without its password, for logs and the start-up line. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid schema name ${name.slice(0, 70)}`);
  return `"${name}"`;
}

/** Applies pending migrations of one series; callers hold the migration lock inside a transaction. */
async function applySeries(
  client: pg.PoolClient,
  table: string,
  migrations: readonly Migration[],
): Promise<number[]> {
  await client.query(`CREATE TABLE IF NOT EXISTS ${table} (
    version     INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    applied_at  TEXT NOT NULL
  )`);
  const applied = new Set(
    (await client.query<{ version: number }>(`SELECT version FROM ${table}`)).rows.map((row) => row.version),
  );
  const known = migrations.at(-1)?.version ?? 0;
  const newest = Math.max(0, ...applied);
  if (newest > known) throw new DatabaseTooNewError(newest, known);
  const done: number[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    await client.query(migration.sql);
    await client.query(`INSERT INTO ${table} (version, name, applied_at) VALUES ($1, $2, $3)`, [
      migration.version,
      migration.name,
      new Date().toISOString(),
    ]);
    done.push(migration.version);
  }
  return done;
}

interface StatusRow {
  id: string;
  status: OfficerStatus;
  reply: string | null;
  updated_at: string;
  change_seq: string;
}

/**
 * Errors one record causes by itself: data exceptions (class 22, e.g. 22021 for U+0000 in a text
 * column) and integrity violations (class 23, from a constraint or trigger). Connection, resource and
 * conflict errors are not, and fail the whole batch so it is retried.
 */
function isRecordCaused(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

function parseCursor(since: string | undefined): number {
  if (since === undefined || since === '') return 0;
  if (!/^\d{1,15}$/.test(since)) throw new BadCursorError(since);
  return Number(since);
}

/**
 * The PostgreSQL store, for organisations running several collector instances on one database. Same
 * tables and semantics as the SQLite stores (the collector's and the dashboard's) in one object.
 */
export class PostgresStore implements Store, DashboardStore {
  readonly #pool: pg.Pool;
  // Cursors of running exports; close() ends abandoned ones so the pool can shut down.

  private constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  /** Connects, creates the schema if asked, and applies pending migrations of both series. */
  static async open(url: string, options: PostgresOptions = {}): Promise<PostgresStore> {
    const schema = options.schema ? quoteIdent(options.schema) : undefined;
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    pool.on('error', (error) => console.error('collector: idle PostgreSQL connection failed', error.message));
    try {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        // Several instances starting at once: one migrates, the others wait and then find nothing to do.
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
        await applySeries(client, 'schema_migrations', POSTGRES_MIGRATIONS);
        await applySeries(client, 'dashboard_schema_migrations', DASHBOARD_POSTGRES_MIGRATIONS);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresStore(pool);
  }

  async #query<Row extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<Row[]> {
    return (await this.#pool.query<Row>(sql, params)).rows;
  }

  async #run<Row extends pg.QueryResultRow>(query: Query): Promise<Row[]> {
    return this.#query<Row>(numbered(query.sql), query.params);
  }

  async #transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  // --- Store ---

  async ingest(
    records: readonly FeedbackRecord[],
    batch: BatchMeta,
    caught?: readonly CaughtCounts[],
  ): Promise<ItemResult[]> {
    // The first occurrence of an id in the batch is the one stored, as in SQLite.
    const first = new Map<string, number>();
    records.forEach((record, index) => {
      if (!first.has(record.id)) first.set(record.id, index);
    });
    // Inserted in one total order (the hotspot row their trigger updates, then the id), so two
    // instances ingesting the same records take the id and hotspot locks in the same order. Batches
    // that overlap only in part can still cross; PostgreSQL then aborts one of them, which is retried.
    const key = (record: FeedbackRecord) =>
      `${record.context.app}\u0000${record.context.routeTemplate}\u0000${weekOf(new Date(record.createdAt))}\u0000${record.id}`;
    const order = [...first.values()].sort((a, b) => {
      const kx = key(records[a] as FeedbackRecord);
      const ky = key(records[b] as FeedbackRecord);
      return kx < ky ? -1 : kx > ky ? 1 : 0;
    });
    let inserted: Set<string>;
    let refused = new Map<string, string>();
    try {
      inserted = await this.#retryOnConflict(() => this.#insertRecords(records, order, batch, caught));
    } catch (error) {
      if (!isRecordCaused(error)) throw error;
      // One record the database cannot take (issue #14, item 1) must not fail the others: row by row,
      // each in its own savepoint, the refused ones rejected with the reason.
      ({ inserted, refused } = await this.#retryOnConflict(() =>
        this.#insertRowByRow(records, order, batch, caught),
      ));
    }
    return records.map((record, index) => {
      const reason = first.get(record.id) === index ? refused.get(record.id) : undefined;
      if (reason !== undefined) return refusedByStore(record.id, reason);
      return {
        id: record.id,
        status: inserted.has(record.id) && first.get(record.id) === index ? 'accepted' : 'duplicate',
      };
    });
  }

  #insertRowByRow(
    records: readonly FeedbackRecord[],
    order: readonly number[],
    batch: BatchMeta,
    caught: readonly CaughtCounts[] | undefined,
  ): Promise<{ inserted: Set<string>; refused: Map<string, string> }> {
    return this.#transaction(async (client) => {
      const inserted = new Set<string>();
      const refused = new Map<string, string>();
      for (const index of order) {
        const row = recordRow(records[index] as FeedbackRecord, batch, caught?.[index]);
        await client.query('SAVEPOINT one_record');
        try {
          const result = await client.query<{ id: string }>(
            `INSERT INTO records (${RECORD_ROW_COLUMNS})
             VALUES (${row.map((_, i) => `$${i + 1}`).join(', ')})
             ON CONFLICT (id) DO NOTHING RETURNING id`,
            row,
          );
          await client.query('RELEASE SAVEPOINT one_record');
          for (const stored of result.rows) inserted.add(stored.id);
        } catch (error) {
          if (!isRecordCaused(error)) throw error;
          await client.query('ROLLBACK TO SAVEPOINT one_record');
          refused.set(row[0], `${(error as Error).message}`.slice(0, 300));
        }
      }
      return { inserted, refused };
    });
  }

  /**
   * Runs an idempotent transaction again when PostgreSQL aborted it as a deadlock victim or a
   * serialisation failure — the other transaction went through, so a retry finds its rows.
   */
  async #retryOnConflict<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (attempt >= CONFLICT_ATTEMPTS || (code !== '40P01' && code !== '40001')) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
      }
    }
  }

  #insertRecords(
    records: readonly FeedbackRecord[],
    order: readonly number[],
    batch: BatchMeta,
    caught: readonly CaughtCounts[] | undefined,
  ): Promise<Set<string>> {
    return this.#transaction(async (client) => {
      const ids = new Set<string>();
      for (let start = 0; start < order.length; start += ROWS_PER_INSERT) {
        const chunk = order.slice(start, start + ROWS_PER_INSERT);
        const params: unknown[] = [];
        const values = chunk.map((index) => {
          const row = recordRow(records[index] as FeedbackRecord, batch, caught?.[index]);
          const base = params.length;
          params.push(...row);
          return `(${row.map((_, i) => `$${base + i + 1}`).join(', ')})`;
        });
        const result = await client.query<{ id: string }>(
          `INSERT INTO records (${RECORD_ROW_COLUMNS})
           VALUES ${values.join(', ')}
           ON CONFLICT (id) DO NOTHING RETURNING id`,
          params,
        );
        for (const row of result.rows) ids.add(row.id);
      }
      return ids;
    });
  }

  async answerHashes(ids: readonly string[]): Promise<Map<string, string | null>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.#query<{ id: string; answer_hash: string | null }>(
      'SELECT id, answer_hash FROM records WHERE id = ANY($1::text[])',
      [unique],
    );
    return new Map(rows.map((row) => [row.id, row.answer_hash]));
  }

  async statusSince(ids: readonly string[], since: string | undefined): Promise<StatusResponse> {
    const after = parseCursor(since);
    // As in SQLite: a cursor beyond the last committed change was never handed out (item 6).
    if (after > 0) {
      const last = await this.#query<{ n: string | null }>('SELECT max(change_seq) AS n FROM status_history');
      if (after > Number(last[0]?.n ?? 0)) throw new BadCursorError(since as string);
    }
    const unique = [...new Set(ids)];
    const rows =
      unique.length === 0
        ? []
        : await this.#query<StatusRow>(
            `SELECT id, status, reply, updated_at, change_seq FROM record_status
             WHERE change_seq > $1 AND id = ANY($2::text[]) ORDER BY change_seq`,
            [after, unique],
          );
    // As in SQLite: the cursor moves only past changes this reply contains.
    const cursor = rows.reduce((max, row) => Math.max(max, Number(row.change_seq)), after);
    return {
      updates: rows.map((row) => ({
        id: row.id,
        status: row.status,
        reply: row.reply,
        updatedAt: row.updated_at,
      })),
      cursor: String(cursor),
    };
  }

  async setStatus(
    id: string,
    input: StatusInput,
    at = new Date().toISOString(),
  ): Promise<StatusUpdate | null> {
    return this.#transaction(async (client) => {
      // Serialised: change_seq is the caseworkers' cursor, so a number must not become visible after a
      // higher one (two concurrent transactions could otherwise commit out of sequence order).
      await client.query('SELECT pg_advisory_xact_lock($1)', [STATUS_LOCK]);
      const exists = await client.query('SELECT 1 FROM records WHERE id = $1', [id]);
      if (exists.rowCount === 0) return null;
      const reply =
        input.reply === undefined
          ? ((
              await client.query<{ reply: string | null }>('SELECT reply FROM record_status WHERE id = $1', [
                id,
              ])
            ).rows[0]?.reply ?? null)
          : input.reply;
      const history = await client.query<{ change_seq: string }>(
        'INSERT INTO status_history (id, status, reply, changed_at) VALUES ($1, $2, $3, $4) RETURNING change_seq',
        [id, input.status, reply, at],
      );
      await client.query(
        `INSERT INTO record_status (id, status, reply, updated_at, change_seq) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, reply = EXCLUDED.reply,
           updated_at = EXCLUDED.updated_at, change_seq = EXCLUDED.change_seq`,
        [id, input.status, reply, at, history.rows[0]?.change_seq],
      );
      return { id, status: input.status, reply, updatedAt: at };
    });
  }

  async getRecord(id: string): Promise<StoredRecord | null> {
    const row = (
      await this.#query<StatusJoinedRow & { updated_at: string | null }>(
        `SELECT ${STATUS_JOINED_COLUMNS}, s.updated_at
         FROM records r LEFT JOIN record_status s ON s.id = r.id WHERE r.id = $1`,
        [id],
      )
    )[0];
    if (!row) return null;
    const history: StatusChange[] = (
      await this.#query<{ status: OfficerStatus; reply: string | null; changed_at: string }>(
        'SELECT status, reply, changed_at FROM status_history WHERE id = $1 ORDER BY change_seq',
        [id],
      )
    ).map((change) => ({ status: change.status, reply: change.reply, at: change.changed_at }));
    return storedRecord(row, history);
  }

  async *exportStream(query: ExportQuery): AsyncIterableIterator<ExportRow> {
    // Chunk by chunk, each a short query of its own: a client that stops reading holds no snapshot
    // (and no pooled connection) open for as long as it likes.
    let after: ExportKey | undefined;
    for (;;) {
      const { sql, params } = windowExportChunkQuery(query, after, EXPORT_CHUNK_ROWS);
      const rows = await this.#query<ExportChunkRow>(numbered(sql), params);
      for (const row of rows) yield exportRow(row);
      const last = rows.at(-1);
      if (!last || rows.length < EXPORT_CHUNK_ROWS) return;
      after = { at: last.window_at, seq: Number(last.window_seq) };
    }
  }

  async health(): Promise<void> {
    await this.#pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }

  // --- DashboardStore ---

  async listRecords(
    filter: RecordFilter,
    sort: RecordSort,
    offset: number,
    limit: number,
  ): Promise<InboxPage> {
    const [rows, count] = await Promise.all([
      this.#run<RecordSqlRow & pg.QueryResultRow>(inboxQuery(filter, sort, offset, limit + 1, 'postgres')),
      this.#run<{ n: string }>(countQuery(filter, COUNT_CAP + 1, 'postgres')),
    ]);
    const total = Number(count[0]?.n ?? 0);
    return {
      rows: rows.slice(0, limit).map(toInboxRow),
      total: Math.min(total, COUNT_CAP),
      totalCapped: total > COUNT_CAP,
      hasMore: rows.length > limit,
    };
  }

  async *exportRecords(filter: RecordFilter, sort: RecordSort): AsyncIterableIterator<ExportRecordRow> {
    const [top] = await this.#query<{ m: string | null }>('SELECT max(seq) AS m FROM records', []);
    const maxSeq = Number(top?.m ?? 0);
    for (let offset = 0; ; offset += DASHBOARD_EXPORT_CHUNK_ROWS) {
      const chunk = { maxSeq, offset, limit: DASHBOARD_EXPORT_CHUNK_ROWS };
      const query = exportQuery(filter, sort, 'postgres', chunk);
      const rows = await this.#query<RecordSqlRow>(numbered(query.sql), query.params);
      for (const row of rows) yield toExportRow(row);
      if (rows.length < DASHBOARD_EXPORT_CHUNK_ROWS) return;
    }
  }

  async hotspots(query: HotspotQuery): Promise<HotspotReport> {
    const ranking = await this.#run<RankingSqlRow & pg.QueryResultRow>(rankingQuery(query, 'postgres'));
    const weeks = trendWeeks(query);
    const top = ranking
      .slice(0, TREND_SERIES)
      .map((row) => ({ app: row.app, routeTemplate: row.route_template }));
    const trend = top.length
      ? await this.#run<{ app: string; route_template: string; week: string; count: string }>(
          trendQuery(query, weeks, top, 'postgres'),
        )
      : [];
    const totals = (
      await this.#run<{ count: string; this_week: string; last_week: string }>(totalsQuery(query, 'postgres'))
    )[0] ?? { count: 0, this_week: 0, last_week: 0 };
    return buildReport(ranking, trend, totals, weeks, async (app, route) => {
      const [first, screen] = await Promise.all([
        this.#query<{ week: string | null }>(numbered(FIRST_WEEK_QUERY), [app, route]),
        this.#query<{ screen_name: string }>(numbered(SCREEN_NAME_QUERY), [app, route]),
      ]);
      return { firstWeek: first[0]?.week ?? '', screenName: screen[0]?.screen_name ?? '' };
    });
  }

  async leaks(weeks: readonly string[]): Promise<LeakWeek[]> {
    if (weeks.length === 0) return [];
    return buildLeaks(weeks, await this.#run<LeakSqlRow & pg.QueryResultRow>(leakQuery(weeks, 'postgres')));
  }

  async filterOptions(): Promise<FilterOptions> {
    const [routes, categories, units] = await Promise.all([
      this.#query<{ app: string; route_template: string }>(ROUTES_QUERY),
      this.#run<{ x: string }>(distinctValuesQuery('category', 500)),
      this.#run<{ x: string }>(distinctValuesQuery('unit', 500)),
    ]);
    return {
      apps: [...new Set(routes.map((row) => row.app))],
      routes: routes.map((row) => ({ app: row.app, routeTemplate: row.route_template })),
      categories: categories.map((row) => row.x),
      units: units.map((row) => row.x),
    };
  }

  async duplicateLinks(id: string): Promise<DuplicateLinks> {
    const [of, duplicates] = await Promise.all([
      this.#query<{ duplicate_of: string }>('SELECT duplicate_of FROM record_duplicates WHERE id = $1', [id]),
      this.#query<{ id: string }>(
        'SELECT id FROM record_duplicates WHERE duplicate_of = $1 ORDER BY marked_at, id',
        [id],
      ),
    ]);
    return { duplicateOf: of[0]?.duplicate_of ?? null, duplicates: duplicates.map((row) => row.id) };
  }

  async markDuplicate(id: string, of: string, officer: string, at: string): Promise<MarkDuplicateResult> {
    if (id === of) return 'self';
    return this.#transaction(async (client) => {
      // One mark at a time: two officers flattening chains concurrently could otherwise build a cycle.
      await client.query('SELECT pg_advisory_xact_lock($1)', [DUPLICATE_LOCK]);
      const found = await client.query<{ id: string }>('SELECT id FROM records WHERE id = ANY($1::text[])', [
        [id, of],
      ]);
      const present = new Set(found.rows.map((row) => row.id));
      if (!present.has(id)) return 'not_found';
      if (!present.has(of)) return 'target_not_found';
      const root =
        (
          await client.query<{ duplicate_of: string }>(
            'SELECT duplicate_of FROM record_duplicates WHERE id = $1',
            [of],
          )
        ).rows[0]?.duplicate_of ?? of;
      if (root === id) return 'cycle';
      await client.query('UPDATE record_duplicates SET duplicate_of = $1 WHERE duplicate_of = $2', [
        root,
        id,
      ]);
      await client.query('DELETE FROM record_duplicates WHERE id = $1', [id]);
      await client.query(
        'INSERT INTO record_duplicates (id, duplicate_of, marked_at, marked_by) VALUES ($1, $2, $3, $4)',
        [id, root, at, officer],
      );
      return 'ok';
    });
  }

  async clearDuplicate(id: string): Promise<boolean> {
    return (
      ((await this.#pool.query('DELETE FROM record_duplicates WHERE id = $1', [id])).rowCount ?? 0) === 1
    );
  }

  async addAudit(recordId: string, entry: AuditEntry): Promise<void> {
    await this.#pool.query(
      'INSERT INTO dashboard_audit (record_id, at, officer, action, detail) VALUES ($1, $2, $3, $4, $5)',
      [recordId, entry.at, entry.officer, entry.action, entry.detail],
    );
  }

  async audit(recordId: string): Promise<AuditEntry[]> {
    return this.#query<AuditEntry & pg.QueryResultRow>(
      'SELECT at, officer, action, detail FROM dashboard_audit WHERE record_id = $1 ORDER BY seq',
      [recordId],
    );
  }

  async existingIds(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.#query<{ id: string }>('SELECT id FROM records WHERE id = ANY($1::text[])', [
      [...ids],
    ]);
    return new Set(rows.map((row) => row.id));
  }

  async findOfficer(user: string): Promise<OfficerAccount | null> {
    const row = (
      await this.#query<{ user_name: string; password_hash: string }>(
        'SELECT user_name, password_hash FROM officers WHERE user_name = $1',
        [user],
      )
    )[0];
    return row ? { user: row.user_name, passwordHash: row.password_hash } : null;
  }

  async putOfficer(account: OfficerAccount, replace: boolean, at: string): Promise<boolean> {
    return this.#transaction(async (client) => {
      const result = await client.query(
        replace
          ? `INSERT INTO officers (user_name, password_hash, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (user_name) DO UPDATE SET password_hash = EXCLUDED.password_hash`
          : 'INSERT INTO officers (user_name, password_hash, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [account.user, account.passwordHash, at],
      );
      const changed = result.rowCount === 1;
      if (changed && replace)
        await client.query('DELETE FROM officer_sessions WHERE user_name = $1', [account.user]);
      return changed;
    });
  }

  async removeOfficer(user: string): Promise<boolean> {
    return this.#transaction(async (client) => {
      await client.query('DELETE FROM officer_sessions WHERE user_name = $1', [user]);
      return (await client.query('DELETE FROM officers WHERE user_name = $1', [user])).rowCount === 1;
    });
  }

  async listOfficers(): Promise<string[]> {
    return (
      await this.#query<{ user_name: string }>('SELECT user_name FROM officers ORDER BY user_name')
    ).map((row) => row.user_name);
  }

  async createSession(session: OfficerSession): Promise<void> {
    await this.#pool.query(
      `INSERT INTO officer_sessions (token_hash, user_name, csrf_token, created_at, expires_at, last_seen_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        session.tokenHash,
        session.user,
        session.csrfToken,
        session.createdAt,
        session.expiresAt,
        session.lastSeenAt,
      ],
    );
    await this.#pool.query('DELETE FROM officer_sessions WHERE expires_at <= $1', [session.createdAt]);
  }

  async findSession(tokenHash: string, now: string): Promise<OfficerSession | null> {
    const row = (
      await this.#query<{
        token_hash: string;
        user_name: string;
        csrf_token: string;
        created_at: string;
        expires_at: string;
        last_seen_at: string;
      }>('SELECT * FROM officer_sessions WHERE token_hash = $1 AND expires_at > $2', [tokenHash, now])
    )[0];
    return row
      ? {
          tokenHash: row.token_hash,
          user: row.user_name,
          csrfToken: row.csrf_token,
          createdAt: row.created_at,
          expiresAt: row.expires_at,
          lastSeenAt: row.last_seen_at,
        }
      : null;
  }

  async touchSession(tokenHash: string, lastSeenAt: string): Promise<void> {
    await this.#pool.query('UPDATE officer_sessions SET last_seen_at = $1 WHERE token_hash = $2', [
      lastSeenAt,
      tokenHash,
    ]);
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.#pool.query('DELETE FROM officer_sessions WHERE token_hash = $1', [tokenHash]);
  }

  async addSigninFailure(keys: readonly string[], at: string, pruneBefore: string): Promise<void> {
    await this.#transaction(async (client) => {
      await client.query('INSERT INTO signin_failures (subject, at) SELECT unnest($1::text[]), $2', [
        [...keys],
        at,
      ]);
      await client.query('DELETE FROM signin_failures WHERE at < $1', [pruneBefore]);
    });
  }

  async removeSigninAttempt(keys: readonly string[], at: string): Promise<void> {
    await this.#pool.query('DELETE FROM signin_failures WHERE subject = ANY($1::text[]) AND at = $2', [
      [...keys],
      at,
    ]);
  }

  async signinFailures(keys: readonly string[], since: string): Promise<Map<string, number>> {
    const rows = await this.#query<{ subject: string; n: string }>(
      'SELECT subject, count(*) AS n FROM signin_failures WHERE subject = ANY($1::text[]) AND at >= $2 GROUP BY subject',
      [[...keys], since],
    );
    const counts = new Map(keys.map((key) => [key, 0]));
    for (const row of rows) counts.set(row.subject, Number(row.n));
    return counts;
  }
}

/** Opens the PostgreSQL store at `url` (migrating it). */
export function openPostgresStore(url: string, options: PostgresOptions = {}): Promise<PostgresStore> {
  return PostgresStore.open(url, options);
}
