import type { HubComparison, HubComparisonJobCentre, HubNotice } from '../../hub/protocol';
import type { PushPlan } from '../../sharing/push';
import type { FeedState, SharingSettings, StoredPush } from '../../store/sharing';
import { formatDate, formatDateTime } from '../format';
import { type Html, html } from '../html';
import type { Translator } from '../i18n';
import { csrfField, layout, type PageContext } from './layout';

// Sharing with a regional hub (issue #19): the settings, the preview of the next push and the log on
// one page; the share form on a note's page; the hub's notices and comparison beside a screen.

/** Most preview rows listed per kind; the counts above them are complete. */
const PREVIEW_ROWS_MAX = 500;

/** What the sharing page shows. */
export interface SharingView {
  settings: SharingSettings | null;
  k: number;
  /** Null until a job centre id is saved (the ids need it). */
  plan: PushPlan | null;
  pushes: readonly StoredPush[];
}

function screenLabel(t: Translator, screen: string): Html {
  return screen === '*' ? html`<em>${t.t('sharingWholeApp')}</em>` : html`<code>${screen}</code>`;
}

function outcome(t: Translator, push: StoredPush): string {
  switch (push.state) {
    case 'pending':
      return t.t('sharingStatePending', {
        attempts: push.attempts + 1,
        next: push.nextAttemptAt ? formatDateTime(push.nextAttemptAt) : '–',
      });
    case 'sent':
      return t.t('sharingStateSent', { date: push.finishedAt ? formatDateTime(push.finishedAt) : '–' });
    case 'refused':
      return t.t('sharingStateRefused', { error: push.lastError ?? '–' });
    case 'cancelled':
      return t.t('sharingStateCancelled');
  }
}

function settingsForm(page: PageContext, settings: SharingSettings | null): Html {
  const { t } = page;
  return html`<section aria-labelledby="h-share-settings">
<h2 id="h-share-settings">${t.t('sharingSettings')}</h2>
${settings?.enabled ? '' : html`<p>${t.t('sharingOff')}</p>`}
${settings ? html`<p>${t.t('sharingLastChanged', { date: formatDateTime(settings.updatedAt), user: settings.updatedBy })}</p>` : ''}
<form method="post" action="/dashboard/sharing/settings">
${csrfField(page.officer)}
<div class="field"><input type="checkbox" id="s-enabled" name="enabled" value="1"${settings?.enabled ? html` checked` : ''}> <label for="s-enabled">${t.t('sharingEnabled')}</label></div>
<div class="field"><label for="s-hub">${t.t('sharingHubUrl')}</label><input type="url" id="s-hub" name="hubUrl" maxlength="500" required spellcheck="false" autocomplete="off" aria-describedby="s-hub-hint" value="${settings?.hubUrl ?? ''}"><p class="hint" id="s-hub-hint">${t.t('sharingHubUrlHint')}</p></div>
<div class="field"><label for="s-jc">${t.t('sharingJobCentre')}</label><input type="text" id="s-jc" name="jobCentre" maxlength="63" required spellcheck="false" autocomplete="off" aria-describedby="s-jc-hint" value="${settings?.jobCentre ?? ''}"><p class="hint" id="s-jc-hint">${t.t('sharingJobCentreHint')}</p></div>
<div class="field"><label for="s-token">${t.t('sharingToken')}</label><input type="password" id="s-token" name="token" maxlength="500" autocomplete="new-password" spellcheck="false" aria-describedby="s-token-hint"${settings ? '' : html` required`}><p class="hint" id="s-token-hint">${t.t('sharingTokenHint')}${settings ? html` ${t.t('sharingTokenStored', { end: settings.token.slice(-4) })}` : ''}</p></div>
<div class="actions"><button type="submit">${t.t('sharingSave')}</button></div>
</form>
</section>`;
}

