import type { ComponentChildren, RefObject } from 'preact';
import { useState } from 'preact/hooks';
import type { Impact, NoteInput } from '../../utils/schema/record';
import { ChoiceField } from './ChoiceField';

/** The texts the note fields need; the dialog's and the popup's dictionaries both have these keys. */
export type NoteFieldKey =
  | 'note'
  | 'counter'
  | 'noteRequired'
  | 'noteTooLong'
  | 'category'
  | 'categoryChoose'
  | 'categoryRequired'
  | 'impact'
  | 'impactRequired'
  | 'impactBlocks'
  | 'impactSlows'
  | 'impactMinor'
  | 'appointment'
  | 'minutesInvalid';

/**
 * The built-in category that asks no impact and no minutes lost: praise costs nobody time, and asking
 * "how much does it hold you up?" of it is what made people file praise as an error (issue #16, item 5).
 * Categories an organisation adds are problems or ideas and keep both questions.
 */
export const PRAISE_CATEGORY = 'praise';

/** True when the category is praise (no impact, no minutes lost, its own prompt). */
export function isPraise(category: string): boolean {
  return category === PRAISE_CATEGORY;
}

/**
 * What a praise record carries as impact: the record schema (and the collector's column) require one,
 * and the least weight keeps praise from raising a screen's problem score.
 */
const PRAISE_IMPACT: Impact = 'minor';

/** The caseworker's part of a note while it is typed: nothing chosen is '', minutes as typed. */
export interface NoteDraft {
  note: string;
  /** '' until the person chooses: no default, so nothing is filed under a category nobody picked. */
  category: string;
  impact: Impact | '';
  duringAppointment: boolean;
  minutes: string;
}

/** The fields the form checks, in the order they appear (the first invalid one gets focus). */
export type NoteFieldName = 'note' | 'category' | 'impact' | 'minutes';
const FIELD_ORDER: readonly NoteFieldName[] = ['note', 'category', 'impact', 'minutes'];

/** A draft, how it stands against the limits, and the NoteInput it becomes. */
export interface NoteDraftState {
  draft: NoteDraft;
  update(change: Partial<NoteDraft>): void;
  /** Why each field cannot be saved as it is (absent when it can), in the form's language. */
  errors: Partial<Record<NoteFieldName, string>>;
  /** The first field in the form's order with an error; undefined when the note can be saved. */
  firstInvalid: NoteFieldName | undefined;
  /** Why the note cannot be saved ('' when it can). */
  noteError: string;
  minutesInvalid: boolean;
  /** What is saved; only meaningful when `firstInvalid` is undefined. */
  input: NoteInput;
}

/** An empty draft: no category, no impact chosen. */
export const EMPTY_NOTE: NoteDraft = {
  note: '',
  category: '',
  impact: '',
  duringAppointment: false,
  minutes: '',
};

/** The draft of a stored note (the outbox's edit). */
export function draftOf(input: NoteInput): NoteDraft {
  return {
    note: input.note,
    category: input.category,
    // A stored praise carries an impact nobody chose; editing it into a problem asks again.
    impact: isPraise(input.category) ? '' : input.impact,
    duringAppointment: input.duringAppointment,
    minutes: input.minutesLost === null ? '' : String(input.minutesLost),
  };
}

/**
 * The draft of one note, checked against the schema's limits (NOTE_MAX, MINUTES_MAX, passed in) in
 * the form's own words: the forms set noValidate, so the browser never answers in its language
 * (issue #16, item 6). The background validates again with the record schema. Used by the note dialog
 * and the outbox's edit form, so both check alike.
 */
export function useNoteDraft(
  initial: NoteDraft,
  limits: { noteMax: number; minutesMax: number },
  t: (key: NoteFieldKey, values?: Record<string, string | number>) => string,
): NoteDraftState {
  const [draft, setDraft] = useState<NoteDraft>(initial);
  const praise = isPraise(draft.category);
  const minutesText = draft.minutes.trim();
  // Digits only: Number() would take "1e2", " 0x1f" or "" as numbers.
  const minutesLost =
    praise || minutesText === '' ? null : /^\d+$/.test(minutesText) ? Number(minutesText) : NaN;
  const minutesInvalid = minutesLost !== null && !(minutesLost >= 0 && minutesLost <= limits.minutesMax);
  const noteError =
    draft.note.trim() === ''
      ? t('noteRequired')
      : draft.note.length > limits.noteMax
        ? t('noteTooLong', { max: limits.noteMax })
        : '';
  const errors: Partial<Record<NoteFieldName, string>> = {};
  if (noteError) errors.note = noteError;
  if (draft.category === '') errors.category = t('categoryRequired');
  if (!praise && draft.impact === '') errors.impact = t('impactRequired');
  if (minutesInvalid) errors.minutes = t('minutesInvalid', { max: limits.minutesMax });
  return {
    draft,
    update: (change) => setDraft((previous) => ({ ...previous, ...change })),
    errors,
    firstInvalid: FIELD_ORDER.find((field) => errors[field] !== undefined),
    noteError,
    minutesInvalid,
    input: {
      note: draft.note,
      category: draft.category,
      impact: praise || draft.impact === '' ? PRAISE_IMPACT : draft.impact,
      duringAppointment: draft.duringAppointment,
      minutesLost: minutesLost === null || Number.isNaN(minutesLost) ? null : minutesLost,
    },
  };
}

