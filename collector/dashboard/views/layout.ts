import type { OfficerSession } from '../../store/dashboard-types';
import type { IncidentSummary } from '../../store/incident-types';
import { dayInputValue, formatDateTime } from '../format';
import { type Html, html } from '../html';
import type { Translator } from '../i18n';

/** What every page needs from the request. */
export interface PageContext {
  t: Translator;
  nonce: string;
  /** The signed-in officer; null on the sign-in page. */
  officer: OfficerSession | null;
  /** Path and query of this page, for the language switch to come back to. */
  here: string;
  /** Versioned URLs of the static assets. */
  assets: AssetUrls;
  /** Open and known incidents, shown at the top of every page (none: no banner). */
  incidents?: readonly IncidentSummary[];
  /** A hub's page (issue #19): the hub's navigation instead of a job centre's. */
  hub?: boolean;
}

/** URLs of the static assets, with a content hash so browsers may cache them. */
export interface AssetUrls {
  css: string;
  js: string;
  uplotJs: string;
  uplotCss: string;
}

/** Which navigation entry is the current page. */
export type Section =
  | 'inbox'
  | 'hotspots'
  | 'incidents'
  | 'questions'
  | 'markers'
  | 'hubRanking'
  | 'hubNotes'
  | 'hubNotices'
  | 'sharing'
  | 'none';

/** An incident's state in words. */
export function incidentStateLabel(page: PageContext, state: IncidentSummary['state']): string {
  const { t } = page;
  if (state === 'open') return t.t('incidentStateOpen');
  return state === 'known' ? t.t('incidentStateKnown') : t.t('incidentStateClosed');
}

/** The banner of ongoing incidents: compact, a region with a heading, one line and link each. */
function incidentBanner(page: PageContext): Html {
  const incidents = page.incidents ?? [];
  if (!page.officer || incidents.length === 0) return html``;
  const { t } = page;
  return html`<section class="incident-banner" aria-labelledby="incident-banner-title">
<h2 id="incident-banner-title">${t.t('incidentsBanner')}</h2>
<ul>${incidents.map(
    (incident) =>
      html`<li>${t.t('incidentBannerItem', {
        app: incident.app,
        since: formatDateTime(incident.since),
        reports: incident.reports,
        installations: incident.installations,
      })} – <span class="incident-state">${incidentStateLabel(page, incident.state)}</span>. <a href="/dashboard/incidents/${incident.id}">${t.t('incidentDetails')}<span class="visually-hidden"> – ${t.t('incidentDetailsOf', { app: incident.app })}</span></a></li>`,
  )}</ul>
</section>`;
}

function langSwitch(page: PageContext): Html {
  const back = encodeURIComponent(page.here);
  const link = (lang: 'de' | 'en', label: string) =>
    page.t.lang === lang
      ? html`<li><a href="/dashboard/lang?to=${lang}&amp;back=${back}" lang="${lang}" aria-current="true">${label}</a></li>`
      : html`<li><a href="/dashboard/lang?to=${lang}&amp;back=${back}" lang="${lang}">${label}</a></li>`;
  return html`<nav aria-label="${page.t.t('language')}"><ul class="lang-switch">${link('de', 'Deutsch')}${link('en', 'English')}</ul></nav>`;
}

/** The page frame: header with navigation, session box and language switch; `main` holds `body`. */
export function layout(
  page: PageContext,
  options: { title: string; section: Section; body: Html; chart?: boolean },
): Html {
  const { t, officer } = page;
  const navLink = (section: Section, href: string, label: string) =>
    html`<li><a href="${href}"${options.section === section ? html` aria-current="page"` : ''}>${label}</a></li>`;
  return html`<!doctype html>
<html lang="${t.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} – ${t.t('appName')}</title>
<link rel="stylesheet" href="${page.assets.css}">
${options.chart ? html`<link rel="stylesheet" href="${page.assets.uplotCss}">` : ''}
</head>
<body>
<a class="skip-link" href="#main">${t.t('skipToContent')}</a>
<header class="site-header">
<p class="brand">${t.t('appName')}</p>
${
  officer && page.hub
    ? html`<nav aria-label="${t.t('mainNav')}"><ul class="nav-list">
${navLink('hubRanking', '/dashboard/hub', t.t('navHubRanking'))}
${navLink('hubNotes', '/dashboard/hub/notes', t.t('navHubNotes'))}
${navLink('hubNotices', '/dashboard/hub/notices', t.t('navHubNotices'))}
</ul></nav>`
    : ''
}
${
  officer && !page.hub
    ? html`<nav aria-label="${t.t('mainNav')}"><ul class="nav-list">
${navLink('inbox', '/dashboard', t.t('navInbox'))}
${navLink('hotspots', '/dashboard/hotspots', t.t('navHotspots'))}
${navLink('incidents', '/dashboard/incidents', t.t('navIncidents'))}
${navLink('questions', '/dashboard/questions', t.t('navQuestions'))}
${navLink('markers', '/dashboard/markers', t.t('navMarkers'))}
${navLink('sharing', '/dashboard/sharing', t.t('navSharing'))}
</ul></nav>`
    : ''
}
<div class="session-box">
${langSwitch(page)}
${
  officer
    ? html`<span>${t.t('signedInAs', { user: officer.user })}</span>
<form method="post" action="/dashboard/signout"><input type="hidden" name="_csrf" value="${officer.csrfToken}"><button type="submit" class="secondary">${t.t('signOut')}</button></form>`
    : ''
}
</div>
</header>
<main id="main" tabindex="-1">
${incidentBanner(page)}
${options.body}
</main>
${options.chart ? html`<script src="${page.assets.uplotJs}" nonce="${page.nonce}"></script>` : ''}
${officer ? html`<script src="${page.assets.js}" nonce="${page.nonce}"></script>` : ''}
</body>
</html>
`;
}

/** A hidden input carrying the session's CSRF token; every POST form has one. */
export function csrfField(officer: OfficerSession | null): Html {
  return officer ? html`<input type="hidden" name="_csrf" value="${officer.csrfToken}">` : html``;
}

/** A `<select>` with a label; `options` are [value, label] pairs. */
export function selectField(
  id: string,
  name: string,
  label: string,
  options: readonly (readonly [string, string])[],
  selected: string | undefined,
  attrs: Html | string = '',
): Html {
  return html`<div class="field"><label for="${id}">${label}</label>
<select id="${id}" name="${name}"${attrs}>${options.map(
    ([value, text]) =>
      html`<option value="${value}"${value === (selected ?? '') ? html` selected` : ''}>${text}</option>`,
  )}</select></div>`;
}

/**
 * A day field: text in the pattern dd.mm.yyyy with the pattern named under it, read on the server
 * (format.ts `parseDayInput`). Not `type=date`, which Chromium shows in the browser's locale.
 */
export function dayField(
  page: PageContext,
  id: string,
  name: string,
  label: string,
  day: string | undefined,
): Html {
  return html`<div class="field"><label for="${id}">${label}</label><input type="text" id="${id}" name="${name}" value="${dayInputValue(day)}" inputmode="numeric" autocomplete="off" maxlength="10" pattern="\\d{1,2}\\.\\d{1,2}\\.\\d{4}|\\d{4}-\\d{2}-\\d{2}" placeholder="${page.t.lang === 'de' ? 'TT.MM.JJJJ' : 'DD.MM.YYYY'}" aria-describedby="${id}-hint"><p class="hint" id="${id}-hint">${page.t.t('dateHint')}</p></div>`;
}
