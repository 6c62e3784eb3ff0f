import { randomUUID } from 'node:crypto';
import type { IncidentState } from '../../utils/schema/wire';
import { findIncidentWindow, type IncidentRule, type WaitingReport } from './incident-rule';
import type {
  AppIncidentHistory,
  Counted,
  IncidentChangeResult,
  IncidentEvent,
  IncidentStore,
  IncidentSummary,
  NotificationChannel,
  NotificationPayload,
  QueuedNotification,
} from './incident-types';

// Incidents on both databases. The logic is written once, as generators that yield SQL steps (`?`
// placeholders, portable SQL); each backend's driver runs them — SQLite synchronously in one
// transaction on its connection, PostgreSQL in one transaction on one pooled client. Synchronous on
// SQLite matters: an await inside an open SQLite transaction would let another request's write on the
// same thread wait for a lock this thread holds.

/** One step of an operation: a query's rows, a statement's change count, or the next change number. */
export type SqlStep =
  | { kind: 'all'; sql: string; params: readonly unknown[] }
  | { kind: 'run'; sql: string; params: readonly unknown[] }
  | { kind: 'nextChange' };

/** An operation: yields steps, receives each step's result (rows, count, or number), returns T. */
export type SqlOp<T> = Generator<SqlStep, T, unknown>;

/** How a backend runs operations. */
export interface SqlDriver {
  /**
   * In one write transaction, serialised with every other change that takes a status-cursor number
   * (officer status changes included), so numbers become visible in order.
   */
  write<T>(op: SqlOp<T>): Promise<T>;
  /** Reads, no transaction needed. */
  read<T>(op: SqlOp<T>): Promise<T>;
}

function* all<Row>(sql: string, params: readonly unknown[] = []): Generator<SqlStep, Row[], unknown> {
  return (yield { kind: 'all', sql, params }) as Row[];
}

function* run(sql: string, params: readonly unknown[] = []): Generator<SqlStep, number, unknown> {
  return (yield { kind: 'run', sql, params }) as number;
}

function* nextChange(): Generator<SqlStep, number, unknown> {
  return Number(yield { kind: 'nextChange' });
}

interface IncidentRow {
  id: string;
  app: string;
  state: IncidentState;
  window_start: string;
  opened_at: string;
  known_at: string | null;
  closed_at: string | null;
  status_text: string | null;
}

interface AggregateRow {
  incident_id: string;
  reports: number | string;
  installations: number | string;
  minutes_lost: number | string | null;
  first_report_at: string;
  last_report_at: string;
  since: string | null;
}

interface CountRow {
  incident_id: string;
  value: string;
  n: number | string;
}

const INCIDENT_COLUMNS = 'id, app, state, window_start, opened_at, known_at, closed_at, status_text';
// Outage reports not yet in an incident: exactly the rows of the partial index records_outage_waiting.
const WAITING = 'outage_episode IS NOT NULL AND incident_id IS NULL';
/** Most error codes and screens a summary lists; the rest are few reports each. */
const COUNTED_MAX = 20;

function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

function byCount(a: Counted, b: Counted): number {
  return b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
}

/** Summaries of the given incidents, in their order; ids without a member report are left out. */
function* summaries(rows: readonly IncidentRow[]): Generator<SqlStep, IncidentSummary[], unknown> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const list = placeholders(ids.length);
  const aggregates = yield* all<AggregateRow>(
    `SELECT incident_id, count(*) AS reports, count(DISTINCT outage_episode) AS installations,
       sum(minutes_lost) AS minutes_lost, min(received_at) AS first_report_at,
       max(received_at) AS last_report_at, min(outage_since) AS since
     FROM records WHERE incident_id IN (${list}) GROUP BY incident_id`,
    ids,
  );
  const codes = yield* all<CountRow>(
    `SELECT incident_id, coalesce(outage_code, outage_kind) AS value, count(*) AS n
     FROM records WHERE incident_id IN (${list}) GROUP BY incident_id, coalesce(outage_code, outage_kind)`,
    ids,
  );
  const screens = yield* all<CountRow>(
    `SELECT incident_id, route_template AS value, count(*) AS n
     FROM records WHERE incident_id IN (${list}) GROUP BY incident_id, route_template`,
    ids,
  );
  const counted = (found: readonly CountRow[], id: string) =>
    found
      .filter((row) => row.incident_id === id)
      .map((row) => ({ value: row.value, count: Number(row.n) }))
      .sort(byCount)
      .slice(0, COUNTED_MAX);
  const result: IncidentSummary[] = [];
  for (const row of rows) {
    const aggregate = aggregates.find((found) => found.incident_id === row.id);
    if (!aggregate) continue;
    result.push({
      id: row.id,
      app: row.app,
      state: row.state,
      openedAt: row.opened_at,
      knownAt: row.known_at,
      closedAt: row.closed_at,
      statusText: row.status_text,
      since: aggregate.since ?? aggregate.first_report_at,
      firstReportAt: aggregate.first_report_at,
      lastReportAt: aggregate.last_report_at,
      reports: Number(aggregate.reports),
      installations: Number(aggregate.installations),
      minutesLost: Number(aggregate.minutes_lost ?? 0),
      codes: counted(codes, row.id),
      screens: counted(screens, row.id),
    });
  }
  return result;
}

