import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningCollector } from '../../../collector/server';
import type { FeedbackRecord } from '../../../utils/schema/record';
import { makeRecord } from '../../support/records';
import { csrfOf, OfficerClient, PASSWORD, startOn } from '../dashboard/officer';
import { BATCH, removeTestData } from '../helpers';

/** The id of the n-th record made above (the list is never shorter). */
const idAt = (records: readonly { id: string }[], n: number) => records[n]?.id as string;

// The sharing pages of a job centre's dashboard (issue #19) over HTTP: settings off by default, saved
// behind CSRF with clear errors, the token never shown again; the preview; the share mark on a note;
// the hub's notices beside the note and the screen's notes.

afterAll(removeTestData);

const TOKEN = 'hub-token-secret-0123456789';

function notes(n: number, route: string): FeedbackRecord[] {
  const base = makeRecord();
  const created = new Date(Date.now() - 86_400_000).toISOString();
  return Array.from({ length: n }, () =>
    makeRecord({ createdAt: created, context: { ...base.context, app: 'VerBIS', routeTemplate: route } }),
  );
}

describe('Teilen mit dem Hub', () => {
  let collector: RunningCollector;
  let officer: OfficerClient;

  beforeEach(async () => {
    collector = await startOn('sqlite');
    officer = new OfficerClient(collector.url, { 'Accept-Language': 'de' });
    expect((await officer.signIn('anna', PASSWORD)).status).toBe(303);
  });
  afterEach(() => collector.close());

  it('is off by default; settings are saved behind CSRF, with errors by code, the token never shown again', async () => {
    const page = await officer.page('/dashboard/sharing');
    expect(page).toContain('Das Teilen ist ausgeschaltet');
    expect(page).toContain('Die Vorschau erscheint, sobald');
    const csrf = csrfOf(page);
    const form = {
      _csrf: csrf,
      enabled: '1',
      hubUrl: 'https://hub.example/',
      jobCentre: 'jc-mitte',
      token: TOKEN,
    };

    expect((await officer.post('/dashboard/sharing/settings', { ...form, _csrf: 'wrong' })).status).toBe(403);
    const badUrl = await officer.post('/dashboard/sharing/settings', {
      ...form,
      hubUrl: 'http://hub.example',
    });
    expect(badUrl.status).toBe(400);
    expect(await badUrl.text()).toContain('sharing_hub_url_invalid');
    const badId = await officer.post('/dashboard/sharing/settings', { ...form, jobCentre: 'JC Mitte' });
    expect(await badId.text()).toContain('sharing_job_centre_invalid');
    const noToken = await officer.post('/dashboard/sharing/settings', { ...form, token: '' });
    expect(await noToken.text()).toContain('sharing_token_required');

    const saved = await officer.post('/dashboard/sharing/settings', form);
    expect(saved.status).toBe(303);
    expect(await collector.sharing.store.settings()).toMatchObject({
      enabled: true,
      hubUrl: 'https://hub.example',
      jobCentre: 'jc-mitte',
      token: TOKEN,
      updatedBy: 'anna',
    });
    const after = await officer.page('/dashboard/sharing');
    expect(after).not.toContain(TOKEN);
    expect(after).toContain('endet auf „6789“');
    // Saved again without a token: the stored one stays.
    await officer.post('/dashboard/sharing/settings', { ...form, token: '', enabled: '' });
    expect(await collector.sharing.store.settings()).toMatchObject({ enabled: false, token: TOKEN });
  });

  it('previews exactly the plan, and marks a note for sharing and back', async () => {
    const records = [...notes(5, '/kunde/:id'), ...notes(2, '/akte/:id')];
    await collector.store.ingest(records, BATCH);
    await collector.sharing.store.saveSettings(
      { enabled: true, hubUrl: 'https://hub.example', jobCentre: 'jc-mitte', token: TOKEN },
      'anna',
      new Date().toISOString(),
    );
    const preview = await officer.page('/dashboard/sharing');
    const plan = await collector.sharing.delivery.preview({ jobCentre: 'jc-mitte' });
    expect(preview).toContain(`Zahlen (Zellen) (${plan.cells.length})`);
    expect(plan.cells).toHaveLength(1);
    expect(preview).toContain('<code>/kunde/:id</code>');
    expect(preview).not.toContain('/akte/:id');
    expect(preview).toContain('Jetzt senden');

    const detail = await officer.page(`/dashboard/records/${idAt(records, 0)}`);
    expect(detail).toContain('Mit anderen Jobcentern teilen');
    const csrf = csrfOf(detail);
    expect(
      (await officer.post(`/dashboard/records/${idAt(records, 0)}/share`, { _csrf: csrf, share: '1' }))
        .status,
    ).toBe(303);
    expect(await collector.sharing.store.isShared(idAt(records, 0))).toBe(true);
    expect(await officer.page(`/dashboard/records/${idAt(records, 0)}`)).toContain('Nicht mehr teilen');
    expect(await officer.page('/dashboard/sharing')).toContain(
      'Geteilte Notizen (noch einmal geschwärzt) (1)',
    );
    await officer.post(`/dashboard/records/${idAt(records, 0)}/share`, { _csrf: csrf, share: '0' });
    expect(await collector.sharing.store.withdrawnNotes()).toEqual([idAt(records, 0)]);
  });

  it("shows the hub's notices and the comparison beside the note and the screen's notes", async () => {
    const records = notes(1, '/kunde/:id');
    await collector.store.ingest(records, BATCH);
    const at = new Date().toISOString();
    await collector.sharing.store.saveFeed(
      {
        protocolVersion: 1,
        cursor: '3',
        notices: [
          {
            id: crypto.randomUUID(),
            kind: 'fixed',
            app: 'VerBIS',
            screen: '/kunde/:id',
            text: { de: 'Speichern funktioniert wieder.' },
            fixedIn: '24.3',
            publishedAt: at,
            updatedAt: at,
            withdrawn: false,
          },
        ],
        weeks: ['2026-W48', '2026-W49'],
        comparison: [
          {
            app: 'VerBIS',
            screen: '/kunde/:id',
            jobCentresAffected: 14,
            jobCentresTotal: 25,
            ownNotes: 9,
            ownMinutesLost: 40,
            medianNotes: 6,
            medianMinutesLost: 25,
          },
        ],
      },
      at,
    );
    const detail = await officer.page(`/dashboard/records/${idAt(records, 0)}`);
    expect(detail).toContain('Behoben in 24.3');
    expect(detail).toContain('Speichern funktioniert wieder.');
    expect(detail).toContain('Brennpunkt in 14 von 25 Jobcentern');
    const inbox = await officer.page(`/dashboard?app=VerBIS&route=${encodeURIComponent('/kunde/:id')}`);
    expect(inbox).toContain('Behoben in 24.3');
    expect(await officer.page('/dashboard')).not.toContain('Behoben in 24.3');
    // Beside the hotspot ranking: the ranked screen with the hub's notice and the region's figures.
    const hotspots = await officer.page('/dashboard/hotspots');
    expect(hotspots).toContain('Hinweise des Hubs und Vergleich mit der Region');
    expect(hotspots).toMatch(
      /Behoben in 24\.3<\/td><td class="num">9<\/td><td class="num">6<\/td><td>14 \/ 25<\/td>/,
    );
  });
});
