import type { FeedbackRecord } from '../../../utils/schema/record';
import type { ItemResult, OfficerStatus, StatusResponse, StatusUpdate } from '../../../utils/schema/wire';
import type { CaughtCounts } from '../../second-line';
import { numbered, weekOf } from '../dashboard-sql';
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
} from '../record-row';
import {
  checkCursorHandedOut,
  LAST_CHANGE_SQL,
  parseCursor,
  type StatusRow,
  statusQuerySql,
  statusResponse,
} from '../status-cursor';
import {
  type BatchMeta,
  type ExportQuery,
  type ExportRow,
  refusedByStore,
  type StatusChange,
  type StatusInput,
  type Store,
  type StoredRecord,
} from '../types';
import { type PostgresPool, STATUS_LOCK } from './pool';

// 22 parameters per row; PostgreSQL allows 65 535 per statement.
const ROWS_PER_INSERT = 1000;
/** Tries of an ingest transaction PostgreSQL aborted as a deadlock victim (40P01/40001). */
const CONFLICT_ATTEMPTS = 5;

/**
 * Errors one record causes by itself: data exceptions (class 22, e.g. 22021 for U+0000 in a text
 * column) and integrity violations (class 23, from a constraint or trigger). Connection, resource and
 * conflict errors are not, and fail the whole batch so it is retried.
 */
function isRecordCaused(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

/**
 * The PostgreSQL store, for organisations running several collector instances on one database. Same
 * tables and semantics as the SQLite store; the dashboard's side is postgres/dashboard-store.ts on
 * the same pool.
 */
export class PostgresStore implements Store {
  readonly #pool: PostgresPool;

  constructor(pool: PostgresPool) {
    this.#pool = pool;
  }

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
    return this.#pool.transaction(async (client) => {
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
    return this.#pool.transaction(async (client) => {
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
    const rows = await this.#pool.query<{ id: string; answer_hash: string | null }>(
      'SELECT id, answer_hash FROM records WHERE id = ANY($1::text[])',
      [unique],
    );
    return new Map(rows.map((row) => [row.id, row.answer_hash]));
  }

  async statusSince(ids: readonly string[], since: string | undefined): Promise<StatusResponse> {
    const after = parseCursor(since);
    if (after > 0) {
      const last = await this.#pool.query<{ n: string | null }>(LAST_CHANGE_SQL);
      checkCursorHandedOut(since, after, Number(last[0]?.n ?? 0));
    }
    const unique = [...new Set(ids)];
    const rows =
      unique.length === 0
        ? []
        : await this.#pool.run<StatusRow>({
            sql: statusQuerySql(unique.length),
            params: [after, after, ...unique],
          });
    return statusResponse(rows, after);
  }

  async setStatus(
    id: string,
    input: StatusInput,
    at = new Date().toISOString(),
  ): Promise<StatusUpdate | null> {
    return this.#pool.transaction(async (client) => {
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
      await this.#pool.query<StatusJoinedRow & { updated_at: string | null }>(
        `SELECT ${STATUS_JOINED_COLUMNS}, s.updated_at
         FROM records r LEFT JOIN record_status s ON s.id = r.id WHERE r.id = $1`,
        [id],
      )
    )[0];
    if (!row) return null;
    const history: StatusChange[] = (
      await this.#pool.query<{ status: OfficerStatus; reply: string | null; changed_at: string }>(
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
      const rows = await this.#pool.query<ExportChunkRow>(numbered(sql), params);
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
}
