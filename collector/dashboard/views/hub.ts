import type { HubNotice } from '../../hub/protocol';
import { MEDIAN_MIN_JOB_CENTRES } from '../../store/hub';
import type {
  HubHotspot,
  HubJobCentreFigures,
  HubRankedScreen,
  HubReceipt,
  HubStoredNote,
  HubTrendWeek,
} from '../../store/hub-types';
import { formatDateTime } from '../format';
import { type Html, html } from '../html';
import { csrfField, layout, type PageContext, selectField } from './layout';

// The hub's pages (issue #19): the ranking across job centres, one screen's trend and notes, the shared
// notes, the notices published back down, and the vendor's print report. Only counts and medians unless
// the hub's configuration shows individual job centres.

/** The weeks an officer may look back. */
export const HUB_WEEK_CHOICES = [4, 12, 26, 52] as const;

/** What the filters chose, and the ISO weeks that makes. */
export interface HubPeriod {
  weeks: number;
  app?: string;
  from: string;
  to: string;
}

/** A job centre as the hub's pages name it. */
export interface HubJobCentreName {
  id: string;
  name: string;
}

function number(page: PageContext, value: number): string {
  return new Intl.NumberFormat(page.t.lang === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 1 }).format(
    value,
  );
}

function screenLabel(page: PageContext, screen: string): string {
  return screen === '*' ? page.t.t('hubWholeApp') : screen;
}

/** The query string of a period (and a screen), for links that keep the filters. */
export function periodQuery(period: HubPeriod, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({
    weeks: String(period.weeks),
    ...(period.app ? { app: period.app } : {}),
    ...extra,
  });
  return `?${params.toString()}`;
}

function screenHref(period: HubPeriod, app: string, screen: string): string {
  return `/dashboard/hub/screen${periodQuery({ ...period, app: undefined }, { app, screen })}`;
}

function filterForm(page: PageContext, period: HubPeriod, apps: readonly string[], action: string): Html {
  const { t } = page;
  return html`<form method="get" action="${action}" class="filters" aria-label="${t.t('filters')}">
${selectField(
  'hub-weeks',
  'weeks',
  t.t('hubWeeks'),
  HUB_WEEK_CHOICES.map((n) => [String(n), t.t('hubWeeksN', { n })] as const),
  String(period.weeks),
)}
${selectField('hub-app', 'app', t.t('app'), [['', t.t('any')], ...apps.map((app) => [app, app] as const)], period.app ?? '')}
<div class="field"><button type="submit">${t.t('applyFilters')}</button></div>
</form>`;
}

function periodLine(page: PageContext, period: HubPeriod): Html {
  return html`<p>${page.t.t('hubPeriod', { from: period.from, to: period.to })}${period.app ? ` · ${page.t.t('app')}: ${period.app}` : ''}</p>`;
}

function median(page: PageContext, hotspot: HubHotspot, value: number): Html {
  // Of two job centres, the median and one's own figure would reveal the other's (store/hub.ts).
  return hotspot.jobCentres >= MEDIAN_MIN_JOB_CENTRES
    ? html`${number(page, value)}`
    : html`–<span class="visually-hidden"> (${page.t.t('hubMedianHidden')})</span>`;
}

function rankingTable(
  page: PageContext,
  ranking: readonly HubRankedScreen[],
  total: number,
  period: HubPeriod,
  links: boolean,
): Html {
  const { t } = page;
  if (ranking.length === 0) return html`<p>${t.t('hubNoData')}</p>`;
  return html`<table class="hub-ranking">
<caption>${t.t('hubRankingTitle')}</caption>
<thead><tr><th scope="col">${t.t('hubRank')}</th><th scope="col">${t.t('app')}</th><th scope="col">${t.t('screen')}</th><th scope="col">${t.t('hubAffected')}</th><th scope="col">${t.t('minutes')}</th><th scope="col">${t.t('hubNotes')}</th></tr></thead>
<tbody>${ranking.map(
    (hotspot, index) => html`<tr>
<td>${index + 1}</td>
<td>${hotspot.app}</td>
<th scope="row">${
      links
        ? html`<a href="${screenHref(period, hotspot.app, hotspot.screen)}">${screenLabel(page, hotspot.screen)}<span class="visually-hidden"> (${hotspot.app})</span></a>`
        : screenLabel(page, hotspot.screen)
    }</th>
<td>${t.t('hubAffectedOf', { n: hotspot.jobCentres, total: Math.max(total, hotspot.jobCentres) })}</td>
<td>${number(page, hotspot.minutesLost)}</td>
<td>${number(page, hotspot.notes)}</td>
</tr>`,
  )}</tbody>
</table>`;
}

