/** Props of a text with its masked parts highlighted. */
export interface MaskedTextProps {
  text: string;
  masks: readonly { start: number; end: number; kind: string }[];
}

/** Shows redacted text with every mask visibly marked, so the user sees what was hidden. */
export function MaskedText({ text, masks }: MaskedTextProps) {
  const parts = [];
  let at = 0;
  for (const mask of [...masks].sort((a, b) => a.start - b.start)) {
    if (mask.start < at) continue;
    if (mask.start > at) parts.push(text.slice(at, mask.start));
    parts.push(
      <mark key={mask.start} class="mask" data-kind={mask.kind}>
        {text.slice(mask.start, mask.end)}
      </mark>,
    );
    at = mask.end;
  }
  parts.push(text.slice(at));
  return <span class="masked-text">{parts}</span>;
}
