import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type RunningCollector, startCollector } from '../../../collector/server';
import { type FaultProxy, startFaultProxy } from '../../support/fault-proxy';

export const INGEST_TOKEN = 'e2e-ingest-token';
export const ADMIN_TOKEN = 'e2e-admin-token';

/** The real collector on a temporary SQLite file, with the fault proxy in front of it. */
export interface CollectorRig {
  collector: RunningCollector;
  proxy: FaultProxy;
  /** The endpoint to configure in the extension (through the proxy). */
  endpoint: string;
  /** Every value in every table of the collector's database, as text (for leak scans). */
  databaseDump(): string;
  /** Record ids in the collector's database file, with how often each is stored. */
  storedIds(): Map<string, number>;
  close(): Promise<void>;
}

/**
 * Starts the rig. `extensionIds`: the extensions CORS lets through (the collector's default, the
 * Chromium id, when not given); the Firefox suite adds its pinned moz-extension UUID. `incident…`: the
 * grouping rule (docs/incidents.md), so one browser's report can open an incident.
 */
export async function startCollectorRig(
  options: {
    extensionIds?: string[];
    incidentReports?: number;
    incidentInstallations?: number;
    questionsMinAnswers?: number;
  } = {},
): Promise<CollectorRig> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mitsprache-collector-'));
  const collector = await startCollector({
    ...options,
    port: 0,
    dataDir,
    ingestTokens: [INGEST_TOKEN],
    adminTokens: [ADMIN_TOKEN],
  });
  const proxy = await startFaultProxy(collector.endpoint);
  return {
    collector,
    proxy,
    endpoint: proxy.url,
    databaseDump() {
      const db = new Database(collector.databaseFile, { readonly: true, fileMustExist: true });
      try {
        const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
          name: string;
        }[];
        return tables
          .map(({ name }) =>
            JSON.stringify(db.prepare(`SELECT * FROM "${name.replaceAll('"', '""')}"`).all()),
          )
          .join('\n');
      } finally {
        db.close();
      }
    },
    storedIds() {
      const db = new Database(collector.databaseFile, { readonly: true, fileMustExist: true });
      try {
        const rows = db.prepare('SELECT id, COUNT(*) AS n FROM records GROUP BY id').all() as {
          id: string;
          n: number;
        }[];
        return new Map(rows.map((row) => [row.id, row.n]));
      } finally {
        db.close();
      }
    },
    async close() {
      await proxy.close();
      await collector.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
