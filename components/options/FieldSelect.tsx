import { describedBy, FieldMessages } from './FieldMessages';

/** Props of a drop-down choice. */
export interface FieldSelectProps<V extends string> {
  id: string;
  label: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange(value: V): void;
  hint?: string;
  errors: readonly string[];
  lockedNote?: string;
}

/** A labelled select with hint, lock note and field errors. */
export function FieldSelect<V extends string>({
  id,
  label,
  value,
  options,
  onChange,
  hint,
  errors,
  lockedNote,
}: FieldSelectProps<V>) {
  const messages = { id, hint, lockedNote, errors };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select
        id={id}
        value={value}
        disabled={Boolean(lockedNote)}
        aria-invalid={errors.length > 0}
        aria-describedby={describedBy(messages)}
        onChange={(event) => onChange(event.currentTarget.value as V)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldMessages {...messages} />
    </div>
  );
}
