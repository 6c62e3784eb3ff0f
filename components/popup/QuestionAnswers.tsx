import { useCallback, useEffect, useState } from 'preact/hooks';
import { type ErrorCode, toErrorCode } from '../../utils/errors';
import { ERROR_STRINGS } from '../../utils/i18n/errors';
import type { Lang } from '../../utils/i18n/lang';
import type { Send } from '../../utils/messaging/protocol';
import type { AnswerItem, ShownQuestion } from '../../utils/messaging/protocol/questions';
import {
  type AnswerDraft,
  AnswerFields,
  answerOptions,
  fromAnswerValue,
  localised,
  toAnswerValue,
} from '../shared/AnswerFields';
import { type PopupT, STATUS_KEYS } from './i18n';

/** Props of the caseworker's answers to officers' questions in the outbox. */
export interface QuestionAnswersProps {
  lang: Lang;
  t: PopupT;
  /** The active tab: questions open there are offered (they open in the page's dialog). */
  tab: { id: number; url: string } | undefined;
  send: Send;
  /** Says something in the popup's live region (changed, withdrawn). */
  say(text: string): void;
  closeWindow(): void;
}

/**
 * Officers' questions in the popup (issue #18): those open on the active tab's screen, which open in
 * the page's dialog like feedback does, and the caseworker's answers — each changeable or withdrawable
 * while it waits in the queue.
 */
export function QuestionAnswers({ lang, t, tab, send, say, closeWindow }: QuestionAnswersProps) {
  const [items, setItems] = useState<AnswerItem[]>([]);
  const [open, setOpen] = useState<ShownQuestion[]>([]);
  const [editing, setEditing] = useState<string | undefined>();
  const [error, setError] = useState<ErrorCode | undefined>();

  const load = useCallback(() => {
    send('answers:list', tab ? { tabUrl: tab.url } : {})
      .then((reply) => {
        setItems(reply.items);
        setOpen(reply.open);
      })
      .catch(() => undefined);
  }, [send, tab]);
  useEffect(load, [load]);

  const act = async (work: () => Promise<unknown>, done: string) => {
    setError(undefined);
    try {
      await work();
      setEditing(undefined);
      say(done);
      load();
    } catch (caught) {
      setError(toErrorCode(caught));
    }
  };

  const openInTab = async () => {
    if (!tab) return;
    try {
      await send('dialog:open-in-tab', { tabId: tab.id });
      closeWindow();
    } catch (caught) {
      setError(toErrorCode(caught));
    }
  };

  if (items.length === 0 && open.length === 0) return null;
  return (
    <section class="answers" aria-labelledby="answers-heading" data-testid="answers">
      <h2 id="answers-heading">{t('answersHeading')}</h2>
      {open.length > 0 ? (
        <p class="questions-open">
          {t(open.length === 1 ? 'questionsOpenOne' : 'questionsOpenMany', { n: open.length })}{' '}
          <button type="button" class="link" onClick={() => void openInTab()} data-testid="answer-question">
            {t('answerQuestion')}
          </button>
        </p>
      ) : null}
      {error ? (
        <p class="error" role="alert">
          {ERROR_STRINGS[lang][error]}
        </p>
      ) : null}
      <ul class="rows">
        {items.map((item) =>
          editing === item.question.id ? (
            <li key={item.question.id}>
              <AnswerEdit
                item={item}
                lang={lang}
                t={t}
                onCancel={() => setEditing(undefined)}
                onSave={(input) =>
                  act(
                    () => send('answers:change', { questionId: item.question.id, input }),
                    t('answerChanged'),
                  )
                }
              />
            </li>
          ) : (
            <li key={item.question.id} data-testid="answer-row">
              <p class="answer-question">{localised(item.question.text, lang)}</p>
              <p>
                {t('answerGiven')} <strong>{answerLabel(item, lang, t)}</strong>
                {item.note ? ` – „${item.note}“` : ''}
              </p>
              <p class="hint">{t(STATUS_KEYS[item.status])}</p>
              {item.changeable ? (
                <div class="actions">
                  <button type="button" onClick={() => setEditing(item.question.id)}>
                    {t('answerChange')}
                  </button>
                  <button
                    type="button"
                    onClick={() =>
                      void act(
                        () => send('answers:withdraw', { questionId: item.question.id }),
                        t('answerWithdrawn'),
                      )
                    }
                  >
                    {t('answerWithdraw')}
                  </button>
                </div>
              ) : null}
            </li>
          ),
        )}
      </ul>
    </section>
  );
}

function answerLabel(item: AnswerItem, lang: Lang, t: PopupT): string {
  const value = fromAnswerValue(item.value);
  return answerOptions(item.question, lang, t).find((option) => option.value === value)?.label ?? value;
}

/** Changing one answer: the same fields as in the dialog, filled in. */
function AnswerEdit({
  item,
  lang,
  t,
  onCancel,
  onSave,
}: {
  item: AnswerItem;
  lang: Lang;
  t: PopupT;
  onCancel(): void;
  onSave(input: { value: NonNullable<ReturnType<typeof toAnswerValue>>; note?: string }): Promise<unknown>;
}) {
  const [draft, setDraft] = useState<AnswerDraft>({
    choice: fromAnswerValue(item.value),
    note: item.note ?? '',
  });
  const [missing, setMissing] = useState(false);
  return (
    <div class="answer-edit">
      <AnswerFields
        question={item.question}
        lang={lang}
        t={t}
        idPrefix={`answer-${item.question.id}`}
        draft={draft}
        onChange={setDraft}
        missing={missing}
      />
      <div class="actions">
        <button
          type="button"
          class="primary"
          onClick={() => {
            const value = toAnswerValue(item.question, draft.choice);
            if (!value) {
              setMissing(true);
              return;
            }
            const note = draft.note.trim();
            void onSave({ value, ...(note ? { note } : {}) });
          }}
        >
          {t('answerSave')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('answerCancel')}
        </button>
      </div>
    </div>
  );
}