function receiptsTable(
  page: PageContext,
  receipts: readonly HubReceipt[],
  centres: readonly HubJobCentreName[],
): Html {
  const { t } = page;
  const last = new Map(receipts.map((receipt) => [receipt.jobCentre, receipt.lastPushAt]));
  return html`<section aria-labelledby="hub-receipts"><h2 id="hub-receipts">${t.t('hubReceipts')}</h2>
<table><thead><tr><th scope="col">${t.t('hubJobCentre')}</th><th scope="col">${t.t('hubLastPush')}</th></tr></thead>
<tbody>${centres.map((centre) => {
    const at = last.get(centre.id);
    return html`<tr><th scope="row">${centre.name}</th><td>${at ? formatDateTime(at) : t.t('hubNever')}</td></tr>`;
  })}</tbody></table></section>`;
}

/** The ranking across job centres, with filters, downloads and the job centres' last deliveries. */
export function hubRankingPage(
  page: PageContext,
  period: HubPeriod,
  apps: readonly string[],
  ranking: readonly HubRankedScreen[],
  total: number,
  receipts: readonly HubReceipt[],
  centres: readonly HubJobCentreName[],
): Html {
  const { t } = page;
  return layout(page, {
    title: t.t('hubRankingTitle'),
    section: 'hubRanking',
    body: html`<h1>${t.t('hubRankingTitle')}</h1>
<p>${t.t('hubRankingIntro')}</p>
${filterForm(page, period, apps, '/dashboard/hub')}
${periodLine(page, period)}
<p class="actions"><a href="/dashboard/hub/export.csv${periodQuery(period)}" download>${t.t('hubCsv')}</a> <a href="/dashboard/hub/print${periodQuery(period)}">${t.t('hubPrint')}</a></p>
${rankingTable(page, ranking, total, period, true)}
${receiptsTable(page, receipts, centres)}`,
  });
}

function noticeKindLabel(page: PageContext, kind: HubNotice['kind']): string {
  if (kind === 'known-issue') return page.t.t('hubKindKnownIssue');
  return kind === 'workaround' ? page.t.t('hubKindWorkaround') : page.t.t('hubKindFixed');
}

function noticeText(page: PageContext, notice: HubNotice): string {
  const text = page.t.lang === 'en' && notice.text.en ? notice.text.en : notice.text.de;
  return notice.kind === 'fixed' && notice.fixedIn ? `${text} (${notice.fixedIn})` : text;
}

function notesList(page: PageContext, notes: readonly HubStoredNote[]): Html {
  const { t } = page;
  if (notes.length === 0) return html`<p>${t.t('hubNoNotes')}</p>`;
  return html`<ul class="hub-notes">${notes.map(
    (
      note,
    ) => html`<li><p><span class="muted">${note.week} · ${t.category(note.category)} · ${t.impact(note.impact)}</span></p>
<blockquote>${note.text}</blockquote>
${note.reply ? html`<p><strong>${t.t('hubReply')}:</strong> ${note.reply}</p>` : ''}</li>`,
  )}</ul>`;
}

