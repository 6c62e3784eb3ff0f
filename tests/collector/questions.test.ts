import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../collector/config';
import type { RunningCollector } from '../../collector/server';
import { StatusResponse } from '../../utils/schema/wire';
import { makeBatch, makeRecord } from '../support/records';
import { csrfOf, OfficerClient, PASSWORD, startOn } from './dashboard/officer';
import {
  BACKENDS,
  postJson,
  queryDatabase,
  removeTestData,
  startTestCollector,
  warnIfPostgresSkipped,
} from './helpers';
import { answerItem, QUESTION_APP, QUESTION_SCREEN, questionSettings } from './questions';

// Issue #18 over HTTP, through the real collector: an officer writes and activates a question in the
// dashboard; the status poll brings it to an extension that covers the application and to no other;
// answers arrive next to records and are stored exactly once; results stay hidden below k answers —
// on the page and in both exports — and show from k on.

warnIfPostgresSkipped('questions end to end');
afterAll(removeTestData);

/** The question form as an officer fills it in: a scale question for one screen. */
function questionForm(csrf: string): Record<string, string> {
  return {
    _csrf: csrf,
    textDe: 'Klappt der neue Bescheid-Schritt für Sie?',
    textEn: 'Does the new notice step work for you?',
    app: QUESTION_APP,
    screens: `${QUESTION_SCREEN}\n`,
    from: '01.12.2026',
    to: '31.12.2098',
    formKind: 'scale',
    lowDe: 'gar nicht',
    highDe: 'sehr gut',
    noteAllowed: '1',
  };
}

async function poll(collector: RunningCollector, body: object): Promise<StatusResponse> {
  const response = await postJson(`${collector.endpoint}/status`, { ids: [], ...body });
  expect(response.status).toBe(200);
  return StatusResponse.parse(await response.json());
}

