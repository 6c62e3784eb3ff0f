import { type IDBPDatabase, openDB } from 'idb';
import { closeDb, DB_NAME, UPGRADES } from '../../utils/store/db';

/** Drops the extension's database so every test starts empty (closed first, or the delete is blocked). */
export async function resetDb(): Promise<void> {
  await closeDb();
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(DB_NAME);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('deleteDatabase blocked'));
  });
}

/**
 * The extension's database as an older extension left it: ours closed, then opened at `version` with
 * only the upgrade steps up to it, for the upgrade tests to fill and then open as it is now.
 */
export async function openDbAtVersion(version: number): Promise<IDBPDatabase> {
  await closeDb();
  return openDB(DB_NAME, version, {
    upgrade(db, _from, _to, tx) {
      for (const step of UPGRADES.slice(0, version)) step(db as never, tx as never);
    },
  });
}
