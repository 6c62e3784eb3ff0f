import type { ServerResponse } from 'node:http';
import type { Context } from 'hono';

/**
 * Cuts a streamed response off after `ms` (issue #14, item 3): an export or download whose client stops
 * reading would otherwise keep its connection, and the rows it has read ahead, for as long as the client
 * likes. The reads themselves hold nothing open (they go chunk by chunk); this bounds the rest. A stream
 * error cannot do it once the headers are out, so the Node response itself is destroyed; the stream's
 * cancel then ends the rows. Disarmed when the response closes.
 */
export function cutOffAfter(c: Context, ms: number, what: string): void {
  const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
  if (!outgoing) return;
  const timer = setTimeout(() => {
    console.error(`collector: ${what} cut off after ${ms} ms (the client did not read it in time)`);
    outgoing.destroy();
  }, ms);
  timer.unref();
  outgoing.once('close', () => clearTimeout(timer));
}
