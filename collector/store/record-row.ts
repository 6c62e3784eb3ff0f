import { createHash } from 'node:crypto';
import type { FeedbackRecord } from '../../utils/schema/record';
import type { OfficerStatus } from '../../utils/schema/wire';
import type { CaughtCounts } from '../second-line';
import type { BatchMeta, ExportQuery, ExportRow, StatusChange, StoredRecord } from './types';

/**
 * A record as the `records` table's columns, in the column order of both stores' inserts.
 * Positional: binding named parameters from an object costs a property lookup per column, measurably
 * more per record than SQLite's own work on the ingest path.
 */
export type RecordRow = [
  id: string,
  received_at: string,
  batch_id: string,
  created_at: string,
  app: string,
  route_template: string,
  screen_name: string,
  category: string,
  impact: string,
  during_appointment: number,
  minutes_lost: number | null,
  unit: string | null,
  note: string,
  record_json: string,
  caught: number,
  caught_counts: string | null,
  answer_hash: string | null,
  outage_kind: string | null,
  outage_code: string | null,
  outage_since: string | null,
  outage_source: string | null,
  outage_episode: string | null,
];

/** Names of the `records` columns in RecordRow's order, for both stores' inserts. */
export const RECORD_ROW_COLUMNS = `id, received_at, batch_id, created_at, app, route_template, screen_name,
  category, impact, during_appointment, minutes_lost, unit, note, record_json, caught, caught_counts,
  answer_hash, outage_kind, outage_code, outage_since, outage_source, outage_episode`;

/**
 * The stored form of a record's answer secret: SHA-256, hex. The secret is 128 random bits, so a
 * plain hash cannot be reversed by guessing; a slow password hash would only cost ingest time.
 */
export function answerHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/**
 * The row of a record; `caught` is what the collector's second line masked in it (second-line.ts),
 * stored beside the record so the dashboard can count it per week.
 */
export function recordRow(record: FeedbackRecord, batch: BatchMeta, caught?: CaughtCounts): RecordRow {
  let total = 0;
  if (caught) for (const n of Object.values(caught)) total += n ?? 0;
  // The secret itself is never stored (nor shown, nor exported): only its hash, in its own column.
  const { answerSecret, ...rest } = record as FeedbackRecord & { answerSecret?: string };
  // The outage episode (issue #17) only counts installations: it lives in its own column for the
  // grouping rule, and the record as stored, shown and exported keeps no trace of it.
  let kept: Record<string, unknown> = rest;
  if (record.outage) {
    const { episode: _episode, ...outage } = record.outage;
    kept = { ...rest, outage };
  }
  return [
    record.id,
    batch.receivedAt,
    batch.batchId,
    // Normalised to UTC so the column sorts and range-filters correctly whatever offset the device used.
    new Date(record.createdAt).toISOString(),
    record.context.app,
    record.context.routeTemplate,
    record.context.screen.name,
    record.category,
    record.impact,
    record.duringAppointment ? 1 : 0,
    record.minutesLost ?? null,
    record.reporter.mode === 'unit' ? record.reporter.unit : null,
    record.note,
    JSON.stringify(kept),
    total,
    total > 0 ? JSON.stringify(caught) : null,
    answerSecret === undefined ? null : answerHash(answerSecret),
    // The outage in columns of its own (issue #17): the grouping rule counts reports and episodes by
    // application and arrival without reading the JSON.
    record.outage?.kind ?? null,
    record.outage?.code ?? null,
    record.outage ? new Date(record.outage.since).toISOString() : null,
    record.outage?.source ?? null,
    record.outage?.episode ?? null,
  ];
}

/** A record joined with its officer status, as both stores select it for detail and export. */
export interface StatusJoinedRow {
  id: string;
  received_at: string;
  batch_id: string;
  record_json: string;
  status: OfficerStatus | null;
  reply: string | null;
  caught_counts: string | null;
}

/** The columns of {@link StatusJoinedRow}, for `SELECT … FROM records r LEFT JOIN record_status s`. */
export const STATUS_JOINED_COLUMNS =
  'r.id, r.received_at, r.batch_id, r.record_json, s.status, s.reply, r.caught_counts';

export function storedRecord(
  row: StatusJoinedRow & { updated_at: string | null },
  history: StatusChange[],
): StoredRecord {
  return {
    id: row.id,
    receivedAt: row.received_at,
    batchId: row.batch_id,
    record: JSON.parse(row.record_json) as FeedbackRecord,
    status: row.status,
    reply: row.reply,
    updatedAt: row.updated_at,
    history,
    caughtByCollector: row.caught_counts ? (JSON.parse(row.caught_counts) as CaughtCounts) : {},
  };
}

export function exportRow(row: StatusJoinedRow): ExportRow {
  return {
    id: row.id,
    receivedAt: row.received_at,
    batchId: row.batch_id,
    status: row.status,
    reply: row.reply,
    recordJson: row.record_json,
    caughtJson: row.caught_counts ?? '{}',
  };
}

/** Rows an export reads at a time, each chunk in a read of its own (see {@link windowExportChunkQuery}). */
export const EXPORT_CHUNK_ROWS = 500;

/** Where the last chunk of an export ended: its window column's value and its sequence number. */
export interface ExportKey {
  at: string;
  seq: number;
}

/** A chunk's row: the joined record plus its place in the window. */
export type ExportChunkRow = StatusJoinedRow & { window_at: string; window_seq: number | string };

/**
 * One chunk of the export's window with `?` placeholders (PostgreSQL numbers them), after `after` in
 * window order. An export reads chunk by chunk, each
 * chunk a short read of its own, so a client that stops reading holds no read transaction open: in
 * SQLite that would keep the WAL from being checkpointed and let it grow for as long as the client
 * likes. The key is (window column, seq), which is unique and follows the window order.
 */
export function windowExportChunkQuery(
  query: ExportQuery,
  after?: ExportKey,
  limit?: number,
): { sql: string; params: (string | number)[] } {
  const column = query.by === 'created' ? 'r.created_at' : 'r.received_at';
  const conditions: string[] = [];
  const params: (string | number)[] = [];
  if (after) {
    conditions.push(`(${column} > ? OR (${column} = ? AND r.seq > ?))`);
    params.push(after.at, after.at, after.seq);
  }
  if (query.from) {
    conditions.push(`${column} >= ?`);
    params.push(query.from);
  }
  if (query.to) {
    conditions.push(`${column} < ?`);
    params.push(query.to);
  }
  const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
  const window = query.by === 'created' ? 'r.created_at' : 'r.received_at';
  return {
    sql: `SELECT ${STATUS_JOINED_COLUMNS}, ${window} AS window_at, r.seq AS window_seq
          FROM records r LEFT JOIN record_status s ON s.id = r.id
          ${where} ORDER BY ${column}, r.seq${limit === undefined ? '' : ` LIMIT ${Math.trunc(limit)}`}`,
    params,
  };
}
