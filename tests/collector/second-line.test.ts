import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../collector/officers';
import { checkRecord } from '../../collector/second-line';
import type { RunningCollector } from '../../collector/server';
import { weekOf } from '../../collector/store/dashboard-sql';
import { loadLexiconFromDisk } from '../../utils/redact/lexicon-node';
import type { FeedbackRecord } from '../../utils/schema/record';
import { asStored, makeBatch, makeRecord } from '../support/records';
import {
  ADMIN_TOKEN,
  BACKENDS,
  backendConfig,
  jsonHeaders,
  postJson,
  removeTestData,
  startTestCollector,
  warnIfPostgresSkipped,
} from './helpers';

// The collector's second line of defence over real HTTP: a record from an "old client" that did not
// redact arrives with a name, a phone number and identifiers in its note, title and URL; the stored
// record holds only the redactor's output, the collector's count is stored with it and shown on the
// dashboard as that week's leak figure. SQLite always, PostgreSQL too when DATABASE_URL is set.

const PASSWORD = 'correct horse battery staple';

warnIfPostgresSkipped('second line tests');
afterAll(removeTestData);

/** What an extension before on-device redaction (or a hand-edited outbox) would send. */
function oldClientRecord(): FeedbackRecord {
  const base = makeRecord();
  return makeRecord({
    note: 'Im Profil von Kevin Brückmann, Tel. 0511 1234567 fehlt der Knopf „Bescheid drucken“.',
    context: {
      ...base.context,
      url: 'https://lv.jobcenter.example/akte/123456/leistungen?kundennr=12345678#verlauf',
      routeTemplate: '/akte/123456/leistungen',
      title: 'Leistungen – Herr Max Mustermann',
    },
    // An old client counted nothing.
    redaction: { counts: {} },
  });
}

const LEAKED = ['Kevin', 'Brückmann', 'Mustermann', '0511', '1234567', '123456', '12345678', 'verlauf'];

/** A cookie-keeping officer session on the dashboard. */
async function officerSession(base: string): Promise<(path: string) => Promise<string>> {
  const cookies = new Map<string, string>();
  const send = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('Cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(`${base}${path}`, { redirect: 'manual', ...init, headers });
    for (const cookie of response.headers.getSetCookie()) {
      const [name = '', value = ''] = (cookie.split(';')[0] ?? '').split('=');
      cookies.set(name, value);
    }
    return response;
  };
  const form = await (await send('/dashboard/signin')).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form)?.[1] ?? '';
  const signedIn = await send('/dashboard/signin', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base },
    body: new URLSearchParams({ _csrf: csrf, user: 'anna', password: PASSWORD, next: '/dashboard' }),
  });
  expect(signedIn.status).toBe(303);
  return async (path) => {
    const response = await send(path);
    expect(response.status).toBe(200);
    return response.text();
  };
}

/** The cells of this week's row in the leak table: records, masks, kinds. */
function leakRow(page: string, week: string): string[] {
  const row = new RegExp(`<tr data-week="${week}">([\\s\\S]*?)</tr>`).exec(page)?.[1] ?? '';
  return [...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1] as string);
}

