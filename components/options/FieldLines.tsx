import { useEffect, useState } from 'preact/hooks';
import { describedBy, FieldMessages } from './FieldMessages';

/** Props of a list of short strings edited as lines of text. */
export interface FieldLinesProps {
  id: string;
  label: string;
  value: readonly string[];
  onChange(value: string[]): void;
  hint?: string;
  errors: readonly string[];
  lockedNote?: string;
  rows?: number;
}

/** Non-empty lines, trimmed. */
export function parseLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item, i) => item === b[i]);

/** A textarea with one entry per line; keeps the user's raw text (blank lines while typing). */
export function FieldLines({
  id,
  label,
  value,
  onChange,
  hint,
  errors,
  lockedNote,
  rows = 3,
}: FieldLinesProps) {
  const [text, setText] = useState(() => value.join('\n'));
  useEffect(() => {
    if (!same(parseLines(text), value)) setText(value.join('\n'));
  }, [value]);
  const messages = { id, hint, lockedNote, errors };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <textarea
        id={id}
        rows={rows}
        value={text}
        disabled={Boolean(lockedNote)}
        spellcheck={false}
        aria-invalid={errors.length > 0}
        aria-describedby={describedBy(messages)}
        onInput={(event) => {
          setText(event.currentTarget.value);
          onChange(parseLines(event.currentTarget.value));
        }}
      />
      <FieldMessages {...messages} />
    </div>
  );
}
