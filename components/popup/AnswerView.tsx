import type { Lang } from '../../utils/i18n/lang';
import type { OutboxEntry } from '../../utils/schema/outbox';
import { IncidentView } from './IncidentView';
import { formatWhen, OFFICER_KEYS, type PopupT } from './i18n';

/** Props of the officers' answer on one record. */
export interface AnswerViewProps {
  officer: OutboxEntry['officer'];
  /** The answer was unread when the detail opened (it is marked read by opening it). */
  fresh: boolean;
  lang: Lang;
  t: PopupT;
  /** Fixed clock for tests. */
  now?: number;
}

/** The answer back: the officers' processing state and their reply, if any. */
export function AnswerView({ officer, fresh, lang, t, now }: AnswerViewProps) {
  const updated = officer ? Date.parse(officer.updatedAt) : Number.NaN;
  return (
    <section class={`answer${fresh ? ' fresh' : ''}`} aria-labelledby="answer-heading" data-testid="answer">
      <h3 id="answer-heading">
        {t('answerHeading')}
        {fresh ? <span class="new"> {t('newAnswer')}</span> : null}
      </h3>
      {officer ? (
        <>
          {/* An outage report: what became of the outage comes first (issue #17). */}
          {officer.incident ? <IncidentView incident={officer.incident} lang={lang} t={t} now={now} /> : null}
          <p class="answer-state" data-testid="answer-state">
            {t(OFFICER_KEYS[officer.status])}
          </p>
          {officer.reply ? (
            <blockquote class="reply" data-testid="answer-reply" aria-label={t('answerReply')}>
              {officer.reply}
            </blockquote>
          ) : null}
          {Number.isNaN(updated) ? null : (
            <p class="hint">{t('answerUpdated', { time: formatWhen(updated, lang) })}</p>
          )}
        </>
      ) : (
        <p class="hint">{t('answerNone')}</p>
      )}
    </section>
  );
}
