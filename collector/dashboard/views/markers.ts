import type { ChangeMarker, MarkerComparison, MarkerPeriod } from '../../store/question-types';
import { dayInputValue, formatDate } from '../format';
import { type Html, html } from '../html';
import type { Translator } from '../i18n';
import { csrfField, dayField, layout, type PageContext, selectField } from './layout';

// Change markers (issue #18): the list with the form to enter one, and the before/after of one.

/** Weeks the before/after may span on each side. */
export const COMPARE_WEEKS = [1, 2, 4, 8, 12, 26] as const;

function kindLabel(t: Translator, kind: ChangeMarker['kind']): string {
  return kind === 'release' ? t.t('markerKindRelease') : t.t('markerKindLaw');
}

function screensText(t: Translator, marker: ChangeMarker): Html {
  return marker.screens.length === 0
    ? html`${t.t('markerAllScreens')}`
    : html`${marker.screens.map((screen) => html`<code>${screen}</code> `)}`;
}

/** All markers, newest first, and the form to enter one. */
export function markersPage(page: PageContext, markers: readonly ChangeMarker[], notice?: string): Html {
  const { t } = page;
  return layout(page, {
    title: t.t('markersTitle'),
    section: 'markers',
    body: html`<h1 id="h-markers">${t.t('markersTitle')}</h1>
${notice ? html`<div class="notice" role="status"><p>${notice}</p></div>` : ''}
${
  markers.length === 0
    ? html`<p>${t.t('markersNone')}</p>`
    : html`<table aria-labelledby="h-markers"><thead><tr>
<th scope="col">${t.t('markerDay')}</th><th scope="col">${t.t('markerTitle')}</th><th scope="col">${t.t('markerKind')}</th><th scope="col">${t.t('markerApps')}</th><th scope="col">${t.t('markerScreens')}</th><th scope="col">${t.t('markerCompare')}</th>
</tr></thead>
<tbody>${markers.map(
        (marker) => html`<tr>
<td>${dayInputValue(marker.day)}</td><td>${marker.title}</td><td>${kindLabel(t, marker.kind)}</td><td>${marker.apps.join(', ')}</td><td>${screensText(t, marker)}</td><td><a href="/dashboard/markers/${marker.id}">${t.t('markerCompare')}<span class="visually-hidden"> – ${marker.title}</span></a></td>
</tr>`,
      )}</tbody></table>`
}
<section aria-labelledby="h-marker-new">
<h2 id="h-marker-new">${t.t('markerNew')}</h2>
<form method="post" action="/dashboard/markers">
${csrfField(page.officer)}
${dayField(page, 'm-day', 'day', t.t('markerDay'), undefined)}
<div class="field"><label for="m-title">${t.t('markerTitle')}</label><input type="text" id="m-title" name="title" maxlength="200" required></div>
${selectField(
  'm-kind',
  'kind',
  t.t('markerKind'),
  [
    ['release', t.t('markerKindRelease')],
    ['law', t.t('markerKindLaw')],
  ],
  'release',
)}
<div class="field"><label for="m-apps">${t.t('markerApps')}</label><textarea id="m-apps" name="apps" rows="2" required aria-describedby="m-apps-hint"></textarea><p class="hint" id="m-apps-hint">${t.t('markerAppsHint')}</p></div>
<div class="field"><label for="m-screens">${t.t('markerScreens')}</label><textarea id="m-screens" name="screens" rows="3" aria-describedby="m-screens-hint"></textarea><p class="hint" id="m-screens-hint">${t.t('questionScreensHint')}</p></div>
<div class="actions"><button type="submit">${t.t('markerSave')}</button></div>
</form>
</section>`,
  });
}

function periodRow(t: Translator, label: string, period: MarkerPeriod): Html {
  const last = new Date(Date.parse(period.to) - 1).toISOString();
  return html`<tr><th scope="row">${label}</th><td>${formatDate(period.from)} – ${formatDate(last)}</td><td>${period.notes}</td><td>${period.minutesLost}</td><td>${period.categories.map((row) => `${t.category(row.value)}: ${row.count}`).join(', ')}</td></tr>`;
}

/** The before/after table of a comparison; `id` names it on its page. */
export function comparisonTable(t: Translator, comparison: MarkerComparison, id: string): Html {
  return html`<p id="${id}-hint">${t.t('markerCompareHint')}</p>
<table id="${id}" aria-describedby="${id}-hint"><caption>${t.t('markerCompareOf', { title: comparison.marker.title })} (${t.t('weeksEachSide', { n: comparison.weeks })})</caption><thead><tr>
<th scope="col"><span class="visually-hidden">${t.t('markerPeriod')}</span></th><th scope="col">${t.t('markerPeriod')}</th><th scope="col">${t.t('markerNotes')}</th><th scope="col">${t.t('minutes')}</th><th scope="col">${t.t('category')}</th>
</tr></thead>
<tbody>
${periodRow(t, t.t('markerBefore'), comparison.before)}
${periodRow(t, t.t('markerAfter'), comparison.after)}
</tbody></table>`;
}

/** The screens a marker touches, the same number of weeks before and after its day. */
export function markerComparePage(page: PageContext, comparison: MarkerComparison): Html {
  const { t } = page;
  const { marker } = comparison;
  const title = t.t('markerCompareTitle', { title: marker.title });
  return layout(page, {
    title,
    section: 'markers',
    body: html`<p><a href="/dashboard/markers">${t.t('backToMarkers')}</a></p>
<h1>${title}</h1>
<dl class="facts">
<dt>${t.t('markerDay')}</dt><dd>${dayInputValue(marker.day)}</dd>
<dt>${t.t('markerKind')}</dt><dd>${kindLabel(t, marker.kind)}</dd>
<dt>${t.t('markerApps')}</dt><dd>${marker.apps.join(', ')}</dd>
<dt>${t.t('markerScreens')}</dt><dd>${screensText(t, marker)}</dd>
</dl>
<form method="get" action="/dashboard/markers/${marker.id}">
${selectField(
  'm-weeks',
  'weeks',
  t.t('markerWeeks'),
  COMPARE_WEEKS.map((weeks) => [String(weeks), String(weeks)] as const),
  String(comparison.weeks),
)}
<div class="actions"><button type="submit">${t.t('markerShow')}</button></div>
</form>
${comparisonTable(t, comparison, 'marker-compare')}`,
  });
}
