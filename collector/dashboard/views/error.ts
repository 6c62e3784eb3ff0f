import { html } from '../html';
import type { DashboardErrorCode } from '../i18n';
import { layout, type PageContext } from './layout';

/** An error page naming the code, so an officer's support request can quote it. */
export function errorPage(page: PageContext, code: DashboardErrorCode, detail?: string) {
  const { t } = page;
  return layout(page, {
    title: t.t('errorTitle'),
    section: 'none',
    body: html`<h1>${t.t('errorTitle')}</h1>
<div class="error-box" role="alert"><p>${t.error(code)}</p>${detail ? html`<p>${detail}</p>` : ''}<p class="hint">${t.t('errorCode', { code })}</p></div>
${
  code === 'session_required' || code === 'csrf_token_invalid'
    ? html`<p><a href="/dashboard/signin">${t.t('signInAgain')}</a></p>`
    : html`<p><a href="/dashboard">${t.t('backToInbox')}</a></p>`
}`,
  });
}
