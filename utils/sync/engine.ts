import { browser } from 'wxt/browser';
import { AppError, type ErrorCode, toErrorCode } from '../errors';
import { type BatchRequest, MAX_BATCH_BYTES, MAX_BATCH_ITEMS, WIRE_SCHEMA_VERSION } from '../schema/wire';
import { getEffectiveSettings } from '../settings/effective';
import { getDb } from '../store/db';
import { markDeliveriesSent } from '../store/deliveries';
import {
  type DeadLetter,
  noteAttempts,
  type QueuedItem,
  readNext,
  settle,
  settleBatch,
  takeBatch,
} from '../store/queue';
import { utf8Bytes } from '../store/records';
import { backoffDelay } from './backoff';
import { refreshBadge } from './badge';
import { classifyReply, replyReason } from './classify';
import { acquireLease, releaseLease } from './lease';
import { getSyncState, type SyncResult, type SyncState, saveSyncState } from './state';
import { fetchStatusUpdates, questionApps } from './status';
import { checkEndpoint, clientInfo, isoWithOffset, postJson, REQUEST_TIMEOUT_MS } from './transport';

/**
 * The sync engine: sends pending records in batches until the queue is empty, a failure stops it,
 * or the pass has used its time budget. Delivery is at-least-once — a record leaves the queue only
 * after the collector answered for it — and the collector deduplicates by record id.
 */

/** Room left in every request for the envelope (batchId, sentAt, client) around the items. */
const ENVELOPE_RESERVE_BYTES = 1_024;
/** A single record larger than this can never be sent. */
export const MAX_ITEM_BYTES = MAX_BATCH_BYTES - ENVELOPE_RESERVE_BYTES;
/** Lease lifetime beyond the request timeout: covers the IndexedDB work around one request. */
const LEASE_MARGIN_MS = 15_000;
/**
 * Wall time of one pass. Chrome stops a service worker whose event takes 5 minutes; passes stay far
 * below and hand over to a continuation instead.
 */
export const PASS_BUDGET_MS = 60_000;
/** How long after a new record the sync starts, so a burst of saves goes out as one batch. */
export const DEBOUNCE_MS = 2_000;
const CONTINUE_DELAY_MS = 1_000;
/** Officer answers change slowly; asking on every pass would cost one request per saved record. */
export const STATUS_INTERVAL_MS = 5 * 60_000;
const BADGE_INTERVAL_MS = 1_000;
/**
 * Failed passes in a row, the last with a server error, after which a 500 makes the pass look for the
 * record the collector cannot store (see isolate) instead of sending the same batch again.
 */
export const ISOLATE_AFTER_FAILURES = 2;
/** Batches sent and not yet answered at once (see sendQueue). */
const MAX_IN_FLIGHT = 2;

export const SYNC_ALARM = 'mitsprache:sync';
export const RETRY_ALARM = 'mitsprache:sync-retry';

const BLOCK_KEY = 'sync:unauthorized';
const STATUS_AT_KEY = 'status:checkedAt';

/** This context's name in the lease. */
const OWNER = crypto.randomUUID();

export type SyncOutcome =
  | SyncResult
  /** Another context holds the lease and is sending. */
  | 'busy'
  /** Backoff or Retry-After has not run out; nothing was sent. */
  | 'deferred';

export interface SyncReport {
  outcome: SyncOutcome;
  /** Records the collector accepted (or already had) during this pass. */
  sent: number;
  /** Records dead-lettered during this pass (rejected, too large). */
  failed: number;
  /** HTTP requests made for batches. */
  requests: number;
  /** The pass stopped at its time budget with records left; a continuation is scheduled. */
  more: boolean;
  /**
   * When the last verdict of the pass was stored (before the journal was marked into the records):
   * the end of delivery, which the benchmark measures.
   */
  deliveredAt?: number;
  errorCode?: ErrorCode;
  nextAttemptAt?: number;
}

