import { Impact } from '../../../utils/schema/record';
import { OfficerStatus } from '../../../utils/schema/wire';
import type { FilterOptions, InboxPage, SortKey } from '../../store/dashboard-types';
import { type FilterParams, filterQuery, toRecordSort } from '../filters';
import { formatDateTime } from '../format';
import { type Html, html } from '../html';
import { csrfField, dayField, layout, type PageContext, selectField } from './layout';

/** Rows per inbox page. */
export const PAGE_SIZE = 50;

const SORTABLE: readonly { key: SortKey; label: 'created' | 'app' | 'impact' | 'minutes' | 'status' }[] = [
  { key: 'created', label: 'created' },
  { key: 'app', label: 'app' },
  { key: 'impact', label: 'impact' },
  { key: 'minutes', label: 'minutes' },
  { key: 'status', label: 'status' },
];

function filterForm(page: PageContext, params: FilterParams, options: FilterOptions): Html {
  const { t } = page;
  const any: [string, string] = ['', t.t('any')];
  const routes = options.routes.filter((route) => !params.app || route.app === params.app);
  return html`<form method="get" action="/dashboard" role="search" aria-labelledby="filters-legend">
<fieldset><legend id="filters-legend">${t.t('filters')}</legend>
<div class="fields">
<div class="field"><label for="f-q">${t.t('search')}</label><input type="search" id="f-q" name="q" maxlength="200" value="${params.q ?? ''}"></div>
${dayField(page, 'f-from', 'from', t.t('from'), params.from)}
${dayField(page, 'f-to', 'to', t.t('to'), params.to)}
${selectField('f-app', 'app', t.t('app'), [any, ...options.apps.map((app) => [app, app] as const)], params.app)}
${selectField(
  'f-route',
  'route',
  t.t('route'),
  [any, ...[...new Set(routes.map((route) => route.routeTemplate))].map((route) => [route, route] as const)],
  params.route,
)}
${selectField(
  'f-category',
  'category',
  t.t('category'),
  [any, ...options.categories.map((id) => [id, t.category(id)] as const)],
  params.category,
)}
${selectField('f-impact', 'impact', t.t('impact'), [any, ...Impact.options.map((i) => [i, t.impact(i)] as const)], params.impact)}
${selectField(
  'f-appt',
  'appt',
  t.t('appointment'),
  [any, ['yes', t.t('yes')], ['no', t.t('no')]],
  params.appt,
)}
${selectField(
  'f-status',
  'status',
  t.t('status'),
  [any, ['new', t.status(null)], ...OfficerStatus.options.map((s) => [s, t.status(s)] as const)],
  params.status,
)}
${selectField('f-unit', 'unit', t.t('unit'), [any, ...options.units.map((unit) => [unit, unit] as const)], params.unit)}
</div>
<input type="hidden" name="sort" value="${params.sort ?? ''}">
<input type="hidden" name="dir" value="${params.dir ?? ''}">
<div class="actions"><button type="submit">${t.t('applyFilters')}</button><a href="/dashboard">${t.t('resetFilters')}</a></div>
</fieldset>
</form>`;
}

function sortHeader(page: PageContext, params: FilterParams, key: SortKey, label: string): Html {
  const sort = toRecordSort(params);
  const active = sort.key === key;
  // First click sorts descending (largest, newest, worst first), a second click flips it.
  const dir = active && sort.dir === 'desc' ? 'asc' : 'desc';
  const href = `/dashboard${filterQuery(params, { sort: key, dir })}`;
  const ariaSort = active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined;
  return html`<th scope="col"${ariaSort ? html` aria-sort="${ariaSort}"` : ''}><a href="${href}">${label}<span class="visually-hidden"> – ${
    active ? page.t.t(sort.dir === 'asc' ? 'sortedAsc' : 'sortedDesc') : page.t.t('sortBy', { column: label })
  }</span></a></th>`;
}

function resultsTable(page: PageContext, params: FilterParams, result: InboxPage): Html {
  const { t } = page;
  if (result.rows.length === 0) return html`<p>${t.t('noResults')}</p>`;
  const header = (key: SortKey) => {
    const entry = SORTABLE.find((s) => s.key === key);
    return sortHeader(page, params, key, t.t(entry?.label ?? 'created'));
  };
  // Fits 1,280 px (issue #16 item 11): the note is the widest column, right after the date; the
  // facts officers rarely sort by (category, appointment, unit) form a second line under it.
  return html`<table id="inbox-table">
<caption class="visually-hidden">${t.t('inboxTitle')}</caption>
<thead><tr>
<th scope="col"><input type="checkbox" id="select-all" data-select-all aria-label="${t.t('selectAll')}"></th>
${header('created')}
<th scope="col">${t.t('note')}</th>
${header('app')}
${header('impact')}
${header('minutes')}
${header('status')}
</tr></thead>
<tbody>
${result.rows.map((row) => {
  const created = formatDateTime(row.createdAt);
  const facts = [
    t.category(row.category),
    `${t.t('appointment')}: ${row.duringAppointment ? t.t('yes') : t.t('no')}`,
    ...(row.unit ? [`${t.t('unit')}: ${row.unit}`] : []),
  ];
  return html`<tr>
<td><input type="checkbox" name="ids" value="${row.id}" id="sel-${row.id}" aria-label="${t.t('selectRecord', { date: `${created} – ${row.app}` })}"></td>
<td class="date-cell"><a href="/dashboard/records/${row.id}">${created}</a></td>
<td class="note-cell"><span class="row-note">${row.note}</span><span class="row-facts">${facts.join(' · ')}</span></td>
<td class="screen-cell">${row.app}<br>${row.screenName}<br><code>${row.routeTemplate}</code></td>
<td>${t.impact(row.impact)}</td>
<td class="num">${row.minutesLost ?? '–'}</td>
<td>${t.status(row.status)}${row.duplicateOf ? html` <span class="badge">${t.t('duplicateBadge')}</span>` : ''}</td>
</tr>`;
})}
</tbody>
</table>`;
}

