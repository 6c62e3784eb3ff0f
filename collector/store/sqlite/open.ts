import type { Backend } from '../types';
import { SqliteDashboardStore } from './dashboard-store';
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
  try {
    dashboard = new SqliteDashboardStore(file, options);
    await store.ready();
  } catch (error) {
    // Nothing may outlive a failed open; an error while closing would only hide this one.
    await dashboard?.close();
    await store.close().catch(() => undefined);
    throw error;
  }
  return {
    store,
    dashboard,
    where: file,
    async close() {
      await dashboard.close();
      await store.close();
    },
  };
}
