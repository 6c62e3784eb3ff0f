import type { Site } from '../../utils/schema/settings';
import type { SitePermission } from '../../utils/schema/settings-status';
import { FieldLines } from './FieldLines';
import { FieldText } from './FieldText';
import { fieldId, type SettingsContext } from './SettingsSection';

/** Props of the editor of one configured site. */
export interface SiteEditorProps {
  ctx: SettingsContext;
  index: number;
  site: Site;
  /** Host permission of the saved site; 'unsaved' for a site that is new in the draft. */
  permission: SitePermission | 'unsaved';
  onChange(site: Site): void;
  onRemove(): void;
  /** Asks the browser for this site's permission (a click, so the prompt may open). */
  onGrant(): void;
}

/** The fields folded away by default; an error in one unfolds them. */
const LIST_FIELDS = ['screenSelectors', 'allowedParams', 'sensitiveSelectors'] as const;

/** Pattern, name, screen-name selectors, allowed parameters and sensitive selectors of one site. */
export function SiteEditor({ ctx, index, site, permission, onChange, onRemove, onGrant }: SiteEditorProps) {
  const { t, errors, lockedNote } = ctx;
  const locked = lockedNote('sites');
  const path = (field: string) => ['sites', index, field];
  const n = index + 1;
  return (
    <fieldset class="entry" data-testid="site">
      <legend>{t('siteLegend', { n, app: site.app.trim() || t('siteUnnamed') })}</legend>
      <p class={`permission ${permission}`} data-testid="site-permission" data-permission={permission}>
        {t(`permission_${permission}`)}
        {permission === 'missing' || permission === 'revoked' ? (
          <button type="button" class="small" onClick={onGrant} data-testid="grant-site">
            {t('grantPermission')}
          </button>
        ) : null}
      </p>
      <FieldText
        id={fieldId(path('pattern'))}
        label={t('site_pattern')}
        value={site.pattern}
        onInput={(pattern) => onChange({ ...site, pattern })}
        hint={t('hint_site_pattern')}
        errors={errors(path('pattern'))}
        lockedNote={locked}
        placeholder="https://…/*"
      />
      <FieldText
        id={fieldId(path('app'))}
        label={t('site_app')}
        value={site.app}
        onInput={(app) => onChange({ ...site, app })}
        errors={errors(path('app'))}
        lockedNote={locked}
        maxLength={100}
      />
      <details
        open={LIST_FIELDS.some((field) => errors(path(field), { entries: true }).length > 0) || undefined}
      >
        <summary>{t('site_screenSelectors')} …</summary>
        <FieldLines
          id={fieldId(path('screenSelectors'))}
          label={t('site_screenSelectors')}
          value={site.screenSelectors}
          onChange={(screenSelectors) => onChange({ ...site, screenSelectors })}
          hint={t('linesHint')}
          errors={errors(path('screenSelectors'), { entries: true })}
          lockedNote={locked}
        />
        <FieldLines
          id={fieldId(path('allowedParams'))}
          label={t('site_allowedParams')}
          value={site.allowedParams}
          onChange={(allowedParams) => onChange({ ...site, allowedParams })}
          hint={t('linesHint')}
          errors={errors(path('allowedParams'), { entries: true })}
          lockedNote={locked}
        />
        <FieldLines
          id={fieldId(path('sensitiveSelectors'))}
          label={t('site_sensitiveSelectors')}
          value={site.sensitiveSelectors}
          onChange={(sensitiveSelectors) => onChange({ ...site, sensitiveSelectors })}
          hint={t('linesHint')}
          errors={errors(path('sensitiveSelectors'), { entries: true })}
          lockedNote={locked}
        />
      </details>
      {locked ? null : (
        <button type="button" class="danger small" onClick={onRemove} data-testid="remove-site">
          {t('removeSite', { n })}
        </button>
      )}
    </fieldset>
  );
}
