// Seeds the page's own storage with known values and exposes a snapshot of all of it, so a
// test can prove the extension wrote nothing into the page's origin (IndexedDB, localStorage,
// cookies). window.__storageReady resolves once seeding is done.
(() => {
  const DB_NAME = 'demo-db';
  const STORE = 'kv';
  const IDB_WERTE = { sitzung: 'demo-sitzung-4711', ansicht: 'kompakt', zuletztGeoeffnet: 'Startseite' };
  const LOCAL_WERTE = { 'demo.sitzung': 'demo-sitzung-4711', 'demo.ansicht': 'kompakt' };
  const COOKIE = 'demo_sitzung=demo-sitzung-4711';

  const request = (req) =>
    new Promise((resolve, reject) => {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });

  const openDb = () => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    return request(req);
  };

  const transaction = (db, mode, work) =>
    new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const result = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });

  const seed = async () => {
    const db = await openDb();
    try {
      await transaction(db, 'readwrite', (store) => {
        for (const [key, value] of Object.entries(IDB_WERTE)) store.put(value, key);
      });
    } finally {
      db.close();
    }
    for (const [key, value] of Object.entries(LOCAL_WERTE)) localStorage.setItem(key, value);
    // biome-ignore lint/suspicious/noDocumentCookie: the page's plain cookie jar is exactly what is under test
    document.cookie = `${COOKIE}; path=/; SameSite=Lax`;
  };

  const readKv = async () => {
    const db = await openDb();
    try {
      const entries = {};
      await transaction(db, 'readonly', (store) => {
        store.openCursor().onsuccess = (event) => {
          const cursor = event.target.result;
          if (!cursor) return;
          entries[String(cursor.key)] = cursor.value;
          cursor.continue();
        };
      });
      return entries;
    } finally {
      db.close();
    }
  };

  /** JSON-serialisable picture of everything this origin keeps; keys sorted for stable diffs. */
  const snapshotStorage = async () => {
    const databases = (await indexedDB.databases())
      .map((db) => ({ name: db.name, version: db.version }))
      .sort((a, b) => String(a.name).localeCompare(String(b.name)));
    const local = {};
    for (const key of Object.keys(localStorage).sort()) local[key] = localStorage.getItem(key);
    return {
      indexedDB: { databases, kv: await readKv() },
      localStorage: local,
      cookie: document.cookie,
    };
  };

  window.__snapshotStorage = snapshotStorage;
  window.__storageReady = seed()
    .then(snapshotStorage)
    .then((stand) => {
      document.getElementById('speicher-status').textContent = 'beschrieben';
      document.getElementById('speicher-stand').textContent = JSON.stringify(stand, null, 2);
      return stand;
    })
    .catch((error) => {
      document.getElementById('speicher-status').textContent = `Fehler: ${error}`;
      throw error;
    });
})();