function previewSection(page: PageContext, plan: PushPlan | null, enabled: boolean): Html {
  const { t } = page;
  if (!plan) {
    return html`<section aria-labelledby="h-share-preview"><h2 id="h-share-preview">${t.t('sharingPreview')}</h2><p>${t.t('sharingPreviewNeedsSettings')}</p></section>`;
  }
  const s = plan.suppressed;
  return html`<section aria-labelledby="h-share-preview">
<h2 id="h-share-preview">${t.t('sharingPreview')}</h2>
<p>${t.t('sharingPreviewHint', { weeks: `${plan.weeks[0]} – ${plan.weeks.at(-1)}` })}</p>
${
  enabled
    ? html`<form method="post" action="/dashboard/sharing/push">${csrfField(page.officer)}<div class="actions"><button type="submit">${t.t('sharingSendNow')}</button></div></form>`
    : ''
}
<h3 id="h-share-cells">${t.t('sharingCells')} (${plan.cells.length})</h3>
<p>${t.t('sharingSuppressed', { merged: s.mergedCells, mergedNotes: s.mergedNotes, dropped: s.droppedCells, droppedNotes: s.droppedNotes })}</p>
${
  plan.cells.length === 0
    ? html`<p>${t.t('sharingNone')}</p>`
    : html`<table aria-labelledby="h-share-cells" id="share-cells"><thead><tr>
<th scope="col">${t.t('sharingWeek')}</th><th scope="col">${t.t('app')}</th><th scope="col">${t.t('screen')}</th><th scope="col">${t.t('category')}</th><th scope="col">${t.t('impact')}</th><th scope="col">${t.t('sharingNotesCount')}</th><th scope="col">${t.t('minutes')}</th>
</tr></thead><tbody>${plan.cells
        .slice(0, PREVIEW_ROWS_MAX)
        .map(
          (cell) =>
            html`<tr><td>${cell.week}</td><td>${cell.app}</td><td>${screenLabel(t, cell.screen)}</td><td>${t.category(cell.category)}</td><td>${t.impact(cell.impact)}</td><td>${cell.notes}</td><td>${cell.minutesLost}</td></tr>`,
        )}</tbody></table>`
}
<h3 id="h-share-notes">${t.t('sharingSharedNotes')} (${plan.notes.length})</h3>
${
  plan.notes.length === 0
    ? html`<p>${t.t('sharingNone')}</p>`
    : html`<ul class="shared-notes" aria-labelledby="h-share-notes">${plan.notes
        .slice(0, PREVIEW_ROWS_MAX)
        .map(
          (note) =>
            html`<li><p>${note.week} · ${note.app} · ${screenLabel(t, note.screen)} · ${t.category(note.category)} · ${t.impact(note.impact)}</p><p class="note-text">${note.text}</p>${note.reply ? html`<p><strong>${t.t('sharingReply')}:</strong> <span class="note-text">${note.reply}</span></p>` : ''}</li>`,
        )}</ul>`
}
<h3 id="h-share-markers">${t.t('sharingMarkers')} (${plan.markers.length})</h3>
${
  plan.markers.length === 0
    ? html`<p>${t.t('sharingNone')}</p>`
    : html`<ul aria-labelledby="h-share-markers">${plan.markers.map((marker) => html`<li>${marker.date} · ${marker.title} · ${marker.apps.join(', ')}</li>`)}</ul>`
}
<h3 id="h-share-questions">${t.t('sharingQuestions')} (${plan.questions.length})</h3>
${
  plan.questions.length === 0
    ? html`<p>${t.t('sharingNone')}</p>`
    : html`<ul aria-labelledby="h-share-questions">${plan.questions.map(
        (question) =>
          html`<li>${t.lang === 'en' ? (question.text.en ?? question.text.de) : question.text.de} · ${t.t('sharingAnswers')}: ${question.answers} · ${Object.entries(
            question.distribution,
          )
            .map(([value, count]) => `${value}: ${count}`)
            .join(', ')}</li>`,
      )}</ul>`
}
<h3 id="h-share-withdrawn">${t.t('sharingWithdrawn')} (${plan.withdrawn.length})</h3>
</section>`;
}

