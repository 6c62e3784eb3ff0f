import type { Lang } from '../../utils/i18n/lang';
import type { OutboxFilter, OutboxSummary } from '../../utils/messaging/protocol/outbox';
import type { PopupKey, PopupT } from './i18n';
import { OutboxItem } from './OutboxItem';

/** Props of the caseworker's list of records. */
export interface OutboxListProps {
  lang: Lang;
  t: PopupT;
  items: readonly OutboxSummary[];
  filter: OutboxFilter;
  onFilter(filter: OutboxFilter): void;
  /** More pages follow. */
  hasMore: boolean;
  loading: boolean;
  onLoadMore(): void;
  onOpen(id: string): void;
  categoryLabel(id: string): string;
  now?: number;
}

const FILTERS: readonly { value: OutboxFilter; key: PopupKey }[] = [
  { value: 'all', key: 'filterAll' },
  { value: 'pending', key: 'filterPending' },
  { value: 'sent', key: 'filterSent' },
  { value: 'failed', key: 'filterFailed' },
];

/** The records, newest first, a page at a time; a filter by state above them. */
export function OutboxList({
  lang,
  t,
  items,
  filter,
  onFilter,
  hasMore,
  loading,
  onLoadMore,
  onOpen,
  categoryLabel,
  now,
}: OutboxListProps) {
  return (
    <section class="list" aria-labelledby="list-heading">
      <h2 id="list-heading" tabIndex={-1}>
        {t('listHeading')}
      </h2>
      <fieldset class="filters">
        <legend class="visually-hidden">{t('filterLabel')}</legend>
        {FILTERS.map(({ value, key }) => (
          <button
            key={value}
            type="button"
            class="filter"
            aria-pressed={filter === value}
            data-testid={`filter-${value}`}
            onClick={() => onFilter(value)}
          >
            {t(key)}
          </button>
        ))}
      </fieldset>
      {items.length === 0 && !loading ? (
        <p class="hint" data-testid="list-empty">
          {filter === 'all' ? t('listEmpty') : t('listEmptyFilter')}
        </p>
      ) : (
        <ul class="rows" aria-busy={loading} data-testid="outbox-list">
          {items.map((item) => (
            <li key={item.id}>
              <OutboxItem
                item={item}
                lang={lang}
                t={t}
                categoryLabel={categoryLabel(item.category)}
                onOpen={onOpen}
                now={now}
              />
            </li>
          ))}
        </ul>
      )}
      {loading ? <p class="hint">{t('loading')}</p> : null}
      {hasMore && !loading ? (
        <button type="button" class="more" onClick={onLoadMore} data-testid="load-more">
          {t('loadMore')}
        </button>
      ) : null}
    </section>
  );
}