describe.each(BACKENDS)('second line of defence on $name', ({ kind, enabled }) => {
  let collector: RunningCollector;
  let dashboardPage: (path: string) => Promise<string>;

  const adminRecord = async (id: string) => {
    const response = await fetch(`${collector.url}/api/v1/admin/records/${id}`, {
      headers: jsonHeaders(ADMIN_TOKEN),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { record: FeedbackRecord; caughtByCollector: Record<string, number> };
  };
  const exportedIds = async () => {
    const response = await fetch(`${collector.url}/api/v1/admin/export`, {
      headers: jsonHeaders(ADMIN_TOKEN),
    });
    return (await response.text())
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { id: string }).id);
  };

  beforeAll(async () => {
    if (!enabled) return;
    collector = await startTestCollector(await backendConfig(kind));
    await collector.dashboard.putOfficer(
      { user: 'anna', passwordHash: await hashPassword(PASSWORD) },
      false,
      new Date().toISOString(),
    );
    dashboardPage = await officerSession(collector.url);
  });
  afterAll(async () => {
    await collector?.close();
  });

  it.skipIf(!enabled)(
    "masks what an old client sent unredacted, stores the collector's count and shows it as this week's leak figure; a re-sent batch stores nothing twice",
    async () => {
      const week = weekOf(new Date());
      const before = leakRow(await dashboardPage('/dashboard/hotspots'), week);
      expect(before.slice(0, 2)).toEqual(['0', '0']);

      const leaky = oldClientRecord();
      const clean = makeRecord();
      const batch = makeBatch([leaky, clean]);
      const response = await postJson(collector.endpoint, batch);
      expect(await response.json()).toEqual({
        results: [
          { id: leaky.id, status: 'accepted' },
          { id: clean.id, status: 'accepted' },
        ],
      });

      const stored = await adminRecord(leaky.id);
      const storedText = JSON.stringify(stored.record);
      for (const word of LEAKED) expect(storedText).not.toContain(word);
      expect(stored.record.note).toBe(
        'Im Profil von [NAME] [NAME], Tel. [TELEFON] fehlt der Knopf „Bescheid drucken“.',
      );
      expect(stored.record.context.title).toBe('Leistungen – Herr [NAME]');
      expect(stored.record.context.url).toBe('https://lv.jobcenter.example/akte/:id/leistungen?kundennr=');
      expect(stored.record.context.routeTemplate).toBe('/akte/:id/leistungen');
      expect(stored.caughtByCollector).toEqual({
        name: 3,
        phone: 1,
        'url-segment': 2,
        'url-param': 1,
        'url-part': 1,
      });
      // The record from a current client passes unchanged and counts nothing.
      expect(await adminRecord(clean.id)).toMatchObject({ record: asStored(clean), caughtByCollector: {} });

      const page = await dashboardPage('/dashboard/hotspots');
      expect(page).toContain('Leckzahl: vom Collector nachmaskiert');
      const [records, masks, kinds] = leakRow(page, week);
      expect([records, masks]).toEqual(['1', '8']);
      expect(kinds).toBe(
        '[NAME] 3, Kennung in der Adresse 2, [TELEFON] 1, Adressparameter 1, Zugangsdaten oder Anker in der Adresse 1',
      );

      // The sync engine re-sends a batch whose answer it lost: same ids, same content.
      const again = await postJson(collector.endpoint, { ...batch, batchId: randomUUID() });
      expect(await again.json()).toEqual({
        results: [
          { id: leaky.id, status: 'duplicate' },
          { id: clean.id, status: 'duplicate' },
        ],
      });
      expect((await exportedIds()).sort()).toEqual([leaky.id, clean.id].sort());
      expect(await adminRecord(leaky.id)).toEqual(stored);
      expect(leakRow(await dashboardPage('/dashboard/hotspots'), week).slice(0, 2)).toEqual(['1', '8']);
    },
  );
});

describe('checkRecord', () => {
  // As at collector start (server.ts).
  beforeAll(() => loadLexiconFromDisk());

  it('is idempotent: its output, checked again, is unchanged and counts nothing', () => {
    const first = checkRecord(oldClientRecord());
    expect(first.caughtTotal).toBe(8);

    const second = checkRecord(first.record);

    expect(second.record).toEqual(first.record);
    expect(second.caught).toEqual({});
    expect(second.caughtTotal).toBe(0);
  });

  it("masks the picked element's label and selector, and frame route templates", () => {
    const base = makeRecord();
    const record = makeRecord({
      context: {
        ...base.context,
        frame: { path: 'top>iframe[0]', routeTemplate: '/kunde/4711001/profil' },
        element: {
          role: 'button',
          name: 'Bescheid an Frau Erika Musterfrau senden',
          selector: 'tr[data-kunde="Frau Erika Musterfrau"] > button',
          box: { x: 1, y: 2, width: 3, height: 4 },
        },
      },
    });

    const { record: checked, caught } = checkRecord(record);

    expect(checked.context.element?.name).toBe('Bescheid an Frau [NAME] senden');
    // As on the device: a masked part of a selector becomes "*".
    expect(checked.context.element?.selector).toBe('tr[data-kunde="Frau *"] > button');
    expect(checked.context.frame.routeTemplate).toBe('/kunde/:id/profil');
    expect(caught).toEqual({ name: 2, 'url-segment': 1 });
  });
});
