import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { toErrorCode } from '../../utils/errors';
import { ERROR_STRINGS } from '../../utils/i18n/errors';
import type { Send } from '../../utils/messaging/protocol';
import type { OutageOffer } from '../../utils/messaging/protocol/outage';
import type {
  OutboxFilter,
  OutboxOverview,
  OutboxSetup,
  OutboxSummary,
  PageCursor,
} from '../../utils/messaging/protocol/outbox';
import { popupT } from './i18n';
import { OutageCard } from './OutageCard';
import { OutboxExport } from './OutboxExport';
import { rowId } from './OutboxItem';
import { OutboxList } from './OutboxList';
import { PopupFeedbackAction } from './PopupFeedbackAction';
import { QuestionAnswers } from './QuestionAnswers';
import { RecordDetail } from './RecordDetail';
import { SyncStatus } from './SyncStatus';
import { TabSitePermission } from './TabSitePermission';

/** One page of the list as the background returns it. */
export interface ListPage {
  items: OutboxSummary[];
  next?: PageCursor;
}

/**
 * The popup's setup. `siteConfigured` is undefined while only the remembered setup is known
 * (entrypoints/popup/setup-cache.ts): it depends on the active tab, and the background's answer brings it.
 */
export type PopupSetup = Omit<OutboxSetup, 'siteConfigured'> & { siteConfigured?: boolean };

/** Props of the toolbar popup. */
export interface PopupProps {
  setup: PopupSetup;
  /** The tab the popup was opened over. */
  tab: { id: number; url: string } | undefined;
  /** The first page of "all", read while the popup loaded. */
  firstPage: ListPage;
  /** The overview, requested in parallel with the first page; it may arrive later. */
  initialOverview?: Promise<OutboxOverview>;
  /** Whether the tab shows a failed application (asked as the popup opens): the outage card then comes first. */
  outageOffer?: Promise<OutageOffer | null>;
  /** The typed message client (utils/messaging/client.ts `send`), passed in so tests can answer it. */
  send: Send;
  closeWindow(): void;
  download(fileName: string, text: string): void;
  /** Fixed clock for tests. */
  now?: number;
}

/**
 * The caseworker's outbox: give feedback on this page, see what waits and what was sent, open a record
 * to see exactly what leaves the device, edit or delete it while it waits, read the officers' answer.
 */
