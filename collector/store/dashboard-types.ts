import type { Impact } from '../../utils/schema/record';
import type { OfficerStatus } from '../../utils/schema/wire';

/** Inbox status filter: an officer status, or `new` for records no officer has touched yet. */
export type StatusFilter = OfficerStatus | 'new';

/** Columns the inbox can be sorted by. */
export const SORT_KEYS = ['created', 'received', 'impact', 'minutes', 'app', 'status'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/**
 * What the officer filters by; every field optional. Times are ISO 8601 UTC instants (`from`
 * inclusive, `to` exclusive) on the record's creation time on the device.
 */
export interface RecordFilter {
  from?: string;
  to?: string;
  app?: string;
  /** Route template, e.g. `/akte/:id/leistungen`. */
  route?: string;
  category?: string;
  impact?: Impact;
  duringAppointment?: boolean;
  status?: StatusFilter;
  unit?: string;
  /** Full-text search in notes: words, each matched as a prefix, all required. */
  q?: string;
}

/** Order of the inbox and of exports. */
export interface RecordSort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

/** One inbox row: the columns of `records`, the officer status and the duplicate link. */
export interface InboxRow {
  id: string;
  createdAt: string;
  receivedAt: string;
  app: string;
  routeTemplate: string;
  screenName: string;
  category: string;
  impact: Impact;
  duringAppointment: boolean;
  minutesLost: number | null;
  unit: string | null;
  /** The note, cut to the first 200 characters in the list. */
  note: string;
  status: OfficerStatus | null;
  duplicateOf: string | null;
}

/** One page of the inbox. */
export interface InboxPage {
  rows: InboxRow[];
  /** Matching records, counted up to `COUNT_CAP`. */
  total: number;
  /** Whether there are more than `COUNT_CAP` (then `total` is `COUNT_CAP`). */
  totalCapped: boolean;
  /** Whether rows follow this page (known without counting them all). */
  hasMore: boolean;
}

/**
 * Counting a filtered set of a million rows is the slow part of a page (each match may be a row read);
 * past this it says "more than".
 */
export const COUNT_CAP = 1000;

/** One exported record: an inbox row with the full note, the reply and the stored JSON text. */
export interface ExportRecordRow extends InboxRow {
  batchId: string;
  reply: string | null;
  recordJson: string;
  /** Masks the collector's second line added to the record, in total and by kind as JSON text. */
  caught: number;
  caughtJson: string;
}

/** Which ranking the hotspot view sorts by. */
export type HotspotMetric = 'count' | 'score' | 'minutes';

/** Impact weights of the score (blocks the work counts three times a minor annoyance). */
export const IMPACT_WEIGHT: Record<Impact, number> = { blocks: 3, slows: 2, minor: 1 };

/**
 * The hotspot report's question. Weeks are ISO weeks starting Monday 00:00 UTC, named by that
 * Monday's date (`2026-11-23`); `fromWeek` inclusive, `toWeek` exclusive.
 */
export interface HotspotQuery {
  fromWeek?: string;
  toWeek: string;
  /** The week counted as "this week" (the last week of the period). */
  thisWeek: string;
  metric: HotspotMetric;
  limit: number;
  /** Further filters; with any besides `app`, the ranking is computed from the records, not the weekly table. */
  filter: RecordFilter;
}

/** One application × screen of the ranking. Duplicates are not counted. */
export interface Hotspot {
  app: string;
  routeTemplate: string;
  /** A screen name seen on this route (the most recent). */
  screenName: string;
  count: number;
  score: number;
  minutes: number;
  thisWeek: number;
  lastWeek: number;
  /** First week anything was reported here (over all time, not just the period). */
  firstWeek: string;
}

/** The hotspot report: ranking, weekly trend of the top entries, week-over-week totals. */
export interface HotspotReport {
  hotspots: Hotspot[];
  /** Week names of the trend (ascending) and, per top hotspot (same order as `hotspots`), counts per week. */
  trend: { weeks: string[]; series: { app: string; routeTemplate: string; counts: number[] }[] };
  totals: { count: number; thisWeek: number; lastWeek: number };
}

/**
 * The leak figure of one week (by arrival at the collector): records in which the collector's second
 * line masked something the sender had left in, and how many masks, in total and by kind.
 */
export interface LeakWeek {
  /** Monday of the ISO week, `YYYY-MM-DD`. */
  week: string;
  records: number;
  masks: number;
  /** Masks by kind (`name`, `phone`, … `url-segment`), as second-line.ts counts them. */
  kinds: Record<string, number>;
}

/** Values offered in the filter form. */
export interface FilterOptions {
  apps: string[];
  routes: { app: string; routeTemplate: string }[];
  categories: string[];
  units: string[];
}

/** An officer account kept in the database (accounts from the officers file are not stored). */
export interface OfficerAccount {
  user: string;
  passwordHash: string;
}

/** A signed-in officer's session; the browser holds the token, the store only its hash. */
export interface OfficerSession {
  tokenHash: string;
  user: string;
  /** Synchronizer token put into every form of this session. */
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
}

/** The duplicate relation around one record. */
export interface DuplicateLinks {
  /** The record this one duplicates, if marked. */
  duplicateOf: string | null;
  /** Records marked as duplicates of this one. */
  duplicates: string[];
}

/** Who did what to a record through the dashboard (the status history itself is the Store's). */
export interface AuditEntry {
  at: string;
  officer: string;
  action: 'status' | 'duplicate' | 'unduplicate' | 'share' | 'unshare';
  detail: string | null;
}

/** Result of marking a duplicate; anything but `ok` changed nothing. */
export type MarkDuplicateResult = 'ok' | 'not_found' | 'target_not_found' | 'self' | 'cycle';

/** Kinds of sign-in failure counters. */
export type SigninScope = 'ip' | 'user';

/**
 * What the officers' dashboard needs besides the `Store`: filtered and sorted reads, the hotspot
 * ranking, the duplicate relation, officer accounts, sessions and sign-in throttling. Status changes
 * are not here on purpose: they go through `Store.setStatus`, which keeps the history and the
 * caseworkers' status cursor right.
 */
export interface DashboardStore {
  /** A page of records matching `filter` in `sort` order (`offset` rows skipped). */
  listRecords(filter: RecordFilter, sort: RecordSort, offset: number, limit: number): Promise<InboxPage>;
  /** Every record matching `filter`, in `sort` order, read lazily; breaking out releases the read. */
  exportRecords(filter: RecordFilter, sort: RecordSort): AsyncIterableIterator<ExportRecordRow>;
  /** Ranking, trend and totals of application × screen. */
  hotspots(query: HotspotQuery): Promise<HotspotReport>;
  /** Values for the filter form's lists. */
  filterOptions(): Promise<FilterOptions>;
  /**
   * The leak figure of each week in `weeks` (Mondays, ascending), by arrival time; a week with nothing
   * caught is reported with zeros.
   */
  leaks(weeks: readonly string[]): Promise<LeakWeek[]>;

  /** Duplicate links of a record (empty when it has none). */
  duplicateLinks(id: string): Promise<DuplicateLinks>;
  /**
   * Other records of the same application and screen (route template) as `id`, created at or after
   * `since`, newest first, at most `limit`: the likely originals an officer picks a duplicate from.
   * Empty when `id` does not exist.
   */
  sameScreenRecords(id: string, since: string, limit: number): Promise<InboxRow[]>;
  /**
   * Marks `id` as a duplicate of `of`. Chains are flattened: `of` is resolved to the record it
   * duplicates, and records that duplicated `id` now point there too.
   */
  markDuplicate(id: string, of: string, officer: string, at: string): Promise<MarkDuplicateResult>;
  /** Removes the mark; false when `id` was not marked. */
  clearDuplicate(id: string, officer: string, at: string): Promise<boolean>;
  /** Notes an officer action for the record's history. */
  addAudit(recordId: string, entry: AuditEntry): Promise<void>;
  /** Officer actions on a record, oldest first. */
  audit(recordId: string): Promise<AuditEntry[]>;
  /** Which of `ids` exist. */
  existingIds(ids: readonly string[]): Promise<Set<string>>;

  /** An officer account stored in the database, or null. */
  findOfficer(user: string): Promise<OfficerAccount | null>;
  /** Adds an account, or replaces its password with `replace`; false when it exists and `replace` is not set. */
  putOfficer(account: OfficerAccount, replace: boolean, at: string): Promise<boolean>;
  /** Removes an account and its sessions; false when there was none. */
  removeOfficer(user: string): Promise<boolean>;
  /** User names of the stored accounts. */
  listOfficers(): Promise<string[]>;

  createSession(session: OfficerSession): Promise<void>;
  /** The session with this token hash, if not expired at `now`. */
  findSession(tokenHash: string, now: string): Promise<OfficerSession | null>;
  touchSession(tokenHash: string, lastSeenAt: string): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;

  /**
   * Counts a sign-in attempt against each key (e.g. `ip:…`, `user:…`) and prunes old counts. Called
   * before the password is checked; `at` is unique per attempt so it can be withdrawn.
   */
  addSigninFailure(keys: readonly string[], at: string, pruneBefore: string): Promise<void>;
  /** Counted sign-in attempts per key since `since`. */
  signinFailures(keys: readonly string[], since: string): Promise<Map<string, number>>;
  /** Withdraws the attempt counted at `at` (it succeeded, or was refused unchecked). */
  removeSigninAttempt(keys: readonly string[], at: string): Promise<void>;

  close(): Promise<void>;
}
