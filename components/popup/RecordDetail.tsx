import { useEffect, useRef, useState } from 'preact/hooks';
import { type ErrorCode, toErrorCode } from '../../utils/errors';
import { ERROR_STRINGS } from '../../utils/i18n/errors';
import type { Lang } from '../../utils/i18n/lang';
import type { Send } from '../../utils/messaging/protocol';
import type { OutboxDetail, OutboxSetup, OutboxSummary } from '../../utils/messaging/protocol/outbox';
import type { NoteInput } from '../../utils/schema/record';
import { AnswerView } from './AnswerView';
import { formatWhen, OFFICER_KEYS, type PopupT, STATUS_KEYS } from './i18n';
import { RecordEditForm } from './RecordEditForm';
import { RecordJson } from './RecordJson';
import { RecordReadable } from './RecordReadable';

/** Props of the detail view of one record. */
export interface RecordDetailProps {
  id: string;
  setup: Pick<OutboxSetup, 'categories' | 'noteMax' | 'minutesMax'>;
  lang: Lang;
  t: PopupT;
  send: Send;
  categoryLabel(id: string): string;
  /** Back to the list (Esc, or the back button). */
  onClose(): void;
  /** The record's row changed (edited, retried, answer read). */
  onChanged(summary: OutboxSummary): void;
  onDeleted(id: string): void;
  /** Counts may have changed; the popup reads the overview again. */
  onOverviewStale(): void;
}

type Mode = 'view' | 'edit' | 'confirm-delete';

const LOCK_RECHECK_MS = 2_000;

/**
 * One record: what was (or will be) sent, readable and as JSON; the officers' answer; and what the
 * caseworker may do with it in its state — edit or delete while pending, retry or delete when it
 * failed, delete from this device once sent.
 */
