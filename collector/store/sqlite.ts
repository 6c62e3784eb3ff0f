import Database from 'better-sqlite3';
import type { FeedbackRecord } from '../../utils/schema/record';
import type { ItemResult, OfficerStatus, StatusResponse, StatusUpdate } from '../../utils/schema/wire';
import { applyMigrations } from '../db/migrate';
import { SQLITE_MIGRATIONS } from '../db/migrations/sqlite';
import type { CaughtCounts } from '../second-line';
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
} from './record-row';
import { SAFETY_AUTOCHECKPOINT_PAGES, SqliteWriter } from './sqlite-writer';
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
import { WalSync } from './wal-sync';

/** File name of the database inside the data folder. */
export const SQLITE_FILE_NAME = 'collector.sqlite';

// Well under SQLite's bound-parameter limit, and the same chunking works for PostgreSQL.
const IDS_PER_QUERY = 500;
// WAL size from which an ingest group's fsync is followed by a checkpoint (about 4000 pages). Larger
// than SQLite's default of 1000 pages: the checkpoint no longer holds up requests, and the fewer there
// are, the fewer times the same index pages are copied into the database file.
const CHECKPOINT_WAL_BYTES = 16 * 1024 * 1024;
// What a WAL is cut back to when it starts over (journal_size_limit); well below CHECKPOINT_WAL_BYTES.
const WAL_KEEP_BYTES = 4 * 1024 * 1024;

interface StatusRow {
  id: string;
  status: OfficerStatus;
  reply: string | null;
  updated_at: string;
  change_seq: number;
}

function parseCursor(since: string | undefined): number {
  if (since === undefined || since === '') return 0;
  if (!/^\d{1,15}$/.test(since)) throw new BadCursorError(since);
  return Number(since);
}

/** Opens (creating if needed) a database file in WAL mode and brings its schema up to date. */
export function openSqliteDatabase(file: string): Database.Database {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    // FULL: the commit is on disk before we answer "accepted"; the extension deletes its copy on that answer.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // When a checkpoint lets the WAL start over, it is cut back to this size. Besides freeing the disk
    // after a burst, this keeps the file's size equal to its live content beyond that, so the ingest
    // store can tell from it when a checkpoint is due (CHECKPOINT_WAL_BYTES).
    db.pragma(`journal_size_limit = ${WAL_KEEP_BYTES}`);
    applyMigrations(db, SQLITE_MIGRATIONS);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The embedded store: one writer connection, plus a read-only connection per running export. */
export class SqliteStore implements Store {
  readonly #db: Database.Database;

  // Officer status changes through the API; ingest syncs on the writer thread (sqlite-writer.ts).
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
    // Routine checkpoints run on the writer thread between commits (sqlite-writer.ts).
    db.pragma(`wal_autocheckpoint = ${SAFETY_AUTOCHECKPOINT_PAGES}`);
    this.#db = db;
    this.#writer = new SqliteWriter(file, {
      journalSizeLimit: WAL_KEEP_BYTES,
      checkpointWalBytes: CHECKPOINT_WAL_BYTES,
    });
    this.#wal = new WalSync(`${file}-wal`);

    this.#recordExists = db.prepare<[string], number>('SELECT 1 FROM records WHERE id = ?').pluck();
    this.#lastChange = db.prepare<[], number | null>('SELECT max(change_seq) FROM status_history').pluck();
    this.#getStatus = db.prepare<[string], StatusRow>(
      'SELECT id, status, reply, updated_at, change_seq FROM record_status WHERE id = ?',
    );
    this.#insertHistory = db.prepare<[string, string, string | null, string]>(
      'INSERT INTO status_history (id, status, reply, changed_at) VALUES (?, ?, ?, ?)',
    );
    this.#upsertStatus = db.prepare<StatusRow>(`
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
    // batches that queue while it commits (group commit, sqlite-writer.ts). It answers once the
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
          `SELECT id, answer_hash FROM records WHERE id IN (${chunk.map(() => '?').join(', ')})`,
        )
        .all(...chunk);
      for (const row of rows) hashes.set(row.id, row.answer_hash);
    }
    return hashes;
  }

  async statusSince(ids: readonly string[], since: string | undefined): Promise<StatusResponse> {
    const after = parseCursor(since);
    // A cursor beyond the last change was never handed out (a device that kept its cursor across a
    // restore from backup); refused, so the device starts over instead of missing answers (item 6).
    if (after > 0 && after > (this.#lastChange.get() ?? 0)) throw new BadCursorError(since as string);
    const unique = [...new Set(ids)];
    const rows: StatusRow[] = [];
    for (let start = 0; start < unique.length; start += IDS_PER_QUERY) {
      const chunk = unique.slice(start, start + IDS_PER_QUERY);
      const placeholders = chunk.map(() => '?').join(', ');
      rows.push(
        ...this.#db
          .prepare<unknown[], StatusRow>(
            `SELECT id, status, reply, updated_at, change_seq FROM record_status
             WHERE change_seq > ? AND id IN (${placeholders})`,
          )
          .all(after, ...chunk),
      );
    }
    rows.sort((a, b) => a.change_seq - b.change_seq);
    // The cursor only moves past changes we actually returned: a client asking for a subset of its ids
    // must not skip changes to the others, and nobody learns how busy the collector is.
    const cursor = rows.reduce((max, row) => Math.max(max, row.change_seq), after);
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

/** Opens the SQLite store on `file`. */
export function openSqliteStore(file: string): SqliteStore {
  return new SqliteStore(file);
}
