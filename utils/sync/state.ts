import { z } from 'zod';
import { ERROR_CODES } from '../errors';
import { getDb } from '../store/db';

/**
 * Sync state for the UI, persisted in the meta store so a restarted worker keeps honouring backoff
 * and the "endpoint refuses our token" stop. The UI reads it on demand (getSyncState through the
 * background's message handler); nothing is broadcast, because extension pages are usually closed and
 * a broadcast without a receiver only produces errors to swallow.
 */
export const SyncResult = z.enum([
  /** Never tried yet. */
  'idle',
  'ok',
  /** The collector answered with an error or an unusable reply; retrying with backoff. */
  'failing',
  /** No answer at all (network error, timeout); retrying with backoff. */
  'offline',
  /** 401/403: stopped until settings change or the user presses "send now". */
  'unauthorized',
  'no_endpoint',
  /** The configured endpoint is not https (or http on this machine). */
  'insecure',
]);
export type SyncResult = z.infer<typeof SyncResult>;

export const SyncState = z.object({
  /** Epoch ms of the last request to the collector. */
  lastAttemptAt: z.number().nullable(),
  /** Epoch ms of the last batch the collector answered with results. */
  lastSuccessAt: z.number().nullable(),
  lastResult: SyncResult,
  lastErrorCode: z.enum(ERROR_CODES).optional(),
  /** Epoch ms before which automatic triggers do not send (backoff or Retry-After). */
  nextAttemptAt: z.number().optional(),
  consecutiveFailures: z.number().int().nonnegative(),
});
export type SyncState = z.infer<typeof SyncState>;

export const INITIAL_SYNC_STATE: SyncState = {
  lastAttemptAt: null,
  lastSuccessAt: null,
  lastResult: 'idle',
  consecutiveFailures: 0,
};

const STATE_KEY = 'sync:state';

/** The current sync state; a stored value that no longer validates reads as the initial state. */
export async function getSyncState(): Promise<SyncState> {
  const stored = await (await getDb()).get('meta', STATE_KEY);
  const parsed = SyncState.safeParse(stored);
  return parsed.success ? parsed.data : INITIAL_SYNC_STATE;
}

export async function saveSyncState(state: SyncState): Promise<void> {
  await (await getDb()).put('meta', SyncState.parse(state), STATE_KEY);
}

/** Whether the badge should warn: records are not getting through and a person may need to act. */
export function isFailing(state: Pick<SyncState, 'lastResult' | 'consecutiveFailures'>): boolean {
  if (
    state.lastResult === 'failing' ||
    state.lastResult === 'unauthorized' ||
    state.lastResult === 'insecure'
  ) {
    return true;
  }
  // A short network blip is normal on a laptop; a run of them is worth a colour.
  return state.lastResult === 'offline' && state.consecutiveFailures >= 3;
}
