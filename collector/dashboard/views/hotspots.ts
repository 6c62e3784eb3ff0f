import { MASK_LABELS, type MaskKind } from '../../../utils/redact/kinds';
import { Impact } from '../../../utils/schema/record';
import { addDays, weekOf } from '../../store/dashboard-sql';
import type {
  FilterOptions,
  Hotspot,
  HotspotMetric,
  HotspotReport,
  LeakWeek,
} from '../../store/dashboard-types';
import type { ChangeMarker } from '../../store/question-types';
import { HOTSPOT_PERIODS, type HotspotParams, hotspotDefaults } from '../filters';
import { formatDate, formatDateTime } from '../format';
import { type Html, html, jsonScript } from '../html';
import { dayField, layout, type PageContext, selectField } from './layout';

/** The period a report covers, as dates for headings. */
export interface ReportPeriod {
  /** First day (Monday) or null for all time. */
  fromWeek: string | null;
  thisWeek: string;
}

function query(params: HotspotParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function metricLabel(page: PageContext, metric: HotspotMetric): string {
  return page.t.t(
    metric === 'count' ? 'metricCount' : metric === 'score' ? 'metricScoreShort' : 'metricMinutes',
  );
}

function change(hotspot: Hotspot): Html {
  const delta = hotspot.thisWeek - hotspot.lastWeek;
  if (delta === 0) return html`±0`;
  return delta > 0 ? html`<span class="up">+${delta}</span>` : html`<span class="down">${delta}</span>`;
}

function rankingTable(
  page: PageContext,
  report: HotspotReport,
  metric: HotspotMetric,
  period: ReportPeriod,
  links: boolean,
): Html {
  const { t } = page;
  if (report.hotspots.length === 0) return html`<p>${t.t('noHotspots')}</p>`;
  const sorted = (m: HotspotMetric) => (m === metric ? html` aria-sort="descending"` : '');
  return html`<table id="hotspot-table">
<caption>${t.t('hotspotsTitle')} – ${t.t('rankBy')}: ${metricLabel(page, metric)}</caption>
<thead><tr>
<th scope="col" class="num">${t.t('rank')}</th>
<th scope="col">${t.t('app')}</th>
<th scope="col">${t.t('screen')}</th>
<th scope="col" class="num"${sorted('count')}>${t.t('metricCount')}</th>
<th scope="col" class="num"${sorted('score')}>${t.t('metricScoreShort')}</th>
<th scope="col" class="num"${sorted('minutes')}>${t.t('metricMinutes')}</th>
<th scope="col" class="num">${t.t('thisWeek')}</th>
<th scope="col" class="num">${t.t('lastWeek')}</th>
<th scope="col" class="num">${t.t('change')}</th>
</tr></thead>
<tbody>
${report.hotspots.map((hotspot, i) => {
  const inbox = `/dashboard?${new URLSearchParams({ app: hotspot.app, route: hotspot.routeTemplate })}`;
  const isNew = hotspot.firstWeek === period.thisWeek;
  return html`<tr>
<td class="num">${i + 1}</td>
<td>${hotspot.app}</td>
<td>${links ? html`<a href="${inbox}">${hotspot.screenName || hotspot.routeTemplate}</a>` : hotspot.screenName || hotspot.routeTemplate}<br><code>${hotspot.routeTemplate}</code>${isNew ? html` <span class="badge new" title="${t.t('newThisWeekLong')}">${t.t('newThisWeek')}</span>` : ''}</td>
<td class="num">${hotspot.count}</td>
<td class="num">${hotspot.score}</td>
<td class="num">${hotspot.minutes}</td>
<td class="num">${hotspot.thisWeek}</td>
<td class="num">${hotspot.lastWeek}</td>
<td class="num">${change(hotspot)}</td>
</tr>`;
})}
</tbody>
</table>`;
}

/** The week (Monday) a marker's day falls in. */
function markerWeek(marker: ChangeMarker): string {
  return weekOf(new Date(`${marker.day}T12:00:00.000Z`));
}

/**
 * The trend chart and its table; change markers (issue #18) within its weeks are drawn as lines on
 * the chart, named in the table's week rows and listed below with a link to their before/after.
 */
function trendFigure(page: PageContext, report: HotspotReport, markers: readonly ChangeMarker[] = []): Html {
  const { t } = page;
  const { weeks, series } = report.trend;
  if (series.length === 0 || weeks.length === 0) return html``;
  const shown = markers.filter((marker) => weeks.includes(markerWeek(marker)));
  const markersOf = (week: string) => shown.filter((marker) => markerWeek(marker) === week);
  const short = (s: { app: string; routeTemplate: string }) => {
    const hotspot = report.hotspots.find((h) => h.app === s.app && h.routeTemplate === s.routeTemplate);
    return `${s.app}: ${hotspot?.screenName || s.routeTemplate}`;
  };
  // Two routes of one application often share a screen name ("Suche"); the route tells their lines apart.
  const labels = series.map(short);
  const label = (s: { app: string; routeTemplate: string }) => {
    const text = short(s);
    return labels.filter((other) => other === text).length > 1 ? `${text} (${s.routeTemplate})` : text;
  };
  const data = {
    weeks,
    lang: t.lang,
    weekLabel: t.t('week'),
    yLabel: t.t('metricCount'),
    series: series.map((s) => ({ label: label(s), counts: s.counts })),
    markers: shown.map((marker) => ({ day: marker.day, title: marker.title })),
  };
  return html`<figure aria-labelledby="trend-caption">
<figcaption id="trend-caption"><h2>${t.t('trend', { n: series.length })}</h2></figcaption>
<div id="trend-chart" class="chart" role="img" aria-label="${t.t('trend', { n: series.length })}"></div>
<script type="application/json" id="trend-data" nonce="${page.nonce}">${jsonScript(data)}</script>
<details class="no-print"><summary>${t.t('trendTable')}</summary>
<table><thead><tr><th scope="col">${t.t('week')}</th>${series.map((s) => html`<th scope="col" class="num">${label(s)}</th>`)}</tr></thead>
<tbody>${weeks.map(
    (week, i) =>
      html`<tr><th scope="row">${formatDate(`${week}T12:00:00.000Z`)}${markersOf(week).map((marker) => html` – ${t.t('trendMarkerRow', { title: marker.title })}`)}</th>${series.map((s) => html`<td class="num">${s.counts[i]}</td>`)}</tr>`,
  )}</tbody></table>
</details>
${
  shown.length === 0
    ? ''
    : html`<h3 id="trend-markers-heading">${t.t('trendMarkers')}</h3>
<ul id="trend-markers" aria-labelledby="trend-markers-heading">${shown.map(
        (marker) =>
          html`<li><a href="/dashboard/markers/${marker.id}">${formatDate(`${marker.day}T12:00:00.000Z`)} – ${marker.title}</a></li>`,
      )}</ul>`
}
</figure>`;
}

function kindLabel(page: PageContext, kind: string): string {
  if (kind === 'url-segment') return page.t.t('leakKindUrlSegment');
  if (kind === 'url-param') return page.t.t('leakKindUrlParam');
  if (kind === 'url-part') return page.t.t('leakKindUrlPart');
  // The placeholder itself: what officers see in the notes.
  return kind in MASK_LABELS ? MASK_LABELS[kind as MaskKind] : kind;
}

/**
 * The leak figure: per week of arrival, what the collector's second line masked (second-line.ts).
 * Newest week first; weeks with nothing caught are listed too, since a zero is the expected answer.
 */
function leakSection(page: PageContext, leaks: readonly LeakWeek[]): Html {
  const { t } = page;
  if (leaks.length === 0) return html``;
  const any = leaks.some((week) => week.masks > 0);
  const rows = [...leaks].reverse();
  return html`<section id="leaks" aria-labelledby="leaks-heading">
<h2 id="leaks-heading">${t.t('leakTitle')}</h2>
<p id="leaks-explain">${t.t('leakExplain')}</p>
${any ? '' : html`<p id="leaks-none">${t.t('leakNone')}</p>`}
<table id="leak-table" aria-describedby="leaks-explain">
<caption>${t.t('leakTitle')}</caption>
<thead><tr>
<th scope="col">${t.t('leakWeek')}</th>
<th scope="col" class="num">${t.t('leakRecords')}</th>
<th scope="col" class="num">${t.t('leakMasks')}</th>
<th scope="col">${t.t('leakKinds')}</th>
</tr></thead>
<tbody>${rows.map(
    (week) => html`<tr data-week="${week.week}">
<th scope="row">${formatDate(`${week.week}T12:00:00.000Z`)}</th>
<td class="num">${week.records}</td>
<td class="num">${week.masks}</td>
<td>${Object.entries(week.kinds)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([kind, n]) => `${kindLabel(page, kind)} ${n}`)
      .join(', ')}</td>
</tr>`,
  )}</tbody>
</table>
</section>`;
}