describe.each(BACKENDS)('questions end to end on $name', (backend) => {
  it.skipIf(!backend.enabled)(
    'delivers an active question to its application, takes answers once, and shows results from k on',
    async () => {
      const collector = await startOn(backend.kind);
      try {
        const officer = new OfficerClient(collector.url);
        await officer.signIn('anna', PASSWORD);
        const csrf = await officer.csrf();

        // Forms are CSRF-protected like every other change.
        const forged = await officer.post('/dashboard/questions', { ...questionForm(csrf), _csrf: 'nope' });
        expect(forged.status).toBe(403);
        expect((await officer.page('/dashboard/questions')).includes('Klappt der neue')).toBe(false);

        const created = await officer.post('/dashboard/questions', questionForm(csrf));
        expect(created.status).toBe(303);
        const location = created.headers.get('location') ?? '';
        const id = /\/dashboard\/questions\/([0-9a-f-]{36})\?notice=saved$/.exec(location)?.[1] as string;
        expect(id).toBeDefined();
        const draftPage = await officer.page(`/dashboard/questions/${id}`);
        expect(draftPage).toContain('Entwurf');
        expect(draftPage).toContain(`action="/dashboard/questions/${id}/activate"`);

        // A draft can be edited: the form comes back filled in, and saving replaces the text.
        const edit = await officer.page(`/dashboard/questions/${id}/edit`);
        expect(edit).toContain('>Klappt der neue Bescheid-Schritt für Sie?</textarea>');
        expect(edit).toContain('value="01.12.2026"');
        const edited = await officer.post(`/dashboard/questions/${id}`, {
          ...questionForm(csrf),
          textEn: 'Does the new step work for you?',
        });
        expect(edited.status).toBe(303);
        expect((await collector.questions.get(id))?.question.text.en).toBe('Does the new step work for you?');
        // A form that does not fit its kind is refused with the reason (a choice needs options).
        const refused = await officer.post(`/dashboard/questions/${id}`, {
          ...questionForm(csrf),
          formKind: 'choice',
        });
        expect(refused.status).toBe(400);
        expect((await collector.questions.get(id))?.question.form.kind).toBe('scale');

        // A draft is not delivered.
        expect((await poll(collector, { apps: [QUESTION_APP] })).questions).toEqual([]);
        expect((await officer.post(`/dashboard/questions/${id}/activate`, { _csrf: csrf })).status).toBe(303);
        const activePage = await officer.page(`/dashboard/questions/${id}`);
        expect(activePage).toContain('Zustand: Aktiv');
        expect(activePage).not.toContain(`/dashboard/questions/${id}/edit`);
        // Once active, no more edits: everyone answers the same question.
        expect((await officer.fetch(`/dashboard/questions/${id}/edit`)).status).toBe(409);
        expect((await officer.post(`/dashboard/questions/${id}`, questionForm(csrf))).status).toBe(409);

        const delivered = await poll(collector, { apps: [QUESTION_APP, 'E-Akte'] });
        expect(delivered.questions).toEqual([
          {
            id,
            text: {
              de: 'Klappt der neue Bescheid-Schritt für Sie?',
              en: 'Does the new step work for you?',
            },
            app: QUESTION_APP,
            screens: [QUESTION_SCREEN],
            // German local midnight of the first day; the end is the midnight after the last day.
            from: '2026-11-30T23:00:00.000Z',
            to: '2098-12-31T23:00:00.000Z',
            form: { kind: 'scale', low: { de: 'gar nicht' }, high: { de: 'sehr gut' } },
            noteAllowed: true,
          },
        ]);
        expect((await poll(collector, { apps: ['E-Akte'] })).questions).toEqual([]);
        // An older extension names no applications: its reply is as before, without the field.
        const old = await postJson(`${collector.endpoint}/status`, { ids: [] });
        expect(Object.keys(await old.json()).sort()).toEqual(['cursor', 'updates']);

        // Four answers and a note in one batch; the batch again is all duplicates.
        const record = makeRecord();
        const answers = [5, 4, 4, 2].map((value, index) =>
          answerItem(
            id,
            { kind: 'scale', value },
            index === 0 ? { note: 'Rückfragen bitte an max.mustermann@example.org' } : {},
          ),
        );
        const batch = makeBatch([record, ...answers]);
        const first = await postJson(collector.endpoint, batch);
        expect(await first.json()).toEqual({
          results: [record, ...answers].map((item) => ({ id: item.id, status: 'accepted' })),
        });
        const again = await postJson(collector.endpoint, batch);
        expect(await again.json()).toEqual({
          results: [record, ...answers].map((item) => ({ id: item.id, status: 'duplicate' })),
        });
        const wrong = answerItem(id, { kind: 'yesNo', value: 'yes' });
        expect(await (await postJson(collector.endpoint, makeBatch([wrong]))).json()).toEqual({
          results: [{ id: wrong.id, status: 'rejected', reason: 'answer_not_in_form' }],
        });
        expect((await collector.questions.get(id))?.answers).toBe(4);
        if (backend.kind === 'sqlite') {
          // As an auditor reads the database: no batch id and no exact arrival time, which the record
          // sent in the same request also carries and so would tie these answers to its reporter.
          const rows = queryDatabase<Record<string, unknown>>(
            collector.databaseFile,
            'SELECT * FROM question_answers',
          );
          expect(rows).toHaveLength(4);
          const stored = JSON.stringify(rows);
          expect(stored).not.toContain(batch.batchId);
          const [received] = queryDatabase<{ received_at: string }>(
            collector.databaseFile,
            'SELECT received_at FROM records WHERE id = ?',
            record.id,
          );
          expect(stored).not.toContain(received?.received_at.slice(0, 16));
          expect(Object.keys(rows[0] ?? {}).sort()).toEqual([
            'answer',
            'app',
            'caught',
            'created_day',
            'extension_version',
            'id',
            'note',
            'question_id',
            'received_day',
            'route_template',
          ]);
        }

        // Below k = 5: how many, how many missing — nothing else, on the page or in an export.
        const hidden = await officer.page(`/dashboard/questions/${id}/results`);
        expect(hidden).toContain('id="results-hidden"');
        expect(hidden).toContain('4 Antworten, es fehlen 1 bis zur Mindestzahl von 5');
        expect(hidden).not.toContain('results-distribution');
        expect(hidden).not.toContain('Rückfragen');
        const hiddenCsv = await (await officer.fetch(`/dashboard/questions/${id}/results.csv`)).text();
        expect(hiddenCsv).toContain('Antworten;4\r\n');
        expect(hiddenCsv).toContain('Es fehlen;1\r\n');
        expect(hiddenCsv).not.toContain('sehr gut');
        expect(hiddenCsv).not.toContain('Rückfragen');
        const hiddenJson = await (await officer.fetch(`/dashboard/questions/${id}/results.json`)).json();
        expect(hiddenJson).toMatchObject({ shown: false, answers: 4, minAnswers: 5, missing: 1 });
        expect(hiddenJson).not.toHaveProperty('distribution');
        expect(hiddenJson).not.toHaveProperty('notes');

        // The fifth answer: now the distribution, the days and the (redacted) note show.
        await postJson(collector.endpoint, makeBatch([answerItem(id, { kind: 'scale', value: 1 })]));
        const shown = await officer.page(`/dashboard/questions/${id}/results`);
        expect(shown).not.toContain('id="results-hidden"');
        expect(shown).toContain('<table id="results-distribution"');
        expect(shown).toMatch(/<th scope="row">4<\/th><td>2<\/td><td><meter min="0" max="5" value="2"/);
        expect(shown).toContain('<th scope="row">5 – sehr gut</th><td>1</td>');
        expect(shown).toContain('<th scope="row">3</th><td>0</td>');
        expect(shown).toContain('Rückfragen bitte an [E-MAIL]');
        expect(shown).not.toContain('max.mustermann');
        const csvBytes = Buffer.from(
          await (await officer.fetch(`/dashboard/questions/${id}/results.csv`)).arrayBuffer(),
        );
        // A byte order mark first, or German Excel reads the umlauts as Windows-1252.
        expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        const shownCsv = csvBytes.toString('utf8');
        expect(shownCsv).toContain('4;2;40 %\r\n');
        expect(shownCsv).toContain('Rückfragen bitte an [E-MAIL]\r\n');
        const shownJson = await (await officer.fetch(`/dashboard/questions/${id}/results.json`)).json();
        expect(shownJson).toMatchObject({
          shown: true,
          answers: 5,
          perDay: [{ value: '2026-12-07', count: 5 }],
        });

        // Ended early: no longer delivered; duplicated as a new draft.
        expect((await officer.post(`/dashboard/questions/${id}/end`, { _csrf: csrf })).status).toBe(303);
        expect((await poll(collector, { apps: [QUESTION_APP] })).questions).toEqual([]);
        const copy = await officer.post(`/dashboard/questions/${id}/duplicate`, { _csrf: csrf });
        expect(copy.headers.get('location')).not.toContain(id);
        expect(await officer.page('/dashboard/questions')).toContain('Entwurf');
      } finally {
        await collector.close();
      }
    },
  );

  it.skipIf(!backend.enabled)(
    'enters a change marker and compares its screens before and after',
    async () => {
      const collector = await startOn(backend.kind);
      try {
        const officer = new OfficerClient(collector.url);
        await officer.signIn('anna', PASSWORD);
        const page = await officer.page('/dashboard/markers');
        const saved = await officer.post('/dashboard/markers', {
          _csrf: csrfOf(page),
          day: '25.11.2026',
          title: 'Release 24.3',
          kind: 'release',
          apps: 'Leistungsverfahren',
          screens: '/akte/:id/leistungen',
        });
        expect(saved.status).toBe(303);
        // makeRecord's note: created 25 Nov 2026 on /akte/:id/leistungen, 5 minutes lost.
        // A third, older than the two weeks compared, for the earlier trend below.
        await postJson(
          collector.endpoint,
          makeBatch([makeRecord(), makeRecord(), makeRecord({ createdAt: '2026-11-10T10:00:00.000Z' })]),
        );
        const [marker] = await collector.questions.listMarkers(10);
        const compare = await officer.page(`/dashboard/markers/${marker?.id}?weeks=2`);
        expect(compare).toContain('Vorher/Nachher: Release 24.3');
        expect(compare).toMatch(/<th scope="row">Vorher<\/th><td>[^<]+<\/td><td>0<\/td><td>0<\/td>/);
        expect(compare).toMatch(/<th scope="row">Nachher<\/th><td>[^<]+<\/td><td>2<\/td><td>10<\/td>/);

        // The hotspots' trend shows the marker: a line on the chart, its week row, a link to its before/after.
        const hotspots = await officer.page('/dashboard/hotspots?asOf=2026-12-01&weeks=4');
        expect(hotspots).toContain('"markers":[{"day":"2026-11-25","title":"Release 24.3"}]');
        expect(hotspots).toContain('<th scope="row">23.11.2026 – Änderung: Release 24.3</th>');
        expect(hotspots).toContain(
          `<li><a href="/dashboard/markers/${marker?.id}">25.11.2026 – Release 24.3</a></li>`,
        );
        // Not on a trend whose weeks end before it.
        const earlier = await officer.page('/dashboard/hotspots?asOf=2026-11-20&weeks=4');
        expect(earlier).toContain('id="trend-chart"');
        expect(earlier).not.toContain('Release 24.3');

        // A question of the marker ("pilot check-in for release 24.3") shows its before/after with its
        // results — notes, not answers, so even before k answers.
        const question = await collector.questions.create(
          questionSettings({ markerId: marker?.id as string }),
          new Date().toISOString(),
        );
        const results = await officer.page(`/dashboard/questions/${question.id}/results`);
        expect(results).toContain('id="results-hidden"');
        expect(results).toContain('<table id="results-marker-compare"');
        expect(results).toMatch(/<th scope="row">Nachher<\/th><td>[^<]+<\/td><td>2<\/td><td>10<\/td>/);
        // … and so do both exports, for the working group's summary.
        const csv = await (await officer.fetch(`/dashboard/questions/${question.id}/results.csv`)).text();
        expect(csv).toContain('Release 24.3');
        expect(csv).toMatch(/Nachher;[^;]+;2;10;/);
        const json = await (await officer.fetch(`/dashboard/questions/${question.id}/results.json`)).json();
        expect(json.markerComparison).toMatchObject({ after: { notes: 2, minutesLost: 10 } });
      } finally {
        await collector.close();
      }
    },
  );
});

describe('the k setting', () => {
  it('refuses fewer than three answers', async () => {
    await expect(startTestCollector({ questionsMinAnswers: 2 })).rejects.toBeInstanceOf(ConfigError);
  });
});
