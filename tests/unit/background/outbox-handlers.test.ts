import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectExport, EXPORT_FORMAT } from '../../../components/popup/OutboxExport';
import type { AppError } from '../../../utils/errors';
import { closeDb, getDb } from '../../../utils/store/db';
import { EXPORT_PAGE_ITEMS } from '../../../utils/store/outbox-query';
import { firstLine, summarize } from '../../../utils/store/outbox-summary';
import { getRecord } from '../../../utils/store/records';
import { acquireLease } from '../../../utils/sync/lease';
import { applyStatusUpdates, unreadAnswerCount } from '../../../utils/sync/status';
import { fakeUiLanguage, harness, resetDb, seed } from '../../support/outbox';

beforeEach(async () => {
  await resetDb();
  fakeUiLanguage('de-DE');
});
afterEach(closeDb);

const update = (
  id: string,
  status: 'received' | 'in_review' | 'solved',
  reply: string | null,
  at: string,
) => ({
  id,
  status,
  reply,
  updatedAt: at,
});

describe('outbox:setup', () => {
  it('resolves the language from the settings and labels the categories in it', async () => {
    const { send } = harness({ uiLanguage: 'en' });
    const setup = await send('outbox:setup', { tabUrl: 'http://localhost:5173/akte/1/uebersicht' });
    expect(setup.lang).toBe('en');
    expect(setup.categories[0]).toEqual({ id: 'error', label: 'Error / outage' });
    expect(setup.siteConfigured).toBe(true);
    expect(setup.retentionDays).toBe(30);
    expect((await send('outbox:setup', { tabUrl: 'https://example.org/' })).siteConfigured).toBe(false);
    expect((await send('outbox:setup', {})).siteConfigured).toBe(false);
  });
});

describe('outbox:page', () => {
  it('answers list rows without the heavy parts of the record', async () => {
    await seed([{ createdAt: 1, note: 'Erste Zeile\nzweite Zeile' }]);
    const { send } = harness();
    const page = await send('outbox:page', { filter: 'all' });
    expect(page.next).toBeUndefined();
    expect(page.items).toEqual([
      {
        id: expect.any(String),
        createdAt: 1,
        status: 'pending',
        app: 'Leistungsverfahren',
        screen: 'Leistungen',
        category: 'cumbersome',
        impact: 'slows',
        firstLine: 'Erste Zeile',
      },
    ]);
  });

  it('shortens a long first line', () => {
    expect(firstLine('a'.repeat(300))).toHaveLength(120);
    expect(firstLine('a'.repeat(300)).endsWith('…')).toBe(true);
  });
});

describe('answers from the officers', () => {
  it('shows merged status and reply in the row and the counts, and reading clears them', async () => {
    const [sent, other] = await seed([
      { createdAt: 1, status: 'sent' },
      { createdAt: 2, status: 'sent' },
    ]);
    const id = sent?.id as string;
    await applyStatusUpdates([
      update(id, 'in_review', null, '2026-11-25T10:00:00.000+01:00'),
      update(other?.id as string, 'received', null, '2026-11-25T10:00:00.000+01:00'),
    ]);
    await applyStatusUpdates([
      update(id, 'solved', 'Behoben ab Version 4.2.', '2026-11-26T09:00:00.000+01:00'),
    ]);
    const { send } = harness();
    const rows = (await send('outbox:page', { filter: 'sent' })).items;
    const row = rows.find((r) => r.id === id);
    expect(row?.officer).toEqual({ status: 'solved', hasReply: true, read: false });
    // A bare "received" repeats what delivery said already: shown, but not news.
    expect(rows.find((r) => r.id === other?.id)?.officer).toEqual({
      status: 'received',
      hasReply: false,
      read: true,
    });
    expect((await send('outbox:overview', {})).counts).toEqual({ pending: 0, failed: 0, unread: 1 });

    const detail = await send('outbox:get', { id });
    expect(detail.entry.officer).toMatchObject({
      status: 'solved',
      reply: 'Behoben ab Version 4.2.',
      read: false,
    });
    await send('outbox:mark-read', { id });
    expect(await unreadAnswerCount()).toBe(0);
    expect((await send('outbox:get', { id })).summary.officer).toEqual({
      status: 'solved',
      hasReply: true,
      read: true,
    });
    expect((await send('outbox:overview', {})).counts.unread).toBe(0);
  });

  it('drops the unread mark when a record with an unread answer is deleted', async () => {
    const [sent] = await seed([{ createdAt: 1, status: 'sent' }]);
    await applyStatusUpdates([
      update(sent?.id as string, 'solved', 'Erledigt.', '2026-11-26T09:00:00.000+01:00'),
    ]);
    const { send } = harness();
    await send('outbox:delete', { id: sent?.id as string });
    expect(await unreadAnswerCount()).toBe(0);
  });
});

