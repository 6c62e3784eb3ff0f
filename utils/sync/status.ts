import { z } from 'zod';
import { AppError } from '../errors';
import type { OutboxEntry } from '../schema/outbox';
import {
  ErrorResponse,
  type IncidentStatus,
  type OfficerStatus,
  STATUS_APPS_MAX,
  STATUS_QUESTIONS_MAX,
  StatusResponse,
  type StatusUpdate,
} from '../schema/wire';
import { getDb } from '../store/db';
import { clearQuestions, replaceQuestions } from '../store/questions';
import { postJson, REQUEST_TIMEOUT_MS, statusUrl } from './transport';

/**
 * Answers flowing back: which of our sent records the officers have looked at, and what they replied.
 * Entirely separate from delivery — a failure here never touches a record's delivery state.
 */

export type OfficerAnswer = NonNullable<OutboxEntry['officer']>;

/** Statuses after which nothing changes any more, so we stop asking about the record. */
export const FINAL_STATUSES: ReadonlySet<OfficerStatus> = new Set<OfficerStatus>(['solved', 'wont_change']);
/** The collector accepts at most this many ids per query (StatusQuery). */
export const STATUS_PAGE_SIZE = 1000;

const CURSOR_KEY = 'status:cursor';
const UNREAD_KEY = 'answers:unread';

/** Whether the caseworker would see a difference: the incident's state or the officers' text. */
function incidentNews(before: IncidentStatus | undefined, after: IncidentStatus | undefined): boolean {
  if (!after) return false;
  return !before || before.state !== after.state || before.statusText !== after.statusText;
}

