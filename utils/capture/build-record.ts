import { extractPageTerms } from '../redact/page-terms';
import { type RedactOptions, redactText } from '../redact/text';
import type { RawCapture } from '../schema/capture';
import {
  type FeedbackRecord,
  type NoteInput,
  newAnswerSecret,
  RECORD_SCHEMA_VERSION,
  type Reporter,
} from '../schema/record';
import { type BuildOptions, buildContext, organisationRedaction } from './build-context';

/**
 * How a note is redacted: with the screen's own terms (names on the page) and the organisation's
 * settings. The dialog's preview and the stored record both start from this.
 */
export function noteRedaction(pageTerms: ReadonlySet<string>, options: BuildOptions): RedactOptions {
  return { pageTerms, ...organisationRedaction(options) };
}

/** The note as it is stored: redacted, and with the words the person chose to mask in the preview. */
export function redactNote(note: string, redaction: RedactOptions, maskWords?: readonly string[]) {
  return redactText(note, { ...redaction, maskWords });
}

/** The record's `redaction.counts`: masks per kind over the context and the note. */
export function maskCounts(
  contextCounts: Readonly<Record<string, number>>,
  noteCounts: Readonly<Partial<Record<string, number>>>,
): Record<string, number> {
  const counts = { ...contextCounts };
  for (const [kind, n] of Object.entries(noteCounts)) counts[kind] = (counts[kind] ?? 0) + (n ?? 0);
  return counts;
}

/**
 * Builds the full record: the note is redacted with the same page terms as the context, and with the
 * words the person chose, through the same functions the dialog's preview calls
 * (components/dialog/NoteDialog.tsx), so the preview shows what is stored.
 */
export function buildRecord(args: {
  id: string;
  createdAt: string;
  capture: RawCapture;
  input: NoteInput;
  options: BuildOptions;
  withElement: boolean;
  reporter: Reporter;
  /** Words the person chose to mask in the dialog's preview. */
  maskWords?: readonly string[];
}): FeedbackRecord {
  const built = buildContext(args.capture, args.options, args.withElement);
  const redaction = noteRedaction(extractPageTerms(args.capture.pageTexts), args.options);
  const note = redactNote(args.input.note, redaction, args.maskWords);
  return {
    schemaVersion: RECORD_SCHEMA_VERSION,
    id: args.id,
    createdAt: args.createdAt,
    note: note.text,
    category: args.input.category,
    impact: args.input.impact,
    duringAppointment: args.input.duringAppointment,
    minutesLost: args.input.minutesLost,
    context: built.context,
    reporter: args.reporter,
    redaction: { counts: maskCounts(built.counts, note.counts) },
    // Made here, never seen by the page: only this installation can ask for the officers' answer.
    answerSecret: newAnswerSecret(),
  };
}

/** ISO 8601 with the local UTC offset (officers need local time; UTC alone hides shift patterns). */
export function localTimestamp(date = new Date()): string {
  const pad = (n: number, width = 2) => String(Math.trunc(Math.abs(n))).padStart(width, '0');
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}` +
    `${sign}${pad(offset / 60)}:${pad(offset % 60)}`
  );
}
