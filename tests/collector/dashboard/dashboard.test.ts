import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../collector/config';
import { createDashboardApp } from '../../../collector/dashboard';
import type { RunningCollector } from '../../../collector/server';
import type { FeedbackRecord } from '../../../utils/schema/record';
import { makeBatch, makeRecord, secretOf } from '../../support/records';
import {
  ADMIN_TOKEN,
  BACKENDS,
  freshPostgresUrl,
  INGEST_TOKEN,
  makeTempDir,
  postJson,
  removeTestData,
  startTestCollector,
  warnIfPostgresSkipped,
} from '../helpers';
import { csrfOf, OfficerClient, officerPasswordHash, PASSWORD, startOn } from './officer';

// The officers' dashboard over real HTTP on a real database: SQLite always, PostgreSQL as well when
// DATABASE_URL names one (CI provides it via scripts/ci-postgres.sh). Each PostgreSQL collector gets
// a schema of its own, so files and tests do not see each other's records.

let passwordHash: string;

warnIfPostgresSkipped('dashboard tests');
beforeAll(async () => {
  passwordHash = await officerPasswordHash();
});
afterAll(removeTestData);

const CSP =
  "default-src 'none'; script-src 'self' 'nonce-NONCE'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** Record ids used in route paths; they need not exist for the access checks. */
const SOME_ID = '5b0c6a0e-4a8e-4d55-9a57-0d3c2f1e9b11';
/** Every dashboard route behind the session (the meta-test below checks this list is complete). */
const PROTECTED_ROUTES: readonly [method: 'GET' | 'POST', path: string][] = [
  ['GET', '/dashboard'],
  ['GET', `/dashboard/records/${SOME_ID}`],
  ['POST', `/dashboard/records/${SOME_ID}/status`],
  ['POST', `/dashboard/records/${SOME_ID}/duplicate`],
  ['POST', '/dashboard/bulk'],
  ['GET', '/dashboard/hotspots'],
  ['GET', '/dashboard/hotspots/print'],
  ['GET', '/dashboard/export?format=csv'],
  ['GET', '/dashboard/export?format=json'],
  ['GET', '/dashboard/export?format=ndjson'],
  ['GET', '/dashboard/assets/uplot.js'],
  ['GET', '/dashboard/assets/uplot.css'],
  ['GET', '/dashboard/assets/dashboard.js'],
  ['POST', '/dashboard/signout'],
  ['GET', '/dashboard/incidents'],
  ['GET', `/dashboard/incidents/${SOME_ID}`],
  ['POST', `/dashboard/incidents/${SOME_ID}/confirm`],
  ['POST', `/dashboard/incidents/${SOME_ID}/status-text`],
  ['POST', `/dashboard/incidents/${SOME_ID}/close`],
  ['GET', '/dashboard/questions'],
  ['GET', '/dashboard/questions/new'],
  ['POST', '/dashboard/questions'],
  ['GET', `/dashboard/questions/${SOME_ID}`],
  ['GET', `/dashboard/questions/${SOME_ID}/edit`],
  ['POST', `/dashboard/questions/${SOME_ID}`],
  ['POST', `/dashboard/questions/${SOME_ID}/activate`],
  ['POST', `/dashboard/questions/${SOME_ID}/end`],
  ['POST', `/dashboard/questions/${SOME_ID}/duplicate`],
  ['GET', `/dashboard/questions/${SOME_ID}/results`],
  ['GET', `/dashboard/questions/${SOME_ID}/results.csv`],
  ['GET', `/dashboard/questions/${SOME_ID}/results.json`],
  ['GET', '/dashboard/markers'],
  ['POST', '/dashboard/markers'],
  ['GET', `/dashboard/markers/${SOME_ID}`],
  ['GET', '/dashboard/sharing'],
  ['POST', '/dashboard/sharing/settings'],
  ['POST', '/dashboard/sharing/push'],
  ['POST', `/dashboard/records/${SOME_ID}/share`],
  ['GET', '/dashboard/no-such-page'],
];
/** Routes that work without a session: signing in, the language switch, the sign-in page's styles. */
const PUBLIC_ROUTES = [
  ['GET', '/dashboard/signin'],
  ['POST', '/dashboard/signin'],
  ['GET', '/dashboard/lang'],
  ['GET', '/dashboard/assets/dashboard.css'],
] as const;

