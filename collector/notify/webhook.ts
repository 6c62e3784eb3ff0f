import { createHmac } from 'node:crypto';
import type { NotificationPayload } from '../store/incident-types';

// The incident webhook (docs/incidents.md): a JSON POST signed with HMAC-SHA256 over
// `<timestamp>.<body>`, so a receiver can check that the collector sent it and that it is fresh.

/** Header names of a webhook call. */
export const WEBHOOK_HEADERS = {
  event: 'X-Mitsprache-Event',
  eventId: 'X-Mitsprache-Event-Id',
  timestamp: 'X-Mitsprache-Timestamp',
  signature: 'X-Mitsprache-Signature',
} as const;

/** How long one call may take before it counts as failed (and is retried). */
const CALL_TIMEOUT_MS = 10_000;

/** What a webhook receives: the queued payload plus the incident's dashboard page. */
export interface WebhookBody extends NotificationPayload {
  dashboardUrl: string;
}

/** `sha256=<hex>`: HMAC-SHA256 with `secret` over `<timestamp>.<body>`. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The exact body text sent for a payload (the same on every retry). */
export function webhookBody(payload: NotificationPayload, dashboardUrl: string): string {
  const body: WebhookBody = { ...payload, dashboardUrl };
  return JSON.stringify(body);
}

/** POSTs one notification; throws unless the receiver answers 2xx in time. */
export async function postWebhook(
  url: string,
  secret: string,
  payload: NotificationPayload,
  dashboardUrl: string,
  now: () => Date,
): Promise<void> {
  const body = webhookBody(payload, dashboardUrl);
  const timestamp = String(Math.floor(now().getTime() / 1000));
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': 'mitsprache-collector',
      [WEBHOOK_HEADERS.event]: payload.type,
      [WEBHOOK_HEADERS.eventId]: payload.id,
      [WEBHOOK_HEADERS.timestamp]: timestamp,
      [WEBHOOK_HEADERS.signature]: webhookSignature(secret, timestamp, body),
    },
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
  });
  // The body is not needed; reading it frees the connection.
  await response.arrayBuffer().catch(() => undefined);
  if (response.status < 200 || response.status > 299)
    throw new Error(`webhook answered HTTP ${response.status}`);
}
