import { html } from '../html';
import type { DashboardErrorCode } from '../i18n';
import { layout, type PageContext } from './layout';

/** The sign-in form; `next` is where to go afterwards (already checked to be a dashboard path). */
export function signinPage(
  page: PageContext,
  options: { csrf: string; next: string; user?: string; error?: DashboardErrorCode },
) {
  const { t } = page;
  return layout(page, {
    title: t.t('signIn'),
    section: 'none',
    body: html`<div class="signin">
<h1>${t.t('signInTitle')}</h1>
${options.error ? html`<div class="error-box" role="alert" id="signin-error"><p>${t.error(options.error)}</p></div>` : ''}
<form method="post" action="/dashboard/signin">
<input type="hidden" name="_csrf" value="${options.csrf}">
<input type="hidden" name="next" value="${options.next}">
<div class="field"><label for="user">${t.t('user')}</label>
<input type="text" id="user" name="user" autocomplete="username" required maxlength="64" value="${options.user ?? ''}"${options.error ? html` aria-describedby="signin-error"` : ''}></div>
<div class="field"><label for="password">${t.t('password')}</label>
<input type="password" id="password" name="password" autocomplete="current-password" required maxlength="1024"></div>
<button type="submit">${t.t('signIn')}</button>
</form>
</div>`,
  });
}
