import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { toErrorCode } from '../../utils/errors';
import { ERROR_STRINGS } from '../../utils/i18n/errors';
import { resolveLang } from '../../utils/i18n/lang';
import { fieldPathLabel, issueText, settingsT } from '../../utils/i18n/settings';
import type { SaveReply } from '../../utils/messaging/protocol/settings';
import {
  type ConfigurableKey,
  SETTINGS_VERSION,
  Settings,
  type UiLanguage,
} from '../../utils/schema/settings';
import type { FieldIssue, SettingsPageState } from '../../utils/schema/settings-status';
import { toFieldIssues } from '../../utils/settings/issues';
import { EXPORT_FILE_NAME, exportSettings, parseImport } from '../../utils/settings/transfer';
import { FieldSelect } from './FieldSelect';
import { PolicyNotice } from './PolicyNotice';
import { SettingsConnection } from './SettingsConnection';
import { SettingsFeedback } from './SettingsFeedback';
import { SettingsPrivacy } from './SettingsPrivacy';
import { type FieldPath, fieldId, type SettingsContext, SettingsSection } from './SettingsSection';
import { type ImportReport, SettingsTransfer } from './SettingsTransfer';
import { SiteList } from './SiteList';

/** Everything the page does outside itself; the entrypoint wires it to the background and browser. */
export interface SettingsApi {
  save(settings: Settings): Promise<SaveReply>;
  reload(): Promise<SettingsPageState>;
  testConnection(endpoint: string, token: string | undefined): Promise<{ service: string }>;
  /** Asks for host permissions. Call it before any await in a click handler, or the browser refuses. */
  requestOrigins(origins: string[]): Promise<boolean>;
  /** Calls `listener` when the organisation's policy changes; returns the unsubscribe. */
  onPolicyChanged(listener: () => void): () => void;
  download(fileName: string, text: string): void;
}

/** Props of the settings page. */
export interface SettingsPageProps {
  initial: SettingsPageState;
  /** The browser's UI language (`browserLanguage()`, utils/i18n/lang.ts), for uiLanguage "auto". */
  browserLanguage: string;
  api: SettingsApi;
}

type Status =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'invalid' }
  | { kind: 'failed'; reason: string }
  | { kind: 'policy-changed' };

function draftOf(state: SettingsPageState): Settings {
  return { ...state.settings, token: state.token, version: SETTINGS_VERSION };
}

const samePrefix = (path: FieldPath, prefix: FieldPath) =>
  prefix.every((part, index) => path[index] === part);

/**
 * The settings page: every setting editable, checked as typed against the same schema the
 * background uses; saved only when the whole form is valid. Values set by policy are locked.
 */
