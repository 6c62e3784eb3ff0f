import { useEffect, useRef, useState } from 'preact/hooks';
import { type ErrorCode, toErrorCode } from '../../utils/errors';
import { ERROR_STRINGS } from '../../utils/i18n/errors';
import type { Lang } from '../../utils/i18n/lang';
import type { Send } from '../../utils/messaging/protocol';
import type { OutageOffer } from '../../utils/messaging/protocol/outage';
import { IncidentView } from './IncidentView';
import { formatWhen, type PopupT } from './i18n';
import './OutageCard.css';

/** Props of the "Störung melden" card. */
export interface OutageCardProps {
  offer: OutageOffer;
  /** The failed tab the popup opened over. */
  tab: { id: number; url: string };
  lang: Lang;
  t: PopupT;
  send: Send;
  /** Called once the report is stored (the list shows it). */
  onReported(id: string): void;
  /** Fixed clock for tests. */
  now?: number;
}

/**
 * The one-step outage report over a failed page (issue #17): what the extension saw fail, an optional
 * note, and one button, which has the focus so Enter reports. The generated note is shown, so the
 * caseworker knows what is stored when they type nothing.
 */
export function OutageCard({ offer, tab, lang, t, send, onReported, now }: OutageCardProps) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<ErrorCode | undefined>();
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    button.current?.focus();
  }, []);

  const report = async () => {
    if (busy || done) return;
    setBusy(true);
    setError(undefined);
    try {
      const { id } = await send('outage:report', {
        tabId: tab.id,
        tabUrl: tab.url,
        ...(note.trim() ? { note } : {}),
        screen: {
          width: Math.round(screen.width),
          height: Math.round(screen.height),
          pixelRatio: window.devicePixelRatio || 1,
        },
        uiLanguage: navigator.language,
      });
      setDone(true);
      onReported(id);
    } catch (caught) {
      setError(toErrorCode(caught));
    } finally {
      setBusy(false);
    }
  };

  const errorText = offer.code ? `${offer.words} (${offer.code})` : offer.words;
  return (
    <section class="outage-card" aria-labelledby="outage-heading" data-testid="outage-card">
      <h2 id="outage-heading">{t('outageHeading')}</h2>
      <dl class="outage-facts">
        <dt>{t('outageApp')}</dt>
        <dd data-testid="outage-app">{offer.app}</dd>
        <dt>{t('outageError')}</dt>
        <dd data-testid="outage-error">{errorText}</dd>
        <dt>{t('outageSince')}</dt>
        <dd data-testid="outage-since">{formatWhen(offer.since, lang, now)}</dd>
        {offer.routeTemplate ? (
          <>
            <dt>{t('outageScreen')}</dt>
            <dd data-testid="outage-screen">{offer.routeTemplate}</dd>
          </>
        ) : null}
      </dl>
      {/* What the officers already said about this outage (a report of it from here was grouped). */}
      {offer.incident ? <IncidentView incident={offer.incident} lang={lang} t={t} now={now} /> : null}
      {offer.reported > 0 && !done ? (
        <p class="hint" data-testid="outage-already">
          {t('outageAlreadyReported')}
        </p>
      ) : null}
      {done ? (
        <p class="outage-done" role="status" data-testid="outage-reported">
          {t('outageReported')}
        </p>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void report();
          }}
        >
          <label for="outage-note">{t('outageNoteLabel')}</label>
          <textarea
            id="outage-note"
            rows={2}
            value={note}
            onInput={(event) => setNote(event.currentTarget.value)}
            aria-describedby="outage-note-default"
          />
          <p class="hint" id="outage-note-default" data-testid="outage-note-default">
            {t('outageNoteDefault', { note: offer.note })}
          </p>
          <button ref={button} type="submit" class="primary wide" disabled={busy} data-testid="outage-report">
            {busy ? t('outageReporting') : t('outageReport')}
          </button>
        </form>
      )}
      {error ? (
        <p class="error" role="alert">
          {ERROR_STRINGS[lang][error]}
        </p>
      ) : null}
    </section>
  );
}