export interface SyncOptions {
  /** Ignore backoff and the "endpoint refuses our token" stop: the user pressed "send now". */
  force?: boolean;
  requestTimeoutMs?: number;
  passBudgetMs?: number;
  now?: () => number;
  random?: () => number;
  /** Lease owner; tests use a second name to act as another context. */
  owner?: string;
  /** Ask for officer answers after a successful pass (default true; the benchmark turns it off). */
  status?: boolean;
}

/** The pass running in this context, per lease owner: callers join it. */
const runningPasses = new Map<string, Promise<SyncReport>>();
let rerun = false;

/**
 * Runs one sync pass now (default: as "send now", i.e. forced). While a pass runs in this context,
 * callers join it instead of starting a second one.
 */
export function syncNow(options: SyncOptions = {}): Promise<SyncReport> {
  const owner = options.owner ?? OWNER;
  const running = runningPasses.get(owner);
  if (running) {
    // The running pass may already have read an empty queue; make sure what arrived since goes out.
    rerun = true;
    return running;
  }
  const pass = runPass({ force: true, ...options, owner })
    .catch((error: unknown): SyncReport => {
      // Storage trouble, not the collector's: reported, but backoff state is left as it was.
      return {
        outcome: 'failing',
        sent: 0,
        failed: 0,
        requests: 0,
        more: false,
        errorCode: toErrorCode(error),
      };
    })
    .then(async (report) => {
      await refreshBadge();
      return report;
    })
    .finally(() => {
      runningPasses.delete(owner);
      if (rerun) {
        rerun = false;
        requestSync('rerun', CONTINUE_DELAY_MS);
      }
    });
  runningPasses.set(owner, pass);
  return pass;
}

let debounce: ReturnType<typeof setTimeout> | undefined;
let debounceAt = 0;
let lastReason = '';

/** Why the last automatic pass was requested ("record", "settings", "continue", …), for diagnostics. */
export function lastSyncReason(): string {
  return lastReason;
}

/**
 * Asks for an automatic pass soon (new record, settings change, continuation). Calls within the delay
 * are coalesced into one pass; the timer is not pushed back, so a steady stream of saves cannot
 * postpone sending forever. Automatic passes honour backoff and the unauthorized stop.
 */
export function requestSync(reason: string, delayMs = DEBOUNCE_MS): void {
  lastReason = reason;
  // A new record changes the pending count now, not only after it is sent.
  void refreshBadge();
  const at = Date.now() + delayMs;
  if (debounce !== undefined && debounceAt <= at) return;
  clearTimeout(debounce);
  debounceAt = at;
  debounce = setTimeout(() => {
    debounce = undefined;
    void syncNow({ force: false });
  }, delayMs);
}

/** Cancels a pending requestSync (the owner of the triggers is shutting down). */
export function cancelRequestedSync(): void {
  clearTimeout(debounce);
  debounce = undefined;
  rerun = false;
}

/** Resolves when no pass runs in this context (tests; an orderly shutdown). */
export async function syncIdle(): Promise<void> {
  while (runningPasses.size > 0) await Promise.allSettled([...runningPasses.values()]);
}

interface Pass {
  /** Until when this pass's lease holds, as last written. */
  leaseUntil: number;
  endpoint: string;
  token: string;
  owner: string;
  timeoutMs: number;
  deadline: number;
  now: () => number;
  report: SyncReport;
  succeeded: boolean;
  badgeAt: number;
  /** A 500 splits the batch to find the record that fails alone (the same batch failed repeatedly). */
  isolate: boolean;
  /** Applications the status query asks questions for (issue #18); undefined when switched off. */
  apps: string[] | undefined;
}

type Step =
  | { kind: 'ok'; decided: number }
  | {
      kind: 'retry';
      code: ErrorCode;
      offline: boolean;
      retryAfterMs?: number;
      /** Sent alone, this record got a 500 before anything else in the pass was stored (see isolate). */
      suspect?: { item: QueuedItem; reason: string };
    }
  | { kind: 'unauthorized' }
  | { kind: 'stop'; why: 'budget' | 'lease' };