export function SettingsPage({ initial, browserLanguage, api }: SettingsPageProps) {
  const [state, setState] = useState(initial);
  const [draft, setDraft] = useState(() => draftOf(initial));
  const [dirty, setDirty] = useState<ReadonlySet<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [serverIssues, setServerIssues] = useState<FieldIssue[]>([]);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [permissionMessage, setPermissionMessage] = useState<string | undefined>();
  const summaryRef = useRef<HTMLDivElement>(null);
  const stateRef = useRef(state);
  stateRef.current = state;

  const lang = resolveLang(state.settings.uiLanguage, browserLanguage);
  const t = settingsT(lang);
  const locked = new Set<string>(state.locked);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('pageTitle');
  }, [lang]);

  // The summary names every problem and links to its field; it takes focus when it appears.
  useEffect(() => {
    if (status.kind === 'invalid') summaryRef.current?.focus();
  }, [status]);

  // A policy change applies at once: locked values (newly locked or released) are taken from the
  // new state; what the user typed into other fields stays.
  useEffect(
    () =>
      api.onPolicyChanged(() => {
        void api.reload().then((next) => {
          const touched = new Set<string>([...stateRef.current.locked, ...next.locked]);
          const fresh = draftOf(next);
          setState(next);
          setDraft((current) => {
            const merged: Record<string, unknown> = { ...current };
            for (const key of touched) merged[key] = fresh[key as ConfigurableKey];
            return merged as Settings;
          });
          setStatus({ kind: 'policy-changed' });
        });
      }),
    [],
  );

  const allIssues = useMemo(() => {
    const parsed = Settings.safeParse(draft);
    return parsed.success ? [] : toFieldIssues(parsed.error);
  }, [draft]);
  // Errors show for fields the user changed, and for all of them once saving was tried.
  const visibleIssues = [
    ...allIssues.filter((issue) => attempted || dirty.has(String(issue.path[0]))),
    ...serverIssues,
  ];

  const ctx: SettingsContext = {
    lang,
    t,
    draft,
    update(key, value) {
      setDraft((current) => ({ ...current, [key]: value }));
      setDirty((current) => new Set(current).add(key));
      setServerIssues([]);
      if (status.kind !== 'saving') setStatus({ kind: 'idle' });
    },
    errors(path, { entries = false } = {}) {
      const out: string[] = [];
      for (const issue of visibleIssues) {
        if (issue.path.length === path.length && samePrefix(issue.path, path))
          out.push(issueText(lang, issue));
        const last = issue.path[path.length];
        if (
          entries &&
          issue.path.length === path.length + 1 &&
          samePrefix(issue.path, path) &&
          typeof last === 'number'
        ) {
          out.push(`${t('entry', { n: last + 1 })}: ${issueText(lang, issue)}`);
        }
      }
      return [...new Set(out)];
    },
    lockedNote: (key) => (locked.has(key) ? t('lockedNote') : undefined),
  };

  const accept = (next: SettingsPageState) => {
    setState(next);
    setDraft(draftOf(next));
    setDirty(new Set());
    setAttempted(false);
    setServerIssues([]);
  };

  const saveSettings = async (settings: Settings, askFor: Promise<boolean>) => {
    setStatus({ kind: 'saving' });
    const granted = await askFor.catch(() => false);
    setPermissionMessage(granted ? undefined : t('permissionDeclined'));
    try {
      const reply = await api.save(settings);
      if (reply.ok) {
        accept(reply.state);
        setStatus({ kind: 'saved' });
      } else {
        setServerIssues(reply.issues);
        setAttempted(true);
        setStatus({ kind: 'invalid' });
      }
      return reply;
    } catch (error) {
      setStatus({ kind: 'failed', reason: ERROR_STRINGS[lang][toErrorCode(error)] });
      return undefined;
    }
  };

  /** Host permission for sites that are new in `settings`; asked at once, inside the click. */
  const askForNewSites = (settings: Settings): Promise<boolean> => {
    if (locked.has('sites')) return Promise.resolve(true);
    const saved = new Set(state.settings.sites.map((site) => site.pattern));
    const fresh = settings.sites.map((site) => site.pattern).filter((pattern) => !saved.has(pattern));
    return fresh.length ? api.requestOrigins(fresh) : Promise.resolve(true);
  };

  const submit = (event: Event) => {
    event.preventDefault();
    if (status.kind === 'saving') return;
    setAttempted(true);
    const parsed = Settings.safeParse(draft);
    if (!parsed.success) {
      setStatus({ kind: 'invalid' });
      return;
    }
    // The permission prompt must open before the first await: the click's activation does not survive one.
    void saveSettings(parsed.data, askForNewSites(parsed.data));
  };

  const grant = (patterns: string[]) => {
    const asked = api.requestOrigins(patterns);
    void asked
      .catch(() => false)
      .then(async (granted) => {
        setPermissionMessage(granted ? undefined : t('permissionDeclined'));
        const next = await api.reload();
        setState((current) => ({ ...current, sites: next.sites }));
      });
  };

  const exportFile = (includeToken: boolean) => {
    const saved = Settings.parse(draftOf(state));
    api.download(EXPORT_FILE_NAME, `${JSON.stringify(exportSettings(saved, { includeToken }), null, 2)}\n`);
  };

  const importFile = async (text: string): Promise<ImportReport> => {
    const describe = (issue: FieldIssue) => {
      const where = fieldPathLabel(lang, issue.path);
      return where ? `${where}: ${issueText(lang, issue)}` : issueText(lang, issue);
    };
    const outcome = parseImport(text, Settings.parse(draftOf(state)), state.locked);
    if (!outcome.ok) return { ok: false, problems: outcome.issues.map(describe) };
    const reply = await saveSettings(outcome.settings, Promise.resolve(true));
    if (!reply) return { ok: false, problems: [t('saveFailed', { reason: '' })] };
    if (!reply.ok) return { ok: false, problems: reply.issues.map(describe) };
    const notes = outcome.skippedLocked.length
      ? [
          t('importSkippedLocked', {
            fields: outcome.skippedLocked.map((key) => t(`field_${key}`)).join(', '),
          }),
        ]
      : [];
    return { ok: true, notes };
  };

  const summaryIssues = status.kind === 'invalid' ? visibleIssues : [];
  const focusField = (path: FieldPath) => {
    for (let length = path.length; length > 0; length--) {
      const element = document.getElementById(fieldId(path.slice(0, length)));
      if (element) {
        element.focus();
        return;
      }
    }
  };

  return (
    <div class="page">
      <header>
        <h1>{t('pageTitle')}</h1>
        <p class="hint">{t('intro')}</p>
      </header>
      <PolicyNotice lang={lang} lockedCount={state.locked.length} warnings={state.warnings} />
      {summaryIssues.length ? (
        <div
          class="notice error-summary"
          role="alert"
          tabIndex={-1}
          ref={summaryRef}
          data-testid="error-summary"
        >
          <p>{t('errorSummary', { n: summaryIssues.length })}</p>
          <ul>
            {summaryIssues.map((issue) => {
              const text = `${fieldPathLabel(lang, issue.path)}: ${issueText(lang, issue)}`;
              return (
                <li key={issue.path.join('.')}>
                  <a
                    href={`#${fieldId(issue.path)}`}
                    onClick={(event) => {
                      event.preventDefault();
                      focusField(issue.path);
                    }}
                  >
                    {text}
                  </a>
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
      <form onSubmit={submit} noValidate aria-label={t('pageTitle')}>
        <SettingsConnection ctx={ctx} testConnection={api.testConnection} />
        <SiteList ctx={ctx} statuses={state.sites} onGrant={grant} permissionMessage={permissionMessage} />
        <SettingsFeedback ctx={ctx} />
        <SettingsPrivacy ctx={ctx} />
        <SettingsSection id="display" title={t('sectionDisplay')}>
          <FieldSelect<(typeof UiLanguage.options)[number]>
            id={fieldId(['uiLanguage'])}
            label={t('field_uiLanguage')}
            value={draft.uiLanguage}
            onChange={(value) => ctx.update('uiLanguage', value)}
            options={[
              { value: 'auto', label: t('lang_auto') },
              { value: 'de', label: t('lang_de') },
              { value: 'en', label: t('lang_en') },
            ]}
            errors={ctx.errors(['uiLanguage'])}
            lockedNote={ctx.lockedNote('uiLanguage')}
          />
        </SettingsSection>
        <div class="savebar">
          <button type="submit" class="primary" disabled={status.kind === 'saving'} data-testid="save">
            {status.kind === 'saving' ? t('saving') : t('save')}
          </button>
          <p aria-live="polite" data-testid="save-status" data-status={status.kind}>
            {status.kind === 'saved' ? t('saved') : null}
            {status.kind === 'failed' ? t('saveFailed', { reason: status.reason }) : null}
            {status.kind === 'policy-changed' ? t('policyChanged') : null}
          </p>
        </div>
      </form>
      <SettingsTransfer t={t} onExport={exportFile} onImport={importFile} />
    </div>
  );
}
