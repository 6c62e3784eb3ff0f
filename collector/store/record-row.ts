import type { FeedbackRecord } from '../../utils/schema/record';
import type { BatchMeta } from './types';

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
];

export function recordRow(record: FeedbackRecord, batch: BatchMeta): RecordRow {
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
    JSON.stringify(record),
  ];
}
