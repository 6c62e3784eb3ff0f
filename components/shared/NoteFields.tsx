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
  | 'impact'
  | 'impactBlocks'
  | 'impactSlows'
  | 'impactMinor'
  | 'appointment'
  | 'minutesInvalid';

/** The caseworker's part of a note while it is typed: minutes as the raw text of their field. */
export interface NoteDraft {
  note: string;
  category: string;
  impact: Impact;
  duringAppointment: boolean;
  minutes: string;
}

/** A draft, how it stands against the limits, and the NoteInput it becomes. */
export interface NoteDraftState {
  draft: NoteDraft;
  update(change: Partial<NoteDraft>): void;
  /** Why the note cannot be saved ('' when it can). */
  noteError: string;
  minutesInvalid: boolean;
  input: NoteInput;
}

/**
 * The draft of one note, checked against the schema's limits (NOTE_MAX, MINUTES_MAX, passed in) for
 * quick feedback; the background validates again with the record schema. Used by the note dialog and
 * the outbox's edit form, so both check alike.
 */
export function useNoteDraft(
  initial: NoteInput,
  limits: { noteMax: number; minutesMax: number },
  t: (key: NoteFieldKey, values?: Record<string, string | number>) => string,
): NoteDraftState {
  const [draft, setDraft] = useState<NoteDraft>(() => ({
    note: initial.note,
    category: initial.category,
    impact: initial.impact,
    duringAppointment: initial.duringAppointment,
    minutes: initial.minutesLost === null ? '' : String(initial.minutesLost),
  }));
  const minutesLost = draft.minutes.trim() === '' ? null : Number(draft.minutes);
  const minutesInvalid =
    minutesLost !== null &&
    (!Number.isInteger(minutesLost) || minutesLost < 0 || minutesLost > limits.minutesMax);
  const noteError =
    draft.note.trim() === ''
      ? t('noteRequired')
      : draft.note.length > limits.noteMax
        ? t('noteTooLong', { max: limits.noteMax })
        : '';
  return {
    draft,
    update: (change) => setDraft((previous) => ({ ...previous, ...change })),
    noteError,
    minutesInvalid,
    input: {
      note: draft.note,
      category: draft.category,
      impact: draft.impact,
      duringAppointment: draft.duringAppointment,
      minutesLost,
    },
  };
}

/** Props of the note's fields. */
export interface NoteFieldsProps {
  state: NoteDraftState;
  t: (key: NoteFieldKey, values?: Record<string, string | number>) => string;
  /** Prefix of every id, so two forms could share a page ('' in the dialog, 'edit-' in the outbox). */
  idPrefix: string;
  noteMax: number;
  minutesMax: number;
  categories: readonly { id: string; label: string }[];
  /** Label of the minutes field (the dialog and the popup word it differently). */
  minutesLabel: string;
  /** Show the note's error (after the first attempt to save). */
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

/**
 * Note, category, impact, appointment and minutes: the one form of a note, in the dialog that writes
 * it and in the outbox that edits it.
 */
export function NoteFields({
  state,
  t,
  idPrefix,
  noteMax,
  minutesMax,
  categories,
  minutesLabel,
  touched,
  noteRef,
  noteDescribedBy,
  noteHint,
  afterNote,
}: NoteFieldsProps) {
  const id = (name: string) => `${idPrefix}${name}`;
  const { draft, update, noteError, minutesInvalid } = state;
  // A category the organisation has retired since the note was written stays selectable for it.
  const options = categories.some((c) => c.id === draft.category)
    ? categories
    : [...categories, { id: draft.category, label: draft.category }];
  return (
    <>
      <label for={id('note')}>{t('note')}</label>
      <textarea
        id={id('note')}
        ref={noteRef}
        rows={5}
        maxLength={noteMax}
        value={draft.note}
        aria-describedby={[noteDescribedBy, id('note-counter'), id('note-error')].filter(Boolean).join(' ')}
        aria-invalid={touched && Boolean(noteError)}
        required
        onInput={(event) => update({ note: event.currentTarget.value })}
      />
      <div class="row">
        {noteHint}
        <span id={id('note-counter')} class="counter" aria-live="polite">
          {t('counter', { n: draft.note.length, max: noteMax })}
        </span>
      </div>
      {touched && noteError ? (
        <p id={id('note-error')} class="error" role="alert">
          {noteError}
        </p>
      ) : null}
      {afterNote}

      <label for={id('category')}>{t('category')}</label>
      <select
        id={id('category')}
        value={draft.category}
        onChange={(event) => update({ category: event.currentTarget.value })}
      >
        {options.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>

      <ChoiceField
        legend={t('impact')}
        name={id('impact')}
        value={draft.impact}
        onChange={(value) => update({ impact: value as Impact })}
        options={IMPACTS.map(({ value, key }) => ({ value, label: t(key) }))}
      />

      <label class="check">
        <input
          type="checkbox"
          checked={draft.duringAppointment}
          onChange={(event) => update({ duringAppointment: event.currentTarget.checked })}
        />
        {t('appointment')}
      </label>

      <label for={id('minutes')}>{minutesLabel}</label>
      <input
        id={id('minutes')}
        type="number"
        inputMode="numeric"
        min={0}
        max={minutesMax}
        step={1}
        value={draft.minutes}
        aria-invalid={minutesInvalid}
        aria-describedby={minutesInvalid ? id('minutes-error') : undefined}
        onInput={(event) => update({ minutes: event.currentTarget.value })}
      />
      {minutesInvalid ? (
        <p id={id('minutes-error')} class="error" role="alert">
          {t('minutesInvalid', { max: minutesMax })}
        </p>
      ) : null}
    </>
  );
}