function logSection(t: Translator, pushes: readonly StoredPush[]): Html {
  return html`<section aria-labelledby="h-share-log">
<h2 id="h-share-log">${t.t('sharingLog')}</h2>
${
  pushes.length === 0
    ? html`<p>${t.t('sharingLogEmpty')}</p>`
    : html`<table aria-labelledby="h-share-log" id="share-log"><thead><tr>
<th scope="col">${t.t('sharingPlannedAt')}</th><th scope="col">${t.t('sharingPushId')}</th><th scope="col">${t.t('sharingReason')}</th><th scope="col">${t.t('sharingContents')}</th><th scope="col">${t.t('sharingParts')}</th><th scope="col">${t.t('sharingOutcome')}</th>
</tr></thead><tbody>${pushes.map(
        (push) =>
          html`<tr data-state="${push.state}"><td>${formatDateTime(push.createdAt)}</td><td><code>${push.pushId}</code></td><td>${push.reason === 'officer' ? t.t('sharingReasonOfficer') : t.t('sharingReasonSchedule')}</td><td>${t.t('sharingContentsValue', { cells: push.summary.cells, notes: push.summary.notes, markers: push.summary.markers, questions: push.summary.questions, withdrawn: push.summary.withdrawn })}</td><td>${push.partsSent} / ${push.parts}</td><td>${outcome(t, push)}</td></tr>`,
      )}</tbody></table>`
}
</section>`;
}

/** "Teilen mit dem Hub": settings, the preview of the next push, the log. */
export function sharingPage(page: PageContext, view: SharingView, notice?: string): Html {
  const { t } = page;
  return layout(page, {
    title: t.t('sharingTitle'),
    section: 'sharing',
    body: html`<h1>${t.t('sharingTitle')}</h1>
${notice ? html`<div class="notice" role="status"><p>${notice}</p></div>` : ''}
<p>${t.t('sharingIntro', { k: view.k })}</p>
${settingsForm(page, view.settings)}
${previewSection(page, view.plan, view.settings?.enabled ?? false)}
${logSection(t, view.pushes)}`,
  });
}

/** The share form of a note's page ("mit anderen Jobcentern teilen" / unshare). */
export function shareForm(
  page: PageContext,
  recordId: string,
  state: { shared: boolean; enabled: boolean },
): Html {
  const { t } = page;
  return html`<h3 id="h-share">${t.t('shareTitle')}</h3>
<p class="hint" id="share-hint">${t.t('shareHint')}</p>
${state.shared ? html`<p>${t.t('shareIsShared')}</p>` : ''}
${state.enabled ? '' : html`<p>${t.t('shareSharingOff')}</p>`}
<form method="post" action="/dashboard/records/${recordId}/share">
${csrfField(page.officer)}<input type="hidden" name="share" value="${state.shared ? '0' : '1'}">
<div class="actions"><button type="submit" aria-describedby="share-hint"${state.shared ? html` class="secondary"` : ''}>${state.shared ? t.t('shareOffButton') : t.t('shareOn')}</button></div>
</form>`;
}

function noticeKind(t: Translator, notice: HubNotice): string {
  if (notice.kind === 'known-issue') return t.t('feedNoticeKnownIssue');
  if (notice.kind === 'workaround') return t.t('feedNoticeWorkaround');
  return notice.fixedIn
    ? t.t('feedNoticeFixed', { release: notice.fixedIn })
    : t.t('feedNoticeFixedNoRelease');
}

/** The hub's notices and the regional comparison for one screen (beside the job centre's own notes). */
export function hubScreenSection(
  t: Translator,
  notices: readonly HubNotice[],
  comparison: HubComparison | undefined,
  feed: FeedState | null,
  ownJobCentre?: string,
): Html {
  if (notices.length === 0 && !comparison) return html``;
  return html`<section aria-labelledby="h-hub" class="hub-notices">
<h2 id="h-hub">${t.t('feedNotices')}</h2>
${
  notices.length > 0
    ? html`<ul>${notices.map(
        (notice) =>
          html`<li><strong>${noticeKind(t, notice)}</strong>${notice.screen === '*' ? html` (${t.t('sharingWholeApp')})` : ''}: <span lang="${t.lang === 'en' && notice.text.en ? 'en' : 'de'}">${t.lang === 'en' ? (notice.text.en ?? notice.text.de) : notice.text.de}</span> <small>(${formatDate(notice.updatedAt)})</small></li>`,
      )}</ul>`
    : ''
}
${
  comparison && feed
    ? html`<h3 id="h-hub-compare">${t.t('feedComparison')}</h3>
<p id="hub-compare-hint">${t.t('feedComparisonHint', { n: feed.weeks.length, date: formatDateTime(feed.fetchedAt) })} ${t.t('feedAffected', { n: comparison.jobCentresAffected, total: comparison.jobCentresTotal })}</p>
<table aria-labelledby="h-hub-compare" aria-describedby="hub-compare-hint"><thead><tr><th scope="col">${t.t('feedOwn')}</th><th scope="col">${t.t('feedMedian')}</th><th scope="col">${t.t('feedOwnMinutes')}</th><th scope="col">${t.t('feedMedianMinutes')}</th></tr></thead>
<tbody><tr><td>${comparison.ownNotes}</td><td>${comparison.medianNotes}</td><td>${comparison.ownMinutesLost}</td><td>${comparison.medianMinutesLost}</td></tr></tbody></table>
${comparison.jobCentres ? jobCentresTable(t, comparison.jobCentres, ownJobCentre) : ''}`
    : ''
}
</section>`;
}

