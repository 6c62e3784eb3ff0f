import { mkdirSync } from 'node:fs';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createAdaptorServer } from '@hono/node-server';
import { loadLexiconFromDisk } from '../utils/redact/lexicon-node';
import { createApp, FEEDBACK_PATH } from './app';
import { type CollectorConfig, type CollectorConfigInput, parseConfig } from './config';
import type { HubServices } from './hub/api';
import { JobCentreDirectory, loadJobCentresFile } from './hub/job-centres';
import { configuredRule, type IncidentServices } from './incidents';
import { configuredChannels, configuredSenders, NotificationDispatcher } from './notify/dispatcher';
import { forgetCleanTexts } from './second-line';
import { HubSharing } from './sharing/delivery';
import type { SharingServices } from './sharing/services';
import type { DashboardStore } from './store/dashboard-types';
import type { HubStore } from './store/hub-types';
import type { IncidentStore } from './store/incident-types';
import { openBackend } from './store/open';
import type { QuestionStore } from './store/question-types';
import type { Store } from './store/types';

/** A running collector. */
export interface RunningCollector {
  /** Origin, e.g. `http://127.0.0.1:8787` (no trailing slash). */
  url: string;
  /** The URL to configure in the extension: `url` + `/api/v1/feedback`. */
  endpoint: string;
  port: number;
  store: Store;
  /** The officers' dashboard's side of the database. */
  dashboard: DashboardStore;
  /** Incidents grouped from outage reports, and their notification queue. */
  incidents: IncidentStore;
  /** Questions, answers and change markers (issue #18). */
  questions: QuestionStore;
  /** What job centres pushed, and the notices (issue #19; filled only in hub mode). */
  hub: HubStore;
  /** Sharing with a regional hub (issue #19): its store and the push loop (idle until switched on). */
  sharing: SharingServices;
  config: CollectorConfig;
  /** Absolute path of the SQLite file; with `DATABASE_URL`, that URL without its password. */
  databaseFile: string;
  /** Stops accepting connections, lets in-flight requests finish (up to `shutdownGraceMs`), closes the DB. */
  close(): Promise<void>;
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts the collector. `overrides` are validated like the environment (defaults fill the rest; port 0
 * picks a free port); the environment itself is not read here — `main.ts` does that.
 */
export async function startCollector(overrides: CollectorConfigInput = {}): Promise<RunningCollector> {
  const config = parseConfig(overrides);
  // The second line of defence (second-line.ts) uses the same word lists as the extension; read once,
  // before the first request. A missing file fails the start rather than weakening every check.
  loadLexiconFromDisk();
  forgetCleanTexts();
  const dataDir = path.resolve(config.dataDir);
  mkdirSync(dataDir, { recursive: true });
  // DATABASE_URL selects PostgreSQL (several instances on one database); else the embedded SQLite file.
  const backend = await openBackend({ databaseUrl: config.databaseUrl, dataDir }, { background: true });
  const { store, dashboard, where: databaseFile } = backend;
  const closeStores = () => backend.close();
  // Made once the address is known (its dashboard links need it); a change queued before only waits
  // for the first poll.
  let dispatcher: NotificationDispatcher | undefined;
  const incidents: IncidentServices = {
    store: backend.incidents,
    rule: configuredRule(config),
    channels: configuredChannels(config),
    notify: () => dispatcher?.kick(),
  };
  const sharing = new HubSharing(backend.sharing, backend.questions, {
    k: config.shareMinNotes,
    questionsMinAnswers: config.questionsMinAnswers,
    pushIntervalMinutes: config.sharePushIntervalMinutes,
    retryMs: config.shareRetryMs,
  });
  let app: ReturnType<typeof createApp>;
  try {
    // A hub without its job centres' tokens could only refuse every push: fail the start instead.
    const hub: HubServices | undefined =
      config.mode === 'hub' && config.hubJobCentresFile
        ? {
            store: backend.hub,
            jobCentres: new JobCentreDirectory(loadJobCentresFile(config.hubJobCentresFile)),
          }
        : undefined;
    app = createApp(
      store,
      config,
      dashboard,
      incidents,
      backend.questions,
      hub,
      // A hub shares with no one: no sharing pages there.
      config.mode === 'collector' ? { store: backend.sharing, delivery: sharing } : undefined,
    );
  } catch (error) {
    // E.g. an invalid officers file: the databases must not stay open behind the error.
    await closeStores();
    throw error;
  }

  // Global Request/Response stay untouched: the collector is also embedded in test and demo processes.
  const server = createAdaptorServer({ fetch: app.fetch, overrideGlobalObjects: false }) as Server;
  const inFlight = new Set<ServerResponse>();
  let closing: Promise<void> | undefined;

  // Prepended so it runs before the adapter can write headers.
  server.prependListener('request', (_request, response: ServerResponse) => {
    inFlight.add(response);
    if (closing) response.setHeader('Connection', 'close');
    response.on('close', () => {
      inFlight.delete(response);
      // A keep-alive connection whose last request just finished would otherwise hold close() open.
      if (closing) server.closeIdleConnections();
    });
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await closeStores();
    throw error;
  }

  const port = (server.address() as AddressInfo).port;
  const url = `http://${urlHost(config.host)}:${port}`;
  dispatcher = new NotificationDispatcher(
    backend.incidents,
    configuredSenders(config, () => new Date()),
    {
      dashboardBase: config.publicUrl ?? url,
      retryMs: config.notifyRetryMs,
    },
  );
  dispatcher.start();
  // A hub pushes to no one; a job centre's loop idles until an officer switches sharing on.
  if (config.mode === 'collector') sharing.start();

  const shutdown = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const response of inFlight) {
      if (!response.headersSent) response.setHeader('Connection', 'close');
    }
    server.closeIdleConnections();
    // A client that never finishes its upload must not keep the process alive forever.
    const timer = setTimeout(() => server.closeAllConnections(), config.shutdownGraceMs);
    await closed;
    clearTimeout(timer);
    // Before the stores: an attempt under way finishes and is marked; the rest stays queued.
    await dispatcher?.stop();
    await sharing.stop();
    await closeStores();
  };

  return {
    url,
    endpoint: `${url}${FEEDBACK_PATH}`,
    port,
    store,
    dashboard,
    incidents: backend.incidents,
    questions: backend.questions,
    hub: backend.hub,
    sharing: { store: backend.sharing, delivery: sharing },
    config,
    databaseFile,
    close() {
      closing ??= shutdown();
      return closing;
    },
  };
}
