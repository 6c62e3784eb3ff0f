import { OfficerStatus } from '../../../utils/schema/wire';
import type { AuditEntry, DuplicateLinks, InboxRow } from '../../store/dashboard-types';
import type { StoredRecord } from '../../store/types';
import { formatDateTime } from '../format';
import { type Html, html } from '../html';
import { csrfField, layout, type PageContext, selectField } from './layout';
import { shareForm } from './sharing';

function fact(label: string, value: Html | string | number | null | undefined): Html {
  if (value === null || value === undefined || value === '') return html``;
  return html`<dt>${label}</dt><dd>${value}</dd>`;
}

function recordLink(id: string): Html {
  return html`<a href="/dashboard/records/${id}"><code>${id}</code></a>`;
}

/** Who made a status change: the dashboard's audit entry with the same time, if any. */
function changedBy(audit: readonly AuditEntry[], at: string): string {
  return audit.find((entry) => entry.action === 'status' && entry.at === at)?.officer ?? '–';
}

/** Notes of the same application and screen, offered as the original of a duplicate. */
export interface SameScreen {
  weeks: number;
  records: readonly InboxRow[];
}

/** The note's first words for a choice's label. */
function excerpt(note: string): string {
  const flat = note.replace(/\s+/g, ' ').trim();
  return flat.length > 140 ? `${flat.slice(0, 139)}…` : flat;
}

/**
 * The duplicate form: the same screen's recent notes as a radio list (arrow keys move between them),
 * and an id field for an original from another screen or further back.
 */
function duplicateForm(
  page: PageContext,
  stored: StoredRecord,
  links: DuplicateLinks,
  same: SameScreen,
): Html {
  const { t } = page;
  const current = links.duplicateOf;
  const listed = same.records.some((row) => row.id === current);
  const choices = same.records.length
    ? html`<fieldset class="choices" id="same-screen"><legend>${t.t('sameScreen', { weeks: same.weeks })}</legend>
<ul class="choice-list">${same.records.map(
        (
          row,
        ) => html`<li><input type="radio" name="of" id="of-${row.id}" value="${row.id}"${row.id === current ? html` checked` : ''}>
<label for="of-${row.id}"><span class="choice-meta">${formatDateTime(row.createdAt)} · ${t.status(row.status)}${row.duplicateOf ? html` · ${t.t('duplicateBadge')}` : ''}</span> ${excerpt(row.note)}</label>
<a href="/dashboard/records/${row.id}" class="choice-open">${t.t('openRecord')}<span class="visually-hidden">: ${formatDateTime(row.createdAt)}</span></a></li>`,
      )}</ul></fieldset>`
    : html`<p id="same-screen-none">${t.t('sameScreenNone', { weeks: same.weeks })}</p>`;
  return html`<form method="post" action="/dashboard/records/${stored.id}/duplicate">
${csrfField(page.officer)}<input type="hidden" name="mark" value="1">
${choices}
<div class="field"><label for="d-of">${t.t('otherId')}</label><input type="text" id="d-of" name="ofId" maxlength="36" spellcheck="false" autocomplete="off" aria-describedby="d-of-hint" value="${current && !listed ? current : ''}"><p class="hint" id="d-of-hint">${t.t('otherIdHint')}</p></div>
<div class="actions"><button type="submit">${t.t('markDuplicate')}</button></div>
</form>`;
}

