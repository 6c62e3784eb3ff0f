import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../utils/errors';
import { closeDb, getDb } from '../../../utils/store/db';
import { deleteEntry, editPending, isSending } from '../../../utils/store/outbox-query';
import { takeBatch } from '../../../utils/store/queue';
import { getRecord, recordBytes } from '../../../utils/store/records';
import { acquireLease, releaseLease } from '../../../utils/sync/lease';
import { resetDb, seed } from '../../support/outbox';

beforeEach(resetDb);
afterEach(closeDb);

const NOW = Date.UTC(2026, 10, 25, 12);
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof AppError ? error.code : String(error)),
  );

describe('editPending', () => {
  it('replaces the record, keeps id and creation time, and updates the queue row size', async () => {
    const [entry] = await seed([{ createdAt: 1 }]);
    const id = entry?.id as string;
    const longer = 'Längere Notiz. '.repeat(50).trim();
    const edited = await editPending(id, (record) => ({ ...record, note: longer, impact: 'blocks' }), NOW);
    expect(edited.record.note).toBe(longer);
    expect(edited.record.impact).toBe('blocks');
    expect(edited.record.id).toBe(id);
    expect(edited.record.createdAt).toBe(entry?.record.createdAt);
    expect(await getRecord(id)).toEqual(edited);
    const row = await (await getDb()).get('queue', entry?.seq as number);
    expect(row?.bytes).toBe(recordBytes(edited.record));
    // The sender reads the edited version.
    const batch = await takeBatch({ maxItems: 10, maxBytes: Number.POSITIVE_INFINITY });
    expect(JSON.parse(batch.items[0]?.json as string).note).toBe(longer);
  });

  it.each([
    ['sent', 'not_editable'],
    ['failed', 'not_editable'],
  ] as const)('refuses a %s record with %s and leaves it unchanged', async (status, code) => {
    const [entry] = await seed([{ createdAt: 1, status }]);
    expect(await codeOf(editPending(entry?.id as string, (r) => ({ ...r, note: 'neu' }), NOW))).toBe(code);
    expect((await getRecord(entry?.id as string))?.record.note).toBe(entry?.record.note);
  });

  it('refuses an unknown id with not_found', async () => {
    expect(await codeOf(editPending('00000000-0000-4000-8000-000000000999', (r) => r, NOW))).toBe(
      'not_found',
    );
  });

  it('validates the new record with the schema: an empty note or 481 minutes is invalid_record', async () => {
    const [entry] = await seed([{ createdAt: 1 }]);
    const id = entry?.id as string;
    expect(await codeOf(editPending(id, (r) => ({ ...r, note: '   ' }), NOW))).toBe('invalid_record');
    expect(await codeOf(editPending(id, (r) => ({ ...r, minutesLost: 481 }), NOW))).toBe('invalid_record');
    expect(
      await codeOf(editPending(id, (r) => ({ ...r, id: '00000000-0000-4000-8000-000000000001' }), NOW)),
    ).toBe('invalid_record');
    expect(await getRecord(id)).toEqual(entry);
  });

  it('refuses while a send is in flight (the sync lease is held) and allows it once released', async () => {
    const [entry] = await seed([{ createdAt: 1 }]);
    const id = entry?.id as string;
    await acquireLease('sync-engine', NOW + 30_000, NOW);
    expect(await isSending(NOW)).toBe(true);
    expect(await codeOf(editPending(id, (r) => ({ ...r, note: 'neu' }), NOW))).toBe('record_sending');
    await releaseLease('sync-engine');
    expect(await codeOf(editPending(id, (r) => ({ ...r, note: 'neu' }), NOW))).toBe('resolved');
  });

  it('treats an expired lease (a worker that died mid-send) as free', async () => {
    const [entry] = await seed([{ createdAt: 1 }]);
    await acquireLease('dead-worker', NOW - 1, NOW - 60_000);
    expect(await isSending(NOW)).toBe(false);
    expect(await codeOf(editPending(entry?.id as string, (r) => ({ ...r, note: 'neu' }), NOW))).toBe(
      'resolved',
    );
  });
});

describe('deleteEntry', () => {
  it('deletes a pending record together with its queue row', async () => {
    const [entry, other] = await seed([{ createdAt: 1 }, { createdAt: 2 }]);
    await deleteEntry(entry?.id as string, NOW);
    const db = await getDb();
    expect(await getRecord(entry?.id as string)).toBeUndefined();
    expect(await db.get('queue', entry?.seq as number)).toBeUndefined();
    expect((await db.getAll('queue')).map((row) => row.id)).toEqual([other?.id]);
    const batch = await takeBatch({ maxItems: 10, maxBytes: Number.POSITIVE_INFINITY });
    expect(batch.items.map((item) => item.id)).toEqual([other?.id]);
  });

  it.each(['sent', 'failed'] as const)('deletes a %s record from this device', async (status) => {
    const [entry] = await seed([{ createdAt: 1, status }]);
    await deleteEntry(entry?.id as string, NOW);
    expect(await getRecord(entry?.id as string)).toBeUndefined();
  });

  it('refuses a pending record while a send is in flight, but not a sent or failed one', async () => {
    const [pending, sent, failed] = await seed([
      { createdAt: 1 },
      { createdAt: 2, status: 'sent' },
      { createdAt: 3, status: 'failed' },
    ]);
    await acquireLease('sync-engine', NOW + 30_000, NOW);
    expect(await codeOf(deleteEntry(pending?.id as string, NOW))).toBe('record_sending');
    expect(await getRecord(pending?.id as string)).toBeDefined();
    expect((await (await getDb()).getAll('queue')).map((row) => row.id)).toEqual([pending?.id]);
    expect(await codeOf(deleteEntry(sent?.id as string, NOW))).toBe('resolved');
    expect(await codeOf(deleteEntry(failed?.id as string, NOW))).toBe('resolved');
  });

  it('answers not_found for a record that is already gone', async () => {
    const [entry] = await seed([{ createdAt: 1 }]);
    await deleteEntry(entry?.id as string, NOW);
    expect(await codeOf(deleteEntry(entry?.id as string, NOW))).toBe('not_found');
  });
});
