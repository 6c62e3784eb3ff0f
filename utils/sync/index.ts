/** The sync module's public surface; the background imports from here. */

export { backoffDelay, parseRetryAfter } from './backoff';
export { BADGE_COLORS, badgeFor, refreshBadge } from './badge';
export { classifyReply } from './classify';
export {
  lastSyncReason,
  requestSync,
  resetBackoff,
  SYNC_ALARM,
  type SyncOptions,
  type SyncReport,
  syncNow,
} from './engine';
export { getSyncState, type SyncResult, type SyncState } from './state';
export { fetchStatusUpdates, markAnswerRead, mergeOfficer, unreadAnswerCount } from './status';
export { ensurePeriodicAlarm, registerSyncTriggers } from './triggers';
