import { createHash } from 'node:crypto';
import { z } from 'zod';
import { Localised, QuestionForm } from '../../utils/schema/questions';
import { CategoryId, Impact } from '../../utils/schema/record';
import { Text } from '../../utils/schema/text';

/**
 * The protocol between a job centre's collector and a regional hub (issue #19, docs/hub.md), published
 * as JSON Schema by `npm run schema`. Only aggregates cross it: counts per ISO week × application ×
 * screen × category × impact from k notes on, notes an officer explicitly shared (redacted once more),
 * change markers and question results from k answers. Nothing that names a client or a caseworker.
 *
 * Direction up: `POST {hub}/hub/v1/push` (Authorization: Bearer <the job centre's hub token>).
 * Direction down: `GET {hub}/hub/v1/feed?since=<cursor>` (same token): the hub's notices for screens and
 * the regional comparison for the asking job centre.
 */
export const HUB_PROTOCOL_VERSION = 1;

/** Smallest k any job centre or hub accepts: a cell of fewer notes could point at one caseworker. */
export const SHARE_MIN_NOTES_FLOOR = 3;
/** Most cells, notes, markers or questions in one push request; a job centre splits larger pushes. */
export const PUSH_CELLS_MAX = 5000;
export const PUSH_NOTES_MAX = 500;
export const PUSH_MARKERS_MAX = 200;
export const PUSH_QUESTIONS_MAX = 200;
/** Most ISO weeks one push may cover (two years). */
export const PUSH_WEEKS_MAX = 106;

/** A job centre's id at the hub: lower case, digits, hyphens (e.g. `jc-region-hannover`). */
export const JobCentreId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'job centre id');
export type JobCentreId = z.infer<typeof JobCentreId>;

/** ISO 8601 week, e.g. `2026-W49` (weeks start on Monday, Europe/Berlin calendar). */
export const IsoWeek = z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, 'ISO week like 2026-W49');
export type IsoWeek = z.infer<typeof IsoWeek>;

/** The screen of a cell merged upward to its whole application (too few notes on one screen). */
export const WHOLE_APPLICATION = '*';
/** A route template as the hotspots list it (never a raw URL), or `*` for the whole application. */
export const HubScreen = Text(1000)
  .trim()
  .refine((value) => value === WHOLE_APPLICATION || value.startsWith('/'), 'route template or *');

const key32 = (...parts: string[]) =>
  createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32);

/** The deterministic id of a cell: the same job centre, week and key always give the same id. */
export function cellId(
  jobCentre: string,
  week: string,
  cell: { app: string; screen: string; category: string; impact: string },
): string {
  return `${jobCentre}:${week}:${key32(cell.app, cell.screen, cell.category, cell.impact)}`;
}

/** The deterministic id of a shared note, from the record's own id (which never leaves the job centre). */
export function sharedNoteId(jobCentre: string, recordId: string): string {
  return `${jobCentre}:note:${key32(recordId)}`;
}

/** Whether `id` belongs to `jobCentre` (every id a job centre sends starts with its own id and a colon). */
export function ownsId(jobCentre: string, id: string): boolean {
  return id.startsWith(`${jobCentre}:`);
}

/**
 * What a cell and a shared note both say: their id, and the week, screen, category and impact they are
 * about — the hub files both by these (hub_cells, hub_notes), so the two must not drift apart.
 */
const WEEK_SCREEN_FIELDS = {
  id: z.string().max(200),
  week: IsoWeek,
  app: Text(100).trim().min(1),
  screen: HubScreen,
  category: CategoryId,
  impact: Impact,
};

/**
 * One aggregate: notes and minutes lost of one job centre in one week for one key. `id` is
 * deterministic — `{jobCentre}:{week}:{key}` where key is the first 32 hex digits of
 * SHA-256(app \0 screen \0 category \0 impact) — so a re-sent cell replaces instead of adding
 * (`cellId` below).
 */