export function Popup({
  setup,
  tab,
  firstPage,
  initialOverview,
  outageOffer,
  send,
  closeWindow,
  download,
  now,
}: PopupProps) {
  const { lang } = setup;
  const t = useMemo(() => popupT(lang), [lang]);
  const [overview, setOverview] = useState<OutboxOverview | undefined>();
  const [sent, setSent] = useState<number | undefined>();
  const [sendingNow, setSendingNow] = useState(false);
  const [notice, setNotice] = useState('');
  // A failed "send now" is said in the error colour, never in the green of a finished transfer.
  const [noticeFailed, setNoticeFailed] = useState(false);
  const say = useCallback((text: string, failed = false) => {
    setNotice(text);
    setNoticeFailed(failed);
  }, []);
  const [filter, setFilter] = useState<OutboxFilter>('all');
  const [items, setItems] = useState<OutboxSummary[]>(firstPage.items);
  const [next, setNext] = useState<PageCursor | undefined>(firstPage.next);
  const [loading, setLoading] = useState(false);
  const [openId, setOpenId] = useState<string | undefined>();
  const [offer, setOffer] = useState<OutageOffer | null>(null);
  // Element to focus after the next render (a row after closing the detail, the first new row, …).
  const focusNext = useRef<string | undefined>(undefined);
  // Answers to superseded list requests (filter changed meanwhile) are dropped.
  const listRequest = useRef(0);

  const labels = useMemo(() => new Map(setup.categories.map((c) => [c.id, c.label])), [setup.categories]);
  const categoryLabel = useCallback((id: string) => labels.get(id) ?? id, [labels]);

  // The sent count is one read, but walks every sent record when its kept count is missing (first open
  // after damage), so it is asked for last and never holds up the rest.
  const showOverview = useCallback(
    (next: OutboxOverview) => {
      setOverview(next);
      send('outbox:count-sent', {})
        .then((reply) => setSent(reply.sent))
        .catch(() => undefined);
    },
    [send],
  );

  const loadOverview = useCallback(() => {
    send('outbox:overview', {})
      .then(showOverview)
      .catch(() => undefined);
  }, [send, showOverview]);

  useEffect(() => {
    if (initialOverview) initialOverview.then(showOverview).catch(loadOverview);
    else loadOverview();
    // Counts change while the popup is open in a tab (a sync in the background); refresh on return.
    // Not on 'focus': that also fires as the popup opens, and would count everything twice.
    const abort = new AbortController();
    document.addEventListener(
      'visibilitychange',
      () => {
        if (document.visibilityState === 'visible') loadOverview();
      },
      { signal: abort.signal },
    );
    return () => abort.abort();
  }, []);

  useEffect(() => {
    outageOffer?.then(setOffer).catch(() => undefined);
  }, [outageOffer]);

  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = undefined;
  });

  const loadList = async (nextFilter: OutboxFilter, after?: PageCursor) => {
    const request = ++listRequest.current;
    setLoading(true);
    try {
      const page = await send('outbox:page', after ? { filter: nextFilter, after } : { filter: nextFilter });
      if (request !== listRequest.current) return;
      setItems((current) => (after ? [...current, ...page.items] : page.items));
      setNext(page.next);
      if (after && page.items[0]) focusNext.current = rowId(page.items[0].id);
    } catch (caught) {
      if (request === listRequest.current) say(ERROR_STRINGS[lang][toErrorCode(caught)], true);
    } finally {
      if (request === listRequest.current) setLoading(false);
    }
  };

  const changeFilter = (value: OutboxFilter) => {
    if (value === filter) return;
    setFilter(value);
    setItems([]);
    setNext(undefined);
    void loadList(value);
  };

  const sendNow = async () => {
    setSendingNow(true);
    say('');
    try {
      const after = await send('outbox:send-now', {});
      showOverview(after);
      // The pass ended without delivering: the sync line below says why.
      if (after.sync.lastResult === 'ok') say(t('sendDone'));
      else say(t('sendFailed'), true);
      await loadList(filter);
    } catch (caught) {
      say(ERROR_STRINGS[lang][toErrorCode(caught)], true);
    } finally {
      setSendingNow(false);
    }
  };

  const open = useCallback(
    (id: string) => {
      say('');
      setOpenId(id);
    },
    [say],
  );

  const closeDetail = useCallback(() => {
    setOpenId((id) => {
      if (id) focusNext.current = rowId(id);
      return undefined;
    });
  }, []);

  const changed = useCallback((summary: OutboxSummary) => {
    setItems((current) => current.map((item) => (item.id === summary.id ? summary : item)));
  }, []);

  const deleted = useCallback(
    (id: string) => {
      setItems((current) => {
        const at = current.findIndex((item) => item.id === id);
        const neighbour = current[at + 1] ?? current[at - 1];
        focusNext.current = neighbour ? rowId(neighbour.id) : 'list-heading';
        return current.filter((item) => item.id !== id);
      });
      setOpenId(undefined);
      say(t('deleted'));
      loadOverview();
    },
    [t, loadOverview, say],
  );

  return (
    <div class="popup" data-ready="true">
      <header class="top">
        <h1>{t('title')}</h1>
        {/* Over a failed page no dialog can open: the outage card below is the action. */}
        {offer && tab ? null : (
          <PopupFeedbackAction
            lang={lang}
            t={t}
            tab={tab}
            siteConfigured={setup.siteConfigured}
            send={send}
            closeWindow={closeWindow}
          />
        )}
      </header>
      {offer && tab ? (
        <OutageCard
          offer={offer}
          tab={tab}
          lang={lang}
          t={t}
          send={send}
          now={now}
          onReported={() => {
            void loadList(filter);
            loadOverview();
          }}
        />
      ) : null}
      <TabSitePermission lang={lang} tab={tab} siteConfigured={setup.siteConfigured} send={send} />
      {/* Always mounted, so what it says is announced wherever the caseworker is. */}
      <p
        class={noticeFailed ? 'notice failed' : 'notice'}
        role="status"
        aria-live="polite"
        data-testid="notice"
      >
        {notice}
      </p>
      {openId ? (
        <RecordDetail
          key={openId}
          id={openId}
          setup={setup}
          lang={lang}
          t={t}
          send={send}
          categoryLabel={categoryLabel}
          onClose={closeDetail}
          onChanged={changed}
          onDeleted={deleted}
          onOverviewStale={loadOverview}
        />
      ) : (
        <>
          <SyncStatus
            lang={lang}
            t={t}
            overview={overview}
            sent={sent}
            sending={sendingNow}
            onSendNow={() => void sendNow()}
            now={now}
          />
          <QuestionAnswers lang={lang} t={t} tab={tab} send={send} say={say} closeWindow={closeWindow} />
          <OutboxList
            lang={lang}
            t={t}
            items={items}
            filter={filter}
            onFilter={changeFilter}
            hasMore={next !== undefined}
            loading={loading}
            onLoadMore={() => void loadList(filter, next)}
            onOpen={open}
            categoryLabel={categoryLabel}
            now={now}
          />
          <OutboxExport
            lang={lang}
            t={t}
            send={send}
            download={download}
            retentionDays={setup.retentionDays}
          />
        </>
      )}
    </div>
  );
}
