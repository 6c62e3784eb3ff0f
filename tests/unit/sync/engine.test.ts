// @vitest-environment node
// Real HTTP against a node:http server; happy-dom's fetch would add its own CORS and cookie rules.
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { benchSync } from '../../../scripts/bench/worker/sync-helpers';
import { FeedbackRecord } from '../../../utils/schema/record';
import { BatchRequest, MAX_BATCH_BYTES } from '../../../utils/schema/wire';
import { getDb } from '../../../utils/store/db';
import { pendingCount } from '../../../utils/store/queue';
import { addRecord, countByStatus, getRecord } from '../../../utils/store/records';
import { BACKOFF_BASE_MS } from '../../../utils/sync/backoff';
import { batchBody, RETRY_ALARM, syncNow } from '../../../utils/sync/engine';
import { acquireLease, readLease } from '../../../utils/sync/lease';
import { getSyncState } from '../../../utils/sync/state';
import {
  type Answer,
  acceptAll,
  collectorPerTest,
  configure,
  type Seen,
  testRecord,
} from '../../support/sync';

// Each test's collector is closed after it, with the database.
const startCollector = collectorPerTest();

async function serve(reply: (seen: Seen) => Answer | Promise<Answer>, token = '') {
  const collector = await startCollector(reply);
  await configure({ endpoint: collector.url, token });
  return collector;
}

async function addMany(n: number, screenshot = 0) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await addRecord(testRecord(0, screenshot))).id);
  return ids;
}

describe('a successful pass', () => {
  it('sends the exact wire format and marks every record sent', async () => {
    const server = await serve(acceptAll, 's3cret');
    const ids = await addMany(2);
    const report = await syncNow();
    expect(report).toMatchObject({ outcome: 'ok', sent: 2, failed: 0, requests: 1, more: false });

    const [request] = server.seen;
    expect(request?.method).toBe('POST');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers.authorization).toBe('Bearer s3cret');
    const body = BatchRequest.parse(request?.body);
    expect(request?.headers['idempotency-key']).toBe(body.batchId);
    expect(body.schemaVersion).toBe(1);
    expect(body.sentAt).toMatch(/T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/);
    expect(body.client).toEqual({ extensionVersion: expect.any(String), browser: expect.any(String) });
    expect(body.items).toEqual(await Promise.all(ids.map(async (id) => (await getRecord(id))?.record)));

    expect(await countByStatus()).toEqual({ pending: 0, sent: 2, failed: 0 });
    expect(await getSyncState()).toMatchObject({ lastResult: 'ok', consecutiveFailures: 0 });
    expect((await getSyncState()).lastSuccessAt).toEqual(expect.any(Number));
  });

  it('keeps two batches on the wire, and every record is sent once, oldest first', async () => {
    let open = 0;
    let most = 0;
    const server = await serve(async (seen) => {
      open++;
      most = Math.max(most, open);
      await new Promise((resolve) => setTimeout(resolve, 30));
      open--;
      return acceptAll(seen);
    });
    await configure({ endpoint: server.url, batchSize: 2 });
    const ids = await addMany(9);
    expect(await syncNow()).toMatchObject({ outcome: 'ok', sent: 9, requests: 5 });
    expect(most).toBe(2);
    expect(server.batches().flat()).toEqual(ids);
    expect(await countByStatus()).toEqual({ pending: 0, sent: 9, failed: 0 });
  });

  it('sends no Authorization header without a token', async () => {
    const server = await serve(acceptAll);
    await addMany(1);
    await syncNow();
    expect(server.seen[0]?.headers.authorization).toBeUndefined();
  });

  it('splits by batchSize, oldest first', async () => {
    const server = await serve(acceptAll);
    await configure({ endpoint: server.url, batchSize: 3 });
    const ids = await addMany(7);
    await syncNow();
    expect(server.batches()).toEqual([ids.slice(0, 3), ids.slice(3, 6), ids.slice(6)]);
  });

  it('keeps every request under MAX_BATCH_BYTES', async () => {
    const server = await serve(acceptAll);
    // Four records of ~290 kB: three fit in 1 MB, the fourth goes in a second request.
    const ids = await addMany(4, 290_000);
    await syncNow();
    // Two batches are on the wire at once, and the small second one can finish arriving first: what
    // counts is which records went together (ids are ascending here, so sort by the first).
    const batches = server.batches().sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(batches).toEqual([ids.slice(0, 3), ids.slice(3)]);
    for (const seen of server.seen) {
      expect(Buffer.byteLength(JSON.stringify(seen.body))).toBeLessThanOrEqual(MAX_BATCH_BYTES);
    }
  });

  it('makes no request when nothing is pending', async () => {
    const server = await serve(acceptAll);
    expect(await syncNow()).toMatchObject({ outcome: 'ok', requests: 0 });
    expect(server.batches()).toEqual([]);
  });
});