export const HubCell = z.strictObject({
  ...WEEK_SCREEN_FIELDS,
  /** Never below the sender's k, and never below SHARE_MIN_NOTES_FLOOR. */
  notes: z.number().int().min(SHARE_MIN_NOTES_FLOOR),
  minutesLost: z.number().int().min(0),
});
export type HubCell = z.infer<typeof HubCell>;

/**
 * A note an officer marked "mit anderen Jobcentern teilen": the text passed through the redactor once
 * more at export, the officer's reply (workaround, vendor's answer) likewise; no reporter, no unit, no
 * exact time (the week only). `id` is deterministic: `{jobCentre}:note:{first 32 hex of SHA-256(record id)}`.
 */
export const HubSharedNote = z.strictObject({
  ...WEEK_SCREEN_FIELDS,
  text: Text(2000).trim().min(1),
  reply: Text(4000).trim().min(1).optional(),
});
export type HubSharedNote = z.infer<typeof HubSharedNote>;

/** A change marker (release or legal change) as the job centre entered it; id `{jobCentre}:marker:{marker id}`. */
export const HubMarker = z.strictObject({
  id: z.string().max(200),
  date: z.iso.date(),
  title: Text(200).trim().min(1),
  kind: z.enum(['release', 'legal']),
  apps: z.array(Text(100).trim().min(1)).min(1).max(20),
  screens: z.array(HubScreen).max(20).optional(),
});
export type HubMarker = z.infer<typeof HubMarker>;

/**
 * A question's results, only when it has at least k answers: the distribution (answer value → count;
 * scale "1".."5", yesNo "yes"/"no"/"cannot_say", choice "0".."5"). Notes are not shared.
 * id `{jobCentre}:question:{question id}`.
 */
export const HubQuestionResult = z.strictObject({
  id: z.string().max(200),
  text: Localised(300),
  app: Text(100).trim().min(1),
  screens: z.array(HubScreen).max(20).optional(),
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  form: QuestionForm,
  answers: z.number().int().min(SHARE_MIN_NOTES_FLOOR),
  distribution: z.record(z.string().max(20), z.number().int().min(0)),
  markerId: z.string().max(200).optional(),
});
export type HubQuestionResult = z.infer<typeof HubQuestionResult>;

/**
 * One push. `weeks` are the ISO weeks this push covers completely: the hub replaces everything of this
 * job centre in those weeks (cells) by what the push carries, in one transaction — so a cell that fell
 * below k or was merged upward disappears, and the same push sent twice leaves the same state.
 * Shared notes, markers and question results are replaced by id; `withdrawn` removes ids an officer
 * unshared. A push larger than the limits is sent as several requests with the same `pushId` and
 * `part`/`parts`; the hub applies the weeks' replacement when the first part of a push arrives.
 */
export const HubPush = z.strictObject({
  protocolVersion: z.literal(HUB_PROTOCOL_VERSION),
  jobCentre: JobCentreId,
  pushId: z.uuid(),
  part: z.number().int().min(1),
  parts: z.number().int().min(1),
  sentAt: z.iso.datetime({ offset: true }),
  /** The k the job centre applied (≥ SHARE_MIN_NOTES_FLOOR); the hub refuses cells below it. */
  k: z.number().int().min(SHARE_MIN_NOTES_FLOOR),
  weeks: z.array(IsoWeek).max(PUSH_WEEKS_MAX),
  cells: z.array(HubCell).max(PUSH_CELLS_MAX),
  notes: z.array(HubSharedNote).max(PUSH_NOTES_MAX),
  markers: z.array(HubMarker).max(PUSH_MARKERS_MAX),
  questions: z.array(HubQuestionResult).max(PUSH_QUESTIONS_MAX),
  withdrawn: z.array(z.string().max(200)).max(PUSH_NOTES_MAX),
});
export type HubPush = z.infer<typeof HubPush>;

