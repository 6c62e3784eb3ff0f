import type { IncidentState, IncidentStatus, OfficerStatus, StatusResponse } from '../../utils/schema/wire';
import { BadCursorError } from './types';

// The caseworkers' status cursor, the same on both databases: the number of the last change a device
// was sent, as decimal text. Officer status changes and incident changes (issue #17) take their
// numbers from one sequence (status_history's); only the stores' SQL differs, the rules live here.

/**
 * A record as the status query reads it: its officer status (null columns before an officer acted),
 * and its incident when it is an outage report grouped into one. PostgreSQL returns BIGINT as text.
 */
export interface StatusRow {
  id: string;
  status: OfficerStatus | null;
  reply: string | null;
  updated_at: string | null;
  change_seq: number | string | null;
  incident_seq: number | string | null;
  incident_id: string | null;
  incident_app: string | null;
  incident_state: IncidentState | null;
  incident_opened_at: string | null;
  incident_known_at: string | null;
  incident_closed_at: string | null;
  incident_status_text: string | null;
  incident_changed_at: string | null;
}

/**
 * The status query of both stores, for `count` ids (`?` placeholders: the cursor twice, then the ids):
 * records whose officer status or whose incident changed after the cursor.
 */
export function statusQuerySql(count: number): string {
  return `SELECT r.id, s.status, s.reply, s.updated_at, s.change_seq, r.incident_seq,
      i.id AS incident_id, i.app AS incident_app, i.state AS incident_state,
      i.opened_at AS incident_opened_at, i.known_at AS incident_known_at,
      i.closed_at AS incident_closed_at, i.status_text AS incident_status_text,
      i.changed_at AS incident_changed_at
    FROM records r
    LEFT JOIN record_status s ON s.id = r.id
    LEFT JOIN incidents i ON i.id = r.incident_id
    WHERE (s.change_seq > ? OR r.incident_seq > ?)
      AND r.id IN (${Array.from({ length: count }, () => '?').join(', ')})`;
}

/** The last change number handed out, in both dialects: officer changes and incident changes. */
export const LAST_CHANGE_SQL = `SELECT max(n) AS n FROM (
    SELECT max(change_seq) AS n FROM status_history
    UNION ALL SELECT max(change_seq) AS n FROM incidents
  ) AS changes`;

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

/** The change number of a row: its officer change or its incident change, whichever is later. */
function changeOf(row: StatusRow): number {
  return Math.max(Number(row.change_seq ?? 0), Number(row.incident_seq ?? 0));
}

function incidentOf(row: StatusRow): IncidentStatus | undefined {
  if (!row.incident_id || !row.incident_state || !row.incident_app || !row.incident_opened_at)
    return undefined;
  return {
    id: row.incident_id,
    app: row.incident_app,
    state: row.incident_state,
    openedAt: row.incident_opened_at,
    knownAt: row.incident_known_at,
    closedAt: row.incident_closed_at,
    statusText: row.incident_status_text,
  };
}

/**
 * The reply to a status query from the rows found, in change order. The cursor only moves past changes
 * this reply contains: a client asking for a subset of its ids must not skip changes to the others,
 * and nobody learns how busy the collector is. A record no officer has acted on yet but whose incident
 * changed is sent as `received` with no reply, the status every stored record has from the start.
 */
export function statusResponse(rows: readonly StatusRow[], after: number): StatusResponse {
  const ordered = [...rows].sort((a, b) => changeOf(a) - changeOf(b));
  const cursor = ordered.reduce((max, row) => Math.max(max, changeOf(row)), after);
  return {
    updates: ordered.map((row) => {
      const incident = incidentOf(row);
      const changedAt = [row.updated_at, incident ? row.incident_changed_at : null]
        .filter((at): at is string => typeof at === 'string')
        .sort()
        .at(-1) as string;
      return {
        id: row.id,
        status: row.status ?? 'received',
        reply: row.reply,
        updatedAt: changedAt,
        ...(incident ? { incident } : {}),
      };
    }),
    cursor: String(cursor),
  };
}