function totalsLine(page: PageContext, report: HotspotReport): Html {
  return html`<p id="hotspot-totals">${page.t.t('totals', {
    count: report.totals.count,
    thisWeek: report.totals.thisWeek,
    lastWeek: report.totals.lastWeek,
  })} ${page.t.t('duplicatesExcluded')}</p>`;
}

function periodText(page: PageContext, period: ReportPeriod): string {
  const to = formatDate(`${addDays(period.thisWeek, 6)}T12:00:00.000Z`);
  return period.fromWeek
    ? page.t.t('periodText', { from: formatDate(`${period.fromWeek}T12:00:00.000Z`), to })
    : `${page.t.t('allTime')} (${to})`;
}

/** The hotspot view: filter form, totals, trend chart and the ranking. */
export function hotspotsPage(
  page: PageContext,
  params: HotspotParams,
  options: FilterOptions,
  report: HotspotReport,
  period: ReportPeriod,
  leaks: readonly LeakWeek[] = [],
  incidents: Html = html``,
  markers: readonly ChangeMarker[] = [],
  /** The hub's notices and comparison for the ranked screens (issue #19). */
  hub: Html = html``,
): Html {
  const { t } = page;
  const { weeks, metric } = hotspotDefaults(params);
  const any: [string, string] = ['', t.t('any')];
  return layout(page, {
    title: t.t('hotspotsTitle'),
    section: 'hotspots',
    chart: true,
    body: html`<h1>${t.t('hotspotsTitle')}</h1>
<form method="get" action="/dashboard/hotspots">
<fieldset><legend>${t.t('filters')}</legend>
<div class="fields">
${selectField(
  'h-metric',
  'metric',
  t.t('rankBy'),
  [
    ['score', t.t('metricScore')],
    ['count', t.t('metricCount')],
    ['minutes', t.t('metricMinutes')],
  ] as const,
  metric,
)}
${selectField(
  'h-weeks',
  'weeks',
  t.t('period'),
  HOTSPOT_PERIODS.map((n) => [String(n), n === 0 ? t.t('allTime') : t.t('weeks', { n })] as const),
  String(weeks),
)}
${dayField(page, 'h-asof', 'asOf', t.t('asOf'), params.asOf)}
${selectField('h-app', 'app', t.t('app'), [any, ...options.apps.map((a) => [a, a] as const)], params.app)}
${selectField(
  'h-category',
  'category',
  t.t('category'),
  [any, ...options.categories.map((id) => [id, t.category(id)] as const)],
  params.category,
)}
${selectField('h-impact', 'impact', t.t('impact'), [any, ...Impact.options.map((i) => [i, t.impact(i)] as const)], params.impact)}
${selectField('h-appt', 'appt', t.t('appointment'), [any, ['yes', t.t('yes')], ['no', t.t('no')]], params.appt)}
${selectField('h-unit', 'unit', t.t('unit'), [any, ...options.units.map((u) => [u, u] as const)], params.unit)}
</div>
<div class="actions"><button type="submit">${t.t('show')}</button><a href="/dashboard/hotspots/print${query(params)}">${t.t('printView')}</a></div>
</fieldset>
</form>
<p>${periodText(page, period)}</p>
${totalsLine(page, report)}
${trendFigure(page, report, markers)}
<h2>${t.t('rank')}</h2>
${rankingTable(page, report, metric, period, true)}
${hub}
${incidents}
${leakSection(page, leaks)}`,
  });
}

