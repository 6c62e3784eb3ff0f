import type pg from 'pg';
import {
  readFilterOptions,
  readHotspotReport,
  readInboxPage,
  readLeaks,
  readSameScreen,
  type SqlReader,
} from '../dashboard-reads';
import { EXPORT_CHUNK_ROWS, exportQuery, type RecordSqlRow, toExportRow } from '../dashboard-sql';
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
import type { PostgresPool } from './pool';

// Advisory lock key (arbitrary, fixed) serialising duplicate marks.
const DUPLICATE_LOCK = 7_310_003;

/**
 * The dashboard's reads and writes on PostgreSQL, on the pool the API's store uses. Unlike SQLite
 * there is no catching up: triggers keep the hotspot weeks and the note search is an index.
 */
export class PostgresDashboardStore implements DashboardStore {
  readonly #pool: PostgresPool;
  readonly #reader: SqlReader;

  constructor(pool: PostgresPool) {
    this.#pool = pool;
    this.#reader = { dialect: 'postgres', all: (query) => pool.run(query) };
  }

  async listRecords(
    filter: RecordFilter,
    sort: RecordSort,
    offset: number,
    limit: number,
  ): Promise<InboxPage> {
    return readInboxPage(this.#reader, filter, sort, offset, limit);
  }

  async *exportRecords(filter: RecordFilter, sort: RecordSort): AsyncIterableIterator<ExportRecordRow> {
    const [top] = await this.#pool.query<{ m: string | null }>('SELECT max(seq) AS m FROM records', []);
    const maxSeq = Number(top?.m ?? 0);
    for (let offset = 0; ; offset += EXPORT_CHUNK_ROWS) {
      const chunk = { maxSeq, offset, limit: EXPORT_CHUNK_ROWS };
      const rows = await this.#reader.all<RecordSqlRow>(exportQuery(filter, sort, 'postgres', chunk));
      for (const row of rows) yield toExportRow(row);
      if (rows.length < EXPORT_CHUNK_ROWS) return;
    }
  }

  async hotspots(query: HotspotQuery): Promise<HotspotReport> {
    return readHotspotReport(this.#reader, query);
  }

  async leaks(weeks: readonly string[]): Promise<LeakWeek[]> {
    return readLeaks(this.#reader, weeks);
  }

  async filterOptions(): Promise<FilterOptions> {
    return readFilterOptions(this.#reader);
  }

  async duplicateLinks(id: string): Promise<DuplicateLinks> {
    const [of, duplicates] = await Promise.all([
      this.#pool.query<{ duplicate_of: string }>('SELECT duplicate_of FROM record_duplicates WHERE id = $1', [
        id,
      ]),
      this.#pool.query<{ id: string }>(
        'SELECT id FROM record_duplicates WHERE duplicate_of = $1 ORDER BY marked_at, id',
        [id],
      ),
    ]);
    return { duplicateOf: of[0]?.duplicate_of ?? null, duplicates: duplicates.map((row) => row.id) };
  }

  async sameScreenRecords(id: string, since: string, limit: number): Promise<InboxRow[]> {
    return readSameScreen(this.#reader, id, since, limit);
  }

  async markDuplicate(id: string, of: string, officer: string, at: string): Promise<MarkDuplicateResult> {
    if (id === of) return 'self';
    return this.#pool.transaction(async (client) => {
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
    return (await this.#pool.change('DELETE FROM record_duplicates WHERE id = $1', [id])) === 1;
  }

  async addAudit(recordId: string, entry: AuditEntry): Promise<void> {
    await this.#pool.query(
      'INSERT INTO dashboard_audit (record_id, at, officer, action, detail) VALUES ($1, $2, $3, $4, $5)',
      [recordId, entry.at, entry.officer, entry.action, entry.detail],
    );
  }

  async audit(recordId: string): Promise<AuditEntry[]> {
    return this.#pool.query<AuditEntry & pg.QueryResultRow>(
      'SELECT at, officer, action, detail FROM dashboard_audit WHERE record_id = $1 ORDER BY seq',
      [recordId],
    );
  }

  async existingIds(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.#pool.query<{ id: string }>('SELECT id FROM records WHERE id = ANY($1::text[])', [
      [...ids],
    ]);
    return new Set(rows.map((row) => row.id));
  }

  async findOfficer(user: string): Promise<OfficerAccount | null> {
    const row = (
      await this.#pool.query<{ user_name: string; password_hash: string }>(
        'SELECT user_name, password_hash FROM officers WHERE user_name = $1',
        [user],
      )
    )[0];
    return row ? { user: row.user_name, passwordHash: row.password_hash } : null;
  }

  async putOfficer(account: OfficerAccount, replace: boolean, at: string): Promise<boolean> {
    return this.#pool.transaction(async (client) => {
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
    return this.#pool.transaction(async (client) => {
      await client.query('DELETE FROM officer_sessions WHERE user_name = $1', [user]);
      return (await client.query('DELETE FROM officers WHERE user_name = $1', [user])).rowCount === 1;
    });
  }

  async listOfficers(): Promise<string[]> {
    return (
      await this.#pool.query<{ user_name: string }>('SELECT user_name FROM officers ORDER BY user_name')
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
      await this.#pool.query<{
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
    await this.#pool.transaction(async (client) => {
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
    const rows = await this.#pool.query<{ subject: string; n: string }>(
      'SELECT subject, count(*) AS n FROM signin_failures WHERE subject = ANY($1::text[]) AND at >= $2 GROUP BY subject',
      [[...keys], since],
    );
    const counts = new Map(keys.map((key) => [key, 0]));
    for (const row of rows) counts.set(row.subject, Number(row.n));
    return counts;
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}
