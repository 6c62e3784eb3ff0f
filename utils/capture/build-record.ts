import { extractPageTerms } from '../redact/page-terms';
import { redactText } from '../redact/text';
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
 * Builds the full record: the note is redacted with the same page terms as the context, and with the
 * words the person chose, exactly as the dialog's preview showed it (components/NoteDialog.tsx).
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
  const { context, counts } = buildContext(args.capture, args.options, args.withElement);
  const note = redactText(args.input.note, {
    pageTerms: extractPageTerms(args.capture.pageTexts),
    ...organisationRedaction(args.options),
    maskWords: args.maskWords,
  });
  for (const [kind, n] of Object.entries(note.counts)) counts[kind] = (counts[kind] ?? 0) + (n ?? 0);
  return {
    schemaVersion: RECORD_SCHEMA_VERSION,
    id: args.id,
    createdAt: args.createdAt,
    note: note.text,
    category: args.input.category,
    impact: args.input.impact,
    duringAppointment: args.input.duringAppointment,
    minutesLost: args.input.minutesLost,
    context,
    reporter: args.reporter,
    redaction: { counts },
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
