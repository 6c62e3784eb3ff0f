import { describe, expect, it } from 'vitest';
import { FEEDBACK_PATH } from '../../collector/app';
import { makeBatch, makeRecord, secretOf } from '../support/records';
import { postJson, queryDatabase, sharedTestCollector } from './helpers';

// The shared schema's rules for what a record may carry (issue #14, items 1, 7 and 9), as a sender
// meets them: over HTTP, stored in the real SQLite file.

const collector = sharedTestCollector();

async function send(items: unknown[]) {
  const response = await postJson(collector.endpoint, makeBatch(items));
  expect(response.status).toBe(200);
  return ((await response.json()) as { results: Array<{ id: string; status: string; reason?: string }> })
    .results;
}

describe('text fields', () => {
  it('removes control characters and replaces unpaired surrogates, in the columns and the stored JSON alike', async () => {
    const base = makeRecord();
    const record = {
      ...base,
      note: 'Knopf\u0000 fehlt\u0007 nach\u009b dem Speichern\nzweite Zeile\t\uD800.',
      context: {
        ...base.context,
        app: 'E-\u0000Akte',
        routeTemplate: '/akte/\u001b:id',
        screen: { ...base.context.screen, name: 'Leistungen\uDC00' },
      },
    };

    expect(await send([record])).toEqual([{ id: record.id, status: 'accepted' }]);

    const [row] = queryDatabase<{
      note: string;
      app: string;
      route_template: string;
      screen_name: string;
      record_json: string;
    }>(
      collector.databaseFile,
      'SELECT note, app, route_template, screen_name, record_json FROM records WHERE id = ?',
      record.id,
    );
    const note = 'Knopf fehlt nach dem Speichern\nzweite Zeile\t\uFFFD.';
    expect(row).toMatchObject({
      note,
      app: 'E-Akte',
      route_template: '/akte/:id',
      screen_name: 'Leistungen\uFFFD',
    });
    const stored = JSON.parse(row?.record_json ?? '{}');
    expect([stored.note, stored.context.app, stored.context.screen.name]).toEqual([
      note,
      'E-Akte',
      'Leistungen\uFFFD',
    ]);
  });

  it('refuses a note with nothing visible in it, keeps the rest of the batch', async () => {
    const blank = { ...makeRecord(), note: '\u200B\u200B \u2060\uFEFF\u202E\u3164' };
    const fine = makeRecord();

    expect(await send([blank, fine])).toEqual([
      { id: blank.id, status: 'rejected', reason: 'note: note has no visible text' },
      { id: fine.id, status: 'accepted' },
    ]);
  });
});

describe('record ids', () => {
  it('stores an id in lower case, so the same id in upper case is a duplicate, and answers status for either', async () => {
    const record = makeRecord();
    const upper = { ...record, id: record.id.toUpperCase() };

    expect(await send([upper])).toEqual([{ id: record.id, status: 'accepted' }]);
    expect(await send([record])).toEqual([{ id: record.id, status: 'duplicate' }]);

    expect(
      queryDatabase(collector.databaseFile, 'SELECT id FROM records WHERE lower(id) = ?', record.id),
    ).toEqual([{ id: record.id }]);
    await collector.store.setStatus(record.id, { status: 'in_review' }, '2026-11-26T08:00:00.000Z');
    const status = await postJson(`${collector.url}${FEEDBACK_PATH}/status`, {
      ids: [upper.id],
      secrets: { [upper.id]: secretOf(record) },
    });
    expect(await status.json()).toMatchObject({ updates: [{ id: record.id, status: 'in_review' }] });
  });
});

describe('field limits', () => {
  it('refuses redaction counts with too many kinds or an over-long kind', async () => {
    const many = {
      ...makeRecord(),
      redaction: { counts: Object.fromEntries(Array.from({ length: 41 }, (_, i) => [`k${i}`, 1])) },
    };
    const long = { ...makeRecord(), redaction: { counts: { [`k${'x'.repeat(200)}`]: 1 } } };
    const fine = {
      ...makeRecord(),
      redaction: { counts: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, 1])) },
    };

    const results = await send([many, long, fine]);

    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'accepted']);
    expect(results[0]?.reason).toBe('redaction.counts: at most 40 mask kinds');
    expect(results[1]?.reason).toMatch(/^redaction\.counts\.kx+: Invalid key in record$/);
  });

  it('refuses creation times before 2020 or more than a day ahead, accepts one an hour ahead', async () => {
    const at = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');
    const items = [
      { ...makeRecord(), createdAt: '9999-12-31T23:59:59.000+00:00' },
      { ...makeRecord(), createdAt: '0000-01-01T00:00:00.000+00:00' },
      { ...makeRecord(), createdAt: '2019-12-31T23:59:59.000+00:00' },
      { ...makeRecord(), createdAt: at(Date.now() + 25 * 60 * 60 * 1000) },
      { ...makeRecord(), createdAt: at(Date.now() + 60 * 60 * 1000) },
    ];

    const results = await send(items);

    expect(results.map((r) => r.status)).toEqual([
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'accepted',
    ]);
    expect(results[0]?.reason).toBe('createdAt: createdAt must lie between 2020 and one day from now');
  });
});
