import type { OfficerStatus, StatusResponse } from '../../utils/schema/wire';
import { BadCursorError } from './types';

// The caseworkers' status cursor, the same on both databases: the `change_seq` of the last change a
// device was sent, as decimal text. Only the stores' SQL differs; the rules live here.

/** A `record_status` row as both stores read it (PostgreSQL returns BIGINT as text). */
export interface StatusRow {
  id: string;
  status: OfficerStatus;
  reply: string | null;
  updated_at: string;
  change_seq: number | string;
}

/** The change number after which a device wants changes: 0 for none given. */
export function parseCursor(since: string | undefined): number {
  if (since === undefined || since === '') return 0;
  if (!/^\d{1,15}$/.test(since)) throw new BadCursorError(since);
  return Number(since);
}

/**
 * Refuses a cursor beyond the last change: it was never handed out (a device that kept its cursor
 * across a restore from backup), so the device starts over instead of missing answers (issue #14, item 6).
 */
export function checkCursorHandedOut(since: string | undefined, after: number, lastChange: number): void {
  if (after > 0 && after > lastChange) throw new BadCursorError(since as string);
}

/**
 * The reply to a status query from the rows found, in change order. The cursor only moves past changes
 * this reply contains: a client asking for a subset of its ids must not skip changes to the others,
 * and nobody learns how busy the collector is.
 */
export function statusResponse(rows: readonly StatusRow[], after: number): StatusResponse {
  const ordered = [...rows].sort((a, b) => Number(a.change_seq) - Number(b.change_seq));
  const cursor = ordered.reduce((max, row) => Math.max(max, Number(row.change_seq)), after);
  return {
    updates: ordered.map((row) => ({
      id: row.id,
      status: row.status,
      reply: row.reply,
      updatedAt: row.updated_at,
    })),
    cursor: String(cursor),
  };
}
