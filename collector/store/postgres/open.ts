import { SqlHubStore } from '../hub';
import { SqlIncidentStore } from '../incidents';
import { SqlQuestionStore } from '../questions';
import { SqlSharingStore } from '../sharing';
import type { Backend } from '../types';
import { PostgresDashboardStore } from './dashboard-store';
import { PostgresIncidentDriver } from './incident-driver';
import { type PostgresOptions, PostgresPool, redactDatabaseUrl } from './pool';
import { PostgresStore } from './store';

/** Opens the PostgreSQL database at `url` (migrating it): both stores on one pool. */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Backend> {
  const pool = await PostgresPool.open(url, options);
  // One driver for incidents and questions; its writes take the status lock, which answers do not
  // need but which costs them nothing worth a second driver.
  const driver = new PostgresIncidentDriver(pool);
  return {
    store: new PostgresStore(pool),
    dashboard: new PostgresDashboardStore(pool),
    incidents: new SqlIncidentStore(driver),
    questions: new SqlQuestionStore(driver),
    hub: new SqlHubStore(driver, 'postgres'),
    sharing: new SqlSharingStore(driver),
    where: redactDatabaseUrl(url),
    close: () => pool.end(),
  };
}