export function RecordDetail({
  id,
  setup,
  lang,
  t,
  send,
  categoryLabel,
  onClose,
  onChanged,
  onDeleted,
  onOverviewStale,
}: RecordDetailProps) {
  const [detail, setDetail] = useState<OutboxDetail | undefined>();
  const [loadError, setLoadError] = useState<ErrorCode | undefined>();
  const [mode, setMode] = useState<Mode>('view');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorCode | undefined>();
  const [notice, setNotice] = useState('');
  const [fresh, setFresh] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const editButtonRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const deleteButtonRef = useRef<HTMLButtonElement>(null);
  const modeRef = useRef(mode);
  modeRef.current = mode;

  useEffect(() => {
    let live = true;
    send('outbox:get', { id })
      .then(async (loaded) => {
        if (!live) return;
        setDetail(loaded);
        const officer = loaded.entry.officer;
        if (officer && !officer.read) {
          // Opening the record is reading the answer: it stops counting as new, here and on the badge.
          setFresh(true);
          await send('outbox:mark-read', { id });
          if (!live) return;
          onChanged({
            ...loaded.summary,
            officer: { status: officer.status, hasReply: Boolean(officer.reply), read: true },
          });
          onOverviewStale();
        }
      })
      .catch((caught: unknown) => {
        if (live) setLoadError(toErrorCode(caught));
      });
    return () => {
      live = false;
    };
  }, [id]);

  useEffect(() => {
    if (detail || loadError) headingRef.current?.focus();
  }, [Boolean(detail), loadError]);

  useEffect(() => {
    if (mode === 'confirm-delete') confirmRef.current?.focus();
  }, [mode]);

  // A send in flight settles within seconds; look again so the buttons come back without a reopen.
  const locked = detail?.entry.status === 'pending' && detail.sending;
  useEffect(() => {
    if (!locked) return;
    const timer = setTimeout(() => {
      send('outbox:get', { id })
        .then((loaded) => {
          setDetail(loaded);
          onChanged(loaded.summary);
        })
        .catch(() => undefined);
    }, LOCK_RECHECK_MS);
    return () => clearTimeout(timer);
  }, [locked, detail]);

  // Esc steps back one level wherever focus is: out of the form or the question, else to the list.
  useEffect(() => {
    const abort = new AbortController();
    document.addEventListener(
      'keydown',
      (event) => {
        if (event.key !== 'Escape' || event.defaultPrevented) return;
        event.preventDefault();
        if (modeRef.current === 'edit') {
          setMode('view');
          requestAnimationFrame(() => editButtonRef.current?.focus());
        } else if (modeRef.current === 'confirm-delete') {
          setMode('view');
          requestAnimationFrame(() => deleteButtonRef.current?.focus());
        } else {
          onClose();
        }
      },
      { signal: abort.signal },
    );
    return () => abort.abort();
  }, [onClose]);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    setNotice('');
    try {
      await action();
    } catch (caught) {
      setError(toErrorCode(caught));
    } finally {
      setBusy(false);
    }
  };

  const save = (input: NoteInput) =>
    void run(async () => {
      const saved = await send('outbox:edit', { id, input });
      setDetail(saved);
      setMode('view');
      setNotice(t('saved'));
      onChanged(saved.summary);
      requestAnimationFrame(() => editButtonRef.current?.focus());
    });

  const retry = () =>
    void run(async () => {
      const retried = await send('outbox:retry', { id });
      setDetail(retried);
      setNotice(t('retried'));
      onChanged(retried.summary);
      onOverviewStale();
    });

  const remove = () =>
    void run(async () => {
      await send('outbox:delete', { id });
      onDeleted(id);
    });

  const back = (
    <button type="button" class="back" onClick={onClose} data-testid="detail-back">
      ← {t('back')}
    </button>
  );

  if (loadError) {
    return (
      <section class="detail" aria-labelledby="detail-heading">
        {back}
        <h2 id="detail-heading" ref={headingRef} tabIndex={-1}>
          {t('title')}
        </h2>
        <p class="error" role="alert">
          {ERROR_STRINGS[lang][loadError]}
        </p>
      </section>
    );
  }
  if (!detail) {
    return (
      <section class="detail" aria-busy="true">
        {back}
        <p class="hint">{t('loading')}</p>
      </section>
    );
  }

  const { entry } = detail;
  const { record } = entry;
  const initial: NoteInput = {
    note: record.note,
    category: record.category,
    impact: record.impact,
    duringAppointment: record.duringAppointment,
    minutesLost: record.minutesLost,
  };

  return (
    <section class="detail" aria-labelledby="detail-heading" data-testid="detail" data-status={entry.status}>
      {back}
      <h2 id="detail-heading" ref={headingRef} tabIndex={-1}>
        {t('detailTitle', { time: formatWhen(entry.createdAt, lang) })}
      </h2>
      <p class="hint">{t('escHint')}</p>
      <dl class="fields compact">
        <dt>{t('state')}</dt>
        <dd data-testid="detail-status">
          {t(STATUS_KEYS[entry.status])}
          {entry.officer ? ` · ${t(OFFICER_KEYS[entry.officer.status])}` : ''}
        </dd>
        {entry.sentAt !== undefined ? (
          <>
            <dt>{t('sentAt')}</dt>
            <dd>{formatWhen(entry.sentAt, lang)}</dd>
          </>
        ) : null}
        {entry.attempts > 0 && entry.status !== 'sent' ? (
          <>
            <dt>{t('attempts')}</dt>
            <dd>{entry.attempts}</dd>
          </>
        ) : null}
      </dl>

      {entry.status === 'sent' || entry.officer ? (
        <AnswerView officer={entry.officer} fresh={fresh} lang={lang} t={t} />
      ) : null}

      {entry.status === 'failed' && entry.failure ? (
        <section class="failure" aria-labelledby="failure-heading" data-testid="failure">
          <h3 id="failure-heading">{t('failureHeading')}</h3>
          <p>
            {entry.failure.code === 'too_large'
              ? t('failureTooLarge')
              : entry.failure.code === 'server_error'
                ? t('failureServerError')
                : t('failureRejected')}
          </p>
          {/* The collector's own words are technical and in English; they are for whoever fixes it. */}
          {entry.failure.code !== 'too_large' && entry.failure.reason ? (
            <details class="failure-detail">
              <summary>{t('failureDetail')}</summary>
              <code lang="en" data-testid="failure-detail">
                {entry.failure.reason}
              </code>
            </details>
          ) : null}
        </section>
      ) : null}

      {locked ? (
        <p class="warning" id="locked-hint" data-testid="locked">
          {t('sendingLocked')}
        </p>
      ) : null}
      {error ? (
        <p class="error" role="alert" data-testid="detail-error">
          {ERROR_STRINGS[lang][error]}
        </p>
      ) : null}
      <p class="notice" role="status" aria-live="polite" data-testid="detail-notice">
        {notice}
      </p>

      {mode === 'edit' ? (
        <RecordEditForm
          t={t}
          initial={initial}
          categories={setup.categories}
          noteMax={setup.noteMax}
          minutesMax={setup.minutesMax}
          saving={busy}
          onSave={save}
          onCancel={() => {
            setMode('view');
            requestAnimationFrame(() => editButtonRef.current?.focus());
          }}
        />
      ) : mode === 'confirm-delete' ? (
        <fieldset class="confirm">
          <legend>{entry.status === 'pending' ? t('confirmDeletePending') : t('confirmDeleteSent')}</legend>
          <div class="actions">
            <button
              type="button"
              onClick={() => {
                setMode('view');
                requestAnimationFrame(() => deleteButtonRef.current?.focus());
              }}
            >
              {t('confirmNo')}
            </button>
            <button
              type="button"
              class="danger"
              ref={confirmRef}
              disabled={busy}
              onClick={remove}
              data-testid="confirm-delete"
            >
              {t('confirmYes')}
            </button>
          </div>
        </fieldset>
      ) : (
        <div class="actions">
          {entry.status === 'pending' ? (
            <button
              type="button"
              ref={editButtonRef}
              disabled={locked || busy}
              aria-describedby={locked ? 'locked-hint' : undefined}
              onClick={() => {
                setError(undefined);
                setNotice('');
                setMode('edit');
              }}
              data-testid="edit"
            >
              {t('edit')}
            </button>
          ) : null}
          {entry.status === 'failed' ? (
            <button type="button" class="primary" disabled={busy} onClick={retry} data-testid="retry">
              {t('retry')}
            </button>
          ) : null}
          <button
            type="button"
            class="danger"
            ref={deleteButtonRef}
            disabled={locked || busy}
            aria-describedby={locked ? 'locked-hint' : undefined}
            onClick={() => {
              setError(undefined);
              setMode('confirm-delete');
            }}
            data-testid="delete"
          >
            {entry.status === 'sent' ? t('deleteFromDevice') : t('delete')}
          </button>
        </div>
      )}

      <RecordReadable
        record={record}
        lang={lang}
        t={t}
        heading={entry.status === 'sent' ? t('wasSent') : t('willBeSent')}
        categoryLabel={categoryLabel(record.category)}
      />
      <RecordJson record={record} summary={t('jsonTitle')} />
    </section>
  );
}
