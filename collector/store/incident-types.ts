import type { IncidentState } from '../../utils/schema/wire';
import type { IncidentRule } from './incident-rule';

/** What officers and IT are told about, once per incident each. */
export const INCIDENT_EVENTS = ['incident.opened', 'incident.confirmed', 'incident.closed'] as const;
export type IncidentEvent = (typeof INCIDENT_EVENTS)[number];

/** Where a notification goes; each configured channel gets its own queue row per event. */
export type NotificationChannel = 'webhook' | 'email';

/** A count per value (error code, screen). */
export interface Counted {
  value: string;
  count: number;
}

/** An incident with what its member reports add up to; never the episodes themselves. */
export interface IncidentSummary {
  id: string;
  app: string;
  state: IncidentState;
  openedAt: string;
  knownAt: string | null;
  closedAt: string | null;
  statusText: string | null;
  /** Earliest failure any member report saw (its outage's `since`). */
  since: string;
  firstReportAt: string;
  lastReportAt: string;
  reports: number;
  /** Distinct outage episodes among the reports (≈ installations). */
  installations: number;
  minutesLost: number;
  /** Error codes (or the outage kind where a report has no code), most frequent first. */
  codes: Counted[];
  /** Route templates of the screens affected, most frequent first. */
  screens: Counted[];
}

/** One application's incidents for the hotspots page, newest first. */
export interface AppIncidentHistory {
  app: string;
  incidents: IncidentSummary[];
}

/** A notification waiting in the queue (incident_notifications). */
export interface QueuedNotification {
  /** Stable per incident and event: receivers dedupe on it. */
  eventId: string;
  channel: NotificationChannel;
  incidentId: string;
  event: IncidentEvent;
  /** JSON text of `NotificationPayload`, fixed when the event happened. */
  payload: string;
  attempts: number;
  nextAttemptAt: string;
}

/** What a notification says: the event and the incident as it was then. */
export interface NotificationPayload {
  id: string;
  type: IncidentEvent;
  occurredAt: string;
  incident: IncidentSummary;
}

/** Why an officer's change of an incident did not happen. */
export type IncidentChangeRefusal = 'not_found' | 'closed';

/** What an officer's change returns: the incident after it, or why not. */
export type IncidentChangeResult =
  | { ok: true; incident: IncidentSummary }
  | { ok: false; reason: IncidentChangeRefusal };

/**
 * Incidents (issue #17): grouping outage reports, the officers' changes, the reporters' view through
 * the status cursor (each change bumps `records.incident_seq` of every member), and the notification
 * queue. The same on SQLite and PostgreSQL (store/incidents.ts; each backend gives a driver).
 */
export interface IncidentStore {
  /**
   * Applies `rule` to the waiting outage reports of `apps` that arrived from `receivedAt` minus the
   * window on (the batch that just stored some), or lets them join the application's open or known
   * incident. Idempotent. Returns the ids of incidents it opened.
   */
  group(
    apps: readonly string[],
    receivedAt: string,
    rule: IncidentRule,
    options: { at: string; channels: readonly NotificationChannel[] },
  ): Promise<string[]>;
  /** Open and known incidents, oldest first (the dashboard banner). */
  active(): Promise<IncidentSummary[]>;
  /** Incidents, newest first; of one application if given. */
  list(options: { app?: string; limit: number }): Promise<IncidentSummary[]>;
  get(id: string): Promise<IncidentSummary | null>;
  /** open → known (knownAt); a status text given is set with it. */
  confirm(
    id: string,
    statusText: string | null | undefined,
    at: string,
    channels: readonly NotificationChannel[],
  ): Promise<IncidentChangeResult>;
  /** Sets or clears (null) the public status text of an open or known incident. */
  setStatusText(id: string, statusText: string | null, at: string): Promise<IncidentChangeResult>;
  /** open or known → closed (closedAt); it never reopens. */
  close(id: string, at: string, channels: readonly NotificationChannel[]): Promise<IncidentChangeResult>;
  /** Incidents per application opened since `since`, for the hotspots page. */
  history(since: string, perApp: number): Promise<AppIncidentHistory[]>;
  /** Undelivered notifications due at `now`, oldest first. */
  dueNotifications(now: string, limit: number): Promise<QueuedNotification[]>;
  /**
   * Takes a due notification for one delivery attempt: moves its next attempt to `leaseUntil` if no
   * one else took it since it was read (another instance, on PostgreSQL). False: someone else has it.
   */
  claimNotification(notification: QueuedNotification, leaseUntil: string): Promise<boolean>;
  notificationDelivered(eventId: string, channel: NotificationChannel, at: string): Promise<void>;
  notificationFailed(
    eventId: string,
    channel: NotificationChannel,
    nextAttemptAt: string,
    error: string,
  ): Promise<void>;
}