async function runPass(options: SyncOptions & { owner: string }): Promise<SyncReport> {
  const ready = await startPass(options);
  if ('outcome' in ready) return ready;
  const { pass, state, fingerprint, limits } = ready;
  let last: Step;
  try {
    last = await sendQueue(pass, limits);
  } finally {
    await releaseLease(options.owner).catch(() => undefined);
  }
  pass.report.deliveredAt = pass.now();
  // The acknowledged batches become `sent` records before anything reads them by status; what the
  // budget leaves over is marked by the continuation. Not while sending: marking costs the device
  // three times what sending does (a read and an indexed write per record), and on two cores it
  // slowed delivery by a third when it ran alongside.
  const allMarked = await markDeliveriesSent(pass.deadline, pass.now);
  await endPass(pass, options, { state, fingerprint, last, allMarked });
  if (pass.report.outcome === 'ok' && !pass.report.more && options.status !== false) {
    await maybeFetchStatus(pass, options.force === true);
  }
  return pass.report;
}

/** Batch limits for one read of the queue. */
type ReadLimits = { maxItems: number; maxBytes: number };

/**
 * Everything that decides whether a pass may send: an endpoint, https, no "refuses our token" stop,
 * backoff run out, the lease. Returns the report to give back when it may not, else the pass.
 */
async function startPass(
  options: SyncOptions & { owner: string },
): Promise<SyncReport | { pass: Pass; state: SyncState; fingerprint: string; limits: ReadLimits }> {
  const now = options.now ?? Date.now;
  const started = now();
  const report: SyncReport = { outcome: 'ok', sent: 0, failed: 0, requests: 0, more: false };
  const [settings, state] = await Promise.all([getEffectiveSettings({ fresh: true }), getSyncState()]);

  if (!settings.endpoint) {
    await settleState(state, { ...state, lastResult: 'no_endpoint', lastErrorCode: 'no_endpoint' });
    return { ...report, outcome: 'no_endpoint', errorCode: 'no_endpoint' };
  }
  let endpoint: string;
  try {
    endpoint = checkEndpoint(settings.endpoint);
  } catch {
    await settleState(state, { ...state, lastResult: 'insecure', lastErrorCode: 'endpoint_insecure' });
    return { ...report, outcome: 'insecure', errorCode: 'endpoint_insecure' };
  }

  const db = await getDb();
  const fingerprint = await credentialsFingerprint(endpoint, settings.token);
  if (!options.force && (await db.get('meta', BLOCK_KEY)) === fingerprint) {
    return { ...report, outcome: 'unauthorized', errorCode: 'endpoint_unauthorized' };
  }
  if (!options.force && state.nextAttemptAt !== undefined && started < state.nextAttemptAt) {
    await scheduleRetry(state.nextAttemptAt);
    return { ...report, outcome: 'deferred', nextAttemptAt: state.nextAttemptAt };
  }

  const timeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const leaseUntil = started + timeoutMs + LEASE_MARGIN_MS;
  const lease = await acquireLease(options.owner, leaseUntil, started);
  if (lease.owner !== options.owner) {
    // The holder is sending; if it died, its lease runs out and this retry picks the records up.
    await scheduleRetry(lease.until);
    return { ...report, outcome: 'busy' };
  }

  const pass: Pass = {
    leaseUntil,
    endpoint,
    token: settings.token,
    owner: options.owner,
    timeoutMs,
    deadline: started + (options.passBudgetMs ?? PASS_BUDGET_MS),
    now,
    report,
    succeeded: false,
    badgeAt: started,
    isolate:
      state.lastResult === 'failing' &&
      state.lastErrorCode === 'endpoint_error' &&
      state.consecutiveFailures >= ISOLATE_AFTER_FAILURES,
    apps: questionApps(settings),
  };
  const batchSize = Math.min(Math.max(1, settings.batchSize), MAX_BATCH_ITEMS);
  // Per-item commas count against the byte budget too.
  const limits = { maxItems: batchSize, maxBytes: MAX_ITEM_BYTES - batchSize };
  return { pass, state, fingerprint, limits };
}

