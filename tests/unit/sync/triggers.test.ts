// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { pendingCount } from '../../../utils/store/queue';
import { addRecord } from '../../../utils/store/records';
import { requestSync, SYNC_ALARM } from '../../../utils/sync/engine';
import { getSyncState, INITIAL_SYNC_STATE, saveSyncState } from '../../../utils/sync/state';
import { registerSyncTriggers } from '../../../utils/sync/triggers';
import {
  type Answer,
  acceptAll,
  configure,
  resetDb,
  type Seen,
  startCollector,
  stopSync,
  testRecord,
} from '../../support/sync';

const servers: Awaited<ReturnType<typeof startCollector>>[] = [];
let owner: AbortController;

beforeEach(async () => {
  await resetDb();
  owner = new AbortController();
});
afterEach(async () => {
  owner.abort();
  await stopSync(servers.splice(0));
});

async function serve(reply: (seen: Seen) => Answer) {
  const server = await startCollector(reply);
  servers.push(server);
  return server;
}

const fireAlarm = (name = SYNC_ALARM) =>
  fakeBrowser.alarms.onAlarm.trigger({ name, scheduledTime: Date.now(), periodInMinutes: 1 });

describe('periodic alarm', () => {
  it('is created with the configured period, and left alone when it already matches', async () => {
    await configure({ syncPeriodMinutes: 5 });
    registerSyncTriggers(owner.signal);
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(SYNC_ALARM)).toBeDefined());
    const first = await fakeBrowser.alarms.get(SYNC_ALARM);
    expect(first?.periodInMinutes).toBe(5);

    // A restarted worker must not push the alarm back (it would never fire for a busy worker).
    owner.abort();
    owner = new AbortController();
    await new Promise((resolve) => setTimeout(resolve, 5));
    registerSyncTriggers(owner.signal);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await fakeBrowser.alarms.get(SYNC_ALARM))?.scheduledTime).toBe(first?.scheduledTime);
  });

  it('is re-created when the period changes in settings', async () => {
    registerSyncTriggers(owner.signal);
    await vi.waitFor(async () => expect((await fakeBrowser.alarms.get(SYNC_ALARM))?.periodInMinutes).toBe(1));
    await configure({ syncPeriodMinutes: 0.5 });
    await vi.waitFor(async () =>
      expect((await fakeBrowser.alarms.get(SYNC_ALARM))?.periodInMinutes).toBe(0.5),
    );
  });

  it('sends when it fires', async () => {
    const server = await serve(acceptAll);
    await configure({ endpoint: server.url });
    await addRecord(testRecord());
    registerSyncTriggers(owner.signal);
    await fireAlarm();
    expect(server.batches()).toHaveLength(1);
    expect(await pendingCount()).toBe(0);
  });

  it('stops listening when the owner aborts', async () => {
    const server = await serve(acceptAll);
    await configure({ endpoint: server.url });
    await addRecord(testRecord());
    registerSyncTriggers(owner.signal);
    owner.abort();
    await fireAlarm();
    expect(server.seen).toHaveLength(0);
  });
});

describe('runtime events and requestSync', () => {
  it.each(['onStartup', 'onInstalled'] as const)('%s starts a pass', async (event) => {
    const server = await serve(acceptAll);
    await configure({ endpoint: server.url });
    await addRecord(testRecord());
    registerSyncTriggers(owner.signal);
    await fakeBrowser.runtime[event].trigger({ reason: 'install' } as never);
    await vi.waitFor(() => expect(server.batches()).toHaveLength(1));
  });

  it('coalesces a burst of new records into one pass', async () => {
    const server = await serve(acceptAll);
    await configure({ endpoint: server.url });
    for (let i = 0; i < 5; i++) {
      await addRecord(testRecord());
      requestSync('record', 50);
    }
    await vi.waitFor(() => expect(server.batches()).toHaveLength(1));
    expect(server.batches()[0]).toHaveLength(5);
  });
});

describe('settings changes', () => {
  it('a new endpoint clears the old backoff and sends', async () => {
    const server = await serve(acceptAll);
    await configure({ endpoint: 'http://127.0.0.1:1/old' });
    await saveSyncState({
      ...INITIAL_SYNC_STATE,
      lastResult: 'offline',
      consecutiveFailures: 7,
      nextAttemptAt: Date.now() + 3_600_000,
    });
    await addRecord(testRecord());
    registerSyncTriggers(owner.signal);
    await configure({ endpoint: server.url });
    await vi.waitFor(() => expect(server.batches()).toHaveLength(1));
    await vi.waitFor(async () =>
      expect(await getSyncState()).toMatchObject({ lastResult: 'ok', consecutiveFailures: 0 }),
    );
  });

  it('unauthorized: alarms stay silent until the token changes', async () => {
    let token = 'bad';
    const server = await serve((seen) =>
      seen.headers.authorization === `Bearer ${token}` && token === 'good'
        ? acceptAll(seen)
        : { status: 401 },
    );
    await configure({ endpoint: server.url, token });
    await addRecord(testRecord());
    registerSyncTriggers(owner.signal);
    await fireAlarm();
    expect(await getSyncState()).toMatchObject({ lastResult: 'unauthorized' });
    await fireAlarm();
    await fireAlarm();
    expect(server.seen).toHaveLength(1);

    token = 'good';
    await configure({ endpoint: server.url, token });
    await vi.waitFor(async () => expect(await pendingCount()).toBe(0));
    expect(server.batches()).toHaveLength(2);
  });
});
