import type { IncidentRule } from '../../store/incident-rule';
import type { AppIncidentHistory, Counted, IncidentSummary } from '../../store/incident-types';
import { formatDateTime } from '../format';
import { type Html, html } from '../html';
import type { Translator } from '../i18n';
import { csrfField, incidentStateLabel, layout, type PageContext } from './layout';

// The incidents views (issue #17): the list, one incident with the officers' forms, and the history
// per application that the hotspots page shows.

function fact(label: string, value: Html | string | number | null): Html {
  if (value === null || value === '') return html``;
  return html`<dt>${label}</dt><dd>${value}</dd>`;
}

/** How long an incident lasted (or has lasted so far), in minutes or hours and minutes. */
export function incidentDuration(t: Translator, incident: IncidentSummary, now: Date): string {
  const end = incident.closedAt ? Date.parse(incident.closedAt) : now.getTime();
  const minutes = Math.max(0, Math.round((end - Date.parse(incident.since)) / 60_000));
  if (minutes < 60) return t.t('durationMinutes', { n: minutes });
  return t.t('durationHours', { h: Math.floor(minutes / 60), m: minutes % 60 });
}

function countTable(
  id: string,
  caption: string,
  first: string,
  t: Translator,
  rows: readonly Counted[],
): Html {
  if (rows.length === 0) return html``;
  return html`<table id="${id}"><caption>${caption}</caption><thead><tr><th scope="col">${first}</th><th scope="col">${t.t('incidentCount')}</th></tr></thead>
<tbody>${rows.map((row) => html`<tr><td><code>${row.value}</code></td><td>${row.count}</td></tr>`)}</tbody></table>`;
}

/** Rows of incidents with their figures; `app` column unless all are of one application. */
function incidentTable(
  page: PageContext,
  incidents: readonly IncidentSummary[],
  now: Date,
  labelledBy: string,
  withApp = true,
): Html {
  const { t } = page;
  return html`<table aria-labelledby="${labelledBy}"><thead><tr>
${withApp ? html`<th scope="col">${t.t('app')}</th>` : ''}<th scope="col">${t.t('incidentOpenedAt')}</th><th scope="col">${t.t('incidentState')}</th><th scope="col">${t.t('incidentDuration')}</th><th scope="col">${t.t('incidentReports')}</th><th scope="col">${t.t('incidentInstallations')}</th><th scope="col">${t.t('minutes')}</th>
</tr></thead>
<tbody>${incidents.map(
    (incident) => html`<tr>
${withApp ? html`<td>${incident.app}</td>` : ''}<td><a href="/dashboard/incidents/${incident.id}">${formatDateTime(incident.openedAt)}<span class="visually-hidden"> – ${t.t('incidentDetailsOf', { app: incident.app })}</span></a></td><td>${incidentStateLabel(page, incident.state)}</td><td>${incident.closedAt ? incidentDuration(t, incident, now) : `${incidentDuration(t, incident, now)} (${t.t('incidentOngoing')})`}</td><td>${incident.reports}</td><td>${incident.installations}</td><td>${incident.minutesLost}</td>
</tr>`,
  )}</tbody></table>`;
}

/** All incidents, newest first, with the rule that opens them. */
export function incidentsPage(
  page: PageContext,
  incidents: readonly IncidentSummary[],
  rule: IncidentRule,
  now: Date,
): Html {
  const { t } = page;
  return layout(page, {
    title: t.t('incidentsTitle'),
    section: 'incidents',
    body: html`<h1 id="h-incidents">${t.t('incidentsTitle')}</h1>
<p>${t.t('incidentRule', { reports: rule.reports, installations: rule.installations, minutes: rule.windowMinutes })}</p>
${incidents.length === 0 ? html`<p>${t.t('incidentsNone')}</p>` : incidentTable(page, incidents, now, 'h-incidents')}`,
  });
}

