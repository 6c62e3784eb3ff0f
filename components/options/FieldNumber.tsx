import { useEffect, useState } from 'preact/hooks';
import { describedBy, FieldMessages } from './FieldMessages';

/** Props of a number field. */
export interface FieldNumberProps {
  id: string;
  label: string;
  /** NaN while the text is not a number; validation then reports it. */
  value: number;
  onChange(value: number): void;
  lang: 'de' | 'en';
  hint?: string;
  errors: readonly string[];
  lockedNote?: string;
  /** Whether a decimal separator is expected (sync period) or only whole numbers. */
  decimal?: boolean;
}

/** Reads "0,5" and "0.5" alike; empty or anything else is NaN. */
export function parseNumber(text: string): number {
  const normalised = text.trim().replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : Number.NaN;
}

function show(value: number, lang: 'de' | 'en'): string {
  if (Number.isNaN(value)) return '';
  return lang === 'de' ? String(value).replace('.', ',') : String(value);
}

/**
 * A number typed as text: a controlled `<input type="number">` would wipe "0," while the user is
 * still typing, and German users write a decimal comma.
 */
export function FieldNumber({
  id,
  label,
  value,
  onChange,
  lang,
  hint,
  errors,
  lockedNote,
  decimal,
}: FieldNumberProps) {
  const [text, setText] = useState(() => show(value, lang));
  // A value from outside (import, policy change) replaces the text; the user's own typing does not.
  useEffect(() => {
    if (!Object.is(parseNumber(text), value)) setText(show(value, lang));
  }, [value]);
  const messages = { id, hint, lockedNote, errors };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode={decimal ? 'decimal' : 'numeric'}
        class="short"
        value={text}
        disabled={Boolean(lockedNote)}
        autoComplete="off"
        aria-invalid={errors.length > 0}
        aria-describedby={describedBy(messages)}
        onInput={(event) => {
          setText(event.currentTarget.value);
          onChange(parseNumber(event.currentTarget.value));
        }}
      />
      <FieldMessages {...messages} />
    </div>
  );
}