/** One screen: its trend, the notices on it, its shared notes, and each job centre's figures if allowed. */
export function hubScreenPage(
  page: PageContext,
  period: HubPeriod,
  screen: { app: string; screen: string },
  summary: { hotspot: HubHotspot | null; total: number },
  trend: readonly HubTrendWeek[],
  notices: readonly HubNotice[],
  notes: readonly HubStoredNote[],
  figures: readonly (HubJobCentreFigures & { name: string })[] | null,
): Html {
  const { t } = page;
  const title = t.t('hubScreenTitle', { screen: screenLabel(page, screen.screen), app: screen.app });
  return layout(page, {
    title,
    section: 'hubRanking',
    body: html`<p><a href="/dashboard/hub${periodQuery(period)}">${t.t('navHubRanking')}</a></p>
<h1>${title}</h1>
${periodLine(page, period)}
${
  summary.hotspot
    ? html`<dl class="hub-summary">
<dt>${t.t('hubAffected')}</dt><dd>${t.t('hubAffectedOf', { n: summary.hotspot.jobCentres, total: Math.max(summary.total, summary.hotspot.jobCentres) })}</dd>
<dt>${t.t('minutes')}</dt><dd>${number(page, summary.hotspot.minutesLost)}</dd>
<dt>${t.t('hubNotes')}</dt><dd>${number(page, summary.hotspot.notes)}</dd>
<dt>${t.t('hubMedianMinutes')}</dt><dd>${median(page, summary.hotspot, summary.hotspot.medianMinutesLost)}</dd>
<dt>${t.t('hubMedianNotes')}</dt><dd>${median(page, summary.hotspot, summary.hotspot.medianNotes)}</dd>
</dl>`
    : ''
}
<section aria-labelledby="hub-trend"><h2 id="hub-trend">${t.t('hubTrend')}</h2>
${
  trend.length === 0
    ? html`<p>${t.t('hubNoData')}</p>`
    : html`<table><thead><tr><th scope="col">${t.t('hubWeek')}</th><th scope="col">${t.t('hubAffected')}</th><th scope="col">${t.t('minutes')}</th><th scope="col">${t.t('hubNotes')}</th></tr></thead>
<tbody>${trend.map(
        (week) =>
          html`<tr><th scope="row">${week.week}</th><td>${number(page, week.jobCentres)}</td><td>${number(page, week.minutesLost)}</td><td>${number(page, week.notes)}</td></tr>`,
      )}</tbody></table>`
}</section>
<section aria-labelledby="hub-screen-notices"><h2 id="hub-screen-notices">${t.t('hubNoticesForScreen')}</h2>
${
  notices.length === 0
    ? html`<p>${t.t('hubNoNotices')}</p>`
    : html`<ul>${notices.map((notice) => html`<li><strong>${noticeKindLabel(page, notice.kind)}:</strong> ${noticeText(page, notice)}</li>`)}</ul>`
}
<p><a href="/dashboard/hub/notices${periodQuery({ ...period, app: undefined }, { app: screen.app, screen: screen.screen })}#hub-new-notice">${t.t('hubNewNotice')}</a></p>
</section>
<section aria-labelledby="hub-screen-notes"><h2 id="hub-screen-notes">${t.t('hubSharedNotes')}</h2>
${notesList(page, notes)}</section>
<section aria-labelledby="hub-figures"><h2 id="hub-figures">${t.t('hubJobCentreFigures')}</h2>
${
  figures === null
    ? html`<p>${t.t('hubJobCentreFiguresHidden')}</p>`
    : html`<table><thead><tr><th scope="col">${t.t('hubJobCentre')}</th><th scope="col">${t.t('minutes')}</th><th scope="col">${t.t('hubNotes')}</th></tr></thead>
<tbody>${figures.map(
        (one) =>
          html`<tr><th scope="row">${one.name}</th><td>${number(page, one.minutesLost)}</td><td>${number(page, one.notes)}</td></tr>`,
      )}</tbody></table>`
}</section>`,
  });
}

/** Group notes by application and screen, in the store's order. */
function byScreen(
  notes: readonly HubStoredNote[],
): { app: string; screen: string; notes: HubStoredNote[] }[] {
  const groups: { app: string; screen: string; notes: HubStoredNote[] }[] = [];
  for (const note of notes) {
    const last = groups.at(-1);
    if (last && last.app === note.app && last.screen === note.screen) last.notes.push(note);
    else groups.push({ app: note.app, screen: note.screen, notes: [note] });
  }
  return groups;
}

