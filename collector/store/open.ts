import path from 'node:path';
import { openPostgres } from './postgres/open';
import { SQLITE_FILE_NAME } from './sqlite/database';
import { openSqlite } from './sqlite/open';
import type { Backend } from './types';

/** Where the collector keeps its data: a PostgreSQL URL, else the SQLite file in `dataDir`. */
export interface DatabaseLocation {
  databaseUrl?: string;
  dataDir: string;
}

/**
 * Opens the database the collector is configured for: PostgreSQL when `databaseUrl` is set (several
 * instances on one database), else the embedded SQLite file in `dataDir`, which must exist.
 */
export function openBackend(
  location: DatabaseLocation,
  options: { background?: boolean } = {},
): Promise<Backend> {
  if (location.databaseUrl) return openPostgres(location.databaseUrl);
  return openSqlite(path.join(path.resolve(location.dataDir), SQLITE_FILE_NAME), options);
}