function* incidentRow(id: string): Generator<SqlStep, IncidentRow | undefined, unknown> {
  return (yield* all<IncidentRow>(`SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE id = ?`, [id]))[0];
}

/**
 * Marks a change of the incident for every member's reporter: one new cursor number on the incident
 * and on each member record (store/status-cursor.ts sends a record whose incident_seq passed the
 * device's cursor). Members that joined in this same change are included.
 */
function* bumpIncident(id: string, at: string): Generator<SqlStep, void, unknown> {
  const seq = yield* nextChange();
  yield* run('UPDATE incidents SET change_seq = ?, changed_at = ? WHERE id = ?', [seq, at, id]);
  yield* run('UPDATE records SET incident_seq = ? WHERE incident_id = ?', [seq, id]);
}

/** The stable id receivers dedupe on: each incident has each event at most once. */
export function notificationEventId(incidentId: string, event: IncidentEvent): string {
  return `${incidentId}:${event.replace('incident.', '')}`;
}

/** Queues `event` for every channel, in the transaction that made the change (so exactly once). */
function* enqueue(
  incidentId: string,
  event: IncidentEvent,
  at: string,
  channels: readonly NotificationChannel[],
): Generator<SqlStep, void, unknown> {
  if (channels.length === 0) return;
  const row = yield* incidentRow(incidentId);
  const [incident] = row ? yield* summaries([row]) : [];
  if (!incident) return;
  const eventId = notificationEventId(incidentId, event);
  const payload: NotificationPayload = { id: eventId, type: event, occurredAt: at, incident };
  for (const channel of channels) {
    yield* run(
      `INSERT INTO incident_notifications
         (event_id, channel, incident_id, event, payload, created_at, attempts, next_attempt_at)
       VALUES (?, ?, ?, ?, ?, ?, 0, ?)
       ON CONFLICT (event_id, channel) DO NOTHING`,
      [eventId, channel, incidentId, event, JSON.stringify(payload), at, at],
    );
  }
}

