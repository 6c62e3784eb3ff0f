import { useRef, useState } from 'preact/hooks';
import type { PreviewToken } from '../../utils/capture/mask-words';
import { MASK_LABELS } from '../../utils/redact/kinds';

/** Props of the previewed note whose words the person can mask. */
export interface MaskableNoteProps {
  /** The note as it will be stored, split by utils/capture/mask-words.ts. */
  tokens: readonly PreviewToken[];
  /** Masks the word everywhere in the note, or shows it again if it was chosen. */
  onToggle(word: string): void;
  labels: { words: string; suspect: string };
  /** Id of the hint that explains clicking and the keys. */
  hintId: string;
}

const NEXT: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

/**
 * The note as it will be stored, every word a toggle button: pressed means masked as [NAME]. One tab
 * stop for the whole note (a long note would otherwise put hundreds of stops between the note field and
 * Save); arrow keys, Home and End move between the words, Enter or Space toggles. Words the redactor
 * kept but that look like names carry a visible "Name?".
 */
export function MaskableNote({ tokens, onToggle, labels, hintId }: MaskableNoteProps) {
  const [active, setActive] = useState(0);
  const rootRef = useRef<HTMLSpanElement>(null);
  const wordCount = tokens.reduce((n, t) => n + (t.kind === 'word' ? 1 : 0), 0);
  // The note may have shrunk since a word was focused; the tab stop stays on a word that exists.
  const current = Math.min(active, Math.max(wordCount - 1, 0));

  const onKeyDown = (event: KeyboardEvent) => {
    const step = NEXT[event.key];
    const target =
      step !== undefined
        ? current + step
        : event.key === 'Home'
          ? 0
          : event.key === 'End'
            ? wordCount - 1
            : undefined;
    if (target === undefined || wordCount === 0) return;
    event.preventDefault();
    const next = Math.min(Math.max(target, 0), wordCount - 1);
    setActive(next);
    rootRef.current?.querySelectorAll<HTMLButtonElement>('button.word')[next]?.focus();
  };

  let index = -1;
  return (
    <span
      class="words"
      role="toolbar"
      aria-label={labels.words}
      aria-describedby={hintId}
      ref={rootRef}
      onKeyDown={onKeyDown}
    >
      {tokens.map((token) => {
        if (token.kind === 'text') return token.text;
        if (token.kind === 'mask')
          return (
            <mark class="mask" data-kind={token.mask}>
              {token.text}
            </mark>
          );
        index++;
        const own = index;
        const suspect = token.suspect && !token.chosen;
        return (
          <button
            type="button"
            class={suspect ? 'word suspect' : 'word'}
            aria-pressed={token.chosen}
            // The text inside is exactly the stored text; the names add what the eye sees besides it:
            // which word a mask hides (the person's own word), and the "Name?" badge (drawn by CSS).
            aria-label={
              token.chosen
                ? `${MASK_LABELS.name} ${token.text}`
                : suspect
                  ? `${token.text} ${labels.suspect}`
                  : undefined
            }
            data-badge={suspect ? labels.suspect : undefined}
            tabIndex={own === current ? 0 : -1}
            onClick={() => {
              setActive(own);
              onToggle(token.text);
            }}
          >
            {token.chosen ? MASK_LABELS.name : token.text}
          </button>
        );
      })}
    </span>
  );
}