/** The shared notes with their workarounds, grouped by screen. */
export function hubNotesPage(
  page: PageContext,
  period: HubPeriod,
  apps: readonly string[],
  notes: readonly HubStoredNote[],
): Html {
  const { t } = page;
  return layout(page, {
    title: t.t('hubSharedNotes'),
    section: 'hubNotes',
    body: html`<h1>${t.t('hubSharedNotes')}</h1>
<p>${t.t('hubSharedNotesIntro')}</p>
${filterForm(page, period, apps, '/dashboard/hub/notes')}
${periodLine(page, period)}
${
  notes.length === 0
    ? html`<p>${t.t('hubNoNotes')}</p>`
    : byScreen(notes).map(
        (
          group,
          index,
        ) => html`<section aria-labelledby="hub-notes-${index}"><h2 id="hub-notes-${index}"><a href="${screenHref(period, group.app, group.screen)}">${t.t('hubScreenTitle', { screen: screenLabel(page, group.screen), app: group.app })}</a></h2>
${notesList(page, group.notes)}</section>`,
      )
}`,
  });
}

/** The fields of a notice, empty or filled with one to edit. */
function noticeFields(page: PageContext, prefix: string, notice: Partial<HubNotice>): Html {
  const { t } = page;
  return html`${selectField(
    `${prefix}-kind`,
    'kind',
    t.t('hubNoticeKind'),
    [
      ['known-issue', t.t('hubKindKnownIssue')],
      ['workaround', t.t('hubKindWorkaround')],
      ['fixed', t.t('hubKindFixed')],
    ],
    notice.kind ?? 'known-issue',
  )}
<div class="field"><label for="${prefix}-app">${t.t('app')}</label><input type="text" id="${prefix}-app" name="app" required maxlength="100" value="${notice.app ?? ''}"></div>
<div class="field"><label for="${prefix}-screen">${t.t('screen')}</label><input type="text" id="${prefix}-screen" name="screen" required maxlength="1000" value="${notice.screen ?? ''}" aria-describedby="${prefix}-screen-hint"><p class="hint" id="${prefix}-screen-hint">${t.t('hubScreenHint')}</p></div>
<div class="field"><label for="${prefix}-text">${t.t('hubNoticeText')}</label><textarea id="${prefix}-text" name="text" required maxlength="2000" rows="4">${notice.text?.de ?? ''}</textarea></div>
<div class="field"><label for="${prefix}-text-en">${t.t('hubNoticeTextEn')}</label><textarea id="${prefix}-text-en" name="textEn" maxlength="2000" rows="3">${notice.text?.en ?? ''}</textarea></div>
<div class="field"><label for="${prefix}-fixed-in">${t.t('hubFixedIn')}</label><input type="text" id="${prefix}-fixed-in" name="fixedIn" maxlength="100" value="${notice.fixedIn ?? ''}" aria-describedby="${prefix}-fixed-in-hint"><p class="hint" id="${prefix}-fixed-in-hint">${t.t('hubFixedInHint')}</p></div>`;
}

