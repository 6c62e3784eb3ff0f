import { z } from 'zod';
import { Question } from './questions';
import { AnswerSecret, FeedbackRecord, RECORD_SCHEMA_VERSION, RecordId } from './record';
import { Text } from './text';

/**
 * Wire format between the extension and any collector (documented in docs/wire-format.md,
 * published as JSON Schema by `npm run schema`). Versioned by WIRE_SCHEMA_VERSION.
 */
export const WIRE_SCHEMA_VERSION = 1;

export const MAX_BATCH_ITEMS = 500;
export const MAX_BATCH_BYTES = 1_000_000;

export const BatchRequest = z.object({
  schemaVersion: z.literal(WIRE_SCHEMA_VERSION),
  batchId: z.uuid(),
  sentAt: z.iso.datetime({ offset: true }),
  client: z.object({
    extensionVersion: Text(40),
    browser: Text(80),
  }),
  /**
   * Items are validated one by one by the receiver, so one bad record is rejected with a reason
   * instead of failing the batch; hence `unknown` here and FeedbackRecord per item — or, for an item
   * with `kind: 'answer'`, QuestionAnswer (questions.ts, issue #18).
   */
  items: z.array(z.unknown()).min(1).max(MAX_BATCH_ITEMS),
});
export type BatchRequest = z.infer<typeof BatchRequest>;

/** The strict item shape a receiver checks each element of `items` against (answers: QuestionAnswer). */
export const BatchItem = FeedbackRecord;

/** Most applications one status query may ask questions for. */
export const STATUS_APPS_MAX = 50;
/** Most questions one status reply carries. */
export const STATUS_QUESTIONS_MAX = 200;

export const ItemStatus = z.enum(['accepted', 'duplicate', 'rejected']);
export const ItemResult = z.object({
  id: z.string().max(100),
  status: ItemStatus,
  reason: z.string().max(500).optional(),
});
export type ItemResult = z.infer<typeof ItemResult>;

export const BatchResponse = z.object({
  results: z.array(ItemResult),
});
export type BatchResponse = z.infer<typeof BatchResponse>;

/** Error body for whole-request failures (4xx/5xx). */
export const ErrorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

/** Reply of `GET {endpoint}/check`: a cheap authenticated probe used by "Test connection". */
export const CheckResponse = z.object({
  ok: z.literal(true),
  schemaVersions: z.array(z.number().int()),
  service: z.string().max(100),
});

/** Officer-facing processing status of a record, flowing back to the caseworker. */
export const OfficerStatus = z.enum(['received', 'in_review', 'forwarded', 'solved', 'wont_change']);
export type OfficerStatus = z.infer<typeof OfficerStatus>;

/** Body of `POST {endpoint}/status`: the ids the extension holds and the last cursor it saw. */
export const StatusQuery = z.object({
  ids: z.array(RecordId).max(1000),
  since: z.string().max(40).optional(),
  /**
   * The answer secret of each id whose record carried one (record version 2). The collector answers
   * about such a record only when its secret is here; records stored without one (version 1) are
   * answered on the ids alone, as before.
   */
  secrets: z
    .record(RecordId, AnswerSecret)
    .refine((secrets) => Object.keys(secrets).length <= 1000, 'at most 1000 secrets')
    .optional(),
  /**
   * The applications this installation covers (issue #18): the reply then carries their active
   * questions. Absent (older extensions, or questions switched off by policy): no questions.
   */
  apps: z.array(Text(100)).max(STATUS_APPS_MAX).optional(),
});
/**
 * The incident an outage record was grouped into (issue #17), as its reporter sees it: `open` (the
 * collector's rule grouped the reports, no officer has looked yet), `known` (an officer confirmed it;
 * "Bekannt seit 9:14 — IT ist informiert"), `closed`. The status text is the officers' public word.
 */
export const IncidentState = z.enum(['open', 'known', 'closed']);
export type IncidentState = z.infer<typeof IncidentState>;
export const IncidentStatus = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'incident id'),
  app: Text(100),
  state: IncidentState,
  openedAt: z.iso.datetime({ offset: true }),
  knownAt: z.iso.datetime({ offset: true }).nullable(),
  closedAt: z.iso.datetime({ offset: true }).nullable(),
  statusText: Text(500).nullable(),
});
export type IncidentStatus = z.infer<typeof IncidentStatus>;

export const StatusUpdate = z.object({
  id: RecordId,
  status: OfficerStatus,
  reply: Text(2000).nullable(),
  updatedAt: z.iso.datetime({ offset: true }),
  /**
   * Set for an outage record that belongs to an incident; a change of the incident (confirmed, new
   * status text, closed) is an update of every record in it, so it reaches each reporter's next poll.
   */
  incident: IncidentStatus.optional(),
});
export type StatusUpdate = z.infer<typeof StatusUpdate>;
export const StatusResponse = z.object({
  updates: z.array(StatusUpdate),
  cursor: z.string().max(40),
  /**
   * Active questions for the applications the query named (issue #18, docs/questions.md); present
   * only when it named some. The whole current list each time: a question missing from it has ended.
   * Older extensions ignore the field.
   */
  questions: z.array(Question).max(STATUS_QUESTIONS_MAX).optional(),
});
export type StatusResponse = z.infer<typeof StatusResponse>;

export { RECORD_SCHEMA_VERSION };
