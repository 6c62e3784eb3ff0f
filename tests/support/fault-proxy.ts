import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the proxy does with the next requests; counted modes fall back to `pass` after `times`. */
export type FaultMode =
  | { kind: 'pass' }
  /** Destroys every incoming request's socket: the client sees a network error. */
  | { kind: 'down' }
  /** Answers `status` with a JSON error body (and `Retry-After`) for the next `times` requests. */
  | { kind: 'status'; status: number; times: number; retryAfter?: number }
  /** 413 for request bodies over `maxBytes`, others pass; stays until changed. */
  | { kind: 'tooLarge'; maxBytes: number }
  /**
   * 500 for every request whose body contains `marker`, others pass; stays until changed. A collector
   * that cannot store one record fails every batch holding it (issue #14, item 2).
   */
  | { kind: 'poison'; marker: string }
  /** Forwards, waits for the collector's full reply (so it committed), then drops the connection. */
  | { kind: 'dropReply'; times: number }
  /** Reads the request and never answers. */
  | { kind: 'hang'; times: number }
  /** Answers 200 with a body that is not JSON, without forwarding. */
  | { kind: 'malformed'; times: number };

/** One request the proxy saw. */
export interface ProxiedRequest {
  method: string;
  path: string;
  /** Request body bytes received. */
  bytes: number;
  /** Records in the request, when its body was a batch (a JSON object with an `items` array). */
  items?: number;
  /** Status the client got; undefined when it got none (down, hang, dropReply). */
  status?: number;
  /** The mode applied to this request. */
  fault: FaultMode['kind'];
  /** Status the collector answered, when the request was forwarded. */
  upstreamStatus?: number;
  /** The request body as text, with `captureBodies` (what went over the wire, for exact assertions). */
  body?: string;
}

/** A running fault proxy. */
export interface FaultProxy {
  /** Proxy origin plus the target URL's path, i.e. a drop-in replacement for `targetUrl`. */
  url: string;
  port: number;
  setMode(mode: FaultMode): void;
  requests: ProxiedRequest[];
  close(): Promise<void>;
}

// Hop-by-hop headers belong to one connection and must not be forwarded (RFC 9110 §7.6.1).
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

const ERROR_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  413: 'too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  500: 'internal_error',
  502: 'bad_gateway',
  503: 'unavailable',
  504: 'gateway_timeout',
};

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const result: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!HOP_BY_HOP.has(name) && value !== undefined) result[name] = value;
  }
  return result;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/**
 * Starts a reverse proxy in front of `targetUrl` (e.g. a collector endpoint) whose failures tests can
 * script: network errors, error statuses, lost replies, hangs, garbage. Bodies are buffered — this is
 * for tests with small batches, not for production traffic.
 */
