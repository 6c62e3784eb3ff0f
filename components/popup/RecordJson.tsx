import { useState } from 'preact/hooks';
import type { FeedbackRecord } from '../../utils/schema/record';

/** Props of the exact JSON view of a record. */
export interface RecordJsonProps {
  record: FeedbackRecord;
  summary: string;
}

/**
 * The record exactly as it is (or was) sent. Rendered only once opened: with a screenshot the text
 * runs to 300 kB, which the popup should not lay out just to be opened.
 */
export function RecordJson({ record, summary }: RecordJsonProps) {
  const [open, setOpen] = useState(false);
  return (
    <details class="json" onToggle={(event) => setOpen((event.currentTarget as HTMLDetailsElement).open)}>
      <summary>{summary}</summary>
      {open ? (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the scrollable block must be reachable by keyboard to scroll it.
        <pre tabIndex={0} data-testid="detail-json">
          {JSON.stringify(record, null, 2)}
        </pre>
      ) : null}
    </details>
  );
}