function sameIncident(a: IncidentStatus | undefined, b: IncidentStatus | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * The officer field after applying `update`, or undefined when nothing changes.
 * Unread when status, reply or the incident's state or status text changed — except a bare "received" without a reply: that only repeats
 * what delivery already told the caseworker, and would light the badge for every record sent.
 * An update older than what we hold is ignored (pages and retries may arrive out of order).
 */
export function mergeOfficer(
  existing: OfficerAnswer | undefined,
  update: StatusUpdate,
): OfficerAnswer | undefined {
  if (existing && Date.parse(update.updatedAt) < Date.parse(existing.updatedAt)) return undefined;
  const changed = !existing || existing.status !== update.status || existing.reply !== update.reply;
  // An update without an incident leaves the one we hold: a collector that does not group yet says nothing.
  const incident = update.incident ?? existing?.incident;
  const incidentChanged = !sameIncident(existing?.incident, incident);
  if (!changed && !incidentChanged && existing.updatedAt === update.updatedAt) return undefined;
  const news =
    (changed && !(update.status === 'received' && update.reply === null)) ||
    incidentNews(existing?.incident, incident);
  return {
    status: update.status,
    reply: update.reply,
    updatedAt: update.updatedAt,
    ...(incident ? { incident } : {}),
    read: news ? false : (existing?.read ?? true),
  };
}

function readIdList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * Merges updates into the records and the unread list, in one transaction.
 * Returns the ids that became unread.
 */
export async function applyStatusUpdates(updates: readonly StatusUpdate[]): Promise<string[]> {
  if (updates.length === 0) return [];
  const db = await getDb();
  const tx = db.transaction(['records', 'meta'], 'readwrite');
  const records = tx.objectStore('records');
  const meta = tx.objectStore('meta');
  const unread = new Set(readIdList(await meta.get(UNREAD_KEY)));
  const before = unread.size;
  const fresh: string[] = [];
  for (const update of updates) {
    const entry = await records.get(update.id);
    if (!entry) continue;
    const officer = mergeOfficer(entry.officer, update);
    if (!officer) continue;
    await records.put({ ...entry, officer });
    if (officer.read) continue;
    if (!unread.has(entry.id)) fresh.push(entry.id);
    unread.add(entry.id);
  }
  if (unread.size !== before) await meta.put([...unread], UNREAD_KEY);
  await tx.done;
  return fresh;
}

/** The caseworker has seen the officers' latest answer on this record. */
export async function markAnswerRead(id: string): Promise<void> {
  const db = await getDb();
  const tx = db.transaction(['records', 'meta'], 'readwrite');
  const entry = await tx.objectStore('records').get(id);
  if (!entry) {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw new AppError('not_found', id);
  }
  if (entry.officer && !entry.officer.read) {
    await tx.objectStore('records').put({ ...entry, officer: { ...entry.officer, read: true } });
  }
  const unread = readIdList(await tx.objectStore('meta').get(UNREAD_KEY));
  if (unread.includes(id)) {
    await tx.objectStore('meta').put(
      unread.filter((other) => other !== id),
      UNREAD_KEY,
    );
  }
  await tx.done;
}

/** How many records carry an answer the caseworker has not seen (kept as a list, so no scan). */
export async function unreadAnswerCount(): Promise<number> {
  return readIdList(await (await getDb()).get('meta', UNREAD_KEY)).length;
}

/** A sent record whose officer status can still change, with its answer secret (record version 2). */
export interface OpenRecord {
  id: string;
  secret?: string;
}

/** Sent records whose officer status can still change. */
export async function openRecords(): Promise<OpenRecord[]> {
  const db = await getDb();
  const open: OpenRecord[] = [];
  let cursor = await db
    .transaction('records')
    .store.index('byStatus')
    .openCursor(IDBKeyRange.bound(['sent', -Infinity], ['sent', Infinity]));
  while (cursor) {
    const { id, officer, record } = cursor.value;
    // An outage report stays open while its incident does: "Störung behoben" is news worth fetching.
    const incidentOpen = officer?.incident !== undefined && officer.incident.state !== 'closed';
    if (!officer || !FINAL_STATUSES.has(officer.status) || incidentOpen) {
      open.push(record.schemaVersion === 2 ? { id, secret: record.answerSecret } : { id });
    }
    cursor = await cursor.continue();
  }
  return open;
}

/**
 * Asks `{endpoint}/status` about every open record, page by page, merges the answers and stores the
 * new cursor. All pages send the same `since`; the cursor kept is the first page's, so an update that
 * lands while later pages are asked is fetched again next time rather than skipped (merging is
 * idempotent). The cursor only moves when every page succeeded. Each record's answer secret goes
 * with its id: the collector answers about a record only to the installation that sent it.
 * A collector that no longer knows our cursor (restored from a backup, so its sequence is behind
 * us) answers `bad_cursor`; then we ask again from the start, or we would miss every answer until
 * its sequence caught up (issue #14, item 6).
 * Throws AppError (endpoint_unreachable, endpoint_unauthorized, endpoint_bad_reply, endpoint_error).
 */
export async function fetchStatusUpdates({
  endpoint,
  token,
  timeoutMs = REQUEST_TIMEOUT_MS,
  apps,
}: {
  endpoint: string;
  token: string;
  timeoutMs?: number;
  /** Applications to ask questions for (questionApps); absent: none, and the stored ones are dropped. */
  apps?: readonly string[];
}): Promise<{ asked: number; updated: number; unread: string[]; questions?: number }> {
  const open = await openRecords();
  const result: { asked: number; updated: number; unread: string[]; questions?: number } = {
    asked: open.length,
    updated: 0,
    unread: [],
  };
  if (!apps) await clearQuestions();
  if (open.length === 0 && !apps) return result;
  const db = await getDb();
  const stored = await db.get('meta', CURSOR_KEY);
  let since = typeof stored === 'string' ? stored : undefined;
  let nextCursor: string | undefined;
  // At least one query even without open records: the questions come with the first.
  for (let start = 0; start < Math.max(open.length, 1); start += STATUS_PAGE_SIZE) {
    const page = open.slice(start, start + STATUS_PAGE_SIZE);
    const secrets: Record<string, string> = {};
    for (const { id, secret } of page) if (secret !== undefined) secrets[id] = secret;
    const query = {
      ids: page.map((record) => record.id),
      secrets,
      ...(since ? { since } : {}),
      ...(apps && start === 0 ? { apps } : {}),
    };
    const reply = await postJson(statusUrl(endpoint), JSON.stringify(query), { token, timeoutMs });
    if (reply.status === 401 || reply.status === 403) throw new AppError('endpoint_unauthorized');
    if (since !== undefined && reply.status === 400 && isBadCursor(reply.body)) {
      // From the first page again, without a cursor; what was merged already merges again harmlessly.
      await db.delete('meta', CURSOR_KEY);
      since = undefined;
      nextCursor = undefined;
      start = -STATUS_PAGE_SIZE;
      continue;
    }
    if (reply.status !== 200) throw new AppError('endpoint_error', `http_${reply.status}`);
    const parsed = StatusReply.safeParse(reply.body);
    if (!parsed.success) throw new AppError('endpoint_bad_reply');
    // The whole current set each time; a collector that predates questions sends none, so none apply.
    if (apps && start === 0) result.questions = await replaceQuestions(parsed.data.questions ?? []);
    // Only answers about ids we asked for: a confused collector must not write into other records.
    const asked = new Set(query.ids);
    const updates = parsed.data.updates.filter((update) => asked.has(update.id));
    result.updated += updates.length;
    result.unread.push(...(await applyStatusUpdates(updates)));
    nextCursor ??= parsed.data.cursor;
  }
  if (nextCursor !== undefined) await db.put('meta', nextCursor, CURSOR_KEY);
  return result;
}

/**
 * The reply as read here: questions are taken one by one (store/questions.ts), so one question the
 * extension cannot read does not cost the officers' answers or the other questions.
 */
const StatusReply = StatusResponse.extend({
  questions: z.array(z.unknown()).max(STATUS_QUESTIONS_MAX).optional(),
});

/**
 * The applications the status query asks questions for (issue #18): those of the configured sites,
 * each once, or none when policy switched questions off.
 */
export function questionApps(settings: {
  questionsEnabled: boolean;
  sites: readonly { app: string }[];
}): string[] | undefined {
  if (!settings.questionsEnabled) return undefined;
  const apps = [...new Set(settings.sites.map((site) => site.app))].slice(0, STATUS_APPS_MAX);
  return apps.length > 0 ? apps : undefined;
}

function isBadCursor(body: unknown): boolean {
  const parsed = ErrorResponse.safeParse(body);
  return parsed.success && parsed.data.error.code === 'bad_cursor';
}