describe('per-record verdicts', () => {
  it('dead-letters rejected records with the reason, sends the others, keeps missing ones pending', async () => {
    const ids = await addMany(3);
    const [ok, bad, missing] = ids as [string, string, string];
    const server = await serve((seen) => {
      const items = (seen.body as { items: { id: string }[] }).items;
      const results = items
        .filter((item) => item.id !== missing)
        .map((item) =>
          item.id === bad
            ? { id: item.id, status: 'rejected', reason: 'note: too long' }
            : { id: item.id, status: item.id === ok ? 'accepted' : 'duplicate' },
        );
      return { status: 200, body: { results } };
    });
    const report = await syncNow();
    expect(await getRecord(ok)).toMatchObject({ status: 'sent' });
    expect(await getRecord(bad)).toMatchObject({
      status: 'failed',
      failure: { code: 'rejected', reason: 'note: too long' },
    });
    expect(await getRecord(missing)).toMatchObject({ status: 'pending' });
    // The missing one was offered again alone; a reply without any verdict is a bad reply, not a loop.
    expect(server.batches()).toEqual([ids, [missing]]);
    expect(report).toMatchObject({ outcome: 'failing', errorCode: 'endpoint_bad_reply', sent: 1, failed: 1 });
  });

  it('ignores results for ids it did not send', async () => {
    const [id] = await addMany(1);
    await serve(() => ({
      status: 200,
      body: {
        results: [
          { id, status: 'accepted' },
          { id: '00000000-0000-4000-8000-999999999999', status: 'rejected' },
        ],
      },
    }));
    expect(await syncNow()).toMatchObject({ outcome: 'ok', sent: 1, failed: 0 });
  });
});

describe('413 and oversize records', () => {
  it('halves a refused batch down to single records', async () => {
    const ids = await addMany(4);
    const server = await serve((seen) =>
      (seen.body as { items: unknown[] }).items.length > 1 ? { status: 413 } : acceptAll(seen),
    );
    const report = await syncNow();
    expect(server.batches()).toEqual([
      ids,
      ids.slice(0, 2),
      [ids[0]],
      [ids[1]],
      ids.slice(2),
      [ids[2]],
      [ids[3]],
    ]);
    expect(report).toMatchObject({ outcome: 'ok', sent: 4 });
  });

  it('dead-letters a single record the collector refuses as too large', async () => {
    const [big, small] = await addMany(2);
    const server = await serve((seen) =>
      (seen.body as { items: { id: string }[] }).items.some((item) => item.id === big)
        ? { status: 413 }
        : acceptAll(seen),
    );
    await syncNow();
    expect(await getRecord(big as string)).toMatchObject({
      status: 'failed',
      failure: { reason: 'too_large' },
    });
    expect(await getRecord(small as string)).toMatchObject({ status: 'sent' });
    expect(server.batches()).toEqual([[big, small], [big], [small]]);
  });

  it('dead-letters a record larger than a request without sending it', async () => {
    const server = await serve(acceptAll);
    const big = (await addRecord(testRecord(MAX_BATCH_BYTES))).id;
    const [small] = await addMany(1);
    const report = await syncNow();
    expect(await getRecord(big)).toMatchObject({ status: 'failed', failure: { code: 'too_large' } });
    expect(server.batches()).toEqual([[small]]);
    expect(report).toMatchObject({ sent: 1, failed: 1 });
  });
});