/** The hub's reply to a push part it stored (200). Errors use ErrorResponse with the codes below. */
export const HubPushResponse = z.strictObject({
  pushId: z.uuid(),
  part: z.number().int().min(1),
  cells: z.number().int().min(0),
  notes: z.number().int().min(0),
  markers: z.number().int().min(0),
  questions: z.number().int().min(0),
});
export type HubPushResponse = z.infer<typeof HubPushResponse>;

/**
 * Error codes of the hub (in `{ error: { code, message } }`): 401 `unauthorized` (no or unknown token),
 * 403 `wrong_job_centre` (the token belongs to another job centre than `jobCentre`, or an id does not
 * start with the job centre's own prefix), 400 `invalid_push` (schema), 400 `below_k` (a cell with fewer
 * notes than k), 413 `too_large`, 409 `not_a_hub` (the collector is not running as a hub), 503 `too_busy`.
 */
export const HUB_ERROR_CODES = [
  'unauthorized',
  'wrong_job_centre',
  'invalid_push',
  'below_k',
  'too_large',
  'not_a_hub',
  'too_busy',
] as const;
export type HubErrorCode = (typeof HUB_ERROR_CODES)[number];

/** A notice the hub publishes for a screen: a known issue, a workaround, or "fixed in release …". */
export const HubNotice = z.strictObject({
  id: z.uuid(),
  kind: z.enum(['known-issue', 'workaround', 'fixed']),
  app: Text(100).trim().min(1),
  screen: HubScreen,
  text: Localised(2000),
  fixedIn: Text(100).trim().min(1).optional(),
  publishedAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  /** A notice the hub withdrew: job centres remove it. */
  withdrawn: z.boolean(),
});
export type HubNotice = z.infer<typeof HubNotice>;

/** Most job centres one hub accepts (the job centres file); Germany has some 400. */
export const HUB_JOB_CENTRES_MAX = 1000;

/**
 * One job centre's own figures for a screen in the compared weeks, as a hub sends them only when its
 * operators allow job centres to see each other's (COLLECTOR_HUB_SHOW_JOB_CENTRES).
 */
export const HubComparisonJobCentre = z.strictObject({
  jobCentre: JobCentreId,
  /** Its name in the hub's job centres file. */
  name: Text(200),
  notes: z.number().int().min(0),
  minutesLost: z.number().int().min(0),
});
export type HubComparisonJobCentre = z.infer<typeof HubComparisonJobCentre>;

/**
 * The asking job centre's figures for a screen beside the region's. Another job centre's figures only
 * in `jobCentres`, which a hub sends only when its configuration allows it.
 */
export const HubComparison = z.strictObject({
  app: Text(100),
  screen: HubScreen,
  /** Job centres in which the screen is a hotspot (has any shared cell) in the compared weeks. */
  jobCentresAffected: z.number().int().min(0),
  jobCentresTotal: z.number().int().min(0),
  ownNotes: z.number().int().min(0),
  ownMinutesLost: z.number().int().min(0),
  medianNotes: z.number().min(0),
  medianMinutesLost: z.number().min(0),
  /**
   * Each job centre affected (the asker included), most minutes first — only from a hub configured to
   * show them (COLLECTOR_HUB_SHOW_JOB_CENTRES=1); absent otherwise.
   */
  jobCentres: z.array(HubComparisonJobCentre).max(HUB_JOB_CENTRES_MAX).optional(),
});
export type HubComparison = z.infer<typeof HubComparison>;

/** Reply of `GET {hub}/hub/v1/feed?since=<cursor>`: notices changed since the cursor, and the comparison. */
export const HubFeed = z.strictObject({
  protocolVersion: z.literal(HUB_PROTOCOL_VERSION),
  cursor: z.string().max(100),
  notices: z.array(HubNotice),
  /** The last 12 complete ISO weeks, the region's top screens and the asking job centre's own. */
  weeks: z.array(IsoWeek),
  comparison: z.array(HubComparison).max(500),
});
export type HubFeed = z.infer<typeof HubFeed>;
