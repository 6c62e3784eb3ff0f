import { afterAll, describe, expect, it } from 'vitest';
import type { IncidentRule } from '../../../collector/store/incident-rule';
import type { NotificationPayload } from '../../../collector/store/incident-types';
import type { Backend, BatchMeta } from '../../../collector/store/types';
import type { FeedbackRecord } from '../../../utils/schema/record';
import { makeRecord } from '../../support/records';
import { BACKENDS, removeTestData, warnIfPostgresSkipped, withFreshInstance } from '../helpers';
import { newEpisode, outageRecord } from '../outages';

// The incident side of the store contract (issue #17) on every available backend: outages stored with
// their records, grouping at ingest, officers' changes reaching each member's reporter through the
// status cursor, and the notification queue.

warnIfPostgresSkipped('incident store contract');
afterAll(removeTestData);

const RULE: IncidentRule = { reports: 3, installations: 2, windowMinutes: 10 };
const APP = 'Leistungsverfahren';
const OTHER_APP = 'E-Akte';

/** A batch that arrived `minute` minutes after 10:00 UTC on 7 Dec 2026. */
function batchAt(minute: number): BatchMeta {
  return {
    batchId: crypto.randomUUID(),
    receivedAt: new Date(Date.parse('2026-12-07T10:00:00.000Z') + minute * 60_000).toISOString(),
  };
}

/** Stores `records` as one batch arriving at `minute`, then groups as the ingest route does. */
async function report(
  { store, incidents }: Backend,
  minute: number,
  records: readonly FeedbackRecord[],
  channels: ('webhook' | 'email')[] = [],
): Promise<string[]> {
  const batch = batchAt(minute);
  await store.ingest(records, batch);
  const apps = records.filter((record) => record.outage).map((record) => record.context.app);
  return incidents.group(apps, batch.receivedAt, RULE, { at: batch.receivedAt, channels });
}

