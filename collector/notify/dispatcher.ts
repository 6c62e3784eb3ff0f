import type { CollectorConfig } from '../config';
import type {
  IncidentStore,
  NotificationChannel,
  NotificationPayload,
  QueuedNotification,
} from '../store/incident-types';
import { smtpSender } from './email';
import { postWebhook } from './webhook';

// Delivers the incident notification queue (incident_notifications): rows are written in the same
// transaction as the incident change, so nothing is lost when the collector stops; this loop sends
// them, off the request path — ingest never waits for a webhook or a mail server.

/** Sends one notification; throws to have it retried. */
export type NotificationSender = (payload: NotificationPayload, dashboardUrl: string) => Promise<void>;

/** How often the queue is looked at without a kick: retries fall due, other instances queue rows. */
const POLL_MS = 1_000;
/** Rows taken per round. */
const BATCH = 20;
/**
 * How long a claimed row is left alone before another round (or instance) may try it again: longer
 * than one attempt can take (webhook 10 s, SMTP 40 s), so a slow success is not sent twice.
 */
const LEASE_MS = 60_000;
/** The longest wait between two attempts. */
const RETRY_CAP_MS = 3_600_000;

/** The channels configured, each with its sender. */
export function configuredSenders(
  config: CollectorConfig,
  now: () => Date,
): Partial<Record<NotificationChannel, NotificationSender>> {
  const senders: Partial<Record<NotificationChannel, NotificationSender>> = {};
  const { webhookUrl, webhookSecret } = config;
  if (webhookUrl && webhookSecret) {
    senders.webhook = (payload, dashboardUrl) =>
      postWebhook(webhookUrl, webhookSecret, payload, dashboardUrl, now);
  }
  const mail = smtpSender(config);
  if (mail) senders.email = mail;
  return senders;
}

/** The channels an incident change queues rows for. */
export function configuredChannels(config: CollectorConfig): NotificationChannel[] {
  const channels: NotificationChannel[] = [];
  if (config.webhookUrl && config.webhookSecret) channels.push('webhook');
  if (config.smtpHost && config.smtpFrom && config.smtpTo.length > 0) channels.push('email');
  return channels;
}

/** The wait before attempt `attempts + 1`: base, doubled per attempt, capped at an hour. */
export function retryDelayMs(baseMs: number, attempts: number): number {
  return Math.min(RETRY_CAP_MS, baseMs * 2 ** Math.max(0, attempts - 1));
}

/** The queue's delivery loop; one per collector process. */
export class NotificationDispatcher {
  readonly #incidents: IncidentStore;
  readonly #senders: Partial<Record<NotificationChannel, NotificationSender>>;
  readonly #dashboardBase: string;
  readonly #retryMs: number;
  readonly #now: () => Date;
  #timer: NodeJS.Timeout | undefined;
  #round: Promise<void> | undefined;
  #again = false;
  #stopped = false;

  constructor(
    incidents: IncidentStore,
    senders: Partial<Record<NotificationChannel, NotificationSender>>,
    options: { dashboardBase: string; retryMs: number; now?: () => Date },
  ) {
    this.#incidents = incidents;
    this.#senders = senders;
    this.#dashboardBase = options.dashboardBase;
    this.#retryMs = options.retryMs;
    this.#now = options.now ?? (() => new Date());
  }

  /** Starts polling (nothing to do without a channel). */
  start(): void {
    if (Object.keys(this.#senders).length === 0) return;
    this.#schedule(0);
  }

  /** Looks at the queue now: an incident change just queued something. */
  kick(): void {
    if (this.#stopped || Object.keys(this.#senders).length === 0) return;
    if (this.#round) {
      this.#again = true;
      return;
    }
    this.#schedule(0);
  }

  /** Stops the loop and waits for the attempt under way; what is left stays queued for the next start. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#round;
  }

  #schedule(ms: number): void {
    if (this.#stopped) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#round = this.#deliverDue()
        .catch((error: unknown) => console.error('collector: notification queue failed', error))
        .finally(() => {
          this.#round = undefined;
          const again = this.#again;
          this.#again = false;
          this.#schedule(again ? 0 : POLL_MS);
        });
    }, ms);
    // A waiting poll must not keep a stopping process alive.
    this.#timer.unref();
  }

  async #deliverDue(): Promise<void> {
    const due = await this.#incidents.dueNotifications(this.#now().toISOString(), BATCH);
    for (const notification of due) {
      if (this.#stopped) return;
      await this.#deliver(notification);
    }
    if (due.length === BATCH) this.#again = true;
  }

  async #deliver(notification: QueuedNotification): Promise<void> {
    const sender = this.#senders[notification.channel];
    // A channel configured when the event was queued but not now: it waits until it is configured again.
    if (!sender) return;
    const lease = new Date(this.#now().getTime() + LEASE_MS).toISOString();
    if (!(await this.#incidents.claimNotification(notification, lease))) return;
    const attempts = notification.attempts + 1;
    const payload = JSON.parse(notification.payload) as NotificationPayload;
    try {
      await sender(payload, `${this.#dashboardBase}/dashboard/incidents/${payload.incident.id}`);
    } catch (error) {
      const next = new Date(this.#now().getTime() + retryDelayMs(this.#retryMs, attempts)).toISOString();
      const message = error instanceof Error ? error.message : String(error);
      console.error(
        `collector: ${notification.channel} notification ${notification.eventId} failed (attempt ${attempts}), retry at ${next}: ${message}`,
      );
      await this.#incidents.notificationFailed(notification.eventId, notification.channel, next, message);
      return;
    }
    await this.#incidents.notificationDelivered(
      notification.eventId,
      notification.channel,
      this.#now().toISOString(),
    );
  }
}
