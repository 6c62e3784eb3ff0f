import nodemailer from 'nodemailer';
import type { CollectorConfig } from '../config';
import { formatDateTime } from '../dashboard/format';
import type { IncidentEvent, NotificationPayload } from '../store/incident-types';

// Incident mails over SMTP (docs/incidents.md): German first, with an English line, for IT staff who
// do not watch the dashboard.

const SUBJECT: Record<IncidentEvent, [de: string, en: string]> = {
  'incident.opened': ['Störung gemeldet', 'outage reported'],
  'incident.confirmed': ['Störung bestätigt', 'outage confirmed'],
  'incident.closed': ['Störung beendet', 'outage closed'],
};

/** Subject and plain-text body of the mail for one notification. */
export function incidentMail(
  payload: NotificationPayload,
  dashboardUrl: string,
): { subject: string; text: string } {
  const { incident } = payload;
  const [de, en] = SUBJECT[payload.type];
  const codes = incident.codes.map((code) => `${code.value} (${code.count})`).join(', ') || '–';
  const screens = incident.screens.map((screen) => `${screen.value} (${screen.count})`).join(', ') || '–';
  const lines = [
    `${de}: ${incident.app}`,
    `(English: ${en} for ${incident.app}, ${incident.reports} reports from ${incident.installations} installations; details below and in the dashboard.)`,
    '',
    `Anwendung: ${incident.app}`,
    `Gestört seit: ${formatDateTime(incident.since)}`,
    `Erste / letzte Meldung: ${formatDateTime(incident.firstReportAt)} / ${formatDateTime(incident.lastReportAt)}`,
    `Meldungen: ${incident.reports} von ${incident.installations} Installationen`,
    `Fehlercodes: ${codes}`,
    `Betroffene Bildschirme: ${screens}`,
    `Verlorene Minuten (Summe): ${incident.minutesLost}`,
  ];
  if (incident.knownAt) lines.push(`Bestätigt: ${formatDateTime(incident.knownAt)}`);
  if (incident.closedAt) lines.push(`Beendet: ${formatDateTime(incident.closedAt)}`);
  if (incident.statusText) lines.push(`Statustext: ${incident.statusText}`);
  lines.push('', `Auswertung: ${dashboardUrl}`, `Ereignis-ID / event id: ${payload.id}`);
  return { subject: `[Mitsprache] ${de}: ${incident.app} / ${en}`, text: `${lines.join('\n')}\n` };
}

/** A mail sender for the configured SMTP server; null when no server is configured. */
export function smtpSender(
  config: CollectorConfig,
): ((payload: NotificationPayload, dashboardUrl: string) => Promise<void>) | null {
  const { smtpHost, smtpFrom } = config;
  if (!smtpHost || !smtpFrom) return null;
  const transport = nodemailer.createTransport({
    host: smtpHost,
    port: config.smtpPort,
    secure: config.smtpSecurity === 'tls',
    requireTLS: config.smtpSecurity === 'starttls',
    ignoreTLS: config.smtpSecurity === 'none',
    auth: config.smtpUser ? { user: config.smtpUser, pass: config.smtpPassword } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return async (payload, dashboardUrl) => {
    const { subject, text } = incidentMail(payload, dashboardUrl);
    await transport.sendMail({
      from: smtpFrom,
      to: config.smtpTo,
      subject,
      text,
      // The event id as Message-ID part: mail systems drop a copy sent twice after a crash.
      messageId: `<${payload.id.replace(/[^A-Za-z0-9._-]/g, '.')}@mitsprache.invalid>`,
    });
  };
}