/**
 * Sends the queue batch by batch until it is empty, a batch fails or the budget is used, with up to
 * MAX_IN_FLIGHT batches sent and not yet answered: the collector works on one while the next is read,
 * sent and settled, so neither side waits for the other. Returns how the pass ended.
 */
async function sendQueue(pass: Pass, limits: ReadLimits): Promise<Step> {
  const { now } = pass;
  // Set by `awaitOldestBatch` too, which TypeScript's narrowing does not see; hence the declared type.
  let last = { kind: 'ok', decided: 0 } as Step;
  /** Batches sent and not yet answered, oldest first. */
  const inFlightBatches: { count: number; step: Promise<Step> }[] = [];
  /** Read from the head of the queue (takeBatch) rather than after the last read (readNext). */
  let fromHead = true;
  /** The next batch, read while the previous ones are in flight. */
  let nextRead: Promise<QueuedItem[]> | undefined;
  /** Waits for the oldest batch in flight; false when the pass must stop. */
  const awaitOldestBatch = async (): Promise<boolean> => {
    const sent = inFlightBatches.shift();
    if (!sent) return true;
    const step = await sent.step;
    if (step.kind !== 'ok') {
      // A stop for budget is the mildest ending; what the collector said wins over it.
      if (last.kind === 'ok' || (last.kind === 'stop' && last.why === 'budget')) last = step;
      return false;
    }
    if (step.decided === 0) {
      // 200 without a verdict for any record we sent: looping would resend them forever.
      last = { kind: 'retry', code: 'endpoint_bad_reply', offline: false };
      return false;
    }
    // Records the collector did not answer for stay pending, behind what was read after them: they
    // are read again from the head once no batch is in flight.
    if (step.decided < sent.count) fromHead = true;
    if (now() - pass.badgeAt >= BADGE_INTERVAL_MS) {
      pass.badgeAt = now();
      void refreshBadge();
    }
    return true;
  };
  try {
    for (;;) {
      if (now() >= pass.deadline) {
        last = { kind: 'stop', why: 'budget' };
        break;
      }
      let items: QueuedItem[];
      if (fromHead) {
        if (inFlightBatches.length > 0) {
          if (!(await awaitOldestBatch())) break;
          continue;
        }
        // A read started before the head moved back is stale: its rows are read again.
        await nextRead?.catch(() => undefined);
        nextRead = undefined;
        fromHead = false;
        items = (await takeBatch(limits)).items;
      } else {
        items = await (nextRead ?? readNext(limits));
        nextRead = undefined;
      }
      if (items.length === 0) {
        if (inFlightBatches.length === 0) break;
        if (!(await awaitOldestBatch())) break;
        continue;
      }
      const step = sendItems(pass, items);
      // Handled when awaited; until then a failure must not count as unhandled.
      step.catch(() => undefined);
      inFlightBatches.push({ count: items.length, step });
      if (inFlightBatches.length >= MAX_IN_FLIGHT && !(await awaitOldestBatch())) break;
      if (!fromHead) {
        nextRead = readNext(limits);
        nextRead.catch(() => undefined);
      }
    }
    // What is still in flight is answered and settled before the pass ends.
    while (inFlightBatches.length > 0) await awaitOldestBatch();
  } finally {
    await Promise.allSettled([...inFlightBatches.map((sent) => sent.step), nextRead]);
  }
  return last;
}

/**
 * Writes how the pass ended into the sync state and the report: backoff after a failure, the
 * "refuses our token" stop, or success (with a continuation when records are left).
 */
