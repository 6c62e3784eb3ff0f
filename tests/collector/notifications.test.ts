import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../collector/config';
import { incidentMail } from '../../collector/notify/email';
import type { RunningCollector } from '../../collector/server';
import { makeBatch } from '../support/records';
import { makeTempDir, postJson, removeTempDirs, startTestCollector } from './helpers';
import { newEpisode, outageRecord } from './outages';
import { startMailReceiver, startWebhookReceiver, type WebhookCall } from './receivers';

// Notifications of incidents (issue #17): a signed webhook and a mail, from the persistent queue,
// through a real collector over HTTP to receivers started here.

afterAll(removeTempDirs);

const SECRET = 'webhook-secret-for-tests-0001';
const APP = 'Leistungsverfahren';

/** What a receiver does (docs/incidents.md): HMAC-SHA256 over `<timestamp>.<body>`, compared in constant time. */
function signatureValid(call: WebhookCall, secret: string): boolean {
  const timestamp = String(call.headers['x-mitsprache-timestamp']);
  const given = String(call.headers['x-mitsprache-signature']);
  const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${call.body}`).digest('hex')}`;
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

/** Three outage reports from two installations, in three batches: the default rule opens an incident. */
async function reportOutage(collector: RunningCollector, app = APP): Promise<string> {
  const a = newEpisode();
  const b = newEpisode();
  for (const record of [outageRecord(app, a), outageRecord(app, b), outageRecord(app, a)]) {
    const response = await postJson(collector.endpoint, makeBatch([record]));
    expect(response.status).toBe(200);
  }
  const [incident] = await collector.incidents.active();
  if (!incident) throw new Error('no incident opened');
  return incident.id;
}

/** Whether every queued notification has been delivered (nothing waits, now or later). */
async function queueEmpty(collector: RunningCollector): Promise<boolean> {
  return (await collector.incidents.dueNotifications('9999-12-31T00:00:00.000Z', 10)).length === 0;
}

describe('incident webhook', () => {
  it('sends exactly one signed call per event: opened, confirmed, closed', async () => {
    const receiver = await startWebhookReceiver();
    const collector = await startTestCollector({ webhookUrl: receiver.url, webhookSecret: SECRET });
    try {
      const id = await reportOutage(collector);
      await expect.poll(() => receiver.calls.length, { timeout: 10_000 }).toBe(1);
      const [opened] = receiver.calls as [WebhookCall];
      expect(signatureValid(opened, SECRET)).toBe(true);
      expect(signatureValid(opened, 'another-secret-of-16-chars')).toBe(false);
      expect(opened.headers['x-mitsprache-event']).toBe('incident.opened');
      expect(opened.headers['x-mitsprache-event-id']).toBe(`${id}:opened`);
      expect(opened.headers['content-type']).toBe('application/json');
      expect(opened.json).toMatchObject({
        id: `${id}:opened`,
        type: 'incident.opened',
        dashboardUrl: `${collector.url}/dashboard/incidents/${id}`,
        incident: { id, app: APP, state: 'open', reports: 3, installations: 2 },
      });
      // The timestamp is the sending time in seconds, close to now: receivers refuse old ones.
      expect(Math.abs(Number(opened.headers['x-mitsprache-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
      expect(opened.body).not.toMatch(/episode/);

      await collector.incidents.confirm(id, 'IT ist informiert.', new Date().toISOString(), ['webhook']);
      await collector.incidents.close(id, new Date().toISOString(), ['webhook']);
      await expect.poll(() => queueEmpty(collector), { timeout: 10_000 }).toBe(true);
      expect(receiver.calls.map((call) => call.json.type)).toEqual([
        'incident.opened',
        'incident.confirmed',
        'incident.closed',
      ]);
      const closed = receiver.calls[2] as WebhookCall;
      expect(signatureValid(closed, SECRET)).toBe(true);
      expect(closed.json.incident).toMatchObject({ state: 'closed', statusText: 'IT ist informiert.' });
    } finally {
      await collector.close();
      await receiver.close();
    }
  });

  it('retries a failing receiver with backoff until it takes the call, still exactly once', async () => {
    const receiver = await startWebhookReceiver({ failFirst: 2 });
    const collector = await startTestCollector({
      webhookUrl: receiver.url,
      webhookSecret: SECRET,
      notifyRetryMs: 200,
    });
    try {
      const id = await reportOutage(collector);
      await expect.poll(() => queueEmpty(collector), { timeout: 15_000 }).toBe(true);
      expect(receiver.refused.map((call) => call.json.id)).toEqual([`${id}:opened`, `${id}:opened`]);
      expect(receiver.calls.map((call) => call.json.id)).toEqual([`${id}:opened`]);
      // The same event, the same body on every attempt; the second wait is twice the first.
      expect(new Set([...receiver.refused, ...receiver.calls].map((call) => call.body)).size).toBe(1);
      const [first, second] = receiver.refused as [WebhookCall, WebhookCall];
      const third = receiver.calls[0] as WebhookCall;
      expect(second.at - first.at).toBeGreaterThanOrEqual(190);
      expect(third.at - second.at).toBeGreaterThanOrEqual(390);
    } finally {
      await collector.close();
      await receiver.close();
    }
  });

  it('keeps an undelivered notification across a restart and delivers it once', async () => {
    const receiver = await startWebhookReceiver({ failFirst: 1 });
    const dataDir = await makeTempDir();
    // The first collector queues the event, is refused once, and stops before its retry is due.
    const first = await startTestCollector({
      dataDir,
      webhookUrl: receiver.url,
      webhookSecret: SECRET,
      notifyRetryMs: 3_600_000,
    });
    let id: string;
    try {
      id = await reportOutage(first);
      await expect.poll(() => receiver.refused.length, { timeout: 10_000 }).toBe(1);
    } finally {
      await first.close();
    }
    expect(receiver.calls).toEqual([]);
    // The retry is due in an hour; a collector started then (its clock is the queue's) delivers it.
    const second = await startTestCollector({ dataDir, webhookUrl: receiver.url, webhookSecret: SECRET });
    try {
      const [queued] = await second.incidents.dueNotifications('9999-12-31T00:00:00.000Z', 10);
      expect(queued).toMatchObject({ eventId: `${id}:opened`, attempts: 1 });
      await second.incidents.notificationFailed(
        `${id}:opened`,
        'webhook',
        new Date().toISOString(),
        'due now (test)',
      );
      await expect.poll(() => receiver.calls.length, { timeout: 10_000 }).toBe(1);
      await expect.poll(() => queueEmpty(second), { timeout: 10_000 }).toBe(true);
      expect(receiver.calls.map((call) => call.json.id)).toEqual([`${id}:opened`]);
    } finally {
      await second.close();
      await receiver.close();
    }
  });
});

describe('incident mail', () => {
  it('sends one mail per event to the configured recipients over SMTP', async () => {
    const smtp = await startMailReceiver();
    const collector = await startTestCollector({
      smtpHost: '127.0.0.1',
      smtpPort: smtp.port,
      smtpSecurity: 'none',
      smtpFrom: 'mitsprache@jobcenter.example',
      smtpTo: ['it-leitstand@jobcenter.example', 'dibe@jobcenter.example'],
    });
    try {
      const id = await reportOutage(collector);
      await expect.poll(() => smtp.mails.length, { timeout: 10_000 }).toBe(1);
      const [mail] = smtp.mails;
      expect(mail?.from).toBe('mitsprache@jobcenter.example');
      expect(mail?.to).toEqual(['it-leitstand@jobcenter.example', 'dibe@jobcenter.example']);
      expect(mail?.raw).toContain(`Ereignis-ID / event id: ${id}:opened`);
      expect(mail?.raw).toContain(`Auswertung: ${collector.url}/dashboard/incidents/${id}`);
      expect(mail?.raw).toContain('Meldungen: 3 von 2 Installationen');

      await collector.incidents.close(id, new Date().toISOString(), ['email']);
      await expect.poll(() => queueEmpty(collector), { timeout: 10_000 }).toBe(true);
      expect(smtp.mails).toHaveLength(2);
      expect(smtp.mails[1]?.raw).toContain(`${id}:closed`);
    } finally {
      await collector.close();
      await smtp.close();
    }
  });

  it('says what happened in German first, with an English line', () => {
    const { subject, text } = incidentMail(
      {
        id: 'i1:opened',
        type: 'incident.opened',
        occurredAt: '2026-12-07T09:14:00.000Z',
        incident: {
          id: 'i1',
          app: APP,
          state: 'open',
          openedAt: '2026-12-07T09:14:00.000Z',
          knownAt: null,
          closedAt: null,
          statusText: null,
          since: '2026-12-07T09:05:00.000Z',
          firstReportAt: '2026-12-07T09:10:00.000Z',
          lastReportAt: '2026-12-07T09:14:00.000Z',
          reports: 3,
          installations: 2,
          minutesLost: 30,
          codes: [{ value: '503', count: 3 }],
          screens: [{ value: '/akte/:id', count: 3 }],
        },
      },
      'https://feedback.example/dashboard/incidents/i1',
    );
    expect(subject).toBe(`[Mitsprache] Störung gemeldet: ${APP} / outage reported`);
    expect(text.split('\n').slice(0, 2)).toEqual([
      `Störung gemeldet: ${APP}`,
      `(English: outage reported for ${APP}, 3 reports from 2 installations; details below and in the dashboard.)`,
    ]);
    expect(text).toContain('Gestört seit: 07.12.2026 10:05');
    expect(text).toContain('Fehlercodes: 503 (3)');
  });
});

describe('incident settings', () => {
  const env = (extra: Record<string, string>) => ({ COLLECTOR_INGEST_TOKENS: 'x-token-0001', ...extra });

  it('reads the rule, the webhook and SMTP from the environment', () => {
    const config = loadConfig({
      env: env({
        COLLECTOR_INCIDENT_REPORTS: '5',
        COLLECTOR_INCIDENT_INSTALLATIONS: '3',
        COLLECTOR_INCIDENT_WINDOW_MINUTES: '15',
        COLLECTOR_WEBHOOK_URL: 'https://it.example/hooks',
        COLLECTOR_WEBHOOK_SECRET: SECRET,
        COLLECTOR_SMTP_HOST: 'smtp.example',
        COLLECTOR_SMTP_SECURITY: 'TLS',
        COLLECTOR_SMTP_PORT: '465',
        COLLECTOR_SMTP_FROM: 'mitsprache@jobcenter.example',
        COLLECTOR_SMTP_TO: 'a@jobcenter.example, b@jobcenter.example',
      }),
    });
    expect(config).toMatchObject({
      incidentReports: 5,
      incidentInstallations: 3,
      incidentWindowMinutes: 15,
      webhookUrl: 'https://it.example/hooks',
      smtpSecurity: 'tls',
      smtpPort: 465,
      smtpTo: ['a@jobcenter.example', 'b@jobcenter.example'],
    });
  });

  it.each([
    [
      { COLLECTOR_INCIDENT_REPORTS: '0' },
      'COLLECTOR_INCIDENT_REPORTS: expected a number of reports from 1 to 10000',
    ],
    [
      { COLLECTOR_INCIDENT_REPORTS: '2', COLLECTOR_INCIDENT_INSTALLATIONS: '3' },
      'COLLECTOR_INCIDENT_INSTALLATIONS: cannot exceed the number of reports (2)',
    ],
    [
      { COLLECTOR_INCIDENT_WINDOW_MINUTES: 'ten' },
      'COLLECTOR_INCIDENT_WINDOW_MINUTES: expected minutes from 1 to 1440',
    ],
    [
      { COLLECTOR_WEBHOOK_URL: 'https://it.example/hooks' },
      'COLLECTOR_WEBHOOK_SECRET: required with a webhook URL',
    ],
    [
      { COLLECTOR_WEBHOOK_URL: 'ftp://it.example/', COLLECTOR_WEBHOOK_SECRET: SECRET },
      'COLLECTOR_WEBHOOK_URL: expected an http:// or https:// URL',
    ],
    [
      { COLLECTOR_WEBHOOK_SECRET: 'short' },
      'COLLECTOR_WEBHOOK_SECRET: expected a secret of at least 16 characters',
    ],
    [
      { COLLECTOR_SMTP_HOST: 'smtp.example', COLLECTOR_SMTP_TO: 'a@jobcenter.example' },
      'COLLECTOR_SMTP_FROM: required with an SMTP host',
    ],
    [{ COLLECTOR_SMTP_SECURITY: 'ssl' }, 'COLLECTOR_SMTP_SECURITY: expected starttls, tls or none'],
    [{ COLLECTOR_SMTP_USER: 'mitsprache' }, 'COLLECTOR_SMTP_PASSWORD: SMTP user and password go together'],
  ])('refuses %j with a clear message', (extra, message) => {
    expect(() => loadConfig({ env: env(extra) })).toThrow(ConfigError);
    expect(() => loadConfig({ env: env(extra) })).toThrow(message);
  });
});
