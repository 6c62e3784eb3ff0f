// The streamed downloads of the officer API (app.ts) and the dashboard (dashboard/routes/export.ts):
// rows are read lazily from the store and sent in chunks, so a large export never sits in memory.

/** How one download writes its rows. */
export interface ExportFormat<Row> {
  /** Text before the first row, sent even when there is none (`[`, a CSV header …). */
  head: string;
  /** One row as text; `index` counts the rows sent before it. */
  line(row: Row, index: number): string;
  /** Text after the last row, given how many were sent. */
  tail(count: number): string;
}

// Rows per chunk: big enough to amortise a write, small enough to stay lazy.
const ROWS_PER_CHUNK = 200;

/**
 * A byte stream of `rows` in `format`. The first row is read before this resolves, so a database
 * failure still becomes a proper error response instead of a broken download; a client that stops
 * reading ends the read (`rows.return()`).
 */
export async function exportStream<Row>(
  rows: AsyncIterableIterator<Row>,
  format: ExportFormat<Row>,
): Promise<ReadableStream<Uint8Array>> {
  let next = await rows.next();
  const encoder = new TextEncoder();
  let count = 0;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const parts: string[] = [];
      if (!started) parts.push(format.head);
      started = true;
      for (let i = 0; i < ROWS_PER_CHUNK && !next.done; i++) {
        parts.push(format.line(next.value, count));
        count++;
        next = await rows.next();
      }
      if (next.done) parts.push(format.tail(count));
      controller.enqueue(encoder.encode(parts.join('')));
      if (next.done) controller.close();
    },
    async cancel() {
      await rows.return?.();
    },
  });
}

/** A JSON array, one element per line. */
export function jsonArrayFormat<Row>(element: (row: Row) => string): ExportFormat<Row> {
  return {
    head: '[',
    line: (row, index) => `${index === 0 ? '\n' : ',\n'}${element(row)}`,
    tail: (count) => (count === 0 ? ']\n' : '\n]\n'),
  };
}

/** Newline-delimited JSON. */
export function ndjsonFormat<Row>(element: (row: Row) => string): ExportFormat<Row> {
  return { head: '', line: (row) => `${element(row)}\n`, tail: () => '' };
}

/**
 * One exported record as JSON text: `head`'s fields, then what the collector caught and the record.
 * The stored JSON texts are spliced in as they are: no parse and re-stringify per row.
 */
export function exportedRecordJson(
  head: Record<string, unknown>,
  stored: { caughtJson: string; recordJson: string },
): string {
  return `${JSON.stringify(head).slice(0, -1)},"caughtByCollector":${stored.caughtJson},"record":${stored.recordJson}}`;
}
