import type { Lang } from '../../utils/i18n/lang';
import { policyWarningText, settingsT } from '../../utils/i18n/settings';
import type { PolicyWarning } from '../../utils/schema/settings-status';

/** Props of the notice about the organisation's policy. */
export interface PolicyNoticeProps {
  lang: Lang;
  /** How many settings the policy locks. */
  lockedCount: number;
  warnings: readonly PolicyWarning[];
}

/**
 * Says that some settings are set by the organisation, and which policy values were not applied
 * (malformed values are ignored, never silently: the IT sees here what to fix).
 */
export function PolicyNotice({ lang, lockedCount, warnings }: PolicyNoticeProps) {
  const t = settingsT(lang);
  if (lockedCount === 0 && warnings.length === 0) return null;
  return (
    <div class="policy" data-testid="policy-notice">
      {lockedCount > 0 ? <p>{t('policyIntro', { n: lockedCount })}</p> : null}
      {warnings.length > 0 ? (
        <div class="notice warn" data-testid="policy-warnings">
          <h2 class="small-heading">{t('policyWarningsTitle')}</h2>
          <ul>
            {warnings.map((warning) => {
              const text = policyWarningText(lang, warning);
              return <li key={text}>{text}</li>;
            })}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