async function endPass(
  pass: Pass,
  options: SyncOptions,
  ended: { state: SyncState; fingerprint: string; last: Step; allMarked: boolean },
): Promise<void> {
  const { state, fingerprint, last, allMarked } = ended;
  const { report } = pass;
  const db = await getDb();
  const end = pass.now();
  const next: SyncState = {
    ...state,
    lastAttemptAt: report.requests > 0 ? end : state.lastAttemptAt,
    lastSuccessAt: pass.succeeded ? end : state.lastSuccessAt,
  };
  const failures = pass.succeeded ? 0 : state.consecutiveFailures;
  if (last.kind === 'retry') {
    const wait = last.retryAfterMs ?? backoffDelay(failures, options.random);
    Object.assign(next, {
      lastResult: last.offline ? 'offline' : 'failing',
      lastErrorCode: last.code,
      nextAttemptAt: end + wait,
      consecutiveFailures: failures + 1,
    });
    report.outcome = next.lastResult;
    report.errorCode = last.code;
    report.nextAttemptAt = next.nextAttemptAt;
    await scheduleRetry(end + wait);
  } else if (last.kind === 'unauthorized') {
    Object.assign(next, {
      lastResult: 'unauthorized',
      lastErrorCode: 'endpoint_unauthorized',
      nextAttemptAt: undefined,
      consecutiveFailures: failures + 1,
    });
    report.outcome = 'unauthorized';
    report.errorCode = 'endpoint_unauthorized';
    await db.put('meta', fingerprint, BLOCK_KEY);
  } else if (last.kind === 'stop' && last.why === 'lease') {
    // Our lease ran out mid-pass and another context took over; it owns the state now.
    report.outcome = 'busy';
  } else {
    Object.assign(next, {
      lastResult: 'ok',
      lastErrorCode: undefined,
      nextAttemptAt: undefined,
      consecutiveFailures: 0,
    });
    await db.delete('meta', BLOCK_KEY);
    if (last.kind === 'stop' || !allMarked) {
      report.more = true;
      requestSync('continue', CONTINUE_DELAY_MS);
    }
  }
  if (report.outcome !== 'busy') await settleState(state, next);
}

/**
 * Sends `items` as one request, or as halves when the collector says it is too large, and settles
 * every record the collector decided on.
 */