export async function startFaultProxy(
  targetUrl: string,
  options: { captureBodies?: boolean } = {},
): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  let mode: FaultMode = { kind: 'pass' };

  /** Consumes one use of a counted mode and returns the mode to apply to this request. */
  const take = (method: string): FaultMode => {
    const current = mode;
    if (current.kind === 'down') return current;
    // Preflights always pass, so a scripted fault hits the request it is meant for rather than
    // turning into a CORS failure in the browser.
    if (method === 'OPTIONS') return { kind: 'pass' };
    if (current.kind === 'pass' || current.kind === 'tooLarge' || current.kind === 'poison') return current;
    mode = current.times > 1 ? { ...current, times: current.times - 1 } : { kind: 'pass' };
    return current;
  };

  const forward = (
    incoming: IncomingMessage,
    body: Buffer,
  ): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const upstream = httpRequest(
        {
          protocol: target.protocol,
          hostname: target.hostname,
          port: target.port,
          method: incoming.method,
          path: incoming.url,
          headers: {
            ...endToEnd(incoming.headers),
            host: target.host,
            'content-length': String(body.length),
          },
          agent: false,
        },
        (response) => {
          readBody(response).then(
            (responseBody) =>
              resolve({ status: response.statusCode ?? 502, headers: response.headers, body: responseBody }),
            reject,
          );
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    });

  // A browser only lets the extension read an injected error if it carries CORS headers, as the
  // collector's own answers would.
  const corsHeaders = (incoming: IncomingMessage): Record<string, string> => {
    const origin = incoming.headers.origin;
    return origin
      ? {
          'Access-Control-Allow-Origin': origin,
          'Access-Control-Expose-Headers': 'Retry-After',
          Vary: 'Origin',
        }
      : {};
  };

  const sendJson = (
    incoming: IncomingMessage,
    response: ServerResponse,
    status: number,
    body: string,
    extra: Record<string, string> = {},
  ) => {
    response.writeHead(status, {
      'Content-Type': 'application/json',
      'Content-Length': String(Buffer.byteLength(body)),
      ...corsHeaders(incoming),
      ...extra,
    });
    response.end(body);
  };

  const handle = async (incoming: IncomingMessage, response: ServerResponse) => {
    const method = incoming.method ?? 'GET';
    const applied = take(method);
    const entry: ProxiedRequest = { method, path: incoming.url ?? '/', bytes: 0, fault: applied.kind };
    requests.push(entry);

    if (applied.kind === 'down') {
      incoming.socket.destroy();
      return;
    }
    const body = await readBody(incoming);
    entry.bytes = body.length;
    if (options.captureBodies) entry.body = body.toString('utf8');
    const items = batchItems(body);
    if (items !== undefined) entry.items = items;

    switch (applied.kind) {
      case 'status': {
        const code = ERROR_CODES[applied.status] ?? `http_${applied.status}`;
        const extra: Record<string, string> =
          applied.retryAfter === undefined ? {} : { 'Retry-After': String(applied.retryAfter) };
        entry.status = applied.status;
        sendJson(
          incoming,
          response,
          applied.status,
          JSON.stringify({ error: { code, message: `fault proxy: injected ${applied.status}` } }),
          extra,
        );
        return;
      }
      case 'malformed':
        entry.status = 200;
        sendJson(incoming, response, 200, 'not json{');
        return;
      case 'hang':
        // Never answered; close() destroys the socket.
        return;
      case 'tooLarge':
        if (body.length > applied.maxBytes) {
          entry.status = 413;
          sendJson(
            incoming,
            response,
            413,
            JSON.stringify({
              error: { code: 'too_large', message: `fault proxy: body over ${applied.maxBytes} bytes` },
            }),
          );
          return;
        }
        break;
      case 'poison':
        if (body.includes(applied.marker)) {
          entry.status = 500;
          sendJson(
            incoming,
            response,
            500,
            JSON.stringify({ error: { code: 'internal_error', message: 'fault proxy: poisoned record' } }),
          );
          return;
        }
        break;
    }

    let reply: Awaited<ReturnType<typeof forward>>;
    try {
      reply = await forward(incoming, body);
    } catch (error) {
      entry.status = 502;
      sendJson(
        incoming,
        response,
        502,
        JSON.stringify({
          error: { code: 'bad_gateway', message: `fault proxy: ${(error as Error).message}` },
        }),
      );
      return;
    }
    entry.upstreamStatus = reply.status;
    if (applied.kind === 'dropReply') {
      incoming.socket.destroy();
      return;
    }
    entry.status = reply.status;
    response.writeHead(reply.status, endToEnd(reply.headers));
    response.end(reply.body);
  };

  const server = createServer((incoming, response) => {
    handle(incoming, response).catch(() => incoming.socket.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const path = target.pathname === '/' ? '' : target.pathname.replace(/\/$/, '');

  return {
    url: `http://127.0.0.1:${port}${path}`,
    port,
    requests,
    setMode(next) {
      mode = 'times' in next && next.times <= 0 ? { kind: 'pass' } : next;
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}

/** How many records a batch body carries; undefined for anything else. */
function batchItems(body: Buffer): number | undefined {
  try {
    const items = (JSON.parse(body.toString('utf8')) as { items?: unknown } | null)?.items;
    return Array.isArray(items) ? items.length : undefined;
  } catch {
    return undefined;
  }
}