describe('failures', () => {
  it.each([
    ['500', { status: 500 }, 'failing', 'endpoint_error'],
    ['502', { status: 502 }, 'failing', 'endpoint_error'],
    ['not JSON', { status: 200, raw: '<html>proxy</html>' }, 'failing', 'endpoint_bad_reply'],
    ['wrong shape', { status: 200, body: { ok: true } }, 'failing', 'endpoint_bad_reply'],
    ['204', { status: 204 }, 'failing', 'endpoint_bad_reply'],
  ] as const)('%s: records stay pending, backoff is persisted', async (_name, answer, result, code) => {
    const server = await serve(() => answer);
    await addMany(2);
    const now = Date.now();
    const report = await syncNow({ random: () => 0.5 });
    expect(report).toMatchObject({ outcome: result, errorCode: code, sent: 0 });
    expect(await pendingCount()).toBe(2);
    const state = await getSyncState();
    expect(state).toMatchObject({ lastResult: result, lastErrorCode: code, consecutiveFailures: 1 });
    expect(state.nextAttemptAt).toBeGreaterThanOrEqual(now + BACKOFF_BASE_MS / 2);
    expect(await fakeBrowser.alarms.get(RETRY_ALARM)).toMatchObject({ scheduledTime: state.nextAttemptAt });

    // An automatic trigger inside the backoff window does not send …
    expect(await syncNow({ force: false })).toMatchObject({ outcome: 'deferred' });
    expect(server.seen).toHaveLength(1);
    // … "send now" does, and success resets the failure count.
    server.seen.length = 0;
    await configure({ endpoint: 'http://127.0.0.1:1/nowhere' });
    expect((await syncNow()).outcome).toBe('offline');
    expect((await getSyncState()).consecutiveFailures).toBe(2);
  });

  it('backs off exponentially over consecutive failures', async () => {
    await serve(() => ({ status: 503 }));
    await addMany(1);
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const report = await syncNow({ random: () => 0.999999, now: () => 1_000_000 });
      waits.push((report.nextAttemptAt as number) - 1_000_000);
    }
    expect(waits.map((w) => Math.round(w / BACKOFF_BASE_MS))).toEqual([1, 2, 4, 8]);
  });

  it('honours Retry-After on 429', async () => {
    await serve(() => ({ status: 429, headers: { 'Retry-After': '120' } }));
    await addMany(1);
    const report = await syncNow({ now: () => 5_000 });
    expect(report.nextAttemptAt).toBe(5_000 + 120_000);
  });

  it('treats a timeout as offline and keeps the records', async () => {
    await serve((seen) => ({ ...acceptAll(seen), delayMs: 500 }));
    await addMany(1);
    const report = await syncNow({ requestTimeoutMs: 100 });
    expect(report).toMatchObject({ outcome: 'offline', errorCode: 'endpoint_unreachable' });
    expect(await pendingCount()).toBe(1);
    const [entry] = await (await getDb()).getAll('records');
    expect(entry).toMatchObject({ status: 'pending', attempts: 1 });
  });

  it('dead-letters the whole batch on another 4xx, with the server reason', async () => {
    await serve(() => ({
      status: 422,
      body: { error: { code: 'schema_version', message: 'unsupported version 1' } },
    }));
    const ids = await addMany(2);
    const report = await syncNow();
    for (const id of ids) {
      expect(await getRecord(id)).toMatchObject({
        status: 'failed',
        failure: { code: 'rejected', reason: 'schema_version: unsupported version 1' },
      });
    }
    expect(report).toMatchObject({ outcome: 'ok', failed: 2 });
  });

  it('waits without an endpoint', async () => {
    await addMany(1);
    expect(await syncNow()).toMatchObject({ outcome: 'no_endpoint', errorCode: 'no_endpoint' });
    expect(await getSyncState()).toMatchObject({ lastResult: 'no_endpoint' });
    expect(await pendingCount()).toBe(1);
  });
});

