// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../../utils/schema/outbox';
import type { FeedbackRecord } from '../../../utils/schema/record';
import type { StatusUpdate } from '../../../utils/schema/wire';
import { getDb } from '../../../utils/store/db';
import { markSent } from '../../../utils/store/queue';
import { addRecord, getRecord } from '../../../utils/store/records';
import { syncNow } from '../../../utils/sync/engine';
import { getSyncState } from '../../../utils/sync/state';
import {
  applyStatusUpdates,
  fetchStatusUpdates,
  markAnswerRead,
  mergeOfficer,
  type OfficerAnswer,
  unreadAnswerCount,
} from '../../../utils/sync/status';
import { acceptAll, collectorPerTest, configure, type Seen, testRecord } from '../../support/sync';

// Each test's collector is closed after it, with the database.
const startCollector = collectorPerTest();

const ID = '00000000-0000-4000-8000-00000000abcd';
const T1 = '2026-11-25T10:00:00.000+01:00';
const T2 = '2026-11-26T10:00:00.000+01:00';
const T0 = '2026-11-24T10:00:00.000+01:00';

const update = (status: StatusUpdate['status'], reply: string | null, updatedAt = T2): StatusUpdate => ({
  id: ID,
  status,
  reply,
  updatedAt,
});
const answer = (
  status: OfficerAnswer['status'],
  reply: string | null,
  read: boolean,
  updatedAt = T1,
): OfficerAnswer => ({
  status,
  reply,
  updatedAt,
  read,
});

describe('mergeOfficer', () => {
  it.each<[string, OfficerAnswer | undefined, StatusUpdate, OfficerAnswer | undefined]>([
    [
      'first answer with a reply is unread',
      undefined,
      update('in_review', 'Wir prüfen das.'),
      answer('in_review', 'Wir prüfen das.', false, T2),
    ],
    [
      'first bare "received" is no news',
      undefined,
      update('received', null),
      answer('received', null, true, T2),
    ],
    [
      'status change makes it unread again',
      answer('in_review', null, true),
      update('solved', null),
      answer('solved', null, false, T2),
    ],
    [
      'reply change makes it unread again',
      answer('in_review', 'a', true),
      update('in_review', 'b'),
      answer('in_review', 'b', false, T2),
    ],
    [
      'same status and reply, newer time: stays read',
      answer('in_review', 'a', true),
      update('in_review', 'a'),
      answer('in_review', 'a', true, T2),
    ],
    [
      'same status and reply, unread stays unread',
      answer('in_review', 'a', false),
      update('in_review', 'a'),
      answer('in_review', 'a', false, T2),
    ],
    ['identical update: no write', answer('in_review', 'a', true), update('in_review', 'a', T1), undefined],
    ['older update: ignored', answer('solved', 'done', true), update('in_review', null, T0), undefined],
  ])('%s', (_name, existing, incoming, expected) => {
    expect(mergeOfficer(existing, incoming)).toEqual(expected);
  });
});

async function sentRecord(officer?: OfficerAnswer): Promise<string> {
  const { id } = await addRecord(testRecord());
  await markSent([id]);
  if (officer) {
    const entry = (await getRecord(id)) as OutboxEntry;
    await (await getDb()).put('records', { ...entry, officer });
  }
  return id;
}

