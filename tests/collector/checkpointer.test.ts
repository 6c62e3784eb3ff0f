import { statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHECKPOINT_INTERVAL_MS } from '../../collector/store/sqlite-checkpointer';
import { makeBatch, makeRecord } from '../support/records';
import { postJson, queryDatabase, removeTempDirs, startTestCollector } from './helpers';

afterAll(removeTempDirs);

describe('WAL checkpoint thread', () => {
  it('moves committed pages into the database file without waiting for an auto-checkpoint', async () => {
    const collector = await startTestCollector();
    try {
      const file = collector.databaseFile;
      const before = statSync(file).size;
      const records = Array.from({ length: 300 }, () => makeRecord());
      for (let i = 0; i < records.length; i += 100) {
        expect((await postJson(collector.endpoint, makeBatch(records.slice(i, i + 100)))).status).toBe(200);
      }
      // Far below the raised auto-checkpoint threshold: only the thread can have copied these pages.
      await expect
        .poll(() => statSync(file).size, { timeout: 20 * CHECKPOINT_INTERVAL_MS, interval: 50 })
        .toBeGreaterThan(before + 300 * 500);
      expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
    } finally {
      await collector.close();
    }
  });

  it('stops with the store, leaving a database that opens with every record', async () => {
    const collector = await startTestCollector();
    const records = Array.from({ length: 20 }, () => makeRecord());
    await postJson(collector.endpoint, makeBatch(records));
    await collector.close();
    expect(
      queryDatabase<{ n: number }>(path.resolve(collector.databaseFile), 'SELECT count(*) AS n FROM records'),
    ).toEqual([{ n: 20 }]);
  });
});