describe('a record the collector cannot store (500 for every batch that holds it)', () => {
  function poisonedBy(marked: string) {
    const stored: string[] = [];
    const reply = (seen: Seen): Answer => {
      const items = (seen.body as { items: { id: string }[] }).items;
      if (items.some((item) => item.id === marked)) {
        return { status: 500, body: { error: { code: 'internal_error', message: 'store failed' } } };
      }
      stored.push(...items.map((item) => item.id));
      return acceptAll(seen);
    };
    return { stored, reply };
  }

  it.each([0, 5, 9])(
    'retries twice, then isolates it (at %i of 10); every other record arrives exactly once',
    async (at) => {
      const ids = await addMany(10);
      const marked = ids[at] as string;
      const { stored, reply } = poisonedBy(marked);
      await serve(reply);
      // Two passes fail as any server error does: the whole batch stays pending.
      for (let i = 0; i < 2; i++) {
        expect(await syncNow()).toMatchObject({ outcome: 'failing', sent: 0 });
        expect(await pendingCount()).toBe(10);
      }
      const report = await syncNow();
      expect(report).toMatchObject({ outcome: 'ok', sent: 9, failed: 1 });
      expect(await getRecord(marked)).toMatchObject({
        status: 'failed',
        failure: { code: 'server_error', reason: 'internal_error: store failed' },
      });
      expect([...stored].sort()).toEqual(ids.filter((id) => id !== marked).sort());
      expect(await countByStatus()).toEqual({ pending: 0, sent: 9, failed: 1 });
      expect(await getSyncState()).toMatchObject({ lastResult: 'ok', consecutiveFailures: 0 });
    },
  );

  it('keeps a lone record pending while nothing else gets through, and isolates it once something does', async () => {
    const [marked] = await addMany(1);
    const { stored, reply } = poisonedBy(marked as string);
    const server = await serve(reply);
    for (let i = 0; i < 4; i++) expect(await syncNow()).toMatchObject({ outcome: 'failing' });
    expect(await getRecord(marked as string)).toMatchObject({ status: 'pending' });
    const [next] = await addMany(1);
    server.seen.length = 0;
    expect(await syncNow()).toMatchObject({ outcome: 'ok', sent: 1, failed: 1 });
    expect(server.batches()).toEqual([[marked, next], [marked], [next]]);
    expect(stored).toEqual([next]);
    expect(await getRecord(marked as string)).toMatchObject({ status: 'failed' });
  });

  it('dead-letters nothing while the collector fails every batch (down, not one bad record)', async () => {
    const server = await serve(() => ({ status: 500 }));
    await addMany(8);
    for (let i = 0; i < 4; i++) expect(await syncNow()).toMatchObject({ outcome: 'failing', failed: 0 });
    expect(await countByStatus()).toEqual({ pending: 8, sent: 0, failed: 0 });
    // Halving stops when the rest fails too: a few requests per pass, not one per record.
    expect(server.seen.length).toBeLessThanOrEqual(2 + 2 * 6);
  });

  it('does not split on 502/503: the collector was not reached', async () => {
    const server = await serve(() => ({ status: 502 }));
    await addMany(4);
    for (let i = 0; i < 4; i++) await syncNow();
    expect(server.seen).toHaveLength(4);
  });
});

describe('401/403', () => {
  it.each([401, 403])('%i stops automatic syncing until the settings change', async (status) => {
    let refuse = true;
    const server = await serve((seen) => (refuse ? { status } : acceptAll(seen)), 'old-token');
    await addMany(1);
    expect(await syncNow({ force: false })).toMatchObject({
      outcome: 'unauthorized',
      errorCode: 'endpoint_unauthorized',
    });
    expect(await getSyncState()).toMatchObject({
      lastResult: 'unauthorized',
      lastErrorCode: 'endpoint_unauthorized',
    });
    expect((await getSyncState()).nextAttemptAt).toBeUndefined();

    refuse = false;
    // No retry storm: automatic passes do not even ask.
    expect(await syncNow({ force: false })).toMatchObject({ outcome: 'unauthorized' });
    expect(server.seen).toHaveLength(1);

    await configure({ endpoint: server.url, token: 'new-token' });
    expect(await syncNow({ force: false })).toMatchObject({ outcome: 'ok', sent: 1 });
    expect(server.seen.at(-1)?.headers.authorization).toBe('Bearer new-token');
  });

  it('"send now" tries again with the same settings', async () => {
    let refuse = true;
    await serve((seen) => (refuse ? { status: 401 } : acceptAll(seen)));
    await addMany(1);
    await syncNow();
    refuse = false;
    expect(await syncNow()).toMatchObject({ outcome: 'ok', sent: 1 });
  });
});

