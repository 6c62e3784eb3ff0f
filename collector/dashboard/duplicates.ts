import type { DashboardStore, MarkDuplicateResult } from '../store/dashboard-types';
import { DashboardError } from './errors';

// Marking duplicates, as the record page and the inbox's bulk action both do it.

/** Marks `id` as a duplicate of `of` and, when that changed something, notes it in the audit. */
export async function markDuplicate(
  dashboard: DashboardStore,
  id: string,
  of: string,
  officer: string,
  at: string,
): Promise<MarkDuplicateResult> {
  const result = await dashboard.markDuplicate(id, of, officer, at);
  if (result === 'ok') await dashboard.addAudit(id, { at, officer, action: 'duplicate', detail: of });
  return result;
}

/** The error page for a mark the store refused. */
export function duplicateError(result: Exclude<MarkDuplicateResult, 'ok'>): DashboardError {
  return new DashboardError(
    result === 'self'
      ? 'duplicate_self'
      : result === 'cycle'
        ? 'duplicate_cycle'
        : result === 'target_not_found'
          ? 'duplicate_target_not_found'
          : 'record_not_found',
  );
}