describe('dashboard route list (meta-test)', () => {
  it('names every registered route as protected or public', async () => {
    const collector = await startTestCollector();
    try {
      const app = createDashboardApp({
        store: collector.store,
        dashboard: collector.dashboard,
        config: collector.config,
      });
      const registered = new Set(
        app.routes
          .filter((route) => route.path !== '/*' && route.method !== 'ALL')
          .map((route) => `${route.method} /dashboard${route.path === '/' ? '' : route.path}`),
      );
      const normalise = (method: string, p: string) =>
        `${method} ${p
          .split('?')[0]
          ?.replace(SOME_ID, ':id')
          .replace(/\/assets\/[^/]+$/, '/assets/:name')}`;
      const listed = new Set(
        [...PROTECTED_ROUTES, ...PUBLIC_ROUTES].map(([method, p]) => normalise(method, p)),
      );

      expect([...registered].filter((route) => !listed.has(route))).toEqual([]);
    } finally {
      await collector.close();
    }
  });
});

describe.each(BACKENDS)('dashboard on $name', ({ kind, enabled }) => {
  const start = (overrides: Parameters<typeof startTestCollector>[0] = {}) => startOn(kind, overrides);
  let collector: RunningCollector;
  let officer: OfficerClient;

  async function seed(records: FeedbackRecord[], receivedAt = '2026-11-25T10:05:00.120Z'): Promise<void> {
    await collector.store.ingest(records, { batchId: randomUUID(), receivedAt });
  }

  beforeAll(async () => {
    if (!enabled) return;
    collector = await start();
    officer = new OfficerClient(collector.url);
    expect((await officer.signIn('anna', PASSWORD)).status).toBe(303);
  });
  afterAll(async () => {
    await collector?.close();
  });

  describe.skipIf(!enabled)('sign-in', () => {
    it('signs in with the right password: a new http-only, SameSite=Strict session cookie and a redirect', async () => {
      const client = new OfficerClient(collector.url);
      const response = await client.signIn('anna', PASSWORD);

      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/dashboard');
      const cookie = response.headers.getSetCookie().find((c) => c.startsWith('mitsprache_session='));
      expect(cookie).toMatch(
        /^mitsprache_session=[A-Za-z0-9_-]{43}; Max-Age=36000; Path=\/; HttpOnly; SameSite=Strict$/,
      );
      expect((await client.fetch('/dashboard')).status).toBe(200);
    });

    it.each([
      ['a wrong password', 'anna', 'not the password'],
      ['an unknown user', 'bernd', PASSWORD],
    ])('refuses %s with 401 and no session', async (_, user, password) => {
      const client = new OfficerClient(collector.url);
      const response = await client.signIn(user, password);

      expect(response.status).toBe(401);
      expect(response.headers.getSetCookie().some((c) => c.startsWith('mitsprache_session='))).toBe(false);
      expect(await response.text()).toContain('Benutzername oder Passwort ist falsch.');
      expect((await client.fetch('/dashboard')).status).toBe(303);
    });

    it('issues a fresh session token at sign-in (no fixation) and ends it on sign-out', async () => {
      const client = new OfficerClient(collector.url);
      client.cookies.set('mitsprache_session', 'planted-by-an-attacker-0000000000000000000000');
      await client.signIn('anna', PASSWORD);
      expect(client.cookies.get('mitsprache_session')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(client.cookies.get('mitsprache_session')).not.toBe(
        'planted-by-an-attacker-0000000000000000000000',
      );
      const copy = new OfficerClient(collector.url);
      copy.cookies.set('mitsprache_session', client.cookies.get('mitsprache_session') as string);
      expect((await copy.fetch('/dashboard')).status).toBe(200);

      const out = await client.post('/dashboard/signout', { _csrf: await client.csrf() });

      expect(out.status).toBe(303);
      expect(out.headers.get('location')).toBe('/dashboard/signin');
      expect(client.cookies.has('mitsprache_session')).toBe(false);
      expect((await copy.fetch('/dashboard')).status).toBe(303);
    });

    it('refuses a sign-in posted from another origin or without the sign-in form token', async () => {
      const client = new OfficerClient(collector.url);
      const form = await client.page('/dashboard/signin');
      const fields = { _csrf: csrfOf(form), user: 'anna', password: PASSWORD };

      const foreign = await client.post('/dashboard/signin', fields, { Origin: 'https://evil.example' });
      const tokenless = await client.post('/dashboard/signin', { ...fields, _csrf: 'x'.repeat(43) });

      expect(foreign.status).toBe(403);
      expect(await foreign.text()).toContain('Fehlercode: csrf_origin_mismatch');
      expect(tokenless.status).toBe(403);
      expect(await tokenless.text()).toContain('Fehlercode: csrf_token_invalid');
    });

    it('allows 5 failed sign-ins per minute per address, then refuses even the right password (429)', async () => {
      const throttled = await start({ trustProxy: true });
      try {
        const from = (ip: string) => new OfficerClient(throttled.url, { 'X-Forwarded-For': ip });
        const attacker = from('203.0.113.7');
        const statuses: number[] = [];
        for (let i = 0; i < 5; i++) statuses.push((await attacker.signIn(`user${i}`, 'guess')).status);
        const blocked = await attacker.signIn('anna', PASSWORD);

        expect(statuses).toEqual([401, 401, 401, 401, 401]);
        expect(blocked.status).toBe(429);
        expect(blocked.headers.get('retry-after')).toBe('60');
        expect(await blocked.text()).toContain('Zu viele fehlgeschlagene Anmeldungen.');
        // Another address is not affected.
        expect((await from('203.0.113.8').signIn('anna', PASSWORD)).status).toBe(303);
      } finally {
        await throttled.close();
      }
    });

    it('allows 5 failed sign-ins per minute per user name, whatever the address', async () => {
      const throttled = await start({ trustProxy: true });
      try {
        for (let i = 0; i < 5; i++) {
          const response = await new OfficerClient(throttled.url, {
            'X-Forwarded-For': `198.51.100.${i}`,
          }).signIn('anna', 'guess');
          expect(response.status).toBe(401);
        }
        const blocked = await new OfficerClient(throttled.url, { 'X-Forwarded-For': '198.51.100.99' }).signIn(
          'anna',
          PASSWORD,
        );
        expect(blocked.status).toBe(429);
      } finally {
        await throttled.close();
      }
    });

    // Issue #14, item 4: counted after the password check, 100 sign-ins sent at once were all checked.
    const burst = async (clients: OfficerClient[], password: (i: number) => string) => {
      const forms = await Promise.all(clients.map((client) => client.page('/dashboard/signin')));
      const responses = await Promise.all(
        clients.map((client, i) =>
          client.post('/dashboard/signin', {
            _csrf: csrfOf(forms[i] as string),
            user: 'anna',
            password: password(i),
            next: '/dashboard',
          }),
        ),
      );
      return responses.map((response) => response.status);
    };
    const checked = (statuses: number[]) => statuses.filter((status) => status !== 429);

    it('holds the limit under a burst of 100 parallel sign-ins from one address, the right one last', async () => {
      const throttled = await start({ trustProxy: true });
      try {
        const clients = Array.from(
          { length: 100 },
          () => new OfficerClient(throttled.url, { 'X-Forwarded-For': '203.0.113.20' }),
        );
        const statuses = await burst(clients, (i) => (i === 99 ? PASSWORD : `guess ${i}`));

        // At most 5 reach the password check; under a burst, often fewer (all count before any is checked).
        expect(checked(statuses).length).toBeLessThanOrEqual(5);
        expect(statuses.filter((status) => ![401, 429, 303].includes(status))).toEqual([]);
      } finally {
        await throttled.close();
      }
    });

    it('holds the per-user limit under a burst of 100 parallel sign-ins from 100 addresses', async () => {
      const throttled = await start({ trustProxy: true });
      try {
        const clients = Array.from(
          { length: 100 },
          (_, i) => new OfficerClient(throttled.url, { 'X-Forwarded-For': `198.51.100.${i}` }),
        );
        const statuses = await burst(clients, (i) => (i === 99 ? PASSWORD : `guess ${i}`));

        expect(checked(statuses).length).toBeLessThanOrEqual(5);
        expect(statuses.filter((status) => ![401, 429, 303].includes(status))).toEqual([]);
      } finally {
        await throttled.close();
      }
    });

    it.skipIf(kind !== 'postgres')(
      'holds the limit across two collector instances on one database',
      async () => {
        const databaseUrl = await freshPostgresUrl();
        const one = await start({ trustProxy: true, databaseUrl });
        const two = await start({ trustProxy: true, databaseUrl });
        try {
          const clients = Array.from(
            { length: 100 },
            (_, i) => new OfficerClient(i % 2 ? one.url : two.url, { 'X-Forwarded-For': `192.0.2.${i}` }),
          );
          const statuses = await burst(clients, (i) => `guess ${i}`);

          expect(checked(statuses).length).toBeLessThanOrEqual(5);
          expect(statuses.filter((status) => ![401, 429].includes(status))).toEqual([]);
        } finally {
          await one.close();
          await two.close();
        }
      },
    );

    it('accepts accounts from the officers file', async () => {
      const dir = await makeTempDir();
      const officersFile = path.join(dir, 'officers.json');
      await writeFile(officersFile, JSON.stringify({ officers: [{ user: 'b.schulz', passwordHash }] }));
      const withFile = await start({ officersFile });
      try {
        expect((await new OfficerClient(withFile.url).signIn('b.schulz', PASSWORD)).status).toBe(303);
        expect((await new OfficerClient(withFile.url).signIn('b.schulz', 'wrong')).status).toBe(401);
      } finally {
        await withFile.close();
      }
    });

    it('refuses to start with an invalid officers file', async () => {
      const dir = await makeTempDir();
      const officersFile = path.join(dir, 'officers.json');
      await writeFile(
        officersFile,
        JSON.stringify({ officers: [{ user: 'x', passwordHash: 'plain-text' }] }),
      );

      const error = await start({ officersFile }).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        `COLLECTOR_OFFICERS_FILE ${officersFile}: officers.0.passwordHash: expected scrypt$N$r$p$salt$key`,
      ]);
    });
  });

  describe.skipIf(!enabled)('access', () => {
    it.each(PROTECTED_ROUTES)('%s %s needs an officer session', async (method, route) => {
      const credentials: Record<string, string>[] = [
        {},
        { Authorization: `Bearer ${INGEST_TOKEN}` },
        { Authorization: `Bearer ${ADMIN_TOKEN}` },
      ];
      for (const headers of credentials) {
        const response = await fetch(`${collector.url}${route}`, {
          method,
          redirect: 'manual',
          headers: { Origin: collector.url, 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
          body: method === 'POST' ? 'status=solved&reply=x&action=status&ids=' : undefined,
        });
        const body = await response.text();
        if (method === 'GET') {
          expect(response.status).toBe(303);
          expect(response.headers.get('location')).toBe(
            `/dashboard/signin?next=${encodeURIComponent(route)}`,
          );
        } else {
          expect(response.status).toBe(401);
          expect(body).toContain('Fehlercode: session_required');
        }
        expect(body).not.toContain('Leistungsverfahren');
      }
    });

    it.each(PUBLIC_ROUTES.filter(([method]) => method === 'GET'))(
      '%s %s answers without a session',
      async (_, route) => {
        const response = await fetch(`${collector.url}${route}`, { redirect: 'manual' });
        expect([200, 303]).toContain(response.status);
        if (response.status === 303) expect(response.headers.get('location')).toBe('/dashboard');
      },
    );

    it('sends the strict CSP and the security headers on every page', async () => {
      for (const route of [
        '/dashboard',
        '/dashboard/hotspots',
        '/dashboard/signin',
        '/dashboard/no-such-page',
      ]) {
        const response = await officer.fetch(route);
        const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(
          response.headers.get('content-security-policy') ?? '',
        )?.[1];
        const body = await response.text();

        expect(response.headers.get('content-security-policy')).toBe(CSP.replace('NONCE', nonce ?? '?'));
        expect(
          Object.fromEntries(
            [
              'x-content-type-options',
              'referrer-policy',
              'x-frame-options',
              'cache-control',
              'cross-origin-opener-policy',
            ].map((h) => [h, response.headers.get(h)]),
          ),
        ).toEqual({
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'same-origin',
          'x-frame-options': 'DENY',
          'cache-control': 'no-store',
          'cross-origin-opener-policy': 'same-origin',
        });
        // Every script tag carries this response's nonce; no inline script or style anywhere.
        for (const tag of body.match(/<script[^>]*>/g) ?? []) expect(tag).toContain(`nonce="${nonce}"`);
        expect(body).not.toMatch(/<style|style="|onclick=|onload=/);
      }
    });

    it('adds Strict-Transport-Security and Secure __Host- cookies when the public URL is https', async () => {
      const secure = await start({ publicUrl: 'https://feedback.jobcenter.example' });
      try {
        const response = await fetch(`${secure.url}/dashboard/signin`);
        expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000');
        expect(response.headers.getSetCookie()[0]).toMatch(
          /^__Host-mitsprache_signin=[A-Za-z0-9_-]{43}; Max-Age=3600; Path=\/; HttpOnly; Secure; SameSite=Strict$/,
        );
      } finally {
        await secure.close();
      }
    });

    it('does not let the collector API CSP or CORS apply to dashboard pages, nor the dashboard CSP to the API', async () => {
      const api = await fetch(`${collector.url}/healthz`);
      expect(api.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
      const page = await officer.fetch('/dashboard', {
        headers: { Origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' },
      });
      expect(page.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe.skipIf(!enabled)('CSRF', () => {
    const seeded = async () => {
      const record = makeRecord();
      await seed([record]);
      return record;
    };

    it.each([
      ['another Origin', { Origin: 'https://evil.example' }, true, 'csrf_origin_mismatch'],
      ['no Origin, Referer or Sec-Fetch-Site', { Origin: '' }, true, 'csrf_origin_mismatch'],
      [
        'a cross-site Sec-Fetch-Site without Origin',
        { Origin: '', 'Sec-Fetch-Site': 'cross-site' },
        true,
        'csrf_origin_mismatch',
      ],
      ['no synchronizer token', {}, false, 'csrf_token_invalid'],
    ] as const)('refuses a status change with %s (403)', async (_, headers, withToken, code) => {
      const record = await seeded();
      const form = { status: 'solved', reply: 'x', ...(withToken ? { _csrf: await officer.csrf() } : {}) };
      const sent = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== '')) as Record<
        string,
        string
      >;
      const init: RequestInit = {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...sent },
        body: new URLSearchParams(form),
      };
      // Origin '' means: send none at all (fetch adds none by itself in Node).
      const response =
        'Origin' in headers && headers.Origin === ''
          ? await officer.fetch(`/dashboard/records/${record.id}/status`, init)
          : await officer.post(`/dashboard/records/${record.id}/status`, form, sent);

      expect(response.status).toBe(403);
      expect(await response.text()).toContain(`Fehlercode: ${code}`);
      expect((await collector.store.getRecord(record.id))?.status).toBeNull();
    });

    it('refuses a token from another session', async () => {
      const record = await seeded();
      const other = new OfficerClient(collector.url);
      await other.signIn('anna', PASSWORD);
      const response = await officer.post(`/dashboard/records/${record.id}/status`, {
        _csrf: await other.csrf(),
        status: 'solved',
        reply: '',
      });
      expect(response.status).toBe(403);
    });
  });

  describe.skipIf(!enabled)('pages', () => {
    it('escapes a note containing markup, in the inbox and the detail page', async () => {
      const record = makeRecord({ note: 'Feld leer <script>alert("x")</script> & "quoted" \'single\'' });
      await seed([record]);

      const inbox = await officer.page(`/dashboard?q=${encodeURIComponent('feld leer alert')}`);
      const detail = await officer.page(`/dashboard/records/${record.id}`);

      const escaped =
        'Feld leer &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quoted&quot; &#39;single&#39;';
      for (const page of [inbox, detail]) {
        expect(page).toContain(escaped);
        expect(page).not.toContain('<script>alert');
      }
    });

    it('shows bidirectional controls in a note as visible marks, not as text reversal (issue #14, item 9)', async () => {
      // "Antrag abgelehnt" would read "Antrag tlhenegba" with U+202E left in.
      const record = makeRecord({ note: 'Antrag \u202Etlhenegba\u202C, siehe \u2066Anlage\u2069' });
      await seed([record]);

      const inbox = await officer.page('/dashboard');
      const detail = await officer.page(`/dashboard/records/${record.id}`);

      expect(detail).toContain('Antrag [U+202E]tlhenegba[U+202C], siehe [U+2066]Anlage[U+2069]');
      expect(inbox).toContain('Antrag [U+202E]tlhenegba');
      for (const page of [inbox, detail]) expect(page).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    });

    it('shows the record as received: context, picked element, masked screenshot', async () => {
      const record = makeRecord({
        context: {
          ...makeRecord().context,
          element: {
            role: 'button',
            name: 'Drucken',
            selector: '#print',
            box: { x: 10, y: 20, width: 80, height: 24 },
          },
        },
        screenshot: { dataUrl: 'data:image/png;base64,iVBORw0KGgo=', width: 320, height: 200, maskCount: 2 },
      });
      await seed([record]);

      const detail = await officer.page(`/dashboard/records/${record.id}`);

      expect(detail).toContain(
        '<img class="screenshot" src="data:image/png;base64,iVBORw0KGgo=" width="320" height="200" alt="Maskiertes Bildschirmfoto zu dieser Rückmeldung (2 Maskierungen)">',
      );
      expect(detail).toContain('<dt>Selektor</dt><dd><code>#print</code></dd>');
      expect(detail).toContain('<dt>Rolle</dt><dd>button</dd>');
    });

    it('answers 404 for an unknown or malformed record id', async () => {
      for (const id of [randomUUID(), 'not-a-uuid']) {
        const response = await officer.fetch(`/dashboard/records/${id}`);
        expect(response.status).toBe(404);
        expect(await response.text()).toContain('Fehlercode: record_not_found');
      }
    });

    it('speaks English by Accept-Language, and the switch overrides it', async () => {
      const english = new OfficerClient(collector.url, { 'Accept-Language': 'en-GB,en;q=0.9,de;q=0.5' });
      await english.signIn('anna', PASSWORD);
      expect(await english.page('/dashboard/hotspots')).toContain('<html lang="en">');

      const switched = await english.fetch('/dashboard/lang?to=de&back=%2Fdashboard%2Fhotspots');
      expect(switched.status).toBe(303);
      expect(switched.headers.get('location')).toBe('/dashboard/hotspots');
      expect(await english.page('/dashboard/hotspots')).toContain('<html lang="de">');
    });

    it('never redirects the language switch off the dashboard', async () => {
      for (const back of [
        'https://evil.example/',
        '//evil.example',
        '/\\evil.example',
        '/api/v1/admin/export',
      ]) {
        const response = await fetch(
          `${collector.url}/dashboard/lang?to=en&back=${encodeURIComponent(back)}`,
          {
            redirect: 'manual',
          },
        );
        expect(response.headers.get('location')).toBe('/dashboard');
      }
    });
  });

  describe.skipIf(!enabled)('workflow', () => {
    it('sets status and reply; the caseworker gets them through POST /api/v1/feedback/status', async () => {
      const record = makeRecord();
      await postJson(collector.endpoint, makeBatch([record]));
      const secrets = { [record.id]: secretOf(record) };
      const before = await (
        await postJson(`${collector.endpoint}/status`, { ids: [record.id], secrets })
      ).json();

      const response = await officer.post(`/dashboard/records/${record.id}/status`, {
        _csrf: await officer.csrf(),
        status: 'solved',
        reply: 'Behoben mit Release 24.3 – danke!\r\n',
      });

      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe(`/dashboard/records/${record.id}?notice=saved`);
      const answer = await (
        await postJson(`${collector.endpoint}/status`, { ids: [record.id], secrets, since: before.cursor })
      ).json();
      expect(answer).toEqual({
        updates: [
          {
            id: record.id,
            status: 'solved',
            reply: 'Behoben mit Release 24.3 – danke!',
            updatedAt: expect.any(String),
          },
        ],
        cursor: expect.stringMatching(/^\d+$/),
      });
      const detail = await officer.page(`/dashboard/records/${record.id}?notice=saved`);
      expect(detail).toContain('<div class="notice" role="status"><p>Gespeichert.</p></div>');
      // The history names the officer.
      expect(detail).toMatch(
        /<td>Gelöst<\/td><td class="note-cell">Behoben mit Release 24\.3 – danke!<\/td><td>anna<\/td>/,
      );
    });

    it('clears the reply when the field is left empty', async () => {
      const record = makeRecord();
      await seed([record]);
      const csrf = await officer.csrf();
      await officer.post(`/dashboard/records/${record.id}/status`, {
        _csrf: csrf,
        status: 'in_review',
        reply: 'Wir prüfen.',
      });
      await officer.post(`/dashboard/records/${record.id}/status`, {
        _csrf: csrf,
        status: 'forwarded',
        reply: '',
      });

      expect(await collector.store.getRecord(record.id)).toMatchObject({
        status: 'forwarded',
        reply: null,
        history: [
          { status: 'in_review', reply: 'Wir prüfen.' },
          { status: 'forwarded', reply: null },
        ],
      });
    });

    it('changes status in bulk and keeps each reply when the bulk reply is empty', async () => {
      const a = makeRecord();
      const b = makeRecord();
      const c = makeRecord();
      await seed([a, b, c]);
      await collector.store.setStatus(a.id, { status: 'in_review', reply: 'Eigene Antwort' });

      const response = await officer.post('/dashboard/bulk', {
        _csrf: await officer.csrf(),
        action: 'status',
        ids: [a.id, b.id],
        status: 'forwarded',
        reply: '',
        back: '/dashboard?status=forwarded',
      });

      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/dashboard?status=forwarded&notice=bulk&n=2');
      expect((await collector.store.getRecord(a.id))?.reply).toBe('Eigene Antwort');
      expect((await collector.store.getRecord(b.id))?.status).toBe('forwarded');
      expect((await collector.store.getRecord(c.id))?.status).toBeNull();
    });

    it.each([
      ['/dashboard?from=24.11.2026&to=30.11.2026', 200],
      ['/dashboard?from=2026-11-24', 200],
      ['/dashboard?from=31.02.2026', 400],
      ['/dashboard?to=11%2F24%2F2026', 400],
      ['/dashboard/hotspots?asOf=32.01.2026', 400],
      ['/dashboard/export?from=1.13.2026', 400],
    ])(
      'reads the day fields as dd.mm.yyyy and names the pattern when a day is no day: %s',
      async (pathname, status) => {
        const response = await officer.fetch(pathname);
        expect(response.status).toBe(status);
        if (status === 400) {
          const text = await response.text();
          expect(text).toContain('Bitte ein Datum im Format TT.MM.JJJJ eingeben, z. B. 31.12.2026.');
          expect(text).toContain('Fehlercode: date_invalid');
        } else {
          await response.body?.cancel();
        }
      },
    );

    it('refuses a bulk action without a selection', async () => {
      const response = await officer.post('/dashboard/bulk', {
        _csrf: await officer.csrf(),
        action: 'status',
        status: 'solved',
        reply: '',
      });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('Fehlercode: nothing_selected');
    });

    it('marks duplicates (flattening chains), shows them on both records, refuses self and cycles', async () => {
      const original = makeRecord();
      const first = makeRecord();
      const second = makeRecord();
      await seed([original, first, second]);
      const csrf = await officer.csrf();

      const bulk = await officer.post('/dashboard/bulk', {
        _csrf: csrf,
        action: 'duplicate',
        ids: [original.id, first.id],
        of: '',
      });
      // second → first, which is itself a duplicate of original: stored as second → original.
      const chained = await officer.post(`/dashboard/records/${second.id}/duplicate`, {
        _csrf: csrf,
        of: first.id,
      });
      const self = await officer.post(`/dashboard/records/${second.id}/duplicate`, {
        _csrf: csrf,
        of: second.id,
      });
      const cycle = await officer.post(`/dashboard/records/${original.id}/duplicate`, {
        _csrf: csrf,
        of: first.id,
      });

      expect(bulk.headers.get('location')).toBe('/dashboard?notice=bulk&n=1');
      expect(chained.status).toBe(303);
      expect(self.status).toBe(400);
      expect(await self.text()).toContain('Fehlercode: duplicate_self');
      expect(cycle.status).toBe(409);
      expect(await cycle.text()).toContain('Fehlercode: duplicate_cycle');
      expect(await collector.dashboard.duplicateLinks(original.id)).toEqual({
        duplicateOf: null,
        duplicates: expect.arrayContaining([first.id, second.id]),
      });
      const detail = await officer.page(`/dashboard/records/${second.id}`);
      expect(detail).toContain(
        `<dt>Duplikat von</dt><dd><a href="/dashboard/records/${original.id}"><code>${original.id}</code></a></dd>`,
      );

      const cleared = await officer.post(`/dashboard/records/${second.id}/duplicate`, {
        _csrf: csrf,
        of: '',
      });
      expect(cleared.headers.get('location')).toBe(`/dashboard/records/${second.id}?notice=unduplicate`);
      expect((await collector.dashboard.duplicateLinks(second.id)).duplicateOf).toBeNull();
    });

    it('labels the screen’s facts in the page’s language, the frame and masks in words', async () => {
      const record = makeRecord({
        context: {
          ...makeRecord().context,
          screen: {
            name: 'Antrag',
            navigation: 'Leistungen',
            step: '2 von 4',
            tab: 'Einkommen',
            form: 'WBA',
          },
          frame: { path: 'top>frame[0]' },
          element: {
            role: 'button',
            name: 'Speichern',
            selector: '#save',
            box: { x: 10, y: 20, width: 80, height: 24 },
          },
        },
        redaction: { counts: { name: 2, aktenzeichen: 3 } },
      });
      await seed([record]);
      const detail = await officer.page(`/dashboard/records/${record.id}`);
      for (const fact of [
        '<dt>Navigation</dt><dd>Leistungen</dd>',
        '<dt>Schritt</dt><dd>2 von 4</dd>',
        '<dt>Reiter</dt><dd>Einkommen</dd>',
        '<dt>Formular</dt><dd>WBA</dd>',
        '<dt>Position und Größe (px)</dt><dd>10, 20 – 80 × 24</dd>',
        '<dt>Rahmen</dt><dd>Rahmen 1</dd>',
        '<dt>Maskierungen auf dem Gerät</dt><dd>2 Namen, 3 Aktenzeichen maskiert</dd>',
      ]) {
        expect(detail).toContain(fact);
      }
      expect(detail).not.toMatch(/<dt>(Step|Tab|Form|Box)<\/dt>/);
    });

    it('takes the typed id over the chosen same-screen note, and refuses a mark form with neither', async () => {
      const chosen = makeRecord();
      const typed = makeRecord();
      const copy = makeRecord();
      await seed([chosen, typed, copy]);
      const csrf = await officer.csrf();

      const both = await officer.post(`/dashboard/records/${copy.id}/duplicate`, {
        _csrf: csrf,
        mark: '1',
        of: chosen.id,
        ofId: ` ${typed.id.toUpperCase()} `,
      });
      expect(both.status).toBe(303);
      expect((await collector.dashboard.duplicateLinks(copy.id)).duplicateOf).toBe(typed.id);

      // Nothing picked must not read as "remove the mark".
      const neither = await officer.post(`/dashboard/records/${copy.id}/duplicate`, {
        _csrf: csrf,
        mark: '1',
        of: '',
        ofId: '',
      });
      expect(neither.status).toBe(400);
      expect(await neither.text()).toContain('Fehlercode: nothing_selected');
      expect((await collector.dashboard.duplicateLinks(copy.id)).duplicateOf).toBe(typed.id);
    });
  });
});
