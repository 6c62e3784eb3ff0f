import type { Lang } from '../../utils/i18n/lang';
import type { ShownQuestion } from '../../utils/messaging/protocol/shared';
import type { AnswerValue } from '../../utils/schema/questions';
import { ChoiceField } from './ChoiceField';

/** The texts the answer fields need; the dialog's and the popup's dictionaries both have these keys. */
export type AnswerFieldKey = 'answerNote' | 'answerYes' | 'answerNo' | 'answerCannotSay' | 'answerRequired';

/** What the caseworker has chosen so far: '' when nothing. */
export interface AnswerDraft {
  choice: string;
  note: string;
}

/** The text in the caseworker's language, German where the officer wrote no English. */
export function localised(text: { de: string; en?: string | undefined }, lang: Lang): string {
  return lang === 'en' ? (text.en ?? text.de) : text.de;
}

/** The radio options of a question's form; values are what `toAnswerValue` reads back. */
export function answerOptions(
  question: ShownQuestion,
  lang: Lang,
  t: (key: AnswerFieldKey) => string,
): { value: string; label: string }[] {
  const { form } = question;
  if (form.kind === 'scale') {
    return [1, 2, 3, 4, 5].map((n) => ({
      value: String(n),
      label:
        n === 1
          ? `1 – ${localised(form.low, lang)}`
          : n === 5
            ? `5 – ${localised(form.high, lang)}`
            : String(n),
    }));
  }
  if (form.kind === 'yesNo') {
    return [
      { value: 'yes', label: t('answerYes') },
      { value: 'no', label: t('answerNo') },
      { value: 'cannot_say', label: t('answerCannotSay') },
    ];
  }
  return form.options.map((option, i) => ({ value: String(i), label: localised(option, lang) }));
}

/** The chosen option as the answer value of the form, or undefined when nothing is chosen. */
export function toAnswerValue(question: ShownQuestion, choice: string): AnswerValue | undefined {
  if (choice === '') return undefined;
  const kind = question.form.kind;
  if (kind === 'yesNo') {
    return choice === 'yes' || choice === 'no' || choice === 'cannot_say'
      ? { kind, value: choice }
      : undefined;
  }
  const n = Number(choice);
  return Number.isInteger(n) ? ({ kind, value: n } as AnswerValue) : undefined;
}

/** An answer value as the option value the fields use. */
export function fromAnswerValue(value: AnswerValue): string {
  return String(value.value);
}

/** Props of the answer fields. */
export interface AnswerFieldsProps {
  question: ShownQuestion;
  lang: Lang;
  t: (key: AnswerFieldKey) => string;
  /** Unique per rendering, so two questions (or a list of answers) never share ids or radio names. */
  idPrefix: string;
  draft: AnswerDraft;
  onChange(draft: AnswerDraft): void;
  /** Shown under the choice when the person tried to send without one. */
  missing: boolean;
}

/** The question as a labelled radio group, and the optional note where the question allows one. */
export function AnswerFields({ question, lang, t, idPrefix, draft, onChange, missing }: AnswerFieldsProps) {
  const errorId = `${idPrefix}-error`;
  return (
    <>
      <ChoiceField
        legend={localised(question.text, lang)}
        name={`${idPrefix}-choice`}
        value={draft.choice}
        onChange={(choice) => onChange({ ...draft, choice })}
        options={answerOptions(question, lang, t)}
        {...(missing ? { errorId } : {})}
      />
      {missing ? (
        <p id={errorId} class="error" role="alert">
          {t('answerRequired')}
        </p>
      ) : null}
      {question.noteAllowed ? (
        <label class="answer-note">
          {t('answerNote')}
          <textarea
            rows={2}
            maxLength={2000}
            value={draft.note}
            onInput={(event) => onChange({ ...draft, note: event.currentTarget.value })}
          />
        </label>
      ) : null}
    </>
  );
}