describe('lease', () => {
  it('joins a running pass in the same context', async () => {
    const server = await serve((seen) => ({ ...acceptAll(seen), delayMs: 50 }));
    await addMany(3);
    const [a, b] = await Promise.all([syncNow(), syncNow()]);
    expect(a).toBe(b);
    expect(server.batches()).toHaveLength(1);
  });

  it('keeps a second context out while the first sends, and sends each record once', async () => {
    const server = await serve((seen) => ({ ...acceptAll(seen), delayMs: 100 }));
    await configure({ endpoint: server.url, batchSize: 2 });
    const ids = await addMany(4);
    const first = syncNow({ owner: 'worker-a' });
    await new Promise((resolve) => setTimeout(resolve, 30));
    const second = await syncNow({ owner: 'worker-b' });
    expect(second).toMatchObject({ outcome: 'busy', requests: 0 });
    expect(await first).toMatchObject({ outcome: 'ok', sent: 4 });
    expect(server.batches().flat()).toEqual(ids);
    expect(await readLease()).toBeUndefined();
  });

  it('takes over an expired lease (a worker killed mid-request)', async () => {
    const server = await serve(acceptAll);
    await addMany(1);
    await acquireLease('dead-worker', Date.now() + 60_000);
    expect(await syncNow()).toMatchObject({ outcome: 'busy' });
    expect(await fakeBrowser.alarms.get(RETRY_ALARM)).toBeDefined();
    await acquireLease('dead-worker', Date.now() - 1, Date.now() - 60_000);
    expect(await syncNow()).toMatchObject({ outcome: 'ok', sent: 1 });
    expect(server.batches()).toHaveLength(1);
  });
});

describe('time budget', () => {
  it('stops after the budget and reports more to do', async () => {
    const server = await serve((seen) => ({ ...acceptAll(seen), delayMs: 60 }));
    await configure({ endpoint: server.url, batchSize: 1 });
    await addMany(10);
    const report = await syncNow({ passBudgetMs: 100 });
    expect(report.more).toBe(true);
    expect(report.outcome).toBe('ok');
    expect(report.sent).toBeGreaterThan(0);
    expect(report.sent).toBeLessThan(10);
    expect(await pendingCount()).toBe(10 - report.sent);
    // The continuation picks up the rest without any other trigger.
    await vi.waitFor(async () => expect(await pendingCount()).toBe(0), { timeout: 4_000 });
    expect(server.batches().flat()).toHaveLength(10);
  });
});

describe('benchSync', () => {
  it('seeds valid records and sends them all', async () => {
    const server = await serve((seen) => {
      for (const item of (seen.body as { items: unknown[] }).items) FeedbackRecord.parse(item);
      return acceptAll(seen);
    });
    const result = await benchSync(120);
    expect(result).toMatchObject({ seeded: 120, sent: 120 });
    expect(server.batches().map((batch) => batch.length)).toEqual([50, 50, 20]);
    expect(server.seen.some((seen) => seen.path.endsWith('/status'))).toBe(false);
  });
});

describe('batchBody', () => {
  it('joins the stored JSON into exactly what JSON.stringify of the request gives, and counts its bytes', () => {
    const records = [
      { ...testRecord(), note: 'Umlaute: Größe, Übergabe – „Zitat“ 👍' },
      testRecord(),
      testRecord(),
    ];
    const items = records.map((record) => {
      const json = JSON.stringify(record);
      return { json, bytes: new TextEncoder().encode(json).length };
    });
    const { body, bytes } = batchBody('0190a000-0000-7000-8000-000000000001', Date.UTC(2026, 0, 2), items);
    const parsed = BatchRequest.parse(JSON.parse(body));
    expect(body).toBe(JSON.stringify({ ...parsed, items: records }));
    expect(bytes).toBe(new TextEncoder().encode(body).length);
    expect(batchBody('0190a000-0000-7000-8000-000000000001', 0, items.slice(0, 1)).bytes).toBe(
      new TextEncoder().encode(batchBody('0190a000-0000-7000-8000-000000000001', 0, items.slice(0, 1)).body)
        .length,
    );
  });
});
