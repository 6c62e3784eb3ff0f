import type { OutboxSummary } from '../messaging/protocol/outbox';
import type { OutboxEntry } from '../schema/outbox';

/**
 * The list row of a record, made wherever the record is read: in the background for pages after the
 * first, in the popup itself for the first page (outbox-head.ts). Type-only imports, so the popup
 * bundle does not take zod along.
 */

/** Characters of the note shown in a list row. */
export const FIRST_LINE_MAX = 120;

/** The note's first line, as a list row shows it. */
export function firstLine(note: string): string {
  const line = note.trim().split(/\r?\n/, 1)[0] ?? '';
  return line.length > FIRST_LINE_MAX ? `${line.slice(0, FIRST_LINE_MAX - 1)}…` : line;
}

/** The list row of an entry. */
export function summarize(entry: OutboxEntry): OutboxSummary {
  const { record } = entry;
  return {
    id: entry.id,
    createdAt: entry.createdAt,
    status: entry.status,
    app: record.context.app,
    screen: record.context.screen.name,
    category: record.category,
    impact: record.impact,
    firstLine: firstLine(record.note),
    ...(entry.sentAt !== undefined ? { sentAt: entry.sentAt } : {}),
    ...(entry.failure ? { failure: { code: entry.failure.code, reason: entry.failure.reason } } : {}),
    ...(entry.officer
      ? {
          officer: {
            status: entry.officer.status,
            hasReply: Boolean(entry.officer.reply),
            read: entry.officer.read,
          },
        }
      : {}),
  };
}
