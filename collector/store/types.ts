import type { FeedbackRecord } from '../../utils/schema/record';
import type { ItemResult, OfficerStatus, StatusResponse, StatusUpdate } from '../../utils/schema/wire';
import type { CaughtCounts } from '../second-line';
import type { DashboardStore } from './dashboard-types';
import type { HubStore } from './hub-types';
import type { IncidentStore } from './incident-types';
import type { QuestionStore } from './question-types';
import type { SqlSharingStore } from './sharing';

/** Where a batch came from; stored with every record it brought. */
export interface BatchMeta {
  batchId: string;
  /** ISO 8601 UTC time the request arrived. */
  receivedAt: string;
}

/** One officer action, as kept in the history. */
export interface StatusChange {
  status: OfficerStatus;
  reply: string | null;
  at: string;
}

/** What an officer sets; `reply` omitted keeps the previous reply, `null` clears it. */
export interface StatusInput {
  status: OfficerStatus;
  reply?: string | null;
}

/** A record as received, with its officer status (null until an officer first acts on it). */
export interface StoredRecord {
  id: string;
  receivedAt: string;
  batchId: string;
  record: FeedbackRecord;
  status: OfficerStatus | null;
  reply: string | null;
  updatedAt: string | null;
  history: StatusChange[];
  /** What the collector's second line masked in the record before storing it (empty: nothing). */
  caughtByCollector: CaughtCounts;
}

/** Time window of an export: `from` inclusive, `to` exclusive, both ISO 8601 UTC. */
export interface ExportQuery {
  from?: string;
  to?: string;
  /** Which time the window applies to: arrival at the collector (default) or creation on the device. */
  by?: 'received' | 'created';
}

/** One exported record; `recordJson` is the stored JSON text, passed through without re-serialising. */
export interface ExportRow {
  id: string;
  receivedAt: string;
  batchId: string;
  status: OfficerStatus | null;
  reply: string | null;
  recordJson: string;
  /** What the collector masked, by kind, as JSON text (`{}` for nothing). */
  caughtJson: string;
}

/**
 * The result for a record the database refused by itself (a constraint, a value it cannot hold) while
 * the rest of its batch was stored: rejected with the reason, so the sender dead-letters this record
 * instead of retrying the whole batch for ever (issue #14, item 1).
 */
export function refusedByStore(id: string, message: string): ItemResult {
  return { id, status: 'rejected', reason: `store_refused: ${message}`.slice(0, 500) };
}

/** Thrown by `statusSince` for a cursor this store did not hand out. */
export class BadCursorError extends Error {
  constructor(cursor: string) {
    super(`unknown cursor "${cursor.slice(0, 40)}"`);
    this.name = 'BadCursorError';
  }
}

/** The store cannot write now (its writer thread is gone); the sender should retry later. */
export class StoreUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}

/**
 * Persistence behind the HTTP API. Async throughout although SQLite is synchronous, so a PostgreSQL
 * implementation can slot in without touching the routes.
 */
export interface Store {
  /**
   * Stores valid records of one batch atomically; per record `accepted` if new, `duplicate` if its id
   * is already stored (by an earlier batch or earlier in this one). Results are in input order.
   * `caught[k]` is what the collector's second line masked in `records[k]` (none when omitted).
   */
  ingest(
    records: readonly FeedbackRecord[],
    batch: BatchMeta,
    caught?: readonly CaughtCounts[],
  ): Promise<ItemResult[]>;
  /**
   * The stored answer-secret hash of each given id that exists: null for records stored without one
   * (record version 1). Ids not stored are absent.
   */
  answerHashes(ids: readonly string[]): Promise<Map<string, string | null>>;
  /** Officer changes of the given ids after `since`, and the cursor to pass next time. */
  statusSince(ids: readonly string[], since: string | undefined): Promise<StatusResponse>;
  /** Records an officer status change with history; null when the record does not exist. */
  setStatus(id: string, input: StatusInput, at?: string): Promise<StatusUpdate | null>;
  /** A record with its status and history, or null. */
  getRecord(id: string): Promise<StoredRecord | null>;
  /** Records in arrival order, read lazily; breaking out of the loop releases the read. */
  exportStream(query: ExportQuery): AsyncIterableIterator<ExportRow>;
  /** Resolves when the database answers a trivial query; rejects otherwise. */
  health(): Promise<void>;
  /** Closes the database; call after the HTTP server has drained. */
  close(): Promise<void>;
}

/**
 * One database as the collector opens it, the same shape on SQLite and PostgreSQL: the API's store and
 * the dashboard's, closed together.
 */
export interface Backend {
  store: Store;
  dashboard: DashboardStore;
  /** Incidents grouped from outage reports (issue #17), and their notification queue. */
  incidents: IncidentStore;
  /** Questions to caseworkers, their answers, and change markers (issue #18). */
  questions: QuestionStore;
  /** What job centres pushed to a hub, and the hub's notices (issue #19). */
  hub: HubStore;
  /** Sharing with a regional hub (issue #19): settings, shared notes, pushes, the hub's feed. */
  sharing: SqlSharingStore;
  /** Where the data is, for the start-up line: the SQLite file, or the URL without its password. */
  where: string;
  /** Closes both stores; call after the HTTP server has drained. */
  close(): Promise<void>;
}
