import { connect, type Socket } from 'node:net';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { RunningCollector } from '../../collector/server';
import { makeBatch, makeRecord } from '../support/records';
import { ADMIN_TOKEN, INGEST_TOKEN, postJson, removeTempDirs, startTestCollector } from './helpers';

// Slow and abandoned uploads (issue #14, item 8), from a raw socket as a misbehaving client sends them.

const collectors: RunningCollector[] = [];
const sockets: Socket[] = [];

afterEach(() => {
  vi.restoreAllMocks();
  for (const socket of sockets.splice(0)) socket.destroy();
});
afterAll(async () => {
  await Promise.all(collectors.map((collector) => collector.close()));
  await removeTempDirs();
});

async function start(overrides: Parameters<typeof startTestCollector>[0]): Promise<RunningCollector> {
  const collector = await startTestCollector(overrides);
  collectors.push(collector);
  return collector;
}

/** Opens a connection and sends an upload's headers and the first `sent` bytes of a `length`-byte body. */
async function trickle(collector: RunningCollector, length: number, sent: string): Promise<Socket> {
  const socket = connect(collector.port, '127.0.0.1');
  sockets.push(socket);
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write(
    `POST /api/v1/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${INGEST_TOKEN}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${length}\r\n\r\n${sent}`,
  );
  return socket;
}

/** Everything the server sends until it closes the connection. */
function untilClosed(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString('utf8');
    });
    socket.on('close', () => resolve(text));
  });
}

describe('uploads', () => {
  it('answers a body that does not arrive in time with 408 body_timeout and closes the connection', async () => {
    const collector = await start({ bodyTimeoutMs: 300 });
    const socket = await trickle(collector, 1000, '{"schemaVersion":1,');
    const started = Date.now();

    const reply = await untilClosed(socket);

    expect(reply).toMatch(/^HTTP\/1\.1 408 /);
    expect(reply).toContain('"code":"body_timeout"');
    // Well before Node's own five minutes.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('refuses uploads beyond the cap with 503 too_busy and Retry-After, and takes them again once one ends', async () => {
    const collector = await start({ maxConcurrentUploads: 2 });
    const first = await trickle(collector, 1000, '{');
    await trickle(collector, 1000, '{');
    // The two trickles are counted once the collector has answered something after them.
    await expect
      .poll(async () => (await postJson(collector.endpoint, makeBatch([makeRecord()]))).status)
      .toBe(503);

    const refused = await postJson(collector.endpoint, makeBatch([makeRecord()]));
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(await refused.json()).toMatchObject({ error: { code: 'too_busy' } });

    first.destroy();
    await expect
      .poll(async () => (await postJson(collector.endpoint, makeBatch([makeRecord()]))).status)
      .toBe(200);
  });

  it('logs a client that goes away mid-upload as one line, without a stack trace', async () => {
    const collector = await start({});
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const socket = await trickle(collector, 1000, '{"schemaVersion":1,');
    // The server has the headers (and is reading the body) once another request is answered after them.
    expect((await fetch(`${collector.url}/healthz`)).status).toBe(200);

    socket.destroy();

    await expect.poll(() => logged.mock.calls.length).toBeGreaterThan(0);
    expect(logged.mock.calls).toEqual([
      ['collector: POST /api/v1/feedback: the client closed the connection while sending its request'],
    ]);
  });
});

describe('exports', () => {
  it('cuts off an export whose client stops reading once the deadline has passed', async () => {
    const collector = await start({ exportDeadlineMs: 1000 });
    // Enough rows that the response cannot fit in the sockets' buffers while nobody reads.
    for (let batch = 0; batch < 60; batch++) {
      const records = Array.from({ length: 250 }, () => makeRecord({ note: 'x'.repeat(1800) }));
      const response = await postJson(`${collector.url}/api/v1/feedback`, makeBatch(records));
      expect(response.status).toBe(200);
    }
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const socket = connect(collector.port, '127.0.0.1');
    sockets.push(socket);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(
      `GET /api/v1/admin/export?format=ndjson HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${ADMIN_TOKEN}\r\n\r\n`,
    );
    // Read the first bytes, then stop reading, as a stalled client does.
    let received = 0;
    await new Promise<void>((resolve) =>
      socket.once('data', (chunk: Buffer) => {
        received += chunk.length;
        resolve();
      }),
    );
    socket.pause();

    // The server gives up on its own (a paused socket would not even see the close until it reads on).
    const cutOff = () =>
      vi
        .mocked(console.error)
        .mock.calls.some((call) => String(call[0]).includes('export cut off after 1000 ms'));
    await expect.poll(cutOff, { timeout: 15_000 }).toBe(true);
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
    });
    socket.resume();
    await new Promise<void>((resolve) => socket.once('close', () => resolve()));
    // 15,000 notes of 1,800 characters would be over 27 MB; what arrived is what was on its way.
    expect(received).toBeLessThan(15_000 * 1800);
  }, 60_000);
});
