import { AppError, type ErrorCode } from '../errors';
import { EndpointUrl } from '../schema/settings';
import { CheckResponse, WIRE_SCHEMA_VERSION } from '../schema/wire';

/** How long "Test connection" waits for the collector. Shorter than a sync: a person is waiting. */
export const CHECK_TIMEOUT_MS = 10_000;
/** How long the TLS probe (see {@link probePlainHttp}) may take. */
const PROBE_TIMEOUT_MS = 4_000;

/** What a successful check found. */
export interface CheckResult {
  service: string;
  schemaVersions: number[];
}

/** `{endpoint}/check`, keeping any path and query of the endpoint. */
export function checkUrl(endpoint: string): string {
  const url = new URL(endpoint);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/check`;
  return url.toString();
}

/**
 * Classifies the collector's answer to `GET /check`. Pure, so the whole table is unit-tested.
 * A body that is not a CheckResponse means the address points at some other server.
 */
export function classifyCheck(status: number, body: unknown): CheckResult | ErrorCode {
  if (status === 401 || status === 403) return 'endpoint_unauthorized';
  if (status === 404 || status === 405) return 'endpoint_not_found';
  if (status !== 200) return 'endpoint_error';
  const parsed = CheckResponse.safeParse(body);
  if (!parsed.success) return 'endpoint_bad_reply';
  if (!parsed.data.schemaVersions.includes(WIRE_SCHEMA_VERSION)) return 'endpoint_schema';
  return { service: parsed.data.service, schemaVersions: parsed.data.schemaVersions };
}

type Fetch = typeof fetch;
// Wrapped, so fetch is never called detached from the global it belongs to.
const globalFetch: Fetch = (input, init) => fetch(input, init);

async function fetchWithTimeout(fetcher: Fetch, url: string, init: RequestInit, timeoutMs: number) {
  const controller = new AbortController();
  // Owned by this call: cleared whether the request ends, fails or times out.
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return await fetcher(url, { ...init, signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Tells a TLS failure from an unreachable host. fetch() reports both as the same TypeError, so after
 * an https request failed we ask the same host and port in plain http: if anything answers there (a
 * TLS server rejecting plain text with 400, as nginx, Apache and most proxies do, or a server that
 * does not speak TLS at all), the machine is reachable and the secure handshake is what failed.
 * No token and no data go into the probe.
 */
export async function probePlainHttp(endpoint: string, fetcher: Fetch = globalFetch): Promise<boolean> {
  const url = new URL(endpoint);
  const port = url.port || '443';
  try {
    await fetchWithTimeout(
      fetcher,
      `http://${url.hostname}:${port}/`,
      { method: 'GET', mode: 'no-cors', credentials: 'omit', cache: 'no-store', redirect: 'manual' },
      PROBE_TIMEOUT_MS,
    );
    return true;
  } catch {
    return false;
  }
}

/**
 * "Test connection": `GET {endpoint}/check` with the token. Resolves with what the collector reports,
 * or throws an AppError whose code says in plain words what is wrong.
 */
export async function testConnection(
  endpoint: string,
  token: string,
  fetcher: Fetch = globalFetch,
): Promise<CheckResult> {
  if (endpoint.trim() === '') throw new AppError('no_endpoint');
  const parsed = EndpointUrl.safeParse(endpoint);
  if (!parsed.success) throw new AppError('endpoint_insecure');
  const url = checkUrl(parsed.data);
  let response: Response;
  try {
    response = await fetchWithTimeout(
      fetcher,
      url,
      {
        method: 'GET',
        headers: token ? { Authorization: `Bearer ${token}` } : {},
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'error',
      },
      CHECK_TIMEOUT_MS,
    );
  } catch (error) {
    const detail = error instanceof Error ? error.message : '';
    if (new URL(parsed.data).protocol === 'https:' && (await probePlainHttp(parsed.data, fetcher))) {
      throw new AppError('endpoint_tls', detail);
    }
    throw new AppError('endpoint_unreachable', detail);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const result = classifyCheck(response.status, body);
  if (typeof result === 'string') throw new AppError(result, `HTTP ${response.status}`);
  return result;
}
