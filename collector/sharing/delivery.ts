import { randomUUID } from 'node:crypto';
import { HubFeed, HubPush, HubPushResponse } from '../hub/protocol';
import { retryDelayMs } from '../notify/dispatcher';
import type { QuestionStore } from '../store/question-types';
import type { SharingSettings, SqlSharingStore } from '../store/sharing';
import { type PlanSettings, planPush, splitPush, summarise } from './push';

// Delivery of pushes to the hub (docs/hub.md, "Delivery"), with the extension's sync guarantees: a push
// is planned in full and stored before its first part leaves; parts go one after the other, each
// marked in the database once the hub stored it, so a restart resumes at the next part; an outage,
// a 5xx or a 429 waits with backoff (twice as long each time, at most an hour, or as long as the hub's
// Retry-After asks) and tries the same part again; any other 4xx is a refusal the job centre has to fix
// (wrong token, wrong job centre id): the push stops and the log shows the hub's error code, instead of
// knocking for ever. Every push carries deterministic ids and replaces whole weeks, so sending a part
// twice changes nothing.

/** How often the loop looks whether a push is due (a wake-up is cheap: one or two indexed reads). */
const POLL_MS = 5_000;
/** How long one request may take before it counts as an outage. */
const REQUEST_TIMEOUT_MS = 30_000;

/** Options of the loop; tests shorten the times. */
export interface DeliveryOptions {
  /** k for cells (config shareMinNotes). */
  k: number;
  questionsMinAnswers: number;
  pushIntervalMinutes: number;
  /** First retry after a failed part; doubles per attempt (config shareRetryMs). */
  retryMs: number;
  pollMs?: number;
  now?: () => Date;
}

/** The hub's error code of a failed answer, or `http_<status>` when it names none. */
function errorCode(status: number, body: unknown): string {
  const code = (body as { error?: { code?: unknown } } | null)?.error?.code;
  return typeof code === 'string' ? code.slice(0, 60) : `http_${status}`;
}

/** A Retry-After in seconds as milliseconds (at most an hour); 0 when absent or a date we do not parse. */
function retryAfter(value: string | null): number {
  if (!value || !/^\d{1,6}$/.test(value.trim())) return 0;
  return Math.min(Number(value.trim()) * 1000, 3_600_000);
}

/** Whether a failed status may pass by itself (outage, overload), so the same part is sent again. */
function retryable(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}

/** The URL of a hub endpoint under the hub's base URL (which may carry a path prefix). */
export function hubEndpoint(hubUrl: string, path: string): string {
  return `${hubUrl.replace(/\/+$/, '')}${path}`;
}

/** The job centre's sharing loop: plans pushes on schedule or on request, delivers them, reads the feed. */
export class HubSharing {
  readonly #store: SqlSharingStore;
  readonly #questions: QuestionStore | undefined;
  readonly #options: DeliveryOptions;
  readonly #now: () => Date;
  #timer: NodeJS.Timeout | undefined;
  #round: Promise<void> | undefined;
  #again = false;
  /** Whether the timer runs (start() to stop()). */
  #running = false;
  /** Set by stop(): a delivery under way ends after the part in flight. */
  #closing = false;

  constructor(store: SqlSharingStore, questions: QuestionStore | undefined, options: DeliveryOptions) {
    this.#store = store;
    this.#questions = questions;
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
  }

  /** The plan settings for the stored sharing settings. */
  planSettings(settings: Pick<SharingSettings, 'jobCentre'>): PlanSettings {
    return {
      jobCentre: settings.jobCentre,
      k: this.#options.k,
      questionsMinAnswers: this.#options.questionsMinAnswers,
    };
  }

