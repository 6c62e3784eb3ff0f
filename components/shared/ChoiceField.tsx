/** Props of a group of radio buttons. */
export interface ChoiceFieldProps {
  legend: string;
  name: string;
  options: readonly { value: string; label: string }[];
  /** '' when nothing is chosen yet. */
  value: string;
  onChange(value: string): void;
  /** Id of the message that says why the choice is missing (the group is then marked invalid). */
  errorId?: string;
}

/** A labelled radio group (a fieldset, so screen readers announce the question with each option). */
export function ChoiceField({ legend, name, options, value, onChange, errorId }: ChoiceFieldProps) {
  return (
    <fieldset class="choice" aria-describedby={errorId}>
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.value}>
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            aria-invalid={errorId ? true : undefined}
            aria-describedby={errorId}
            onChange={() => onChange(option.value)}
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}