async function sendItems(pass: Pass, items: QueuedItem[]): Promise<Step> {
  const oversize = items.filter((item) => item.bytes > MAX_ITEM_BYTES);
  const fitting = items.filter((item) => item.bytes <= MAX_ITEM_BYTES);
  let decided = 0;
  if (oversize.length > 0) decided += await deadLetter(pass, oversize, 'too_large', 'too_large');
  if (fitting.length === 0) return { kind: 'ok', decided };

  if (pass.now() >= pass.deadline) return { kind: 'stop', why: 'budget' };
  const batchId = crypto.randomUUID();
  const { body, bytes } = batchBody(batchId, pass.now(), fitting);
  if (bytes > MAX_BATCH_BYTES) return split(pass, fitting, decided);

  // Renewed before a request that could outlive it, so a long pass keeps it and a dead worker's
  // expires soon after. While it still covers a whole request plus half the margin nobody else can
  // take it, and renewing would only cost a write per batch.
  const start = pass.now();
  if (pass.leaseUntil - start < pass.timeoutMs + LEASE_MARGIN_MS / 2) {
    const until = start + pass.timeoutMs + LEASE_MARGIN_MS;
    const lease = await acquireLease(pass.owner, until, start);
    if (lease.owner !== pass.owner) return { kind: 'stop', why: 'lease' };
    pass.leaseUntil = until;
  }

  pass.report.requests++;
  let action: ReturnType<typeof classifyReply>;
  let reply: Awaited<ReturnType<typeof postJson>>;
  try {
    reply = await postJson(pass.endpoint, body, {
      token: pass.token,
      idempotencyKey: batchId,
      timeoutMs: pass.timeoutMs,
    });
    action = classifyReply(reply, pass.now());
  } catch (error) {
    await noteAttempts(fitting.map((item) => item.id));
    if (error instanceof AppError && error.code === 'endpoint_unreachable') {
      return { kind: 'retry', code: 'endpoint_unreachable', offline: true };
    }
    throw error;
  }

  switch (action.kind) {
    case 'results': {
      pass.succeeded = true;
      const ours = new Map(fitting.map((item) => [item.id, item.seq]));
      const sent: { id: string; seq: number }[] = [];
      const rejected: DeadLetter[] = [];
      for (const result of action.results) {
        // Results for ids we did not send are ignored; ids without a result stay pending.
        const seq = ours.get(result.id);
        if (seq === undefined) continue;
        ours.delete(result.id);
        if (result.status === 'rejected') {
          rejected.push({ id: result.id, code: 'rejected', reason: result.reason ?? 'rejected' });
        } else {
          sent.push({ id: result.id, seq });
        }
      }
      const counts = await settleBatch(sent, rejected, pass.now());
      pass.report.sent += counts.sent;
      pass.report.failed += counts.failed;
      return { kind: 'ok', decided: decided + sent.length + rejected.length };
    }
    case 'split':
      return split(pass, fitting, decided);
    case 'reject':
      decided += await deadLetter(pass, fitting, 'rejected', action.reason);
      return { kind: 'ok', decided };
    case 'unauthorized':
      return action;
    case 'retry':
      // Only a 500 says the collector itself failed on this request; 502–504 say it was not reached
      // or is overloaded, which splitting would only make worse.
      if (action.status === 500 && pass.isolate) {
        return isolate(pass, fitting, decided, replyReason(reply.status, reply.body));
      }
      await noteAttempts(fitting.map((item) => item.id));
      return action.retryAfterMs === undefined
        ? { kind: 'retry', code: action.code, offline: false }
        : { kind: 'retry', code: action.code, offline: false, retryAfterMs: action.retryAfterMs };
  }
}

/**
 * The request body: the envelope around the items' stored wire JSON, joined as strings — the records
 * are not parsed or serialised again. Equal to JSON.stringify of the BatchRequest, byte for byte.
 * Its size is the envelope's plus the items' stored sizes and the commas between them.
 */
export function batchBody(
  batchId: string,
  sentAt: number,
  items: readonly { json: string; bytes: number }[],
): { body: string; bytes: number } {
  const envelope: BatchRequest = {
    schemaVersion: WIRE_SCHEMA_VERSION,
    batchId,
    sentAt: isoWithOffset(sentAt),
    client: clientInfo(),
    items: [],
  };
  // `items` is the last key, so the envelope ends in `[]}` and the items go between the brackets.
  const head = JSON.stringify(envelope).slice(0, -2);
  const body = `${head}${items.map((item) => item.json).join(',')}]}`;
  const itemBytes = items.reduce((sum, item) => sum + item.bytes, 0);
  return { body, bytes: utf8Bytes(head) + itemBytes + Math.max(0, items.length - 1) + 2 };
}

/** 413 or over the byte limit: halves until each fits; a single record that never fits is dead-lettered. */
async function split(pass: Pass, items: QueuedItem[], decided: number): Promise<Step> {
  if (items.length === 1) {
    return { kind: 'ok', decided: decided + (await deadLetter(pass, items, 'too_large', 'too_large')) };
  }
  const middle = Math.ceil(items.length / 2);
  const first = await sendItems(pass, items.slice(0, middle));
  if (first.kind !== 'ok') return first;
  const second = await sendItems(pass, items.slice(middle));
  if (second.kind !== 'ok') return second;
  return { kind: 'ok', decided: decided + first.decided + second.decided };
}

