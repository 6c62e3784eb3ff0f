import { useRef } from 'preact/hooks';
import type { Site } from '../../utils/schema/settings';
import type { SiteStatus } from '../../utils/schema/settings-status';
import { FieldMessages } from './FieldMessages';
import { type SettingsContext, SettingsSection } from './SettingsSection';
import { SiteEditor } from './SiteEditor';

/** Props of the sites section. */
export interface SiteListProps {
  ctx: SettingsContext;
  /** Permission state of the saved sites. */
  statuses: readonly SiteStatus[];
  /** Asks the browser for host permission for these patterns (called from a click). */
  onGrant(patterns: string[]): void;
  /** The outcome of the last permission request, when it was declined. */
  permissionMessage?: string;
}

const EMPTY_SITE: Site = {
  pattern: '',
  app: '',
  screenSelectors: [],
  allowedParams: [],
  sensitiveSelectors: [],
};

/** The configured sites, each with its permission state; add, remove, grant. */
export function SiteList({ ctx, statuses, onGrant, permissionMessage }: SiteListProps) {
  const { t, draft, update, errors, lockedNote } = ctx;
  const addRef = useRef<HTMLButtonElement>(null);
  const permissionOf = (pattern: string) =>
    statuses.find((status) => status.pattern === pattern)?.permission ?? 'unsaved';
  const lacking = draft.sites
    .map((site) => ({ site, permission: permissionOf(site.pattern) }))
    .filter(({ permission }) => permission === 'missing' || permission === 'revoked');
  const setSites = (sites: Site[]) => update('sites', sites);
  const locked = lockedNote('sites');

  return (
    <SettingsSection id="sites" title={t('sectionSites')}>
      <FieldMessages id="f-sites" hint={t('hint_sites')} lockedNote={locked} errors={errors(['sites'])} />
      {lacking.length ? (
        <div class="notice warn" role="status" data-testid="permissions-missing">
          <p>{t('permissionsMissing', { n: lacking.length })}</p>
          <button
            type="button"
            onClick={() => onGrant(lacking.map(({ site }) => site.pattern))}
            data-testid="grant-all"
          >
            {t('grantAll')}
          </button>
        </div>
      ) : null}
      {permissionMessage ? (
        <p class="error" role="alert">
          {permissionMessage}
        </p>
      ) : null}
      {draft.sites.length === 0 ? <p class="hint">{t('sitesEmpty')}</p> : null}
      {draft.sites.map((site, index) => (
        <SiteEditor
          // Index keys: entries have no id and patterns change while typed; removal moves focus away.
          key={index}
          ctx={ctx}
          index={index}
          site={site}
          permission={permissionOf(site.pattern)}
          onChange={(next) => setSites(draft.sites.map((existing, i) => (i === index ? next : existing)))}
          onRemove={() => {
            setSites(draft.sites.filter((_, i) => i !== index));
            addRef.current?.focus();
          }}
          onGrant={() => onGrant([site.pattern])}
        />
      ))}
      {locked ? null : (
        <button
          type="button"
          ref={addRef}
          onClick={() => setSites([...draft.sites, { ...EMPTY_SITE }])}
          data-testid="add-site"
        >
          {t('addSite')}
        </button>
      )}
    </SettingsSection>
  );
}
