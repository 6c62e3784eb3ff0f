import type { Lang } from '../../utils/i18n/lang';
import type { OutboxSummary } from '../../utils/messaging/protocol/outbox';
import { formatWhen, OFFICER_KEYS, type PopupT, STATUS_KEYS } from './i18n';

/** Props of one row of the outbox list. */
export interface OutboxItemProps {
  item: OutboxSummary;
  lang: Lang;
  t: PopupT;
  categoryLabel: string;
  onOpen(id: string): void;
  now?: number;
}

/** The DOM id of a row's button, so focus can return to it when the detail view closes. */
export function rowId(id: string): string {
  return `row-${id}`;
}

/**
 * One record in the list: a single button, so the whole row is one tab stop and its text is the
 * accessible name (application, screen, category, first line, state, time).
 */
export function OutboxItem({ item, lang, t, categoryLabel, onOpen, now }: OutboxItemProps) {
  const unread = item.officer !== undefined && !item.officer.read;
  return (
    <button
      type="button"
      id={rowId(item.id)}
      class={`row status-${item.status}${unread ? ' unread' : ''}`}
      data-testid="outbox-row"
      data-id={item.id}
      onClick={() => onOpen(item.id)}
    >
      <span class="row-head">
        <span class="row-where">
          {item.app} · {item.screen}
        </span>
        <time class="row-time" dateTime={new Date(item.createdAt).toISOString()}>
          {formatWhen(item.createdAt, lang, now)}
        </time>
      </span>
      <span class="row-note">{item.firstLine}</span>
      <span class="row-meta">
        <span class="tag">{categoryLabel}</span>
        <span class={`state state-${item.status}`}>{t(STATUS_KEYS[item.status])}</span>
        {item.officer ? <span class="officer">{t(OFFICER_KEYS[item.officer.status])}</span> : null}
        {unread ? (
          <span class="new" data-testid="new-answer">
            {t('newAnswer')}
          </span>
        ) : null}
      </span>
    </button>
  );
}
