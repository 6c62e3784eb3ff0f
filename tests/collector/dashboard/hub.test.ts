import { afterAll, describe, expect, it } from 'vitest';
import { lastCompleteWeeks } from '../../../collector/hub/weeks';
import type { RunningCollector } from '../../../collector/server';
import { removeTempDirs } from '../helpers';
import {
  cell,
  HUB_APP,
  HUB_SCREEN,
  JC_A,
  JC_B,
  JC_C,
  postPush,
  push,
  sharedNote,
  startTestHub,
} from '../hub';
import { csrfOf, OfficerClient, officerPasswordHash, PASSWORD } from './officer';

// The hub's dashboard over HTTP (issue #19): what a hub's officer reads, the German Excel CSV, the
// rule that individual job centres' figures show only when the hub's configuration allows it, and the
// CSRF lock on notices. Chromium, keyboard and axe: tests/e2e/hub-dashboard.test.ts.

afterAll(removeTempDirs);

const [W1, W2] = lastCompleteWeeks(new Date(), 2) as [string, string];

async function hubWithOfficer(
  showJobCentres: boolean,
): Promise<{ hub: RunningCollector; officer: OfficerClient }> {
  const hub = await startTestHub('sqlite', { hubShowJobCentres: showJobCentres });
  await hub.dashboard.putOfficer(
    { user: 'anna', passwordHash: await officerPasswordHash() },
    false,
    new Date().toISOString(),
  );
  for (const [index, centre] of [JC_A, JC_B, JC_C].entries()) {
    const response = await postPush(
      hub,
      push(centre.id, [W1, W2], {
        cells: [
          cell(centre.id, W1, { minutesLost: 10 * (index + 1) }),
          cell(centre.id, W2, { screen: '*', minutesLost: 7 }),
        ],
        notes:
          index === 0 ? [sharedNote(centre.id, 'record-1', W2, 'Speichern dauert; =HYPERLINK("x")')] : [],
      }),
      centre.token,
    );
    expect(response.status).toBe(200);
  }
  const officer = new OfficerClient(hub.url, { 'Accept-Language': 'de' });
  expect((await officer.signIn('anna', PASSWORD)).status).toBe(303);
  return { hub, officer };
}

describe('the hub dashboard over HTTP', () => {
  it('opens on the ranking, serves a German Excel CSV, hides job centres by default', async () => {
    const { hub, officer } = await hubWithOfficer(false);
    try {
      const root = await officer.fetch('/dashboard');
      expect(root.status).toBe(303);
      expect(root.headers.get('location')).toBe('/dashboard/hub');
      const ranking = await officer.page('/dashboard/hub');
      expect(ranking.match(/in 3 von 3 Jobcentern/g)).toHaveLength(2);
      expect(ranking).toContain('ganze Anwendung');
      // A job centre's pages do not exist on a hub.
      const missing = await officer.fetch('/dashboard/questions');
      expect(missing.status).toBe(404);
      // …and the error page offers the hub's navigation, not theirs.
      const errorPage = await missing.text();
      expect(errorPage).toContain('href="/dashboard/hub/notices"');
      expect(errorPage).not.toContain('href="/dashboard/questions"');

      const csv = await officer.fetch('/dashboard/hub/export.csv?weeks=4');
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const bytes = Buffer.from(await csv.arrayBuffer());
      // The BOM first (fetch's text() would hide it), then `;`-separated lines ending in CRLF.
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.subarray(3).toString('utf8');
      expect(
        text.startsWith(
          'Rang;Anwendung;Bildschirm;Betroffene Jobcenter;Jobcenter;Verlorene Minuten;Notizen\r\n',
        ),
      ).toBe(true);
      expect(text).toContain(`1;${HUB_APP};${HUB_SCREEN};3;3;60;15\r\n`);

      const screen = await officer.page(
        `/dashboard/hub/screen?weeks=4&app=${encodeURIComponent(HUB_APP)}&screen=${encodeURIComponent(HUB_SCREEN)}`,
      );
      expect(screen).toContain('zeigt dieser Hub nicht');
      expect(screen).not.toContain(JC_A.name);
      expect(screen).toContain('Speichern dauert; =HYPERLINK(&quot;x&quot;)');

      const print = await officer.page('/dashboard/hub/print');
      expect(print).toContain('Bericht für den Hersteller');
      expect(print).toContain('Workaround: erst Entwurf speichern');
    } finally {
      await hub.close();
    }
  });

  it('speaks English when asked', async () => {
    const { hub, officer } = await hubWithOfficer(false);
    try {
      await officer.fetch('/dashboard/lang?to=en&back=/dashboard/hub');
      const ranking = await officer.page('/dashboard/hub');
      expect(ranking).toContain('<html lang="en">');
      expect(ranking).toContain('Hotspots across job centres');
      expect(ranking).toContain('in 3 of 3 job centres');
      expect(ranking).toContain('Notices to job centres');
      const notices = await officer.page('/dashboard/hub/notices');
      expect(notices).toContain('Fixed in release …');
    } finally {
      await hub.close();
    }
  });

  it('shows each job centre’s figures when the hub is configured to', async () => {
    const { hub, officer } = await hubWithOfficer(true);
    try {
      const screen = await officer.page(
        `/dashboard/hub/screen?app=${encodeURIComponent(HUB_APP)}&screen=${encodeURIComponent(HUB_SCREEN)}`,
      );
      for (const centre of [JC_A, JC_B, JC_C]) expect(screen).toContain(centre.name);
      expect(screen).not.toContain('zeigt dieser Hub nicht');
    } finally {
      await hub.close();
    }
  });

  it('publishes a notice only with the session’s CSRF token', async () => {
    const { hub, officer } = await hubWithOfficer(false);
    try {
      const form = { kind: 'workaround', app: HUB_APP, screen: HUB_SCREEN, text: 'Erst speichern.' };
      expect((await officer.post('/dashboard/hub/notices', { ...form, _csrf: 'forged' })).status).toBe(403);
      expect(await hub.hub.notices()).toEqual([]);
      const csrf = csrfOf(await officer.page('/dashboard/hub/notices'));
      expect((await officer.post('/dashboard/hub/notices', { ...form, _csrf: csrf })).status).toBe(303);
      expect(await hub.hub.notices()).toEqual([
        expect.objectContaining({ kind: 'workaround', text: { de: 'Erst speichern.' } }),
      ]);
      // A kind outside the protocol's: refused, nothing stored.
      expect(
        (await officer.post('/dashboard/hub/notices', { ...form, kind: 'rumour', _csrf: csrf })).status,
      ).toBe(400);
      expect(await hub.hub.notices()).toHaveLength(1);
    } finally {
      await hub.close();
    }
  });
});