/** Grouping for one application (IncidentStore.group). Returns the id of an incident it opened. */
function* groupApp(
  app: string,
  receivedAt: string,
  rule: IncidentRule,
  at: string,
  channels: readonly NotificationChannel[],
): Generator<SqlStep, string | null, unknown> {
  const [active] = yield* all<IncidentRow>(
    `SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE app = ? AND state <> 'closed' ORDER BY opened_at LIMIT 1`,
    [app],
  );
  if (active) {
    // Reports while an incident is open or known join it; a late reporter then sees its state.
    const joined = yield* run(
      `UPDATE records SET incident_id = ? WHERE app = ? AND ${WAITING} AND received_at >= ?`,
      [active.id, app, active.window_start],
    );
    if (joined > 0) {
      const seq = yield* nextChange();
      yield* run('UPDATE incidents SET change_seq = ? WHERE id = ?', [seq, active.id]);
      yield* run('UPDATE records SET incident_seq = ? WHERE incident_id = ? AND incident_seq IS NULL', [
        seq,
        active.id,
      ]);
    }
    return null;
  }
  // A closed incident never reopens: reports up to its closing start no new count. Any window holding a
  // report of this batch lies within the window's length before it, so older reports need no look.
  const [closed] = yield* all<{ closed_at: string | null }>(
    `SELECT max(closed_at) AS closed_at FROM incidents WHERE app = ?`,
    [app],
  );
  const lookback = new Date(Date.parse(receivedAt) - rule.windowMinutes * 60_000).toISOString();
  const from = closed?.closed_at && closed.closed_at > lookback ? closed.closed_at : lookback;
  const waiting = yield* all<{ id: string; received_at: string; outage_episode: string }>(
    `SELECT id, received_at, outage_episode FROM records
     WHERE app = ? AND ${WAITING} AND received_at >= ? ORDER BY received_at, seq`,
    [app, from],
  );
  const reports: WaitingReport[] = waiting
    .filter((row) => !closed?.closed_at || row.received_at > closed.closed_at)
    .map((row) => ({ id: row.id, receivedAt: row.received_at, episode: row.outage_episode }));
  const match = findIncidentWindow(reports, rule);
  if (!match) return null;
  const id = randomUUID();
  const seq = yield* nextChange();
  yield* run(
    `INSERT INTO incidents (id, app, state, window_start, opened_at, changed_at, change_seq)
     VALUES (?, ?, 'open', ?, ?, ?, ?)`,
    [id, app, match.windowStart, at, at, seq],
  );
  // The window's reports and every later waiting one: they arrived while the rule already held.
  yield* run(
    `UPDATE records SET incident_id = ?, incident_seq = ? WHERE app = ? AND ${WAITING} AND received_at >= ?`,
    [id, seq, app, match.windowStart],
  );
  yield* enqueue(id, 'incident.opened', at, channels);
  return id;
}

/** An officer's change of an open or known incident; `change` does the update. */
function* officerChange(
  id: string,
  at: string,
  change: (row: IncidentRow) => Generator<SqlStep, void, unknown>,
): Generator<SqlStep, IncidentChangeResult, unknown> {
  const row = yield* incidentRow(id);
  if (!row) return { ok: false, reason: 'not_found' };
  if (row.state === 'closed') return { ok: false, reason: 'closed' };
  yield* change(row);
  yield* bumpIncident(id, at);
  const after = (yield* incidentRow(id)) as IncidentRow;
  const [incident] = yield* summaries([after]);
  return incident ? { ok: true, incident } : { ok: false, reason: 'not_found' };
}

/** The store over a backend's driver. */
export class SqlIncidentStore implements IncidentStore {
  readonly #driver: SqlDriver;

  constructor(driver: SqlDriver) {
    this.#driver = driver;
  }

  async group(
    apps: readonly string[],
    receivedAt: string,
    rule: IncidentRule,
    options: { at: string; channels: readonly NotificationChannel[] },
  ): Promise<string[]> {
    const opened: string[] = [];
    // Each application in a transaction of its own: one busy application does not hold up the others.
    for (const app of [...new Set(apps)].sort()) {
      const id = await this.#driver.write(groupApp(app, receivedAt, rule, options.at, options.channels));
      if (id) opened.push(id);
    }
    return opened;
  }

