import { useEffect, useRef, useState } from 'preact/hooks';
import { type ErrorCode, toErrorCode } from '../../utils/errors';
import { ERROR_STRINGS } from '../../utils/i18n/errors';
import { send } from '../../utils/messaging/client';
import { Site } from '../../utils/schema/settings';
import { suggestSite } from '../../utils/settings/sites';
import { findSite } from '../../utils/sites/match';
import { requestSiteOrigins } from '../../utils/sites/permission-origins';
import { sitesT } from './sites-i18n';
import './EnableSiteCard.css';

/** Props of the popup card that enables Mitsprache on the page the user is on. */
export interface EnableSiteCardProps {
  tabId: number;
  url: string;
  lang: 'de' | 'en';
}

type State =
  | { kind: 'checking' }
  | { kind: 'ready' }
  | { kind: 'locked' }
  | { kind: 'working' }
  | { kind: 'enabled'; shown: boolean }
  | { kind: 'declined' }
  | { kind: 'failed'; code: ErrorCode };

/**
 * "Enable feedback on this page": asks for host permission for the page's host (from the click,
 * as browsers require), saves the site under the name the user confirms, registers the content
 * script and runs it in this tab so the button appears without a reload. For a site the
 * organisation configured but the browser has no permission for, it only asks for the permission.
 */
export function EnableSiteCard({ tabId, url, lang }: EnableSiteCardProps) {
  const t = sitesT(lang);
  const suggestion = suggestSite(url);
  const [app, setApp] = useState(suggestion?.app ?? '');
  const [pattern, setPattern] = useState(suggestion?.pattern ?? '');
  const [configured, setConfigured] = useState(false);
  const [state, setState] = useState<State>({ kind: 'checking' });
  const [appError, setAppError] = useState(false);
  const appRef = useRef<HTMLInputElement>(null);
  const resultRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (!suggestion) return;
    let live = true;
    send('settings:view', {})
      .then((view) => {
        if (!live) return;
        // A configured site without permission keeps its pattern and name; only the grant is missing.
        const existing = findSite(view.sites, url);
        if (existing) {
          setConfigured(true);
          setPattern(existing.pattern);
          setApp(existing.app);
          setState({ kind: 'ready' });
        } else {
          setState(view.locked.includes('sites') ? { kind: 'locked' } : { kind: 'ready' });
        }
      })
      .catch(() => live && setState({ kind: 'ready' }));
    return () => {
      live = false;
    };
  }, [url]);

  useEffect(() => {
    if (state.kind === 'enabled' || state.kind === 'declined' || state.kind === 'failed')
      resultRef.current?.focus();
  }, [state.kind]);

  if (!suggestion) {
    return (
      <section class="enable-site" data-testid="enable-site">
        <p class="hint">{t('unsupported')}</p>
      </section>
    );
  }
  const host = new URL(url).hostname;

  const enable = (event: Event) => {
    event.preventDefault();
    if (state.kind === 'working') return;
    if (!Site.shape.app.safeParse(app).success) {
      setAppError(true);
      appRef.current?.focus();
      return;
    }
    setAppError(false);
    const request = { tabId, pattern, app: app.trim() };
    // Firefox closes the popup when its prompt opens; the background then finishes on its own.
    void send('sites:enable-intent', request).catch(() => undefined);
    // The permission prompt opens only from the click itself, so nothing is awaited before it.
    const asked = requestSiteOrigins([pattern]);
    setState({ kind: 'working' });
    void asked
      .then(async (granted) => {
        if (!granted) {
          setState({ kind: 'declined' });
          return;
        }
        const { shown } = await send('sites:enable', request);
        setState({ kind: 'enabled', shown });
      })
      .catch((error: unknown) => setState({ kind: 'failed', code: toErrorCode(error) }));
  };

  return (
    <section class="enable-site" aria-labelledby="enable-site-title" data-testid="enable-site">
      <h2 id="enable-site-title">{t('enableTitle')}</h2>
      {state.kind === 'locked' ? (
        <p class="hint" data-testid="enable-site-locked">
          {t('locked')}
        </p>
      ) : state.kind === 'enabled' ? (
        <p class="ok" role="status" tabIndex={-1} ref={resultRef} data-testid="enable-site-done">
          {state.shown ? t('enabled') : t('enabledReload')}
        </p>
      ) : (
        <form onSubmit={enable}>
          <p class="hint">{t('enableIntro', { host })}</p>
          <p class="pattern">
            {t('patternLabel')} <code>{pattern}</code>
          </p>
          {configured ? null : (
            <>
              <label for="enable-site-app">{t('appLabel')}</label>
              <input
                id="enable-site-app"
                ref={appRef}
                value={app}
                maxLength={100}
                aria-invalid={appError}
                aria-describedby={
                  appError ? 'enable-site-app-hint enable-site-app-error' : 'enable-site-app-hint'
                }
                onInput={(event) => setApp(event.currentTarget.value)}
              />
              <p id="enable-site-app-hint" class="hint">
                {t('appHint')}
              </p>
              {appError ? (
                <p id="enable-site-app-error" class="error">
                  {t('appRequired')}
                </p>
              ) : null}
            </>
          )}
          <button
            type="submit"
            class="primary"
            disabled={state.kind === 'working' || state.kind === 'checking'}
            data-testid="enable-site-button"
          >
            {state.kind === 'working' ? t('enabling') : t('enableButton')}
          </button>
          {state.kind === 'declined' ? (
            <p class="error" role="alert" tabIndex={-1} ref={resultRef}>
              {t('declined')}
            </p>
          ) : null}
          {state.kind === 'failed' ? (
            <p class="error" role="alert" tabIndex={-1} ref={resultRef}>
              {t('failed', { reason: ERROR_STRINGS[lang][state.code] })}
            </p>
          ) : null}
        </form>
      )}
    </section>
  );
}
