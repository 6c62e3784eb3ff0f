import { SqlHubStore } from '../hub';
import { SqlIncidentStore } from '../incidents';
import { SqlQuestionStore } from '../questions';
import { SqlSharingStore } from '../sharing';
import type { Backend } from '../types';
import { SqliteDashboardStore } from './dashboard-store';
import { SqliteIncidentDriver } from './incident-driver';
import { SqliteStore } from './store';

/**
 * Opens the SQLite file `file` (creating and migrating it): each store on a connection of its own,
 * side by side in WAL mode. `background`: the dashboard store catches up and tunes on timers (the
 * running collector does; tests and the officer CLI need not). Resolves once the ingest writer thread
 * takes batches, so a collector never listens before it can store.
 */
export async function openSqlite(file: string, options: { background?: boolean } = {}): Promise<Backend> {
  const store = new SqliteStore(file);
  let dashboard: SqliteDashboardStore | undefined;
  let incidents: SqliteIncidentDriver | undefined;
  try {
    dashboard = new SqliteDashboardStore(file, options);
    incidents = new SqliteIncidentDriver(file);
    await store.ready();
  } catch (error) {
    // Nothing may outlive a failed open; an error while closing would only hide this one.
    await incidents?.close();
    await dashboard?.close();
    await store.close().catch(() => undefined);
    throw error;
  }
  return {
    store,
    dashboard,
    incidents: new SqlIncidentStore(incidents),
    // On the incidents' connection: the same one-transaction-per-operation driver serves both.
    questions: new SqlQuestionStore(incidents),
    hub: new SqlHubStore(incidents, 'sqlite'),
    sharing: new SqlSharingStore(incidents),
    where: file,
    async close() {
      await incidents.close();
      await dashboard.close();
      await store.close();
    },
  };
}
