/** Props of the texts under a form field: hint, "set by your organisation", errors. */
export interface FieldMessagesProps {
  /** The field's id; the messages get `${id}-hint`, `${id}-locked`, `${id}-error`. */
  id: string;
  hint?: string;
  /** Shown when the field is locked by policy. */
  lockedNote?: string;
  /** Translated error texts; empty when the value is fine. */
  errors: readonly string[];
}

/** The ids a field's `aria-describedby` should list, matching what {@link FieldMessages} renders. */
export function describedBy({ id, hint, lockedNote, errors }: FieldMessagesProps): string | undefined {
  const ids = [hint ? `${id}-hint` : '', lockedNote ? `${id}-locked` : '', errors.length ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return ids || undefined;
}

/** Hint, lock note and errors of one field, each addressable by `aria-describedby`. */
export function FieldMessages({ id, hint, lockedNote, errors }: FieldMessagesProps) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      ) : null}
      {lockedNote ? (
        <p id={`${id}-locked`} class="locked" data-testid="locked-note">
          {lockedNote}
        </p>
      ) : null}
      {errors.length ? (
        <div id={`${id}-error`} class="error" data-testid="field-error">
          {errors.map((error) => (
            <p key={error}>{error}</p>
          ))}
        </div>
      ) : null}
    </>
  );
}