/** One printable page for a management meeting: period, totals, top ten, trend. */
export function printPage(
  page: PageContext,
  params: HotspotParams,
  report: HotspotReport,
  period: ReportPeriod,
  leaks: readonly LeakWeek[] = [],
  markers: readonly ChangeMarker[] = [],
): Html {
  const { t } = page;
  const { metric } = hotspotDefaults(params);
  return html`<!doctype html>
<html lang="${t.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.t('summaryTitle')} – ${t.t('appName')}</title>
<link rel="stylesheet" href="${page.assets.css}">
<link rel="stylesheet" href="${page.assets.uplotCss}">
</head>
<body>
<main class="print-page" id="main">
<p class="no-print actions"><a href="/dashboard/hotspots${query(params)}">${t.t('navHotspots')}</a><button type="button" data-print hidden>${t.t('print')}</button></p>
<h1>${t.t('summaryTitle')}</h1>
<p>${periodText(page, period)} · ${t.t('generatedAt', { date: formatDateTime(new Date().toISOString()) })}${params.app ? ` · ${t.t('app')}: ${params.app}` : ''}</p>
${totalsLine(page, report)}
${rankingTable(page, { ...report, hotspots: report.hotspots.slice(0, 10) }, metric, period, false)}
${trendFigure(page, report, markers)}
${leakSection(page, leaks)}
</main>
<script src="${page.assets.uplotJs}" nonce="${page.nonce}"></script>
<script src="${page.assets.js}" nonce="${page.nonce}"></script>
</body>
</html>
`;
}
