import { useEffect, useRef, useState } from 'preact/hooks';
import { type ErrorCode, toErrorCode } from '../../utils/errors';
import { ERROR_STRINGS } from '../../utils/i18n/errors';
import type { Lang } from '../../utils/i18n/lang';
import type { ShownQuestion } from '../../utils/messaging/protocol/shared';
import type { AnswerValue } from '../../utils/schema/questions';
import { type AnswerDraft, AnswerFields, toAnswerValue } from '../shared/AnswerFields';
import type { DialogKey } from './i18n';

/** Props of one officer's question in the note dialog. */
export interface QuestionCardProps {
  question: ShownQuestion;
  lang: Lang;
  t: (key: DialogKey) => string;
  /** Resolves once the answer is durably stored on the device (it is sent with the next batch). */
  onAnswer(input: { value: AnswerValue; note?: string }): Promise<unknown>;
}

/**
 * A question an officer asks on this screen (issue #18), above the note and independent of it:
 * answering does not save the note, and the note can be saved without answering. Its own button,
 * not the form's submit, so Enter in the note and Ctrl+Enter still save the note alone.
 */
export function QuestionCard({ question, lang, t, onAnswer }: QuestionCardProps) {
  const [draft, setDraft] = useState<AnswerDraft>({ choice: '', note: '' });
  const [missing, setMissing] = useState(false);
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | { error: ErrorCode }>('idle');
  const prefix = `question-${question.id}`;
  const savedRef = useRef<HTMLParagraphElement>(null);
  // The button that had the focus is gone: the thanks take it, so the keyboard stays in the dialog
  // (and Esc, heard by the form, still closes it).
  useEffect(() => {
    if (state === 'saved') savedRef.current?.focus();
  }, [state]);

  const send = async () => {
    const value = toAnswerValue(question, draft.choice);
    if (!value) {
      setMissing(true);
      return;
    }
    setState('saving');
    try {
      const note = draft.note.trim();
      await onAnswer({ value, ...(note ? { note } : {}) });
      setState('saved');
    } catch (error) {
      setState({ error: toErrorCode(error) });
    }
  };

  return (
    <section class="question" aria-labelledby={`${prefix}-heading`} data-testid="question">
      <h2 id={`${prefix}-heading`}>{t('questionHeading')}</h2>
      {state === 'saved' ? (
        <p role="status" class="saved" data-testid="question-saved" tabIndex={-1} ref={savedRef}>
          {t('answerSaved')}
        </p>
      ) : (
        <>
          <p class="hint">{t('questionHint')}</p>
          <AnswerFields
            question={question}
            lang={lang}
            t={t}
            idPrefix={prefix}
            draft={draft}
            onChange={(next) => {
              setDraft(next);
              if (next.choice) setMissing(false);
            }}
            missing={missing}
          />
          {typeof state === 'object' ? (
            <p class="error" role="alert">
              {ERROR_STRINGS[lang][state.error]}
            </p>
          ) : null}
          <button type="button" class="secondary" disabled={state === 'saving'} onClick={() => void send()}>
            {t('answerSend')}
          </button>
        </>
      )}
    </section>
  );
}