/** Moves focus to a field of the form in `root` (for the impact: its chosen or first option). */
export function focusNoteField(root: ParentNode | null, idPrefix: string, field: NoteFieldName): void {
  const target =
    field === 'impact'
      ? (root?.querySelector<HTMLElement>(`input[name="${idPrefix}impact"]:checked`) ??
        root?.querySelector<HTMLElement>(`input[name="${idPrefix}impact"]`))
      : root?.querySelector<HTMLElement>(`#${idPrefix}${field}`);
  target?.focus();
}

/** Props of the note's fields. */
export interface NoteFieldsProps {
  state: NoteDraftState;
  t: (key: NoteFieldKey, values?: Record<string, string | number>) => string;
  /** Prefix of every id, so two forms could share a page ('' in the dialog, 'edit-' in the outbox). */
  idPrefix: string;
  noteMax: number;
  categories: readonly { id: string; label: string }[];
  /** Label of the minutes field (the dialog and the popup word it differently). */
  minutesLabel: string;
  /** Show the required fields' errors (after the first attempt to save). */
  touched: boolean;
  noteRef: RefObject<HTMLTextAreaElement | null>;
  /** Ids of hints that describe the note besides its counter and error. */
  noteDescribedBy?: string;
  /** A hint beside the counter. */
  noteHint?: ComponentChildren;
  /** Shown right after the note (the dialog's "mask selection"). */
  afterNote?: ComponentChildren;
}

const IMPACTS: readonly { value: Impact; key: NoteFieldKey }[] = [
  { value: 'blocks', key: 'impactBlocks' },
  { value: 'slows', key: 'impactSlows' },
  { value: 'minor', key: 'impactMinor' },
];

/** An inline error, announced as it appears and named by its field's aria-describedby. */
function FieldError({ id, text }: { id: string; text: string | undefined }) {
  return text ? (
    <p id={id} class="error" role="alert">
      {text}
    </p>
  ) : null;
}

/**
 * Note, category, impact, appointment and minutes: the one form of a note, in the dialog that writes
 * it and in the outbox that edits it. Praise asks neither impact nor minutes lost.
 */
export function NoteFields({
  state,
  t,
  idPrefix,
  noteMax,
  categories,
  minutesLabel,
  touched,
  noteRef,
  noteDescribedBy,
  noteHint,
  afterNote,
}: NoteFieldsProps) {
  const id = (name: string) => `${idPrefix}${name}`;
  const { draft, update, errors } = state;
  // Required fields speak up after the first attempt to save; a wrong number as soon as it is typed.
  const shown = (field: NoteFieldName) => (touched || field === 'minutes' ? errors[field] : undefined);
  const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;
  // A category the organisation has retired since the note was written stays selectable for it.
  const options =
    draft.category === '' || categories.some((c) => c.id === draft.category)
      ? categories
      : [...categories, { id: draft.category, label: draft.category }];
  const praise = isPraise(draft.category);
  return (
    <>
      <label for={id('note')}>{t('note')}</label>
      <textarea
        id={id('note')}
        ref={noteRef}
        rows={5}
        maxLength={noteMax}
        value={draft.note}
        aria-describedby={describedBy(noteDescribedBy, id('note-counter'), shown('note') && id('note-error'))}
        aria-invalid={Boolean(shown('note'))}
        aria-required="true"
        onInput={(event) => update({ note: event.currentTarget.value })}
      />
      <div class="row">
        {noteHint}
        <span id={id('note-counter')} class="counter" aria-live="polite">
          {t('counter', { n: draft.note.length, max: noteMax })}
        </span>
      </div>
      <FieldError id={id('note-error')} text={shown('note')} />
      {afterNote}

      <label for={id('category')}>{t('category')}</label>
      <select
        id={id('category')}
        value={draft.category}
        aria-describedby={describedBy(shown('category') && id('category-error'))}
        aria-invalid={Boolean(shown('category'))}
        aria-required="true"
        onChange={(event) => update({ category: event.currentTarget.value })}
      >
        <option value="">{t('categoryChoose')}</option>
        {options.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>
      <FieldError id={id('category-error')} text={shown('category')} />

      {praise ? null : (
        <>
          <ChoiceField
            legend={t('impact')}
            name={id('impact')}
            value={draft.impact}
            onChange={(value) => update({ impact: value as Impact })}
            options={IMPACTS.map(({ value, key }) => ({ value, label: t(key) }))}
            errorId={shown('impact') && id('impact-error')}
          />
          <FieldError id={id('impact-error')} text={shown('impact')} />
        </>
      )}

      <label class="check">
        <input
          type="checkbox"
          checked={draft.duringAppointment}
          onChange={(event) => update({ duringAppointment: event.currentTarget.checked })}
        />
        {t('appointment')}
      </label>

      {praise ? null : (
        <>
          <label for={id('minutes')}>{minutesLabel}</label>
          {/* Text, not type=number: the check is ours and in the form's language, never the browser's. */}
          <input
            id={id('minutes')}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            size={4}
            value={draft.minutes}
            aria-invalid={Boolean(shown('minutes'))}
            aria-describedby={describedBy(shown('minutes') && id('minutes-error'))}
            onInput={(event) => update({ minutes: event.currentTarget.value })}
          />
          <FieldError id={id('minutes-error')} text={shown('minutes')} />
        </>
      )}
    </>
  );
}
