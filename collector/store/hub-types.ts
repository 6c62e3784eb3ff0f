import type { HubComparison, HubNotice, HubPush, HubPushResponse, HubSharedNote } from '../hub/protocol';

// The hub's side of the store (issue #19, docs/hub.md), the same on SQLite and PostgreSQL
// (store/hub.ts over each backend's SqlDriver).

/** Which weeks and application a hub reading covers; weeks are ISO weeks, `from` ≤ `to`. */
export interface HubRange {
  from: string;
  to: string;
  /** One application only; all when absent. */
  app?: string;
}

/** A screen across job centres: how many it troubles, and what it costs them together. */
export interface HubRankedScreen {
  app: string;
  screen: string;
  jobCentres: number;
  notes: number;
  minutesLost: number;
}

/** A ranked screen with the medians over the job centres affected (the others have no cell for it). */
export interface HubHotspot extends HubRankedScreen {
  medianNotes: number;
  medianMinutesLost: number;
}

/** One week of a screen's trend. */
export interface HubTrendWeek {
  week: string;
  jobCentres: number;
  notes: number;
  minutesLost: number;
}

/** One job centre's figures for a screen (shown only when the hub's configuration allows it). */
export interface HubJobCentreFigures {
  jobCentre: string;
  notes: number;
  minutesLost: number;
}

/** A shared note as the hub keeps it: which job centre sent it is not shown, only counted. */
export type HubStoredNote = HubSharedNote & { receivedAt: string };

/** When a job centre last delivered. */
export interface HubReceipt {
  jobCentre: string;
  lastPushId: string;
  lastPushAt: string;
}

/** What an officer of the hub sets on a notice. */
export type HubNoticeInput = Pick<HubNotice, 'kind' | 'app' | 'screen' | 'text' | 'fixedIn'>;

/** The hub's tables. */
export interface HubStore {
  /**
   * Stores one push part of `push.jobCentre` (already authenticated and checked) in one transaction:
   * the first arrival of part 1 of a push replaces the job centre's cells of `push.weeks`; cells,
   * notes, markers and question results are upserted by id; `withdrawn` ids are deleted.
   */
  push(push: HubPush, receivedAt: string): Promise<HubPushResponse>;
  /** Screens ranked by job centres affected, then minutes lost, then notes. */
  ranking(range: HubRange, limit: number): Promise<HubRankedScreen[]>;
  /** One screen's sums and medians over the job centres affected; null when no job centre has it. */
  hotspot(app: string, screen: string, range: HubRange): Promise<HubHotspot | null>;
  /** One screen week by week over `weeks` (weeks without a cell are absent). */
  trend(app: string, screen: string, range: HubRange): Promise<HubTrendWeek[]>;
  /** Each job centre's figures for one screen, most minutes first. */
  jobCentreFigures(app: string, screen: string, range: HubRange): Promise<HubJobCentreFigures[]>;
  /**
   * The asking job centre's figures beside the region's: its own screens and the region's top
   * `limit`, each with the number of job centres affected and the medians, and only screens that
   * trouble at least MEDIAN_MIN_JOB_CENTRES job centres. Another job centre's figures only with
   * `names` (the hub shows them, COLLECTOR_HUB_SHOW_JOB_CENTRES): then each screen lists every job
   * centre affected, named from `names` (its id when the file no longer has it).
   */
  comparison(
    jobCentre: string,
    jobCentresTotal: number,
    range: HubRange,
    limit: number,
    options?: { names?: ReadonlyMap<string, string> },
  ): Promise<HubComparison[]>;
  /** Shared notes in the range, by screen then week (newest first). */
  sharedNotes(range: HubRange, limit: number): Promise<HubStoredNote[]>;
  /** Applications with any cell, for the filter. */
  apps(): Promise<string[]>;
  /** The last delivery of each job centre that ever pushed. */
  receipts(): Promise<HubReceipt[]>;
  /** Publishes a new notice. */
  publishNotice(input: HubNoticeInput, at: string): Promise<HubNotice>;
  /** Changes a notice (and publishes it again if it was withdrawn); null when unknown. */
  updateNotice(id: string, input: HubNoticeInput, at: string): Promise<HubNotice | null>;
  /** Withdraws a notice: job centres remove it at their next feed; null when unknown. */
  withdrawNotice(id: string, at: string): Promise<HubNotice | null>;
  /** Every notice, newest change first. */
  notices(): Promise<HubNotice[]>;
  /** Notices changed after `cursor` (0: all), oldest change first, and the cursor to pass next time. */
  noticesSince(cursor: number): Promise<{ notices: HubNotice[]; cursor: number }>;
}
