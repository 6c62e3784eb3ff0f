import { useEffect, useRef, useState } from 'preact/hooks';
import type { Impact, NoteInput } from '../../utils/schema/record';
import { ChoiceField } from '../shared/ChoiceField';
import { IMPACT_KEYS, type PopupT } from './i18n';

/** Props of the form that edits a pending record. */
export interface RecordEditFormProps {
  t: PopupT;
  /** The caseworker's part of the stored record. */
  initial: NoteInput;
  categories: readonly { id: string; label: string }[];
  noteMax: number;
  minutesMax: number;
  saving: boolean;
  /** Resolves when saved; rejects with the error shown by the parent. */
  onSave(input: NoteInput): void;
  onCancel(): void;
}

const IMPACTS: readonly Impact[] = ['blocks', 'slows', 'minor'];

/**
 * Note, category, impact, appointment and minutes of a pending record. Checked here for quick
 * feedback; the background validates again with the record schema and redacts the note.
 */
export function RecordEditForm({
  t,
  initial,
  categories,
  noteMax,
  minutesMax,
  saving,
  onSave,
  onCancel,
}: RecordEditFormProps) {
  const [note, setNote] = useState(initial.note);
  const [category, setCategory] = useState(initial.category);
  const [impact, setImpact] = useState<Impact>(initial.impact);
  const [duringAppointment, setDuringAppointment] = useState(initial.duringAppointment);
  const [minutes, setMinutes] = useState(initial.minutesLost === null ? '' : String(initial.minutesLost));
  const [touched, setTouched] = useState(false);
  const noteRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => noteRef.current?.focus(), []);

  // A category the organisation has retired since the note was written stays selectable for it.
  const options = categories.some((c) => c.id === initial.category)
    ? categories
    : [...categories, { id: initial.category, label: initial.category }];
  const minutesValue = minutes.trim() === '' ? null : Number(minutes);
  const minutesInvalid =
    minutesValue !== null &&
    (!Number.isInteger(minutesValue) || minutesValue < 0 || minutesValue > minutesMax);
  const noteError =
    note.trim() === '' ? t('noteRequired') : note.length > noteMax ? t('noteTooLong', { max: noteMax }) : '';

  const submit = (event: Event) => {
    event.preventDefault();
    setTouched(true);
    if (noteError) {
      noteRef.current?.focus();
      return;
    }
    if (minutesInvalid || saving) return;
    onSave({ note, category, impact, duringAppointment, minutesLost: minutesValue });
  };

  return (
    <form class="edit" aria-labelledby="edit-heading" onSubmit={submit} noValidate data-testid="edit-form">
      <h3 id="edit-heading">{t('editHeading')}</h3>
      <p class="hint" id="edit-hint">
        {t('editHint')}
      </p>
      <label for="edit-note">{t('note')}</label>
      <textarea
        id="edit-note"
        ref={noteRef}
        rows={5}
        maxLength={noteMax}
        value={note}
        required
        aria-invalid={touched && Boolean(noteError)}
        aria-describedby="edit-hint edit-counter edit-note-error"
        onInput={(event) => setNote(event.currentTarget.value)}
      />
      <span id="edit-counter" class="counter">
        {t('counter', { n: note.length, max: noteMax })}
      </span>
      {touched && noteError ? (
        <p id="edit-note-error" class="error" role="alert">
          {noteError}
        </p>
      ) : null}
      <label for="edit-category">{t('category')}</label>
      <select
        id="edit-category"
        value={category}
        onChange={(event) => setCategory(event.currentTarget.value)}
      >
        {options.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>
      <ChoiceField
        legend={t('impact')}
        name="edit-impact"
        value={impact}
        onChange={(value) => setImpact(value as Impact)}
        options={IMPACTS.map((value) => ({ value, label: t(IMPACT_KEYS[value]) }))}
      />
      <label class="check">
        <input
          type="checkbox"
          checked={duringAppointment}
          onChange={(event) => setDuringAppointment(event.currentTarget.checked)}
        />
        {t('appointment')}
      </label>
      <label for="edit-minutes">{t('minutesOptional')}</label>
      <input
        id="edit-minutes"
        type="number"
        inputMode="numeric"
        min={0}
        max={minutesMax}
        step={1}
        value={minutes}
        aria-invalid={minutesInvalid}
        aria-describedby={minutesInvalid ? 'edit-minutes-error' : undefined}
        onInput={(event) => setMinutes(event.currentTarget.value)}
      />
      {minutesInvalid ? (
        <p id="edit-minutes-error" class="error" role="alert">
          {t('minutesInvalid', { max: minutesMax })}
        </p>
      ) : null}
      <div class="actions">
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
        <button type="submit" class="primary" disabled={saving} data-testid="edit-save">
          {saving ? t('saving') : t('save')}
        </button>
      </div>
    </form>
  );
}
