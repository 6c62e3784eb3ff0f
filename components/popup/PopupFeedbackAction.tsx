import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { type ErrorCode, toErrorCode } from '../../utils/errors';
import { ERROR_STRINGS } from '../../utils/i18n/errors';
import type { Lang } from '../../utils/i18n/lang';
import type { Send } from '../../utils/messaging/protocol';
import type { EnableSiteCardProps } from './EnableSiteCard';
import type { PopupT } from './i18n';

/** Props of the popup's primary action. */
export interface PopupFeedbackActionProps {
  lang: Lang;
  t: PopupT;
  /** The active tab, when the popup was opened over one. */
  tab: { id: number; url: string } | undefined;
  /** Whether the active tab belongs to a configured site; undefined until the background has said. */
  siteConfigured: boolean | undefined;
  send: Send;
  /** Closes the popup (the dialog opens in the page underneath). */
  closeWindow(): void;
}

const WEB_PAGE = /^https?:\/\//i;

/**
 * "Give feedback on this page": opens the in-page dialog and gets out of the way. Where Mitsprache is
 * not enabled, the card that enables it takes the button's place.
 */
export function PopupFeedbackAction({
  lang,
  t,
  tab,
  siteConfigured,
  send,
  closeWindow,
}: PopupFeedbackActionProps) {
  const [error, setError] = useState<ErrorCode | undefined>();
  const [busy, setBusy] = useState(false);
  const [Card, setCard] = useState<ComponentType<EnableSiteCardProps> | undefined>();
  const webPage = tab !== undefined && WEB_PAGE.test(tab.url);
  const needsCard =
    tab !== undefined && webPage && (siteConfigured === false || error === 'no_content_script');

  // Loaded only when needed: the card brings the settings schema along, which an ordinary open of
  // the popup (the 150 ms budget) does not need.
  useEffect(() => {
    if (!needsCard || Card) return;
    let live = true;
    import('./EnableSiteCard')
      .then((module) => live && setCard(() => module.EnableSiteCard))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [needsCard]);

  if (tab && needsCard) {
    return Card ? (
      <Card tabId={tab.id} url={tab.url} lang={lang} />
    ) : (
      <p class="hint" aria-busy="true">
        {t('loading')}
      </p>
    );
  }
  if (siteConfigured === undefined && webPage) {
    // The list is already shown from the remembered setup; which action fits this tab follows shortly.
    return (
      <p class="hint" aria-busy="true" data-testid="feedback-pending">
        {t('loading')}
      </p>
    );
  }
  if (!tab || !webPage) {
    return (
      <p class="hint" data-testid="feedback-unavailable">
        {t('feedbackUnavailable')}
      </p>
    );
  }

  const open = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await send('dialog:open-in-tab', { tabId: tab.id });
      closeWindow();
    } catch (caught) {
      setError(toErrorCode(caught));
      setBusy(false);
    }
  };

  return (
    <div class="feedback-action">
      <button
        type="button"
        class="primary wide"
        disabled={busy}
        onClick={() => void open()}
        data-testid="give-feedback"
      >
        {t('giveFeedback')}
      </button>
      {error ? (
        <p class="error" role="alert">
          {ERROR_STRINGS[lang][error]}
        </p>
      ) : null}
    </div>
  );
}