/**
 * The same batch failed with server errors pass after pass: a record the collector cannot store (a
 * bug, a value its database refuses) would otherwise hold the head of the queue for ever (issue #14,
 * item 2). Halves are sent like for 413 until the record that fails alone is found. It is
 * dead-lettered — visible as failed, for a person to retry or edit — only when the collector stored
 * something else in the same pass; when nothing gets through, the collector is down, not the record
 * bad, and the batch waits with backoff as before. Costs about two requests per halving.
 */
async function isolate(pass: Pass, items: QueuedItem[], decided: number, reason: string): Promise<Step> {
  const failure = { kind: 'retry', code: 'endpoint_error', offline: false } as const;
  if (items.length === 1) {
    const [item] = items as [QueuedItem];
    if (pass.succeeded) return { kind: 'ok', decided: decided + (await poisoned(pass, item, reason)) };
    await noteAttempts([item.id]);
    return { ...failure, suspect: { item, reason } };
  }
  const middle = Math.ceil(items.length / 2);
  const first = await sendItems(pass, items.slice(0, middle));
  if (first.kind === 'retry' && first.suspect) {
    // The first record failed alone before anything was stored: the rest tells a down collector
    // from a bad record.
    const second = await sendItems(pass, items.slice(middle));
    if (second.kind !== 'ok') return failure;
    const dead = await poisoned(pass, first.suspect.item, first.suspect.reason);
    return { kind: 'ok', decided: decided + dead + second.decided };
  }
  if (first.kind !== 'ok') return first;
  const second = await sendItems(pass, items.slice(middle));
  if (second.kind !== 'ok') return second;
  return { kind: 'ok', decided: decided + first.decided + second.decided };
}

function poisoned(pass: Pass, item: QueuedItem, reason: string): Promise<number> {
  return deadLetter(pass, [item], 'server_error', reason);
}

async function deadLetter(pass: Pass, items: QueuedItem[], code: string, reason: string): Promise<number> {
  const counts = await settle(
    [],
    items.map((item) => ({ id: item.id, code, reason })),
    pass.now(),
  );
  pass.report.failed += counts.failed;
  return items.length;
}

/** Asks for officer answers at most every STATUS_INTERVAL_MS (always on "send now"); never throws. */
async function maybeFetchStatus(pass: Pass, force: boolean): Promise<void> {
  try {
    const db = await getDb();
    const last = await db.get('meta', STATUS_AT_KEY);
    const now = pass.now();
    if (!force && typeof last === 'number' && now - last < STATUS_INTERVAL_MS) return;
    await db.put('meta', now, STATUS_AT_KEY);
    await fetchStatusUpdates({
      endpoint: pass.endpoint,
      token: pass.token,
      timeoutMs: pass.timeoutMs,
      ...(pass.apps ? { apps: pass.apps } : {}),
    });
  } catch {
    // Answers are a courtesy: a collector without /status, or one that is down, must not mark
    // delivery as failing. The next interval asks again.
  }
}

async function settleState(before: SyncState, after: SyncState): Promise<void> {
  if (JSON.stringify(before) !== JSON.stringify(after)) await saveSyncState(after);
}

/** Wakes the worker when backoff or a foreign lease runs out (Chrome rounds this up to 30 s). */
async function scheduleRetry(when: number): Promise<void> {
  await browser.alarms.create(RETRY_ALARM, { when });
}

/**
 * Identifies endpoint + token without keeping a second copy of the token: the unauthorized stop
 * lifts as soon as either changes.
 */
async function credentialsFingerprint(endpoint: string, token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${endpoint}\n${token}`));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Clears backoff, e.g. because the endpoint changed and the old endpoint's failures say nothing. */
export async function resetBackoff(): Promise<void> {
  const state = await getSyncState();
  if (state.nextAttemptAt === undefined && state.consecutiveFailures === 0) return;
  await saveSyncState({ ...state, nextAttemptAt: undefined, consecutiveFailures: 0 });
  await browser.alarms.clear(RETRY_ALARM);
}
