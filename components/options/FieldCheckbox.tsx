import { describedBy, FieldMessages } from './FieldMessages';

/** Props of a yes/no setting. */
export interface FieldCheckboxProps {
  id: string;
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
  hint?: string;
  errors: readonly string[];
  lockedNote?: string;
}

/** A checkbox with its label beside it, plus hint, lock note and errors. */
export function FieldCheckbox({
  id,
  label,
  checked,
  onChange,
  hint,
  errors,
  lockedNote,
}: FieldCheckboxProps) {
  const messages = { id, hint, lockedNote, errors };
  return (
    <div class="field">
      <label class="check" for={id}>
        <input
          id={id}
          type="checkbox"
          checked={checked}
          disabled={Boolean(lockedNote)}
          aria-invalid={errors.length > 0}
          aria-describedby={describedBy(messages)}
          onChange={(event) => onChange(event.currentTarget.checked)}
        />
        {label}
      </label>
      <FieldMessages {...messages} />
    </div>
  );
}