/**
 * Each job centre's figures for the screen: only a hub whose operators allow it sends them
 * (COLLECTOR_HUB_SHOW_JOB_CENTRES); the own row is marked.
 */
function jobCentresTable(
  t: Translator,
  jobCentres: readonly HubComparisonJobCentre[],
  ownJobCentre: string | undefined,
): Html {
  return html`<table id="hub-compare-each" aria-describedby="hub-compare-each-hint"><caption>${t.t('feedEachJobCentre')}</caption>
<thead><tr><th scope="col">${t.t('feedJobCentre')}</th><th scope="col" class="num">${t.t('feedNotes')}</th><th scope="col" class="num">${t.t('feedMinutes')}</th></tr></thead>
<tbody>${jobCentres.map(
    (row) =>
      html`<tr${row.jobCentre === ownJobCentre ? html` class="own"` : ''}><th scope="row">${row.name}${row.jobCentre === ownJobCentre ? html` <small>(${t.t('feedOwnJobCentre')})</small>` : ''}</th><td class="num">${row.notes}</td><td class="num">${row.minutesLost}</td></tr>`,
  )}</tbody></table>
<p id="hub-compare-each-hint"><small>${t.t('feedEachJobCentreHint')}</small></p>`;
}

/** A ranked screen, as the hotspots list it. */
export interface RankedScreen {
  app: string;
  routeTemplate: string;
  screenName: string;
}

/**
 * Beside the hotspot ranking: for each ranked screen the hub knows, its notices and the regional
 * comparison, linked to the screen's notes (where the notices are shown in full).
 */
export function hubHotspotsSection(
  t: Translator,
  ranked: readonly RankedScreen[],
  notices: readonly HubNotice[],
  feed: FeedState | null,
): Html {
  const rows = ranked
    .map((screen) => ({
      screen,
      notices: notices.filter(
        (notice) =>
          notice.app === screen.app && (notice.screen === screen.routeTemplate || notice.screen === '*'),
      ),
      comparison: feed?.comparison.find(
        (row) => row.app === screen.app && row.screen === screen.routeTemplate,
      ),
    }))
    .filter((row) => row.notices.length > 0 || row.comparison);
  if (rows.length === 0) return html``;
  return html`<section aria-labelledby="h-hub-hotspots">
<h2 id="h-hub-hotspots">${t.t('feedHotspotsTitle')}</h2>
<table aria-labelledby="h-hub-hotspots"><thead><tr>
<th scope="col">${t.t('app')}</th><th scope="col">${t.t('screen')}</th><th scope="col">${t.t('feedNotices')}</th><th scope="col" class="num">${t.t('feedOwn')}</th><th scope="col" class="num">${t.t('feedMedian')}</th><th scope="col">${t.t('feedAffectedShort')}</th>
</tr></thead><tbody>${rows.map(({ screen, notices: found, comparison }) => {
    const inbox = `/dashboard?${new URLSearchParams({ app: screen.app, route: screen.routeTemplate })}`;
    return html`<tr><td>${screen.app}</td><td><a href="${inbox}">${screen.screenName || screen.routeTemplate}</a><br><code>${screen.routeTemplate}</code></td><td>${found.length > 0 ? found.map((notice) => noticeKind(t, notice)).join(', ') : '–'}</td><td class="num">${comparison?.ownNotes ?? '–'}</td><td class="num">${comparison?.medianNotes ?? '–'}</td><td>${comparison ? `${comparison.jobCentresAffected} / ${comparison.jobCentresTotal}` : '–'}</td></tr>`;
  })}</tbody></table>
</section>`;
}
