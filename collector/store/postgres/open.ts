import type { Backend } from '../types';
import { PostgresDashboardStore } from './dashboard-store';
import { type PostgresOptions, PostgresPool, redactDatabaseUrl } from './pool';
import { PostgresStore } from './store';

/** Opens the PostgreSQL database at `url` (migrating it): both stores on one pool. */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Backend> {
  const pool = await PostgresPool.open(url, options);
  return {
    store: new PostgresStore(pool),
    dashboard: new PostgresDashboardStore(pool),
    where: redactDatabaseUrl(url),
    close: () => pool.end(),
  };
}
