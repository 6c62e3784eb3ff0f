import { ERROR_STRINGS } from '../../utils/i18n/errors';
import type { Lang } from '../../utils/i18n/lang';
import type { OutboxOverview } from '../../utils/messaging/protocol/outbox';
import { formatAgo, type PopupT } from './i18n';

/** Props of the counts and sync summary at the top of the popup. */
export interface SyncStatusProps {
  lang: Lang;
  t: PopupT;
  /** Undefined while loading. */
  overview: OutboxOverview | undefined;
  /** Sent records on this device; undefined while they are being counted (it takes longest). */
  sent: number | undefined;
  /** A "send now" pass is running. */
  sending: boolean;
  onSendNow(): void;
  now?: number;
}

/** The last sync in plain words: when, whether it worked, and what happens next. */
export function describeSync(overview: OutboxOverview, lang: Lang, t: PopupT, now = Date.now()): string[] {
  const { sync } = overview;
  const errors = ERROR_STRINGS[lang];
  const ago = (ms: number) => formatAgo(ms, lang, now);
  if (!overview.endpointConfigured || sync.lastResult === 'no_endpoint') return [errors.no_endpoint];
  if (sync.lastResult === 'insecure') return [errors.endpoint_insecure];
  // A pass with an empty queue also ends "ok", without a request: that is not a transfer.
  if (sync.lastResult === 'ok')
    return [sync.lastSuccessAt === null ? t('syncNever') : t('syncOk', { time: ago(sync.lastSuccessAt) })];
  if (sync.lastResult === 'idle' || sync.lastAttemptAt === null) return [t('syncNever')];
  const lines = [
    t('syncFailed', {
      time: ago(sync.lastAttemptAt),
      reason: errors[sync.lastErrorCode ?? 'endpoint_error'],
    }),
  ];
  if (sync.lastSuccessAt !== null) lines.push(t('syncLastSuccess', { time: ago(sync.lastSuccessAt) }));
  if (sync.lastResult === 'unauthorized') lines.push(t('syncStopped'));
  else if (sync.nextAttemptAt !== undefined) lines.push(t('syncNext', { time: ago(sync.nextAttemptAt) }));
  return lines;
}

/** Counts by state, the last sync in words, and "send now". */
export function SyncStatus({ lang, t, overview, sent, sending, onSendNow, now }: SyncStatusProps) {
  return (
    <section class="sync" aria-labelledby="overview-heading" aria-busy={overview === undefined}>
      <h2 id="overview-heading" class="visually-hidden">
        {t('overviewHeading')}
      </h2>
      {overview ? (
        <>
          <dl class="counts" data-testid="counts">
            <div>
              <dt>{t('countPending')}</dt>
              <dd data-testid="count-pending">{overview.counts.pending}</dd>
            </div>
            <div>
              <dt>{t('countSent')}</dt>
              <dd data-testid="count-sent" aria-busy={sent === undefined}>
                {sent ?? '…'}
              </dd>
            </div>
            {/* Only records that need the caseworker colour the tile; a failing sync has its own warning below. */}
            <div
              class={overview.counts.failed > 0 ? 'attention' : undefined}
              data-attention={overview.counts.failed > 0}
            >
              <dt>{t('countAttention')}</dt>
              <dd data-testid="count-attention">{overview.counts.failed}</dd>
            </div>
            <div class={overview.counts.unread > 0 ? 'news' : undefined}>
              <dt>{t('countUnread')}</dt>
              <dd data-testid="count-unread">{overview.counts.unread}</dd>
            </div>
          </dl>
          {overview.failing ? <p class="warning">{t('syncFailingHint')}</p> : null}
          <div class="sync-line" data-testid="sync-line">
            {describeSync(overview, lang, t, now).map((line) => (
              <p key={line}>{line}</p>
            ))}
          </div>
        </>
      ) : (
        <p class="hint">{t('loadingOverview')}</p>
      )}
      <div class="sync-actions">
        <button
          type="button"
          onClick={onSendNow}
          disabled={sending || overview === undefined}
          aria-busy={sending}
          data-testid="send-now"
        >
          {sending ? t('sendingNow') : t('sendNow')}
        </button>
      </div>
    </section>
  );
}