  /** What the next push would send now (the preview page; the same function the push is built by). */
  preview(settings: Pick<SharingSettings, 'jobCentre'>) {
    return planPush(
      { sharing: this.#store, questions: this.#questions },
      this.planSettings(settings),
      this.#now(),
    );
  }

  /** Starts the loop; a push left pending by the last run resumes in the first round. */
  start(): void {
    this.#running = true;
    this.#closing = false;
    this.#schedule(0);
  }

  /** Stops the loop and waits for the part in flight; what is left stays pending for the next start. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#closing = true;
    clearTimeout(this.#timer);
    await this.#round;
  }

  /**
   * "Jetzt senden": a push waiting for its retry goes now; else a new push is planned now. Resolves
   * with that push's id once it is stored (not delivered); null when sharing is off.
   */
  async pushNow(): Promise<string | null> {
    const settings = await this.#store.settings();
    if (!settings?.enabled) return null;
    const at = this.#now().toISOString();
    const pushId = (await this.#store.dueNow(at)) ?? (await this.#plan(settings, 'officer'));
    this.kick();
    return pushId;
  }

  /** Looks now instead of at the next poll. */
  kick(): void {
    if (!this.#running) return;
    if (this.#round) {
      this.#again = true;
      return;
    }
    this.#schedule(0);
  }

  /** One round as the timer runs it: plan when due, deliver what is due. Tests call it directly. */
  async runOnce(): Promise<void> {
    const settings = await this.#store.settings();
    if (!settings?.enabled) return;
    let pending = await this.#store.pendingPush();
    if (!pending) {
      const last = await this.#store.lastPushAt();
      const interval = this.#options.pushIntervalMinutes * 60_000;
      if (last && Date.parse(last) + interval > this.#now().getTime()) return;
      await this.#plan(settings, 'schedule');
      pending = await this.#store.pendingPush();
      if (!pending) return;
    }
    if (pending.push.nextAttemptAt && pending.push.nextAttemptAt > this.#now().toISOString()) return;
    const delivered = await this.#deliver(
      settings,
      pending.push.pushId,
      pending.push.partsSent,
      pending.parts,
      pending.push.attempts,
    );
    if (delivered) await this.#readFeed(settings);
  }

  /** Plans a push from the data as it is now and stores it pending, with all its parts; its id. */
  async #plan(settings: SharingSettings, reason: string): Promise<string> {
    const at = this.#now();
    const plan = await planPush(
      { sharing: this.#store, questions: this.#questions },
      this.planSettings(settings),
      at,
    );
    const pushId = randomUUID();
    const parts = splitPush(plan, pushId, at.toISOString());
    await this.#store.createPush({ pushId, reason, parts, summary: summarise(plan) }, at.toISOString());
    return pushId;
  }

  /** Sends the parts from `partsSent` on; true when the push is complete. */
  async #deliver(
    settings: SharingSettings,
    pushId: string,
    partsSent: number,
    parts: readonly unknown[],
    attempts: number,
  ): Promise<boolean> {
    for (let index = partsSent; index < parts.length; index += 1) {
      if (this.#closing) return false;
      // Stored by this collector, but checked again: a part the hub would refuse should not leave.
      const part = HubPush.parse(parts[index]);
      let status = 0;
      let body: unknown = null;
      let retryAfterMs = 0;
      try {
        const response = await fetch(hubEndpoint(settings.hubUrl, '/hub/v1/push'), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${settings.token}` },
          body: JSON.stringify(part),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        status = response.status;
        retryAfterMs = retryAfter(response.headers.get('retry-after'));
        body = await response.json().catch(() => null);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await this.#later(pushId, `unreachable: ${message}`, attempts);
        return false;
      }
      if (status === 200 && HubPushResponse.safeParse(body).success) {
        await this.#store.partSent(pushId, index + 1);
        attempts = 0;
        continue;
      }
      const code = errorCode(status, body);
      if (status === 200 || retryable(status)) {
        await this.#later(
          pushId,
          status === 200 ? 'bad_response' : `${code} (${status})`,
          attempts,
          retryAfterMs,
        );
        return false;
      }
      await this.#store.finishPush(pushId, 'refused', `${code} (${status})`, this.#now().toISOString());
      console.error(`collector: the hub refused push ${pushId} part ${index + 1}: ${code} (${status})`);
      return false;
    }
    await this.#store.finishPush(pushId, 'sent', null, this.#now().toISOString());
    return true;
  }

  /** Schedules the next attempt: the backoff, or later if the hub asked for it (Retry-After). */
  async #later(pushId: string, error: string, attempts: number, atLeastMs = 0): Promise<void> {
    const delay = Math.max(retryDelayMs(this.#options.retryMs, attempts + 1), atLeastMs);
    const next = new Date(this.#now().getTime() + delay);
    console.error(`collector: push ${pushId} to the hub failed (${error}), retry at ${next.toISOString()}`);
    await this.#store.retryLater(pushId, error, next.toISOString());
  }

  /** Fetches the hub's notices and comparison; a failure waits for the next push. */
  async #readFeed(settings: SharingSettings): Promise<void> {
    const cursor = (await this.#store.feed())?.cursor ?? '';
    try {
      const url = new URL(hubEndpoint(settings.hubUrl, '/hub/v1/feed'));
      if (cursor) url.searchParams.set('since', cursor);
      const response = await fetch(url, {
        headers: { Authorization: `Bearer ${settings.token}` },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const feed = HubFeed.parse(await response.json());
      await this.#store.saveFeed(feed, this.#now().toISOString());
    } catch (error) {
      console.error('collector: reading the hub feed failed', error instanceof Error ? error.message : error);
    }
  }

  #schedule(ms: number): void {
    if (!this.#running) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#round = this.runOnce()
        .catch((error: unknown) => console.error('collector: sharing with the hub failed', error))
        .finally(() => {
          this.#round = undefined;
          const again = this.#again;
          this.#again = false;
          // A retry due sooner than the next poll (a short retryMs) is not held back by the poll.
          this.#schedule(again ? 0 : (this.#options.pollMs ?? Math.min(POLL_MS, this.#options.retryMs)));
        });
    }, ms);
    // A waiting poll must not keep a stopping process alive.
    this.#timer.unref();
  }
}