describe.each(BACKENDS)('incident store on $name', (backend) => {
  describe.skipIf(!backend.enabled)('IncidentStore', () => {
    it('stores the outage with the record, its episode only for counting', async () => {
      await withFreshInstance(backend.kind, async ({ store }) => {
        const record = outageRecord(APP, newEpisode(), { kind: 'http', code: '503' });
        await store.ingest([record], batchAt(0));
        const { episode, ...shown } = record.outage as NonNullable<FeedbackRecord['outage']>;
        const stored = await store.getRecord(record.id);
        expect(stored?.record.outage).toEqual(shown);
        // Not in the record as shown and exported: the dashboard never shows an episode.
        expect(JSON.stringify(stored)).not.toContain(episode);
        const exported: string[] = [];
        for await (const row of store.exportStream({})) exported.push(row.recordJson);
        expect(exported.join('')).not.toContain(episode);
      });
    });

    it('opens one incident when N reports from M episodes arrive within T minutes, with what they add up to', async () => {
      await withFreshInstance(backend.kind, async (instance) => {
        const a = newEpisode();
        const b = newEpisode();
        expect(await report(instance, 0, [outageRecord(APP, a)])).toEqual([]);
        // A note without an outage and another application's outage count for nothing.
        expect(await report(instance, 1, [makeRecord(), outageRecord(OTHER_APP, b)])).toEqual([]);
        expect(await report(instance, 2, [outageRecord(APP, a, { kind: 'http', code: '502' })])).toEqual([]);
        expect(await instance.incidents.active()).toEqual([]);

        const opened = await report(instance, 3, [
          outageRecord(
            APP,
            b,
            {},
            { minutesLost: 25, context: { ...makeRecord().context, app: APP, routeTemplate: '/start' } },
          ),
        ]);
        expect(opened).toHaveLength(1);
        const [incident] = await instance.incidents.active();
        expect(incident).toMatchObject({
          id: opened[0],
          app: APP,
          state: 'open',
          openedAt: '2026-12-07T10:03:00.000Z',
          knownAt: null,
          closedAt: null,
          statusText: null,
          since: '2026-12-07T09:58:00.000Z',
          firstReportAt: '2026-12-07T10:00:00.000Z',
          lastReportAt: '2026-12-07T10:03:00.000Z',
          reports: 3,
          installations: 2,
          minutesLost: 45,
          codes: [
            { value: 'net::ERR_CONNECTION_REFUSED', count: 2 },
            { value: '502', count: 1 },
          ],
          screens: [
            { value: '/akte/:id/leistungen', count: 2 },
            { value: '/start', count: 1 },
          ],
        });
        // Grouping again finds nothing new: it is idempotent.
        expect(
          await instance.incidents.group([APP], batchAt(3).receivedAt, RULE, {
            at: batchAt(3).receivedAt,
            channels: [],
          }),
        ).toEqual([]);
        expect(await instance.incidents.list({ limit: 10 })).toHaveLength(1);
      });
    });

    it('lets later reports join the open incident; a re-sent record counts once', async () => {
      await withFreshInstance(backend.kind, async (instance) => {
        const a = newEpisode();
        const first = [outageRecord(APP, a), outageRecord(APP, newEpisode()), outageRecord(APP, a)];
        await report(instance, 0, first);
        const late = outageRecord(APP, newEpisode());
        await report(instance, 30, [late]);
        // The same batch sent again (the extension did not get the answer): duplicates, nothing added.
        await report(instance, 31, [late, ...first]);
        const [incident] = await instance.incidents.active();
        expect(incident).toMatchObject({ reports: 4, installations: 3 });
      });
    });

    it('sends each member’s reporter the incident behind the cursor, and every change of it', async () => {
      await withFreshInstance(backend.kind, async (instance) => {
        const { store, incidents } = instance;
        const members = [outageRecord(APP, newEpisode()), outageRecord(APP, newEpisode())];
        const third = outageRecord(APP, newEpisode());
        await report(instance, 0, members);
        await report(instance, 1, [third]);
        const ids = [...members, third].map((record) => record.id);

        const opened = await store.statusSince(ids, undefined);
        expect(opened.updates.map((update) => update.id).sort()).toEqual([...ids].sort());
        expect(opened.updates[0]).toMatchObject({
          status: 'received',
          reply: null,
          incident: { app: APP, state: 'open', knownAt: null, closedAt: null, statusText: null },
        });
        expect(await store.statusSince(ids, opened.cursor)).toEqual({ updates: [], cursor: opened.cursor });

        const id = opened.updates[0]?.incident?.id as string;
        const confirmed = await incidents.confirm(id, 'IT ist informiert.', '2026-12-07T10:14:00.000Z', []);
        expect(confirmed).toMatchObject({ ok: true, incident: { state: 'known' } });
        const known = await store.statusSince(ids, opened.cursor);
        expect(known.updates).toHaveLength(3);
        for (const update of known.updates) {
          expect(update).toMatchObject({
            updatedAt: '2026-12-07T10:14:00.000Z',
            incident: {
              id,
              state: 'known',
              knownAt: '2026-12-07T10:14:00.000Z',
              statusText: 'IT ist informiert.',
            },
          });
        }

        // A caseworker who reports after the incident is known gets the known state on the next poll.
        const lateRecord = outageRecord(APP, newEpisode());
        await report(instance, 20, [lateRecord]);
        const late = await store.statusSince([lateRecord.id], known.cursor);
        expect(late.updates).toEqual([
          expect.objectContaining({
            id: lateRecord.id,
            incident: expect.objectContaining({ state: 'known' }),
          }),
        ]);
        // The others saw nothing new: joining is a change for the newcomer only.
        expect((await store.statusSince(ids, known.cursor)).updates).toEqual([]);

        // An officer's status of a member comes with the incident, and moves the cursor once.
        await store.setStatus(
          third.id,
          { status: 'forwarded', reply: 'An die IT.' },
          '2026-12-07T10:20:00.000Z',
        );
        const officer = await store.statusSince(ids, late.cursor);
        expect(officer.updates).toEqual([
          expect.objectContaining({
            id: third.id,
            status: 'forwarded',
            incident: expect.objectContaining({ id }),
          }),
        ]);

        expect(
          await incidents.setStatusText(id, 'Behoben ab 11 Uhr erwartet.', '2026-12-07T10:30:00.000Z'),
        ).toMatchObject({ ok: true });
        expect(await incidents.close(id, '2026-12-07T10:45:00.000Z', [])).toMatchObject({
          ok: true,
          incident: { state: 'closed', closedAt: '2026-12-07T10:45:00.000Z' },
        });
        const closed = await store.statusSince([...ids, lateRecord.id], officer.cursor);
        expect(closed.updates).toHaveLength(4);
        expect(closed.updates.every((update) => update.incident?.state === 'closed')).toBe(true);
        expect(
          closed.updates.every((update) => update.incident?.statusText === 'Behoben ab 11 Uhr erwartet.'),
        ).toBe(true);

        // A closed incident takes no more changes and never reopens.
        expect(await incidents.confirm(id, null, '2026-12-07T10:50:00.000Z', [])).toEqual({
          ok: false,
          reason: 'closed',
        });
        expect(await incidents.close('no-such-incident', '2026-12-07T10:50:00.000Z', [])).toEqual({
          ok: false,
          reason: 'not_found',
        });
      });
    });

    it('starts counting afresh after an incident is closed', async () => {
      await withFreshInstance(backend.kind, async (instance) => {
        await report(instance, 0, [
          outageRecord(APP, newEpisode()),
          outageRecord(APP, newEpisode()),
          outageRecord(APP, newEpisode()),
        ]);
        const [first] = await instance.incidents.active();
        await instance.incidents.close(first?.id as string, '2026-12-07T10:05:00.000Z', []);
        // Two new reports within the window of the old ones: not enough on their own.
        expect(
          await report(instance, 6, [outageRecord(APP, newEpisode()), outageRecord(APP, newEpisode())]),
        ).toEqual([]);
        expect(await instance.incidents.active()).toEqual([]);
        const reopened = await report(instance, 7, [outageRecord(APP, newEpisode())]);
        expect(reopened).toHaveLength(1);
        expect(reopened[0]).not.toBe(first?.id);
        expect((await instance.incidents.active())[0]).toMatchObject({ reports: 3, state: 'open' });
      });
    });

    it('opens exactly one incident when batches are grouped concurrently', async () => {
      await withFreshInstance(backend.kind, async (instance, db) => {
        const other = await db.instance();
        try {
          const batches = Array.from({ length: 12 }, () => [outageRecord(APP, newEpisode())]);
          const opened = await Promise.all(
            batches.map((records, k) => report(k % 2 === 0 ? instance : other, 1, records)),
          );
          expect(opened.flat()).toHaveLength(1);
          expect(await instance.incidents.active()).toEqual([
            expect.objectContaining({ reports: 12, installations: 12 }),
          ]);
        } finally {
          await other.close();
        }
      });
    });

    it('queues one notification per event and channel, claimed once, until delivered', async () => {
      await withFreshInstance(backend.kind, async (instance) => {
        const { incidents } = instance;
        const [id] = await report(
          instance,
          0,
          [outageRecord(APP, newEpisode()), outageRecord(APP, newEpisode()), outageRecord(APP, newEpisode())],
          ['webhook', 'email'],
        );
        const due = await incidents.dueNotifications('2026-12-07T10:00:00.000Z', 10);
        expect(due.map((n) => [n.eventId, n.channel, n.event])).toEqual([
          [`${id}:opened`, 'email', 'incident.opened'],
          [`${id}:opened`, 'webhook', 'incident.opened'],
        ]);
        const payload = JSON.parse(due[0]?.payload as string) as NotificationPayload;
        expect(payload).toMatchObject({
          id: `${id}:opened`,
          type: 'incident.opened',
          incident: { id, reports: 3 },
        });
        expect(JSON.stringify(payload)).not.toMatch(/episode/);

        const webhook = due[1] as (typeof due)[number];
        expect(await incidents.claimNotification(webhook, '2026-12-07T10:01:00.000Z')).toBe(true);
        // A second claim of the same read (another instance) loses.
        expect(await incidents.claimNotification(webhook, '2026-12-07T10:01:00.000Z')).toBe(false);
        await incidents.notificationFailed(
          webhook.eventId,
          'webhook',
          '2026-12-07T10:00:02.000Z',
          'HTTP 500',
        );
        const retry = (await incidents.dueNotifications('2026-12-07T10:00:02.000Z', 10)).find(
          (n) => n.channel === 'webhook',
        );
        expect(retry).toMatchObject({ attempts: 1, nextAttemptAt: '2026-12-07T10:00:02.000Z' });
        await incidents.notificationDelivered(webhook.eventId, 'webhook', '2026-12-07T10:00:03.000Z');
        expect(
          (await incidents.dueNotifications('2026-12-08T00:00:00.000Z', 10)).map((n) => n.channel),
        ).toEqual(['email']);

        await incidents.close(id as string, '2026-12-07T11:00:00.000Z', ['webhook']);
        expect(
          (await incidents.dueNotifications('2026-12-08T00:00:00.000Z', 10)).map((n) => n.eventId),
        ).toEqual([`${id}:opened`, `${id}:closed`]);
      });
    });

    it('keeps a history per application', async () => {
      await withFreshInstance(backend.kind, async (instance) => {
        await report(instance, 0, [
          outageRecord(APP, newEpisode()),
          outageRecord(APP, newEpisode()),
          outageRecord(APP, newEpisode()),
        ]);
        await report(instance, 0, [
          outageRecord(OTHER_APP, newEpisode()),
          outageRecord(OTHER_APP, newEpisode()),
          outageRecord(OTHER_APP, newEpisode()),
        ]);
        const history = await instance.incidents.history('2026-12-01T00:00:00.000Z', 10);
        expect(
          history.map((entry) => [entry.app, entry.incidents.length, entry.incidents[0]?.minutesLost]),
        ).toEqual([
          [OTHER_APP, 1, 30],
          [APP, 1, 30],
        ]);
      });
    });
  });
});