/** The notices: the list with edit and withdraw, and the form to publish one. */
export function hubNoticesPage(
  page: PageContext,
  notices: readonly HubNotice[],
  prefill: { app?: string; screen?: string },
  message: string | undefined,
): Html {
  const { t } = page;
  return layout(page, {
    title: t.t('hubNoticesTitle'),
    section: 'hubNotices',
    body: html`<h1>${t.t('hubNoticesTitle')}</h1>
<p>${t.t('hubNoticesIntro')}</p>
${message ? html`<p class="notice" role="status">${message}</p>` : ''}
${
  notices.length === 0
    ? html`<p>${t.t('hubNoNotices')}</p>`
    : html`<table><thead><tr><th scope="col">${t.t('app')}</th><th scope="col">${t.t('screen')}</th><th scope="col">${t.t('hubNoticeKind')}</th><th scope="col">${t.t('note')}</th><th scope="col">${t.t('hubNoticeState')}</th><th scope="col">${t.t('hubUpdated')}</th><th scope="col">${t.t('action')}</th></tr></thead>
<tbody>${notices.map(
        (notice) => html`<tr>
<td>${notice.app}</td><th scope="row">${screenLabel(page, notice.screen)}</th><td>${noticeKindLabel(page, notice.kind)}</td><td>${noticeText(page, notice)}</td>
<td>${notice.withdrawn ? t.t('hubNoticeWithdrawn') : t.t('hubNoticeActive')}</td><td>${formatDateTime(notice.updatedAt)}</td>
<td><a href="/dashboard/hub/notices/${notice.id}">${t.t('hubEdit')}<span class="visually-hidden"> – ${t.t('hubEditNotice', { screen: notice.screen })}</span></a>
${
  notice.withdrawn
    ? ''
    : html`<form method="post" action="/dashboard/hub/notices/${notice.id}/withdraw" class="inline">${csrfField(page.officer)}<button type="submit" class="secondary" aria-label="${t.t('hubWithdrawNotice', { screen: notice.screen })}">${t.t('hubWithdraw')}</button></form>`
}</td>
</tr>`,
      )}</tbody></table>`
}
<section aria-labelledby="hub-new-notice"><h2 id="hub-new-notice">${t.t('hubNewNotice')}</h2>
<form method="post" action="/dashboard/hub/notices">${csrfField(page.officer)}
${noticeFields(page, 'new-notice', prefill)}
<div class="field"><button type="submit">${t.t('hubPublish')}</button></div>
</form></section>`,
  });
}

/** One notice's edit form. */
export function hubNoticeEditPage(page: PageContext, notice: HubNotice): Html {
  const { t } = page;
  return layout(page, {
    title: t.t('hubEditTitle'),
    section: 'hubNotices',
    body: html`<p><a href="/dashboard/hub/notices">${t.t('navHubNotices')}</a></p>
<h1>${t.t('hubEditTitle')}</h1>
<form method="post" action="/dashboard/hub/notices/${notice.id}">${csrfField(page.officer)}
${noticeFields(page, 'edit-notice', notice)}
<div class="field"><button type="submit">${t.t('hubSave')}</button></div>
</form>`,
  });
}

/** The report for the vendor: the ranking and the shared notes with workarounds, to print. */
export function hubPrintPage(
  page: PageContext,
  period: HubPeriod,
  ranking: readonly HubRankedScreen[],
  total: number,
  notes: readonly HubStoredNote[],
): Html {
  const { t } = page;
  return html`<!doctype html>
<html lang="${t.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.t('hubReportTitle')} – ${t.t('appName')}</title>
<link rel="stylesheet" href="${page.assets.css}">
</head>
<body>
<main class="print-page" id="main">
<p class="no-print actions"><a href="/dashboard/hub${periodQuery(period)}">${t.t('navHubRanking')}</a><button type="button" data-print hidden>${t.t('print')}</button></p>
<h1>${t.t('hubReportTitle')}</h1>
<p>${t.t('hubPeriod', { from: period.from, to: period.to })}${period.app ? ` · ${t.t('app')}: ${period.app}` : ''} · ${t.t('generatedAt', { date: formatDateTime(new Date().toISOString()) })}</p>
${rankingTable(page, ranking, total, period, false)}
<h2>${t.t('hubSharedNotes')}</h2>
${
  notes.length === 0
    ? html`<p>${t.t('hubNoNotes')}</p>`
    : byScreen(notes).map(
        (group) =>
          html`<h3>${t.t('hubScreenTitle', { screen: screenLabel(page, group.screen), app: group.app })}</h3>${notesList(page, group.notes)}`,
      )
}
</main>
<script src="${page.assets.js}" nonce="${page.nonce}"></script>
</body>
</html>
`;
}
