import type Database from 'better-sqlite3';
import type { FeedbackRecord } from '../../../utils/schema/record';
import type { ItemResult, OfficerStatus, StatusResponse, StatusUpdate } from '../../../utils/schema/wire';
import type { CaughtCounts } from '../../second-line';
import {
  EXPORT_CHUNK_ROWS,
  type ExportChunkRow,
  type ExportKey,
  exportRow,
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
import {
  CHECKPOINT_WAL_BYTES,
  IDS_PER_QUERY,
  openSqliteDatabase,
  placeholders,
  SAFETY_AUTOCHECKPOINT_PAGES,
  WAL_KEEP_BYTES,
} from './database';
import { WalSync } from './wal-sync';
import { SqliteWriter } from './writer';

/** The embedded store: one writer connection, plus a read-only connection per running export. */
export class SqliteStore implements Store {
  readonly #db: Database.Database;

  // Officer status changes through the API; ingest syncs on the writer thread (writer-thread.ts).
  readonly #wal: WalSync;
  readonly #writer: SqliteWriter;
  readonly #recordExists;
  readonly #lastChange;
  readonly #getStatus;
  readonly #insertHistory;
  readonly #upsertStatus;
  readonly #getRecord;
  readonly #getHistory;
  readonly #setStatusTx;

  constructor(file: string) {
    const db = openSqliteDatabase(file);
    // Commits here and in the writer thread do not fsync inside SQLite; every write waits for an fsync
    // of the WAL instead (#wal here, the writer thread's own for ingest), which makes it exactly as
    // durable as synchronous = FULL before anyone is answered.
    db.pragma('synchronous = NORMAL');
    // Routine checkpoints run on the writer thread between commits (writer-thread.ts).
    db.pragma(`wal_autocheckpoint = ${SAFETY_AUTOCHECKPOINT_PAGES}`);
    this.#db = db;
    this.#writer = new SqliteWriter(file, {
      journalSizeLimit: WAL_KEEP_BYTES,
      checkpointWalBytes: CHECKPOINT_WAL_BYTES,
    });
    this.#wal = new WalSync(`${file}-wal`);

    this.#recordExists = db.prepare<[string], number>('SELECT 1 FROM records WHERE id = ?').pluck();
    this.#lastChange = db.prepare<[], number | null>(LAST_CHANGE_SQL).pluck();
    this.#getStatus = db.prepare<[string], { reply: string | null }>(
      'SELECT id, status, reply, updated_at, change_seq FROM record_status WHERE id = ?',
    );
    this.#insertHistory = db.prepare<[string, string, string | null, string]>(
      'INSERT INTO status_history (id, status, reply, changed_at) VALUES (?, ?, ?, ?)',
    );
    this.#upsertStatus = db.prepare<{
      id: string;
      status: OfficerStatus;
      reply: string | null;
      updated_at: string;
      change_seq: number;
    }>(`
      INSERT INTO record_status (id, status, reply, updated_at, change_seq)
      VALUES (@id, @status, @reply, @updated_at, @change_seq)
      ON CONFLICT (id) DO UPDATE SET status = excluded.status, reply = excluded.reply,
        updated_at = excluded.updated_at, change_seq = excluded.change_seq`);
    this.#getRecord = db.prepare<[string], StatusJoinedRow & { updated_at: string | null }>(`
      SELECT ${STATUS_JOINED_COLUMNS}, s.updated_at
      FROM records r LEFT JOIN record_status s ON s.id = r.id
      WHERE r.id = ?`);
    this.#getHistory = db.prepare<
      [string],
      { status: OfficerStatus; reply: string | null; changed_at: string }
    >('SELECT status, reply, changed_at FROM status_history WHERE id = ? ORDER BY change_seq');
    this.#setStatusTx = db.transaction((id: string, input: StatusInput, at: string): StatusUpdate | null => {
      if (!this.#recordExists.get(id)) return null;
      const reply = input.reply === undefined ? (this.#getStatus.get(id)?.reply ?? null) : input.reply;
      const { lastInsertRowid } = this.#insertHistory.run(id, input.status, reply, at);
      this.#upsertStatus.run({
        id,
        status: input.status,
        reply,
        updated_at: at,
        change_seq: Number(lastInsertRowid),
      });
      return { id, status: input.status, reply, updatedAt: at };
    });
  }

  async ingest(
    records: readonly FeedbackRecord[],
    batch: BatchMeta,
    caught?: readonly CaughtCounts[],
  ): Promise<ItemResult[]> {
    // A failed fsync on either path is final for both (wal-sync.ts).
    const failure = this.#wal.failure ?? this.#writer.failure;
    if (failure) throw failure;
    // Rows are built here, as the batch arrives: the records' JSON is made where they were validated,
    // a flat row is cheaper to hand to the thread than the record object, and the thread groups the
    // batches that queue while it commits (group commit, writer-thread.ts). It answers once the
    // group's commit is on disk — duplicates too.
    const changes = await this.#writer.insert(
      records.map((record, k) => recordRow(record, batch, caught?.[k])),
    );
    // 0 changes: the id was already there — stored before, or earlier in this very group. A text: the
    // database refused this record alone; the others are stored.
    return records.map((record, k) => {
      const outcome = changes[k];
      if (typeof outcome === 'string') return refusedByStore(record.id, outcome);
      return { id: record.id, status: outcome === 1 ? 'accepted' : 'duplicate' };
    });
  }

  async answerHashes(ids: readonly string[]): Promise<Map<string, string | null>> {
    const unique = [...new Set(ids)];
    const hashes = new Map<string, string | null>();
    for (let start = 0; start < unique.length; start += IDS_PER_QUERY) {
      const chunk = unique.slice(start, start + IDS_PER_QUERY);
      const rows = this.#db
        .prepare<unknown[], { id: string; answer_hash: string | null }>(
          `SELECT id, answer_hash FROM records WHERE id IN (${placeholders(chunk.length)})`,
        )
        .all(...chunk);
      for (const row of rows) hashes.set(row.id, row.answer_hash);
    }
    return hashes;
  }

  async statusSince(ids: readonly string[], since: string | undefined): Promise<StatusResponse> {
    const after = parseCursor(since);
    checkCursorHandedOut(since, after, this.#lastChange.get() ?? 0);
    const unique = [...new Set(ids)];
    const rows: StatusRow[] = [];
    for (let start = 0; start < unique.length; start += IDS_PER_QUERY) {
      const chunk = unique.slice(start, start + IDS_PER_QUERY);
      rows.push(
        ...this.#db.prepare<unknown[], StatusRow>(statusQuerySql(chunk.length)).all(after, after, ...chunk),
      );
    }
    return statusResponse(rows, after);
  }

  async setStatus(
    id: string,
    input: StatusInput,
    at = new Date().toISOString(),
  ): Promise<StatusUpdate | null> {
    // A failed fsync on either path is final for both (wal-sync.ts).
    const failure = this.#wal.failure ?? this.#writer.failure;
    if (failure) throw failure;
    const update = this.#setStatusTx(id, input, at);
    // Read-only when the record is unknown; otherwise answered once on disk, like an ingest.
    if (update) await this.#wal.durable();
    return update;
  }

  async getRecord(id: string): Promise<StoredRecord | null> {
    const row = this.#getRecord.get(id);
    if (!row) return null;
    const history: StatusChange[] = this.#getHistory
      .all(id)
      .map((change) => ({ status: change.status, reply: change.reply, at: change.changed_at }));
    return storedRecord(row, history);
  }

  async *exportStream(query: ExportQuery): AsyncIterableIterator<ExportRow> {
    // Chunk by chunk, each read on its own and finished before the rows go out: a client that stops
    // reading keeps no read transaction open, so checkpoints go on and the WAL stays small.
    let after: ExportKey | undefined;
    for (;;) {
      const { sql, params } = windowExportChunkQuery(query, after, EXPORT_CHUNK_ROWS);
      if (!this.#db.open) return;
      const rows = this.#db.prepare<(string | number)[], ExportChunkRow>(sql).all(...params);
      for (const row of rows) {
        // A store closed while the client still read ends the export (nothing is held open to end).
        if (!this.#db.open) return;
        yield exportRow(row);
      }
      const last = rows.at(-1);
      if (!last || rows.length < EXPORT_CHUNK_ROWS) return;
      after = { at: last.window_at, seq: Number(last.window_seq) };
    }
  }

  /** Resolves once the writer thread takes batches; rejects if it could not start. */
  ready(): Promise<void> {
    return this.#writer.ready();
  }

  async health(): Promise<void> {
    const failure = this.#wal.failure ?? this.#writer.failure;
    if (failure) throw failure;
    this.#db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    // The writer commits and syncs what it was given, then stops; officer changes finish their fsync.
    await this.#writer.stop();
    await this.#wal.drain();
    if (this.#db.open) this.#db.close();
  }
}
