import { useState } from 'preact/hooks';
import { describedBy, FieldMessages } from './FieldMessages';

/** Props of a one-line text field (also URL and password). */
export interface FieldTextProps {
  id: string;
  label: string;
  value: string;
  onInput(value: string): void;
  type?: 'text' | 'url' | 'password';
  hint?: string;
  errors: readonly string[];
  /** Set when the organisation locks the value: the field is disabled and says why. */
  lockedNote?: string;
  autoComplete?: string;
  placeholder?: string;
  /** For passwords: label of a "show" checkbox that reveals the value. */
  revealLabel?: string;
  maxLength?: number;
}

/** A labelled text input with hint, lock note and field errors. */
export function FieldText({
  id,
  label,
  value,
  onInput,
  type = 'text',
  hint,
  errors,
  lockedNote,
  autoComplete = 'off',
  placeholder,
  revealLabel,
  maxLength,
}: FieldTextProps) {
  const [revealed, setRevealed] = useState(false);
  const messages = { id, hint, lockedNote, errors };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        // Preact's input typings are a union per type; this one switches between text-like types at runtime.
        type={(type === 'password' && revealed ? 'text' : type) as 'text'}
        value={value}
        disabled={Boolean(lockedNote)}
        autoComplete={autoComplete}
        spellcheck={false}
        placeholder={placeholder}
        maxLength={maxLength}
        aria-invalid={errors.length > 0}
        aria-describedby={describedBy(messages)}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
      {revealLabel && !lockedNote ? (
        <label class="check">
          <input
            type="checkbox"
            checked={revealed}
            onChange={(event) => setRevealed(event.currentTarget.checked)}
          />
          {revealLabel}
        </label>
      ) : null}
      <FieldMessages {...messages} />
    </div>
  );
}
