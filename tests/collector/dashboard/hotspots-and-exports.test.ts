import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCollector } from '../../../collector/server';
import type { HotspotQuery } from '../../../collector/store/dashboard-types';
import type { FeedbackRecord } from '../../../utils/schema/record';
import { asStored, makeRecord } from '../../support/records';
import { BACKENDS, removeTestData, warnIfPostgresSkipped } from '../helpers';
import { OfficerClient, PASSWORD, startOn } from './officer';

// The hotspot report and the dashboard's downloads over real HTTP, on a collector seeded with known
// records: SQLite always, PostgreSQL as well when DATABASE_URL names one.

warnIfPostgresSkipped('hotspot and export tests');
afterAll(removeTestData);

describe.each(BACKENDS)('hotspots and exports on $name', ({ kind, enabled }) => {
  describe.skipIf(!enabled)('on seeded data', () => {
    // A collector of its own, so the ranking sees exactly these records.
    let seeded: RunningCollector;
    let client: OfficerClient;
    const thisWeek = '2026-11-24T09:00:00.000+01:00';
    const lastWeek = '2026-11-17T09:00:00.000+01:00';
    const earlier = '2026-10-06T09:00:00.000+02:00';
    const at = (app: string, routeTemplate: string) => ({
      ...makeRecord().context,
      app,
      routeTemplate,
      screen: { name: routeTemplate.slice(1) },
    });
    const records: FeedbackRecord[] = [];
    let duplicate: FeedbackRecord;

    beforeAll(async () => {
      seeded = await startOn(kind);
      client = new OfficerClient(seeded.url);
      await client.signIn('anna', PASSWORD);
      const add = (n: number, overrides: Partial<FeedbackRecord>) => {
        for (let i = 0; i < n; i++) records.push(makeRecord(overrides));
      };
      // E-Akte /suche: 4 minor, 1 minute each → count 4, score 4, minutes 4 (one more is a duplicate).
      add(4, { context: at('E-Akte', '/suche'), impact: 'minor', minutesLost: 1, createdAt: thisWeek });
      // LV /bescheid: 2 blocks this week, 1 blocks last week → count 3, score 9, minutes 60.
      add(2, { context: at('LV', '/bescheid'), impact: 'blocks', minutesLost: 20, createdAt: thisWeek });
      add(1, { context: at('LV', '/bescheid'), impact: 'blocks', minutesLost: 20, createdAt: lastWeek });
      // LV /akte: 3 slows in October → count 3, score 6, minutes 90, first seen long ago.
      add(3, { context: at('LV', '/akte'), impact: 'slows', minutesLost: 30, createdAt: earlier });
      // Out of the 12-week period: counted in "all time" only.
      add(1, {
        context: at('LV', '/alt'),
        impact: 'blocks',
        minutesLost: 480,
        createdAt: '2025-01-10T09:00:00.000+01:00',
      });
      duplicate = makeRecord({
        context: at('E-Akte', '/suche'),
        impact: 'blocks',
        minutesLost: 100,
        createdAt: thisWeek,
      });
      await seeded.store.ingest([...records, duplicate], {
        batchId: randomUUID(),
        receivedAt: '2026-11-25T10:05:00.120Z',
      });
      await seeded.dashboard.markDuplicate(
        duplicate.id,
        records[0]?.id as string,
        'anna',
        '2026-11-25T11:00:00.000Z',
      );
    });
    afterAll(async () => {
      await seeded?.close();
    });

    const query = (metric: HotspotQuery['metric'], fromWeek?: string): HotspotQuery => ({
      fromWeek,
      toWeek: '2026-11-30',
      thisWeek: '2026-11-23',
      metric,
      limit: 20,
      filter: {},
    });

    it('ranks application × screen by weighted impact, count and minutes; duplicates not counted', async () => {
      const order = async (metric: HotspotQuery['metric']) =>
        (await seeded.dashboard.hotspots(query(metric, '2026-09-07'))).hotspots.map(
          (h) => `${h.app} ${h.routeTemplate}`,
        );

      expect(await order('score')).toEqual(['LV /bescheid', 'LV /akte', 'E-Akte /suche']);
      expect(await order('count')).toEqual(['E-Akte /suche', 'LV /bescheid', 'LV /akte']);
      expect(await order('minutes')).toEqual(['LV /akte', 'LV /bescheid', 'E-Akte /suche']);
    });

    it('reports counts, this week against last week, first week and the weekly trend', async () => {
      const report = await seeded.dashboard.hotspots(query('score', '2026-09-07'));

      expect(report.hotspots).toEqual([
        {
          app: 'LV',
          routeTemplate: '/bescheid',
          screenName: 'bescheid',
          count: 3,
          score: 9,
          minutes: 60,
          thisWeek: 2,
          lastWeek: 1,
          firstWeek: '2026-11-16',
        },
        {
          app: 'LV',
          routeTemplate: '/akte',
          screenName: 'akte',
          count: 3,
          score: 6,
          minutes: 90,
          thisWeek: 0,
          lastWeek: 0,
          firstWeek: '2026-10-05',
        },
        {
          app: 'E-Akte',
          routeTemplate: '/suche',
          screenName: 'suche',
          count: 4,
          score: 4,
          minutes: 4,
          thisWeek: 4,
          lastWeek: 0,
          firstWeek: '2026-11-23',
        },
      ]);
      expect(report.totals).toEqual({ count: 10, thisWeek: 6, lastWeek: 1 });
      expect(report.trend.weeks.at(-1)).toBe('2026-11-23');
      expect(report.trend.weeks).toHaveLength(12);
      expect(report.trend.series.map((s) => [s.routeTemplate, s.counts.slice(-2)])).toEqual([
        ['/bescheid', [1, 2]],
        ['/akte', [0, 0]],
        ['/suche', [0, 4]],
      ]);
    });

    it('computes the same ranking from the records when a filter the weekly table lacks is set', async () => {
      const fast = await seeded.dashboard.hotspots(query('score', '2026-09-07'));
      const slow = await seeded.dashboard.hotspots({
        ...query('score', '2026-09-07'),
        filter: { unit: 'Team 123 – Leistung' },
      });
      expect(slow).toEqual(fast);
    });

    it('shows the ranking page in that order, with the new-this-week badge and the chart data', async () => {
      const page = await client.page('/dashboard/hotspots?asOf=2026-11-26&weeks=12&metric=score');
      const rows = [...page.matchAll(/<br><code>([^<]+)<\/code>/g)].map((m) => m[1]);

      expect(rows).toEqual(['/bescheid', '/akte', '/suche']);
      expect(page).toContain('<span class="badge new" title="Erstmals diese Woche gemeldet">neu</span>');
      expect(page).toContain(
        '<p id="hotspot-totals">Summe im Zeitraum: 10 Rückmeldungen; diese Woche 6, Vorwoche 1.',
      );
      expect(page).toMatch(
        /<script type="application\/json" id="trend-data" nonce="[^"]+">\{"weeks":\["2026-09-07",/,
      );
      expect(page).toContain('<script src="/dashboard/assets/uplot.js?v=');
    });

    it('renders the one-page print summary with print CSS and the top ten', async () => {
      const page = await client.page('/dashboard/hotspots/print?asOf=2026-11-26&weeks=0&metric=minutes');
      const css = await (await client.fetch('/dashboard/assets/dashboard.css')).text();

      expect(page).toContain('<h1>Brennpunkte – Zusammenfassung</h1>');
      expect([...page.matchAll(/<br><code>([^<]+)<\/code>/g)].map((m) => m[1])).toEqual([
        '/alt',
        '/akte',
        '/bescheid',
        '/suche',
      ]);
      expect(css).toContain('@media print');
      expect(css).toContain('size: A4 landscape;');
    });

    it('filters, searches and pages the inbox', async () => {
      const count = async (query: string) =>
        /<p role="status" id="result-count">([^<]+)<\/p>/.exec(await client.page(`/dashboard${query}`))?.[1];

      expect(await count('')).toBe('12 Rückmeldungen');
      expect(await count('?app=LV')).toBe('7 Rückmeldungen');
      expect(await count('?app=LV&route=%2Fbescheid&impact=blocks')).toBe('3 Rückmeldungen');
      expect(await count('?from=2026-11-23&to=2026-11-29')).toBe('7 Rückmeldungen');
      expect(await count('?status=new&appt=yes')).toBe('12 Rückmeldungen');
      expect(await count('?q=speichern%20dritt')).toBe('12 Rückmeldungen');
      expect(await count('?q=nirgendwo')).toBe('0 Rückmeldungen');
      expect(await count('?unit=Team%20123%20%E2%80%93%20Leistung&category=cumbersome')).toBe(
        '12 Rückmeldungen',
      );
      const bad = await client.fetch('/dashboard?impact=catastrophic');
      expect(bad.status).toBe(400);
      expect(await bad.text()).toContain('Fehlercode: bad_request');
    });

    it('sorts by minutes lost, most first, with aria-sort on the column', async () => {
      const page = await client.page('/dashboard?sort=minutes&dir=desc');
      const minutes = [...page.matchAll(/<td class="num">(\d+|–)<\/td>/g)].map((m) => m[1]);

      expect(minutes).toEqual(['480', '100', '30', '30', '30', '20', '20', '20', '1', '1', '1', '1']);
      expect(page).toContain(
        '<th scope="col" aria-sort="descending"><a href="/dashboard?sort=minutes&amp;dir=asc">Verlorene Minuten',
      );
    });

    it('exports CSV for German Excel: BOM, semicolons, local dates, CRLF, formula cells neutralised', async () => {
      const record = makeRecord({
        id: '0f6c1f0e-8d43-4c1e-b7a5-3e0b1a3c5d71',
        note: '=HYPERLINK("http://x")',
        createdAt: '2026-11-20T08:15:00.000Z',
        context: at('Kasse', '/zahlung'),
        minutesLost: null,
        duringAppointment: false,
      });
      await seeded.store.ingest([record], {
        batchId: '5b0b6a0e-4a8e-4d55-9a57-0d3c2f1e9b11',
        receivedAt: '2026-11-21T16:40:59.999Z',
      });
      await seeded.store.setStatus(record.id, { status: 'in_review', reply: '-1 Tag; "bald"' });

      const response = await client.fetch('/dashboard/export?format=csv&sep=semicolon&app=Kasse');
      const bytes = Buffer.from(await response.arrayBuffer());

      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
      expect(response.headers.get('content-disposition')).toMatch(
        /^attachment; filename="mitsprache-[\d-]+\.csv"$/,
      );
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(bytes.subarray(3).toString('utf8')).toBe(
        'ID;Erstellt;Empfangen;Anwendung;Bildschirm;Bildschirm (Route);Kategorie;Auswirkung;Im Kundentermin;Verlorene Minuten;Organisationseinheit;Status;Antwort an die Sachbearbeitung;Duplikat von;Notiz;Vom Collector maskiert\r\n' +
          `0f6c1f0e-8d43-4c1e-b7a5-3e0b1a3c5d71;20.11.2026 09:15;21.11.2026 17:40;Kasse;zahlung;/zahlung;Umständlich / zu viele Schritte;Hält auf;nein;;Team 123 – Leistung;In Prüfung;"'-1 Tag; ""bald""";;"'=HYPERLINK(""http://x"")";0\r\n`,
      );

      const comma = await client.fetch('/dashboard/export?format=csv&sep=comma&app=Kasse');
      const text = Buffer.from(await comma.arrayBuffer()).toString('utf8');
      expect(text.split('\r\n')[1]).toBe(
        `0f6c1f0e-8d43-4c1e-b7a5-3e0b1a3c5d71,20.11.2026 09:15,21.11.2026 17:40,Kasse,zahlung,/zahlung,Umständlich / zu viele Schritte,Hält auf,nein,,Team 123 – Leistung,In Prüfung,"'-1 Tag; ""bald""",,"'=HYPERLINK(""http://x"")",0`,
      );
    });

    it('exports JSON and NDJSON of the current filter, with the record as received', async () => {
      const ndjson = await (
        await client.fetch('/dashboard/export?format=ndjson&app=LV&route=%2Fbescheid&sort=created&dir=asc')
      ).text();
      const lines = ndjson
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line));
      const json = JSON.parse(
        await (
          await client.fetch('/dashboard/export?format=json&app=LV&route=%2Fbescheid&sort=created&dir=asc')
        ).text(),
      );
      const expected = records
        .filter((r) => r.context.routeTemplate === '/bescheid')
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || 0)
        .map(asStored);

      expect(lines.map((line) => line.record)).toEqual(expect.arrayContaining(expected));
      expect(lines).toHaveLength(3);
      expect(lines[0]).toEqual({
        id: expected[0]?.id,
        receivedAt: '2026-11-25T10:05:00.120Z',
        batchId: expect.any(String),
        status: null,
        reply: null,
        duplicateOf: null,
        caughtByCollector: {},
        record: expected[0],
      });
      expect(json).toEqual(lines);
      const empty = await (await client.fetch('/dashboard/export?format=json&app=none')).text();
      expect(empty).toBe('[]\n');
    });
  });
});