/** The record as received, with status, reply, history and duplicate links, and the forms to change them. */
export function detailPage(
  page: PageContext,
  stored: StoredRecord,
  links: DuplicateLinks,
  audit: readonly AuditEntry[],
  notice?: string,
  same: SameScreen = { weeks: 0, records: [] },
  /** Whether the note is shared with other job centres (issue #19); absent: no sharing on this collector. */
  share?: { shared: boolean; enabled: boolean },
  /** The hub's notices and the regional comparison for the note's screen (issue #19). */
  hub: Html = html``,
): Html {
  const { t } = page;
  const { record } = stored;
  const context = record.context;
  const element = context.element;
  const reporter =
    record.reporter.mode === 'unit'
      ? record.reporter.unit
      : record.reporter.mode === 'pseudonym'
        ? t.t('reporterPseudonym', { id: record.reporter.pseudonym })
        : t.t('reporterNone');
  const redactions = Object.entries(record.redaction.counts);
  const caught = Object.entries(stored.caughtByCollector);
  const screenshot = record.screenshot;
  const title = `${t.t('detailTitle')} – ${context.app}, ${context.screen.name}`;

  return layout(page, {
    title,
    section: 'inbox',
    body: html`<p><a href="/dashboard">${t.t('backToInbox')}</a></p>
<h1>${title}</h1>
${notice ? html`<div class="notice" role="status"><p>${notice}</p></div>` : ''}
<div class="columns">
<section aria-labelledby="h-summary">
<h2 id="h-summary">${t.t('note')}</h2>
<p class="note-text" id="note">${record.note}</p>
<dl class="facts">
${fact('ID', html`<code>${stored.id}</code>`)}
${fact(t.t('created'), formatDateTime(record.createdAt))}
${fact(t.t('received'), formatDateTime(stored.receivedAt))}
${fact(t.t('app'), context.app)}
${fact(t.t('screen'), context.screen.name)}
${fact(t.t('route'), html`<code>${context.routeTemplate}</code>`)}
${fact(t.t('category'), t.category(record.category))}
${fact(t.t('impact'), t.impact(record.impact))}
${fact(t.t('appointment'), record.duringAppointment ? t.t('yes') : t.t('no'))}
${fact(t.t('minutes'), record.minutesLost ?? '–')}
${fact(
  t.t('outage'),
  record.outage
    ? html`${t.t('outageKind', { kind: record.outage.kind })}${record.outage.code ? html`, <code>${record.outage.code}</code>` : ''}, ${t.t('outageSince', { since: formatDateTime(record.outage.since) })}, ${record.outage.source === 'observed' ? t.t('outageObserved') : t.t('outageDeclared')}`
    : null,
)}
${fact(t.t('reporter'), reporter)}
${fact(t.t('batch'), html`<code>${stored.batchId}</code>`)}
${fact(t.t('status'), t.status(stored.status))}
${fact(t.t('duplicateOf'), links.duplicateOf ? recordLink(links.duplicateOf) : null)}
</dl>
</section>
${hub}

<section aria-labelledby="h-workflow">
<h2 id="h-workflow">${t.t('workflow')}</h2>
<form method="post" action="/dashboard/records/${stored.id}/status">
${csrfField(page.officer)}
${selectField(
  'd-status',
  'status',
  t.t('newStatus'),
  OfficerStatus.options.map((s) => [s, t.status(s)] as const),
  stored.status ?? 'received',
)}
<div class="field"><label for="d-reply">${t.t('reply')}</label><textarea id="d-reply" name="reply" maxlength="2000" aria-describedby="d-reply-hint">${stored.reply ?? ''}</textarea><p class="hint" id="d-reply-hint">${t.t('replyHint')}</p></div>
<div class="actions"><button type="submit">${t.t('save')}</button></div>
</form>
${share ? shareForm(page, stored.id, share) : ''}

<h3 id="h-duplicates">${t.t('duplicates')}</h3>
${duplicateForm(page, stored, links, same)}
${
  links.duplicateOf
    ? html`<form method="post" action="/dashboard/records/${stored.id}/duplicate">
${csrfField(page.officer)}<input type="hidden" name="of" value="">
<div class="actions"><button type="submit" class="secondary">${t.t('clearDuplicate')}</button></div>
</form>`
    : ''
}
${
  links.duplicates.length
    ? html`<h4>${t.t('duplicatesOfThis')}</h4><ul>${links.duplicates.map((id) => html`<li>${recordLink(id)}</li>`)}</ul>`
    : ''
}

<h3 id="h-history">${t.t('history')}</h3>
${
  stored.history.length === 0
    ? html`<p>${t.t('noHistory')}</p>`
    : html`<table aria-labelledby="h-history"><thead><tr><th scope="col">${t.t('when')}</th><th scope="col">${t.t('status')}</th><th scope="col">${t.t('reply')}</th><th scope="col">${t.t('by')}</th></tr></thead>
<tbody>${stored.history.map(
        (change) =>
          html`<tr><td>${formatDateTime(change.at)}</td><td>${t.status(change.status)}</td><td class="note-cell">${change.reply ?? '–'}</td><td>${changedBy(audit, change.at)}</td></tr>`,
      )}</tbody></table>`
}
</section>
</div>

<div class="columns">
<section aria-labelledby="h-context">
<h2 id="h-context">${t.t('context')}</h2>
<dl class="facts">
${fact(t.t('url'), html`<code>${context.url}</code>`)}
${fact(t.t('pageTitle'), context.title)}
${fact(t.t('heading'), context.screen.heading)}
${fact(t.t('breadcrumb'), context.screen.breadcrumb?.join(' › '))}
${fact(t.t('navigation'), context.screen.navigation)}
${fact(t.t('step'), context.screen.step)}
${fact(t.t('tab'), context.screen.tab)}
${fact(t.t('form'), context.screen.form)}
${fact(t.t('frame'), t.framePath(context.frame.path))}
${fact(t.t('viewport'), `${context.viewport.width} × ${context.viewport.height}`)}
${fact(t.t('browser'), `${context.browser.name} ${context.browser.version}`)}
${fact(t.t('extensionVersion'), context.extensionVersion)}
${fact(t.t('sinceLoad'), Math.round(context.sinceLoadMs / 1000))}
${fact(
  t.t('redactions'),
  redactions.length ? t.t('masked', { list: t.maskCounts(record.redaction.counts) }) : t.t('none'),
)}
${fact(
  t.t('caughtByCollector'),
  caught.length ? t.t('masked', { list: t.maskCounts(stored.caughtByCollector) }) : t.t('none'),
)}
</dl>
<h3>${t.t('element')}</h3>
${
  element
    ? html`<dl class="facts" id="element">
${fact(t.t('role'), element.role)}
${fact(t.t('name'), element.name)}
${fact(t.t('selector'), html`<code>${element.selector}</code>`)}
${fact(t.t('box'), `${Math.round(element.box.x)}, ${Math.round(element.box.y)} – ${Math.round(element.box.width)} × ${Math.round(element.box.height)}`)}
</dl>`
    : html`<p>${t.t('noElement')}</p>`
}
</section>

<section aria-labelledby="h-screenshot">
<h2 id="h-screenshot">${t.t('screenshot')}</h2>
${
  screenshot
    ? html`<img class="screenshot" src="${screenshot.dataUrl}" width="${screenshot.width}" height="${screenshot.height}" alt="${t.t('screenshotAlt', { masks: screenshot.maskCount })}">`
    : html`<p>${t.t('noScreenshot')}</p>`
}
</section>
</div>

<details>
<summary>${t.t('rawRecord')}</summary>
<pre class="json">${JSON.stringify(record, null, 2)}</pre>
</details>`,
  });
}
