// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { OutboxEntry } from '../../../utils/schema/outbox';
import type { IncidentStatus, StatusUpdate } from '../../../utils/schema/wire';
import { getDb } from '../../../utils/store/db';
import { markSent } from '../../../utils/store/queue';
import { addRecord, getRecord } from '../../../utils/store/records';
import { fetchStatusUpdates, mergeOfficer, openRecords, unreadAnswerCount } from '../../../utils/sync/status';
import { acceptAll, collectorPerTest, type Seen, testRecord } from '../../support/sync';

// Issue #17, item 5: the incident an outage report was grouped into comes back with the status poll,
// is kept with the record's answer, and makes news for the caseworker when it changes.

// Each test's collector is closed after it, with the database.
const startCollector = collectorPerTest();

const OPENED = '2026-12-07T09:02:00.000+01:00';
const KNOWN = '2026-12-07T09:14:00.000+01:00';
const CLOSED = '2026-12-07T10:40:00.000+01:00';

const incident = (patch: Partial<IncidentStatus> = {}): IncidentStatus => ({
  id: 'inc-1',
  app: 'E-Akte',
  state: 'open',
  openedAt: OPENED,
  knownAt: null,
  closedAt: null,
  statusText: null,
  ...patch,
});

const update = (id: string, updatedAt: string, inc?: IncidentStatus): StatusUpdate => ({
  id,
  status: 'received',
  reply: null,
  updatedAt,
  ...(inc ? { incident: inc } : {}),
});

async function sentRecord(): Promise<string> {
  const { id } = await addRecord(testRecord());
  await markSent([id]);
  return id;
}

describe('the incident with a record’s answer', () => {
  it('is stored with the answer (a valid outbox entry) and each change of state or text is news', async () => {
    const id = await sentRecord();
    const polls: StatusUpdate[][] = [
      [update(id, OPENED, incident())],
      [
        update(
          id,
          KNOWN,
          incident({ state: 'known', knownAt: KNOWN, statusText: 'Der Server wird neu gestartet.' }),
        ),
      ],
      [
        update(
          id,
          CLOSED,
          incident({ state: 'closed', knownAt: KNOWN, closedAt: CLOSED, statusText: 'Behoben.' }),
        ),
      ],
    ];
    const queries: Seen[] = [];
    const collector = await startCollector(acceptAll, (seen) => {
      queries.push(seen);
      return {
        status: 200,
        body: { updates: polls[queries.length - 1] ?? [], cursor: `c${queries.length}` },
      };
    });

    await fetchStatusUpdates({ endpoint: collector.url, token: 't' });
    let entry = await getRecord(id);
    expect(OutboxEntry.safeParse(entry).success).toBe(true);
    // A bare "received" would not be news; the outage being grouped is.
    expect(entry?.officer).toMatchObject({ status: 'received', read: false, incident: { state: 'open' } });
    expect(await unreadAnswerCount()).toBe(1);

    await fetchStatusUpdates({ endpoint: collector.url, token: 't' });
    entry = await getRecord(id);
    expect(entry?.officer?.incident).toEqual(
      incident({ state: 'known', knownAt: KNOWN, statusText: 'Der Server wird neu gestartet.' }),
    );

    await fetchStatusUpdates({ endpoint: collector.url, token: 't' });
    entry = await getRecord(id);
    expect(entry?.officer?.incident).toMatchObject({
      state: 'closed',
      closedAt: CLOSED,
      statusText: 'Behoben.',
    });
  });

  it('keeps a record asked about while its incident is open, even when the record itself is final', async () => {
    const id = await sentRecord();
    const entry = (await getRecord(id)) as OutboxEntry;
    const officer = { status: 'solved' as const, reply: null, updatedAt: KNOWN, read: true };
    await (await getDb()).put('records', {
      ...entry,
      officer: { ...officer, incident: incident({ state: 'known' }) },
    });
    expect((await openRecords()).map((r) => r.id)).toEqual([id]);
    await (await getDb()).put('records', {
      ...entry,
      officer: { ...officer, incident: incident({ state: 'closed' }) },
    });
    expect(await openRecords()).toEqual([]);
  });
});

describe('mergeOfficer with incidents', () => {
  const before = {
    status: 'received' as const,
    reply: null,
    updatedAt: OPENED,
    read: true,
    incident: incident(),
  };

  it('an update without an incident keeps the one held (a collector that does not group yet)', () => {
    const merged = mergeOfficer(before, { ...update('x', KNOWN), status: 'in_review' });
    expect(merged?.incident).toEqual(incident());
  });

  it('the same incident again changes nothing', () => {
    expect(mergeOfficer(before, update('x', OPENED, incident()))).toBeUndefined();
  });

  it('a new status text is news; the same state and text at a later time is not', () => {
    const texted = mergeOfficer(before, update('x', KNOWN, incident({ statusText: 'Wir prüfen.' })));
    expect(texted?.read).toBe(false);
    const later = mergeOfficer(
      { ...before, incident: incident({ statusText: 'Wir prüfen.' }) },
      update('x', CLOSED, incident({ statusText: 'Wir prüfen.' })),
    );
    expect(later?.read).toBe(true);
  });
});