describe('applyStatusUpdates / markAnswerRead', () => {
  it('marks changed answers unread and read again on request', async () => {
    const id = await sentRecord();
    const fresh = await applyStatusUpdates([
      { ...update('forwarded', 'An das Fachverfahren weitergegeben'), id },
    ]);
    expect(fresh).toEqual([id]);
    expect(await unreadAnswerCount()).toBe(1);
    expect((await getRecord(id))?.officer).toEqual({
      status: 'forwarded',
      reply: 'An das Fachverfahren weitergegeben',
      updatedAt: T2,
      read: false,
    });
    // Delivery state is untouched.
    expect((await getRecord(id))?.status).toBe('sent');

    await markAnswerRead(id);
    expect((await getRecord(id))?.officer?.read).toBe(true);
    expect(await unreadAnswerCount()).toBe(0);
  });

  it('ignores updates for unknown records', async () => {
    expect(await applyStatusUpdates([update('solved', null)])).toEqual([]);
  });

  it('refuses to mark an unknown record', async () => {
    await expect(markAnswerRead(ID)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('fetchStatusUpdates', () => {
  it('asks about open sent records with the stored cursor, merges, and stores the new cursor', async () => {
    const open = await sentRecord();
    await sentRecord(answer('solved', 'Behoben', true));
    await addRecord(testRecord()); // pending: not asked about
    const queries: Seen[] = [];
    const collector = await startCollector(acceptAll, (seen) => {
      queries.push(seen);
      return {
        status: 200,
        body: { updates: [{ ...update('in_review', 'Danke!'), id: open }], cursor: `c${queries.length}` },
      };
    });
    await (await getDb()).put('meta', 'c0', 'status:cursor');

    const result = await fetchStatusUpdates({ endpoint: collector.url, token: 't' });
    expect(queries).toHaveLength(1);
    expect(queries[0]?.path).toBe('/ingest/status');
    expect(queries[0]?.headers.authorization).toBe('Bearer t');
    const sent = (await getRecord(open))?.record;
    if (sent?.schemaVersion !== 2) throw new Error('records are made at version 2');
    // The record's answer secret goes with its id: the collector answers only its sender.
    expect(queries[0]?.body).toEqual({ ids: [open], secrets: { [open]: sent.answerSecret }, since: 'c0' });
    expect(result).toEqual({ asked: 1, updated: 1, unread: [open] });
    expect(await (await getDb()).get('meta', 'status:cursor')).toBe('c1');
  });

  it('pages through more than 1000 ids and keeps the first page cursor', async () => {
    const db = await getDb();
    const tx = db.transaction('records', 'readwrite');
    for (let i = 0; i < 1001; i++) {
      const record = testRecord();
      await tx.store.put({ id: record.id, createdAt: i, status: 'sent', record, attempts: 1, sentAt: i });
    }
    await tx.done;
    const pages: string[][] = [];
    const collector = await startCollector(acceptAll, (seen) => {
      pages.push((seen.body as { ids: string[] }).ids);
      return { status: 200, body: { updates: [], cursor: `c${pages.length}` } };
    });
    await fetchStatusUpdates({ endpoint: collector.url, token: '' });
    expect(pages.map((page) => page.length)).toEqual([1000, 1]);
    expect(await db.get('meta', 'status:cursor')).toBe('c1');
  });

  it('asks about a record sent before answer secrets by its id alone', async () => {
    const { answerSecret: _secret, ...rest } = testRecord() as FeedbackRecord & { answerSecret?: string };
    const old = { ...rest, schemaVersion: 1 as const };
    await (await getDb()).put('records', {
      id: old.id,
      createdAt: 1,
      status: 'sent',
      record: old,
      attempts: 1,
      sentAt: 1,
    });
    const queries: Seen[] = [];
    const collector = await startCollector(acceptAll, (seen) => {
      queries.push(seen);
      return { status: 200, body: { updates: [], cursor: '0' } };
    });
    await fetchStatusUpdates({ endpoint: collector.url, token: '' });
    expect(queries[0]?.body).toEqual({ ids: [old.id], secrets: {} });
  });

  it('starts over without a cursor when the collector no longer knows it (bad_cursor)', async () => {
    const open = await sentRecord();
    const queries: Seen[] = [];
    const collector = await startCollector(acceptAll, (seen) => {
      queries.push(seen);
      return (seen.body as { since?: string }).since === undefined
        ? { status: 200, body: { updates: [{ ...update('solved', 'Erledigt.'), id: open }], cursor: '7' } }
        : { status: 400, body: { error: { code: 'bad_cursor', message: 'unknown cursor "999"' } } };
    });
    // Kept from before the collector's database was restored from a backup.
    await (await getDb()).put('meta', '999', 'status:cursor');
    const result = await fetchStatusUpdates({ endpoint: collector.url, token: '' });
    expect(queries.map((seen) => (seen.body as { since?: string }).since)).toEqual(['999', undefined]);
    expect(result).toMatchObject({ updated: 1, unread: [open] });
    expect((await getRecord(open))?.officer).toMatchObject({ status: 'solved', reply: 'Erledigt.' });
    expect(await (await getDb()).get('meta', 'status:cursor')).toBe('7');
  });

  it('does not loop when the collector refuses even no cursor', async () => {
    await sentRecord();
    const collector = await startCollector(acceptAll, () => ({
      status: 400,
      body: { error: { code: 'bad_cursor', message: 'unknown cursor' } },
    }));
    await (await getDb()).put('meta', '5', 'status:cursor');
    await expect(fetchStatusUpdates({ endpoint: collector.url, token: '' })).rejects.toMatchObject({
      code: 'endpoint_error',
    });
    expect(collector.seen.filter((seen) => seen.path.endsWith('/status'))).toHaveLength(2);
  });

  it('keeps the cursor when a page fails', async () => {
    await sentRecord();
    const collector = await startCollector(acceptAll, () => ({ status: 500 }));
    await (await getDb()).put('meta', 'c0', 'status:cursor');
    await expect(fetchStatusUpdates({ endpoint: collector.url, token: '' })).rejects.toMatchObject({
      code: 'endpoint_error',
    });
    expect(await (await getDb()).get('meta', 'status:cursor')).toBe('c0');
  });

  it('runs after a successful pass, and its failure does not mark sync as failing', async () => {
    const collector = await startCollector(acceptAll, () => ({ status: 404 }));
    await configure({ endpoint: collector.url });
    await addRecord(testRecord());
    expect(await syncNow()).toMatchObject({ outcome: 'ok', sent: 1 });
    expect(collector.seen.map((seen) => seen.path)).toEqual(['/ingest', '/ingest/status']);
    expect(await getSyncState()).toMatchObject({ lastResult: 'ok' });
  });
});