function bulkActions(page: PageContext): Html {
  const { t } = page;
  return html`<fieldset><legend>${t.t('bulkTitle')}</legend>
<div class="fields">
${selectField(
  'b-action',
  'action',
  t.t('action'),
  [
    ['status', t.t('actionStatus')],
    ['duplicate', t.t('actionDuplicate')],
  ] as const,
  'status',
)}
${selectField(
  'b-status',
  'status',
  t.t('newStatus'),
  OfficerStatus.options.map((s) => [s, t.status(s)] as const),
  'in_review',
)}
<div class="field"><label for="b-of">${t.t('duplicateTarget')}</label><input type="text" id="b-of" name="of" maxlength="36" aria-describedby="b-of-hint"><p class="hint" id="b-of-hint">${t.t('duplicateTargetHint')}</p></div>
</div>
<div class="field"><label for="b-reply">${t.t('reply')}</label><textarea id="b-reply" name="reply" maxlength="2000" aria-describedby="b-reply-hint"></textarea><p class="hint" id="b-reply-hint">${t.t('replyBulkHint')}</p></div>
<div class="actions"><button type="submit">${t.t('applyToSelection')}</button></div>
</fieldset>`;
}

function pager(page: PageContext, params: FilterParams, result: InboxPage): Html {
  const { t } = page;
  const current = params.page ?? 1;
  const hasNext = result.hasMore;
  const link = (n: number) =>
    `/dashboard${filterQuery(params, { sort: params.sort, dir: params.dir, page: String(n) })}`;
  return html`<nav class="pager" aria-label="${t.t('pages')}"><ul class="pager-list">
${current > 1 ? html`<li><a href="${link(current - 1)}" rel="prev">${t.t('previous')}</a></li>` : ''}
<li aria-current="page">${t.t('pageOf', { page: current })}</li>
${hasNext ? html`<li><a href="${link(current + 1)}" rel="next">${t.t('next')}</a></li>` : ''}
</ul></nav>`;
}

function exportForm(page: PageContext, params: FilterParams): Html {
  const { t } = page;
  const hidden = [...new URLSearchParams(filterQuery(params, { sort: params.sort, dir: params.dir }))];
  return html`<form method="get" action="/dashboard/export">
<fieldset><legend>${t.t('exportTitle')}</legend>
${hidden.map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
<div class="fields">
${selectField(
  'e-format',
  'format',
  t.t('format'),
  [
    ['csv', t.t('exportCsv')],
    ['json', t.t('exportJson')],
    ['ndjson', t.t('exportNdjson')],
  ] as const,
  'csv',
)}
${selectField(
  'e-sep',
  'sep',
  t.t('separator'),
  [
    ['semicolon', t.t('semicolon')],
    ['comma', t.t('comma')],
  ] as const,
  t.lang === 'de' ? 'semicolon' : 'comma',
)}
</div>
<div class="actions"><button type="submit">${t.t('download')}</button></div>
</fieldset>
</form>`;
}

/** The inbox: filters, the page of records with bulk actions, paging and export. */
export function inboxPage(
  page: PageContext,
  params: FilterParams,
  options: FilterOptions,
  result: InboxPage,
  notice?: string,
  /** Filtered to one screen: the hub's notices and comparison for it (issue #19). */
  hub: Html = html``,
): Html {
  const { t } = page;
  const count = result.totalCapped
    ? t.t('resultsMore', { n: result.total.toLocaleString(t.lang) })
    : result.total === 1
      ? t.t('resultsOne')
      : t.t('results', { n: result.total.toLocaleString(t.lang) });
  return layout(page, {
    title: t.t('inboxTitle'),
    section: 'inbox',
    body: html`<h1>${t.t('inboxTitle')}</h1>
${notice ? html`<div class="notice" role="status"><p>${notice}</p></div>` : ''}
${filterForm(page, params, options)}
${hub}
<p role="status" id="result-count">${count}</p>
<form method="post" action="/dashboard/bulk">
${csrfField(page.officer)}
<input type="hidden" name="back" value="${page.here}">
${resultsTable(page, params, result)}
${pager(page, params, result)}
${result.rows.length > 0 ? bulkActions(page) : ''}
</form>
${exportForm(page, params)}`,
  });
}