  active(): Promise<IncidentSummary[]> {
    return this.#driver.read(
      (function* () {
        const rows = yield* all<IncidentRow>(
          `SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE state <> 'closed' ORDER BY opened_at, id`,
        );
        return yield* summaries(rows);
      })(),
    );
  }

  list(options: { app?: string; limit: number }): Promise<IncidentSummary[]> {
    return this.#driver.read(
      (function* () {
        const rows = options.app
          ? yield* all<IncidentRow>(
              `SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE app = ? ORDER BY opened_at DESC, id LIMIT ?`,
              [options.app, options.limit],
            )
          : yield* all<IncidentRow>(
              `SELECT ${INCIDENT_COLUMNS} FROM incidents ORDER BY opened_at DESC, id LIMIT ?`,
              [options.limit],
            );
        return yield* summaries(rows);
      })(),
    );
  }

  get(id: string): Promise<IncidentSummary | null> {
    return this.#driver.read(
      (function* () {
        const row = yield* incidentRow(id);
        if (!row) return null;
        return (yield* summaries([row]))[0] ?? null;
      })(),
    );
  }

  confirm(
    id: string,
    statusText: string | null | undefined,
    at: string,
    channels: readonly NotificationChannel[],
  ): Promise<IncidentChangeResult> {
    return this.#driver.write(
      officerChange(id, at, function* (row) {
        const confirming = row.state === 'open';
        if (confirming) {
          yield* run(`UPDATE incidents SET state = 'known', known_at = ? WHERE id = ?`, [at, id]);
        }
        if (statusText !== undefined) {
          yield* run('UPDATE incidents SET status_text = ? WHERE id = ?', [statusText, id]);
        }
        if (confirming) yield* enqueue(id, 'incident.confirmed', at, channels);
      }),
    );
  }

  setStatusText(id: string, statusText: string | null, at: string): Promise<IncidentChangeResult> {
    return this.#driver.write(
      officerChange(id, at, function* () {
        yield* run('UPDATE incidents SET status_text = ? WHERE id = ?', [statusText, id]);
      }),
    );
  }

  close(id: string, at: string, channels: readonly NotificationChannel[]): Promise<IncidentChangeResult> {
    return this.#driver.write(
      officerChange(id, at, function* () {
        yield* run(`UPDATE incidents SET state = 'closed', closed_at = ? WHERE id = ?`, [at, id]);
        yield* enqueue(id, 'incident.closed', at, channels);
      }),
    );
  }

  history(since: string, perApp: number): Promise<AppIncidentHistory[]> {
    return this.#driver.read(
      (function* () {
        const rows = yield* all<IncidentRow>(
          `SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE opened_at >= ? ORDER BY app, opened_at DESC, id`,
          [since],
        );
        const byApp = new Map<string, IncidentRow[]>();
        for (const row of rows) {
          const list = byApp.get(row.app) ?? [];
          if (list.length < perApp) list.push(row);
          byApp.set(row.app, list);
        }
        const result: AppIncidentHistory[] = [];
        for (const [app, list] of byApp) result.push({ app, incidents: yield* summaries(list) });
        return result;
      })(),
    );
  }

  dueNotifications(now: string, limit: number): Promise<QueuedNotification[]> {
    return this.#driver.read(
      (function* () {
        const rows = yield* all<{
          event_id: string;
          channel: NotificationChannel;
          incident_id: string;
          event: IncidentEvent;
          payload: string;
          attempts: number | string;
          next_attempt_at: string;
        }>(
          `SELECT event_id, channel, incident_id, event, payload, attempts, next_attempt_at
           FROM incident_notifications WHERE delivered_at IS NULL AND next_attempt_at <= ?
           ORDER BY next_attempt_at, created_at, event_id, channel LIMIT ?`,
          [now, limit],
        );
        return rows.map((row) => ({
          eventId: row.event_id,
          channel: row.channel,
          incidentId: row.incident_id,
          event: row.event,
          payload: row.payload,
          attempts: Number(row.attempts),
          nextAttemptAt: row.next_attempt_at,
        }));
      })(),
    );
  }

  async claimNotification(notification: QueuedNotification, leaseUntil: string): Promise<boolean> {
    const changed = await this.#driver.write(
      run(
        `UPDATE incident_notifications SET next_attempt_at = ?, attempts = attempts + 1
         WHERE event_id = ? AND channel = ? AND delivered_at IS NULL AND next_attempt_at = ? AND attempts = ?`,
        [
          leaseUntil,
          notification.eventId,
          notification.channel,
          notification.nextAttemptAt,
          notification.attempts,
        ],
      ),
    );
    return changed === 1;
  }

  async notificationDelivered(eventId: string, channel: NotificationChannel, at: string): Promise<void> {
    await this.#driver.write(
      run(
        'UPDATE incident_notifications SET delivered_at = ?, last_error = NULL WHERE event_id = ? AND channel = ?',
        [at, eventId, channel],
      ),
    );
  }

  async notificationFailed(
    eventId: string,
    channel: NotificationChannel,
    nextAttemptAt: string,
    error: string,
  ): Promise<void> {
    await this.#driver.write(
      run(
        `UPDATE incident_notifications SET next_attempt_at = ?, last_error = ?
         WHERE event_id = ? AND channel = ? AND delivered_at IS NULL`,
        [nextAttemptAt, error.slice(0, 500), eventId, channel],
      ),
    );
  }
}
