import { useState } from 'preact/hooks';
import type { Lang } from '../../utils/i18n/lang';
import { policyWarningText } from '../../utils/i18n/settings';
import type { SettingsStatus } from '../../utils/schema/settings-status';
import { requestSiteOrigins } from '../../utils/sites/permission-origins';
import { sitesT } from './sites-i18n';

/** Props of the popup's notice about sites without permission and ignored policy values. */
export interface SitePermissionNoticeProps {
  lang: Lang;
  /** The reply of 'settings:view'. */
  status: Pick<SettingsStatus, 'sites' | 'warnings'>;
  /** Called after a grant, so the popup can fetch 'settings:view' again. */
  onChanged?(): void;
}

/**
 * For the popup: names the configured sites the browser has no permission for (never granted, or
 * revoked by the user) with one button that asks for all of them, and the policy values that were
 * ignored. Renders nothing when all is well.
 */
export function SitePermissionNotice({ lang, status, onChanged }: SitePermissionNoticeProps) {
  const t = sitesT(lang);
  const [declined, setDeclined] = useState(false);
  const lacking = status.sites.filter((site) => site.permission !== 'granted');
  if (lacking.length === 0 && status.warnings.length === 0) return null;

  const grant = () => {
    // Straight from the click: the browser shows the prompt only during a user gesture.
    void requestSiteOrigins(lacking.map((site) => site.pattern))
      .catch(() => false)
      .then((granted) => {
        setDeclined(!granted);
        if (granted) onChanged?.();
      });
  };

  return (
    <div class="site-notice" data-testid="site-permission-notice">
      {lacking.length ? (
        <div role="status">
          <p>
            <strong>{t('sitesMissingTitle')}.</strong> {t('sitesMissing')}
          </p>
          <ul>
            {lacking.map((site) => (
              <li key={site.pattern} data-permission={site.permission}>
                {site.app} ({site.pattern}){site.permission === 'revoked' ? ` – ${t('sitesRevoked')}` : ''}
              </li>
            ))}
          </ul>
          <button type="button" onClick={grant} data-testid="grant-missing">
            {t('grantMissing')}
          </button>
          {declined ? (
            <p class="error" role="alert">
              {t('grantDeclined')}
            </p>
          ) : null}
        </div>
      ) : null}
      {status.warnings.length ? (
        <div>
          <p>
            <strong>{t('policyNotesTitle')}</strong>
          </p>
          <ul>
            {status.warnings.map((warning) => {
              const text = policyWarningText(lang, warning);
              return <li key={text}>{text}</li>;
            })}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
