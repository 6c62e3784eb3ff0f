import { afterAll, describe, expect, it } from 'vitest';
import { type StatusResponse, StatusResponse as StatusResponseSchema } from '../../utils/schema/wire';
import { makeBatch, makeRecord, secretOf } from '../support/records';
import { OfficerClient, PASSWORD, startOn } from './dashboard/officer';
import { BACKENDS, postJson, removeTestData, warnIfPostgresSkipped } from './helpers';
import { newEpisode, outageRecord } from './outages';
import { startWebhookReceiver } from './receivers';

// Issue #17 end to end over HTTP, through the real collector: outage reports from several
// installations open one incident; the dashboard shows it on every page; an officer confirms it with a
// status text, which reaches every member's reporter (and a late one's) on the next status poll;
// closing it fires the webhook.

warnIfPostgresSkipped('incidents end to end');
afterAll(removeTestData);

const APP = 'Leistungsverfahren';
const SECRET = 'webhook-secret-for-tests-0001';

describe.each(BACKENDS)('incidents end to end on $name', (backend) => {
  it.skipIf(!backend.enabled)(
    'groups outage reports into one incident that officers confirm and close, and caseworkers see',
    async () => {
      const receiver = await startWebhookReceiver();
      const collector = await startOn(backend.kind, { webhookUrl: receiver.url, webhookSecret: SECRET });
      try {
        const poll = async (
          records: ReturnType<typeof outageRecord>[],
          since?: string,
        ): Promise<StatusResponse> => {
          const response = await postJson(`${collector.endpoint}/status`, {
            ids: records.map((record) => record.id),
            secrets: Object.fromEntries(records.map((record) => [record.id, secretOf(record)])),
            ...(since ? { since } : {}),
          });
          expect(response.status).toBe(200);
          return StatusResponseSchema.parse(await response.json());
        };

        // Three installations; the first sends twice (two batches), the others once; a note in between.
        const episodes = [newEpisode(), newEpisode(), newEpisode()];
        const members = [
          outageRecord(APP, episodes[0] as string, { kind: 'http', code: '503' }),
          outageRecord(APP, episodes[0] as string, { kind: 'http', code: '503' }),
          outageRecord(APP, episodes[1] as string),
        ];
        for (const record of members.slice(0, 2)) {
          expect((await postJson(collector.endpoint, makeBatch([record]))).status).toBe(200);
        }
        await postJson(collector.endpoint, makeBatch([makeRecord()]));
        // Two installations, two reports: not yet (N = 3).
        expect(await collector.incidents.active()).toEqual([]);
        const completing = await postJson(collector.endpoint, makeBatch([members[2]]));
        expect(await completing.json()).toEqual({ results: [{ id: members[2]?.id, status: 'accepted' }] });
        // The batch sent again (its answer was lost): still one incident of three reports.
        await postJson(collector.endpoint, makeBatch([members[2]]));
        const active = await collector.incidents.active();
        expect(active).toEqual([
          expect.objectContaining({ app: APP, state: 'open', reports: 3, installations: 2 }),
        ]);
        const id = active[0]?.id as string;

        // The reporters learn of it on their next poll.
        const opened = await poll(members);
        expect(opened.updates).toHaveLength(3);
        expect(opened.updates.every((update) => update.incident?.state === 'open')).toBe(true);

        // Every dashboard page shows it at the top.
        const officer = new OfficerClient(collector.url);
        await officer.signIn('anna', PASSWORD);
        for (const path of ['/dashboard', '/dashboard/hotspots', '/dashboard/incidents']) {
          const page = await officer.page(path);
          expect(page).toContain('<section class="incident-banner" aria-labelledby="incident-banner-title">');
          expect(page).toContain(`href="/dashboard/incidents/${id}"`);
          expect(page).toContain(`${APP}: gestört seit`);
        }
        const detail = await officer.page(`/dashboard/incidents/${id}`);
        expect(detail).toContain('<code>503</code>');
        expect(detail).toContain('Erkannt, noch nicht bestätigt');
        expect(detail).toContain(`action="/dashboard/incidents/${id}/confirm"`);
        expect(detail).toContain(`formaction="/dashboard/incidents/${id}/status-text"`);
        // A member's own page says it reports an outage, without its episode.
        const memberPage = await officer.page(`/dashboard/records/${members[0]?.id}`);
        expect(memberPage).toContain('Art: http, <code>503</code>');
        expect(memberPage).not.toContain(episodes[0]);

        // Confirming needs the session's CSRF token.
        const refused = await officer.post(`/dashboard/incidents/${id}/confirm`, { statusText: 'x' });
        expect(refused.status).toBe(403);
        const csrf = await officer.csrf();
        const confirmed = await officer.post(`/dashboard/incidents/${id}/confirm`, {
          _csrf: csrf,
          statusText: 'IT ist informiert, Störung beim Rechenzentrum.',
        });
        expect(confirmed.status).toBe(303);
        expect(confirmed.headers.get('location')).toBe(`/dashboard/incidents/${id}?notice=saved`);

        const known = await poll(members, opened.cursor);
        expect(known.updates).toHaveLength(3);
        for (const update of known.updates) {
          expect(update.incident).toMatchObject({
            id,
            state: 'known',
            statusText: 'IT ist informiert, Störung beim Rechenzentrum.',
          });
          expect(update.incident?.knownAt).not.toBeNull();
        }

        // A caseworker who reports after the incident is known gets the known state on the next poll.
        const late = outageRecord(APP, episodes[2] as string);
        await postJson(collector.endpoint, makeBatch([late]));
        const lateStatus = await poll([late]);
        expect(lateStatus.updates).toEqual([
          expect.objectContaining({
            id: late.id,
            incident: expect.objectContaining({
              id,
              state: 'known',
              statusText: 'IT ist informiert, Störung beim Rechenzentrum.',
            }),
          }),
        ]);
        // Another installation cannot read the incident through someone else's record (answer secrets).
        const stranger = await postJson(`${collector.endpoint}/status`, {
          ids: [late.id],
          secrets: { [late.id]: secretOf(makeRecord()) },
        });
        expect(((await stranger.json()) as StatusResponse).updates).toEqual([]);

        const closed = await officer.post(`/dashboard/incidents/${id}/close`, { _csrf: csrf });
        expect(closed.status).toBe(303);
        const after = await poll([...members, late], known.cursor);
        expect(after.updates).toHaveLength(4);
        expect(after.updates.every((update) => update.incident?.state === 'closed')).toBe(true);
        // Closed: no banner, no forms; a second close is refused.
        expect(await officer.page('/dashboard')).not.toContain('incident-banner');
        expect(await officer.page(`/dashboard/incidents/${id}`)).not.toContain(
          `/dashboard/incidents/${id}/close`,
        );
        expect((await officer.post(`/dashboard/incidents/${id}/close`, { _csrf: csrf })).status).toBe(409);
        // The hotspots page keeps it in the application's history.
        const hotspots = await officer.page('/dashboard/hotspots');
        expect(hotspots).toContain('Störungen je Anwendung');
        expect(hotspots).toContain(`<h3 id="h-incident-app-0">${APP}</h3>`);

        // The webhook heard of it exactly once per event.
        await expect
          .poll(() => receiver.calls.map((call) => call.json.type).join(' '), { timeout: 15_000 })
          .toBe('incident.opened incident.confirmed incident.closed');
        expect(receiver.calls.map((call) => call.json.incident.id)).toEqual([id, id, id]);
        expect(receiver.calls[2]?.json.incident).toMatchObject({
          state: 'closed',
          reports: 4,
          installations: 3,
        });
      } finally {
        await collector.close();
        await receiver.close();
      }
    },
    60_000,
  );
});

describe('incidents page', () => {
  it('speaks English when asked, and names the rule', async () => {
    const collector = await startOn('sqlite', {
      incidentReports: 4,
      incidentInstallations: 2,
      incidentWindowMinutes: 15,
    });
    try {
      const officer = new OfficerClient(collector.url, { 'Accept-Language': 'en' });
      await officer.signIn('anna', PASSWORD);
      const page = await officer.page('/dashboard/incidents');
      expect(page).toContain('<h1 id="h-incidents">Outages</h1>');
      expect(page).toContain(
        'at least 4 outage reports of one application arrive from at least 2 installations within 15 minutes',
      );
      expect(page).toContain('No outages so far.');
      expect((await officer.fetch('/dashboard/incidents/nope')).status).toBe(404);
    } finally {
      await collector.close();
    }
  });
});
