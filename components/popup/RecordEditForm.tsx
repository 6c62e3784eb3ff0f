import { useEffect, useRef, useState } from 'preact/hooks';
import type { NoteInput } from '../../utils/schema/record';
import { draftOf, focusNoteField, NoteFields, useNoteDraft } from '../shared/NoteFields';
import type { PopupT } from './i18n';

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

/**
 * Edits the caseworker's part of a pending record with the note dialog's fields (NoteFields). Checked
 * here for quick feedback; the background validates again with the record schema and redacts the note.
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
  const draft = useNoteDraft(draftOf(initial), { noteMax, minutesMax }, t);
  const [touched, setTouched] = useState(false);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => noteRef.current?.focus(), []);

  const submit = (event: Event) => {
    event.preventDefault();
    setTouched(true);
    if (draft.firstInvalid) {
      focusNoteField(formRef.current, 'edit-', draft.firstInvalid);
      return;
    }
    if (saving) return;
    onSave(draft.input);
  };

  return (
    <form
      class="edit"
      ref={formRef}
      aria-labelledby="edit-heading"
      onSubmit={submit}
      noValidate
      data-testid="edit-form"
    >
      <h3 id="edit-heading">{t('editHeading')}</h3>
      <p class="hint" id="edit-hint">
        {t('editHint')}
      </p>
      <NoteFields
        state={draft}
        t={t}
        idPrefix="edit-"
        noteMax={noteMax}
        categories={categories}
        minutesLabel={t('minutesOptional')}
        touched={touched}
        noteRef={noteRef}
        noteDescribedBy="edit-hint"
      />
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