describe('outbox:overview', () => {
  it('counts by status through the index and reports sync trouble', async () => {
    await seed([
      { createdAt: 1 },
      { createdAt: 2 },
      { createdAt: 3, status: 'sent' },
      { createdAt: 4, status: 'failed' },
    ]);
    const { send } = harness({ endpoint: 'https://collector.example/api/v1/feedback' });
    const overview = await send('outbox:overview', {});
    expect(overview.counts).toEqual({ pending: 2, failed: 1, unread: 0 });
    expect(await send('outbox:count-sent', {})).toEqual({ sent: 1 });
    expect(overview.endpointConfigured).toBe(true);
    expect(overview.failing).toBe(false);
    expect(overview.sync.lastResult).toBe('idle');
  });
});

describe('outbox:edit', () => {
  it('redacts the edited note again and counts the new masks', async () => {
    const [entry] = await seed([{ createdAt: 1 }]);
    const { send } = harness();
    const input = {
      note: 'Überweisung an DE02120300000000202051 schlägt fehl',
      category: 'error',
      impact: 'blocks' as const,
      duringAppointment: false,
      minutesLost: 12,
    };
    const edited = await send('outbox:edit', { id: entry?.id as string, input });
    expect(edited.entry.record.note).toBe('Überweisung an [IBAN] schlägt fehl');
    expect(edited.entry.record.redaction.counts).toEqual({ name: 1, iban: 1 });
    expect(edited.entry.record).toMatchObject({
      category: 'error',
      impact: 'blocks',
      duringAppointment: false,
      minutesLost: 12,
    });
    expect(edited.summary.firstLine).toBe('Überweisung an [IBAN] schlägt fehl');
    expect((await getRecord(entry?.id as string))?.record.note).toBe('Überweisung an [IBAN] schlägt fehl');
  });

  it('masks the words the caseworker chose as [NAME], in any case, and refuses an unbounded list', async () => {
    const [entry] = await seed([{ createdAt: 1 }]);
    const { send } = harness();
    const input = {
      note: 'In der Zweigstelle Nordhafen fehlt der Knopf; NORDHAFEN meldet es auch.',
      category: 'error',
      impact: 'minor' as const,
      duringAppointment: false,
      minutesLost: null,
    };
    const edited = await send('outbox:edit', { id: entry?.id as string, input, maskWords: ['Nordhafen'] });
    expect(edited.entry.record.note).toBe(
      'In der Zweigstelle [NAME] fehlt der Knopf; [NAME] meldet es auch.',
    );
    await expect(
      send('outbox:edit', {
        id: entry?.id as string,
        input,
        maskWords: Array.from({ length: 101 }, (_, i) => `Wort${i}`),
      }),
    ).rejects.toMatchObject({ code: 'bad_message' });
  });

  it('refuses a category the organisation does not have, but keeps a retired one', async () => {
    const [entry] = await seed([{ createdAt: 1 }]);
    const { send } = harness({ categories: [{ id: 'error', de: 'Fehler', en: 'Error' }] });
    const input = {
      note: 'x',
      category: 'unknown-thing',
      impact: 'minor' as const,
      duringAppointment: true,
      minutesLost: null,
    };
    await expect(send('outbox:edit', { id: entry?.id as string, input })).rejects.toMatchObject({
      code: 'invalid_record',
    });
    // 'cumbersome' was retired after the note was written: it may stay.
    const kept = await send('outbox:edit', {
      id: entry?.id as string,
      input: { ...input, category: 'cumbersome' },
    });
    expect(kept.entry.record.category).toBe('cumbersome');
  });

  it('refuses malformed input at the message boundary (zod), before any handler runs', async () => {
    const [entry] = await seed([{ createdAt: 1 }]);
    const { send } = harness();
    const input = {
      note: '',
      category: 'error',
      impact: 'minor' as const,
      duringAppointment: true,
      minutesLost: 9999,
    };
    await expect(send('outbox:edit', { id: entry?.id as string, input })).rejects.toMatchObject({
      code: 'bad_message',
    });
  });

  it('answers record_sending while the sync lease is held, and the detail says so', async () => {
    const [entry] = await seed([{ createdAt: 1 }]);
    const { send } = harness();
    await acquireLease('sync-engine', Date.now() + 60_000);
    expect((await send('outbox:get', { id: entry?.id as string })).sending).toBe(true);
    const input = {
      note: 'neu',
      category: 'error',
      impact: 'minor' as const,
      duringAppointment: true,
      minutesLost: null,
    };
    const failure = await send('outbox:edit', { id: entry?.id as string, input }).catch(
      (e: AppError) => e.code,
    );
    expect(failure).toBe('record_sending');
  });
});

