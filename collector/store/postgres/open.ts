import { SqlIncidentStore } from '../incidents';
import type { Backend } from '../types';
import { PostgresDashboardStore } from './dashboard-store';
import { PostgresIncidentDriver } from './incident-driver';
import { type PostgresOptions, PostgresPool, redactDatabaseUrl } from './pool';
import { PostgresStore } from './store';

/** Opens the PostgreSQL database at `url` (migrating it): both stores on one pool. */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Backend> {
  const pool = await PostgresPool.open(url, options);
  return {
    store: new PostgresStore(pool),
    dashboard: new PostgresDashboardStore(pool),
    incidents: new SqlIncidentStore(new PostgresIncidentDriver(pool)),
    where: redactDatabaseUrl(url),
    close: () => pool.end(),
  };
}
