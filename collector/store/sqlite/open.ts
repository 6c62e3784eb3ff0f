import type { Backend } from '../types';
import { SqliteDashboardStore } from './dashboard-store';
import { SqliteStore } from './store';

/**
 * Opens the SQLite file `file` (creating and migrating it): each store on a connection of its own,
 * side by side in WAL mode. `background`: the dashboard store catches up and tunes on timers (the
 * running collector does; tests and the officer CLI need not).
 */
export function openSqlite(file: string, options: { background?: boolean } = {}): Backend {
  const store = new SqliteStore(file);
  let dashboard: SqliteDashboardStore;
  try {
    dashboard = new SqliteDashboardStore(file, options);
  } catch (error) {
    void store.close();
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