describe('outbox:retry and outbox:send-now', () => {
  it('puts a failed record back in the queue and asks for a sync', async () => {
    const [failed] = await seed([{ createdAt: 1, status: 'failed' }]);
    const { send, deps } = harness();
    const retried = await send('outbox:retry', { id: failed?.id as string });
    expect(retried.entry.status).toBe('pending');
    expect(retried.entry.failure).toBeUndefined();
    expect(retried.summary.status).toBe('pending');
    expect(deps.requestSync).toHaveBeenCalledWith('retry');
    expect(await (await getDb()).count('queue')).toBe(1);
  });

  it('runs one forced pass and answers with fresh counts', async () => {
    const { send, deps } = harness();
    await seed([{ createdAt: 1 }]);
    const overview = await send('outbox:send-now', {});
    expect(deps.syncNow).toHaveBeenCalledTimes(1);
    expect(overview.counts.pending).toBe(1);
  });
});

describe('export', () => {
  it('collects every record through bounded pages into one JSON document', async () => {
    // More records than one export page holds, so the cursor path is exercised.
    const count = EXPORT_PAGE_ITEMS * 2 + 17;
    await seed(
      Array.from({ length: count }, (_, i) => ({
        createdAt: i,
        status: i % 3 === 0 ? ('sent' as const) : ('pending' as const),
      })),
    );
    const { send } = harness();
    let calls = 0;
    const counting: typeof send = (type, data) => {
      if (type === 'outbox:export') calls++;
      return send(type, data);
    };
    const result = await collectExport(counting, new Date('2026-11-25T12:00:00Z'));
    expect(calls).toBe(3);
    expect(result.fileName).toBe('mitsprache-export-2026-11-25.json');
    const parsed = JSON.parse(result.text);
    expect(parsed).toMatchObject({
      format: EXPORT_FORMAT,
      version: 1,
      count,
      exportedAt: '2026-11-25T12:00:00.000Z',
    });
    expect(parsed.records).toHaveLength(count);
    expect(new Set(parsed.records.map((r: { record: { id: string } }) => r.record.id)).size).toBe(count);
    expect(parsed.records[0]).toMatchObject({ status: 'pending', createdAt: count - 1, attempts: 0 });
    expect(parsed.records[0].seq).toBeUndefined();
  });
});

describe('summarize', () => {
  it('carries failure reason and code for a dead-lettered record', async () => {
    const [failed] = await seed([
      {
        createdAt: 1,
        status: 'failed',
        failure: { code: 'rejected', reason: 'invalid_item: category', at: 5 },
      },
    ]);
    expect(summarize(failed as never).failure).toEqual({
      code: 'rejected',
      reason: 'invalid_item: category',
    });
  });
});
