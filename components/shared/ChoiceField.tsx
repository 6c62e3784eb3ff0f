/** Props of a group of radio buttons. */
export interface ChoiceFieldProps {
  legend: string;
  name: string;
  options: readonly { value: string; label: string }[];
  value: string;
  onChange(value: string): void;
}

/** A labelled radio group (a fieldset, so screen readers announce the question with each option). */
export function ChoiceField({ legend, name, options, value, onChange }: ChoiceFieldProps) {
  return (
    <fieldset class="choice">
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.value}>
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}