/** One incident: its figures, and the forms to confirm it, set its status text, and close it. */
export function incidentPage(page: PageContext, incident: IncidentSummary, now: Date, notice?: string): Html {
  const { t } = page;
  const closed = incident.state === 'closed';
  const actions = closed
    ? html``
    : html`<section aria-labelledby="h-incident-actions">
<h2 id="h-incident-actions">${t.t('workflow')}</h2>
<form method="post" action="/dashboard/incidents/${incident.id}/${incident.state === 'open' ? 'confirm' : 'status-text'}">
${csrfField(page.officer)}
<div class="field"><label for="i-text">${t.t('incidentStatusText')}</label>
<textarea id="i-text" name="statusText" maxlength="500" rows="3" aria-describedby="i-text-hint">${incident.statusText ?? ''}</textarea>
<p class="hint" id="i-text-hint">${t.t('incidentStatusTextHint')}</p></div>
<div class="actions"><button type="submit">${incident.state === 'open' ? t.t('incidentConfirm') : t.t('incidentSaveText')}</button>${
        incident.state === 'open'
          ? html`<button type="submit" class="secondary" formaction="/dashboard/incidents/${incident.id}/status-text">${t.t('incidentSaveTextOnly')}</button>`
          : ''
      }</div>
</form>
<form method="post" action="/dashboard/incidents/${incident.id}/close">
${csrfField(page.officer)}
<p class="hint" id="i-close-hint">${t.t('incidentCloseHint')}</p>
<div class="actions"><button type="submit" class="secondary" aria-describedby="i-close-hint">${t.t('incidentClose')}</button></div>
</form>
</section>`;
  return layout(page, {
    title: t.t('incidentTitle', { app: incident.app }),
    section: 'incidents',
    body: html`<p><a href="/dashboard/incidents">${t.t('backToIncidents')}</a></p>
<h1>${t.t('incidentTitle', { app: incident.app })}</h1>
${notice ? html`<div class="notice" role="status"><p>${notice}</p></div>` : ''}
<div class="columns">
<section aria-labelledby="h-incident-facts">
<h2 id="h-incident-facts">${t.t('incidentState')}: ${incidentStateLabel(page, incident.state)}</h2>
<dl class="facts">
${fact(t.t('app'), incident.app)}
${fact(t.t('incidentSince'), formatDateTime(incident.since))}
${fact(t.t('incidentOpenedAt'), formatDateTime(incident.openedAt))}
${fact(t.t('incidentKnownAt'), incident.knownAt ? formatDateTime(incident.knownAt) : null)}
${fact(t.t('incidentClosedAt'), incident.closedAt ? formatDateTime(incident.closedAt) : null)}
${fact(t.t('incidentDuration'), incidentDuration(t, incident, now))}
${fact(t.t('incidentFirstReport'), formatDateTime(incident.firstReportAt))}
${fact(t.t('incidentLastReport'), formatDateTime(incident.lastReportAt))}
${fact(t.t('incidentReports'), incident.reports)}
${fact(t.t('incidentInstallations'), incident.installations)}
${fact(t.t('minutes'), incident.minutesLost)}
${fact(t.t('incidentStatusText'), incident.statusText)}
</dl>
</section>
${actions}
</div>
${countTable('incident-codes', t.t('incidentCodes'), t.t('incidentCode'), t, incident.codes)}
${countTable('incident-screens', t.t('incidentScreens'), t.t('screen'), t, incident.screens)}`,
  });
}

/** The history per application for the hotspots page: duration, reports, minutes lost of each incident. */
export function incidentHistory(page: PageContext, history: readonly AppIncidentHistory[], now: Date): Html {
  const { t } = page;
  return html`<section aria-labelledby="h-incident-history">
<h2 id="h-incident-history">${t.t('incidentHistory')}</h2>
${
  history.length === 0
    ? html`<p>${t.t('incidentNoHistory')}</p>`
    : history.map(
        (entry, index) => html`<h3 id="h-incident-app-${index}">${entry.app}</h3>
${incidentTable(page, entry.incidents, now, `h-incident-app-${index}`, false)}`,
      )
}
</section>`;
}
