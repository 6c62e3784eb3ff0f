import type { DashboardErrorCode } from './i18n';

/** Thrown in a dashboard handler; rendered as an HTML error page with the code's status (index.ts). */
export class DashboardError extends Error {
  constructor(
    readonly code: DashboardErrorCode,
    readonly detail?: string,
  ) {
    super(detail ?? code);
    this.name = 'DashboardError';
  }
}
