import { statSync, unlinkSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { makeBatch, makeRecord } from '../../../support/records';
import {
  ADMIN_TOKEN,
  jsonHeaders,
  postJson,
  queryDatabase,
  removeTempDirs,
  startTestCollector,
} from '../../helpers';

afterAll(removeTempDirs);

// The SQLite store answers a batch only after an fsync of the WAL that began after its commit (the
// writer thread's, collector/store/sqlite/writer-thread.ts). Power loss cannot be staged here; what
// can be checked is that the answers wait for that fsync and that a failed one is never acknowledged.
describe('SQLite ingest durability', () => {
  it('answers concurrent batches after their commit, every record in the file', async () => {
    const collector = await startTestCollector();
    try {
      const batches = Array.from({ length: 8 }, () =>
        makeBatch(Array.from({ length: 50 }, () => makeRecord())),
      );
      const responses = await Promise.all(batches.map((batch) => postJson(collector.endpoint, batch)));
      expect(responses.map((response) => response.status)).toEqual(batches.map(() => 200));
      // Read by another connection the moment the answers are in, as an auditor would.
      expect(
        queryDatabase<{ n: number }>(collector.databaseFile, 'SELECT count(*) AS n FROM records'),
      ).toEqual([{ n: 400 }]);
    } finally {
      await collector.close();
    }
  });

  it('starts the WAL over after checkpoints instead of letting it grow', async () => {
    const collector = await startTestCollector();
    try {
      // Several times the checkpoint threshold (16 MiB of WAL) in ~200 KB batches.
      const note = 'Lange Notiz '.repeat(150);
      for (let i = 0; i < 50; i++) {
        const batch = makeBatch(Array.from({ length: 100 }, () => makeRecord({ note })));
        expect((await postJson(collector.endpoint, batch)).status).toBe(200);
      }
      expect(statSync(`${collector.databaseFile}-wal`).size).toBeLessThan(24 * 1024 * 1024);
    } finally {
      await collector.close();
    }
  });

  it('acknowledges nothing once an fsync of the WAL has failed, and reports itself unhealthy', async () => {
    const collector = await startTestCollector();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect((await postJson(collector.endpoint, makeBatch([makeRecord()]))).status).toBe(200);
      // SQLite keeps writing to the unlinked file; the store's fsync, which opens it by name, fails.
      unlinkSync(`${collector.databaseFile}-wal`);
      const record = makeRecord();
      const failed = await postJson(collector.endpoint, makeBatch([record]));
      expect(failed.status).toBe(503);
      expect(((await failed.json()) as { error: { code: string } }).error.code).toBe('db_unavailable');
      // Also a retry — its record reads as already stored, but that is not proof it is on disk.
      const retry = await postJson(collector.endpoint, makeBatch([record]));
      expect(retry.status).toBe(503);
      expect((await fetch(`${collector.url}/healthz`)).status).toBe(503);
      const change = await fetch(`${collector.url}/api/v1/admin/records/${record.id}`, {
        method: 'PUT',
        headers: jsonHeaders(ADMIN_TOKEN),
        body: JSON.stringify({ status: 'solved' }),
      });
      expect(change.status).toBe(503);
    } finally {
      await collector.close();
      errors.mockRestore();
    }
  });
});
