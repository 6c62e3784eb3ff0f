import { closeDb, DB_NAME } from '../../utils/store/db';

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
