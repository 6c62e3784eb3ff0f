import { browser } from 'wxt/browser';
import { AppError } from '../errors';
import { EndpointUrl } from '../schema/settings';
import type { Reply } from './classify';

/** How long one request may take before it counts as a network failure. */
export const REQUEST_TIMEOUT_MS = 30_000;

/**
 * POSTs JSON and returns status, parsed body and Retry-After. Throws AppError('endpoint_unreachable')
 * when there is no HTTP answer at all (offline, DNS, TLS, refused redirect, timeout).
 */
export async function postJson(
  url: string,
  body: string,
  {
    token,
    idempotencyKey,
    timeoutMs = REQUEST_TIMEOUT_MS,
  }: { token?: string; idempotencyKey?: string; timeoutMs?: number },
): Promise<Reply> {
  const controller = new AbortController();
  // The timer is owned by this call and cleared in finally, whether the request ends or not.
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      signal: controller.signal,
      credentials: 'omit',
      cache: 'no-store',
      // A redirected POST turns into a GET on 301/302 and could leave https; neither is a delivery.
      redirect: 'error',
    });
    const text = await response.text();
    return {
      status: response.status,
      body: parseJson(text),
      retryAfter: response.headers.get('Retry-After'),
    };
  } catch (error) {
    const timedOut = controller.signal.aborted;
    throw new AppError(
      'endpoint_unreachable',
      timedOut ? 'timeout' : error instanceof Error ? error.message : '',
    );
  } finally {
    clearTimeout(timer);
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Refuses endpoints that would send records in clear text over the network. */
export function checkEndpoint(endpoint: string): string {
  const parsed = EndpointUrl.safeParse(endpoint);
  if (!parsed.success) throw new AppError('endpoint_insecure');
  return parsed.data;
}

/** `{endpoint}/status`, keeping any path and query of the endpoint. */
export function statusUrl(endpoint: string): string {
  const url = new URL(endpoint);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/status`;
  return url.toString();
}

interface UaBrand {
  brand: string;
  version: string;
}
interface NavigatorWithUaData {
  userAgent?: string;
  userAgentData?: { brands?: UaBrand[] };
}

/** The brand officers recognise, e.g. "Chromium 156", "Microsoft Edge 156", "Firefox 140". */
export function describeBrowser(nav: NavigatorWithUaData | undefined): string {
  const brands = (nav?.userAgentData?.brands ?? []).filter((b) => !/not.?a.?brand/i.test(b.brand));
  // Prefer the vendor brand (Edge, Chrome) over the engine, which every Chromium lists too.
  const brand = brands.find((b) => b.brand !== 'Chromium') ?? brands[0];
  if (brand) return `${brand.brand} ${brand.version}`.slice(0, 80);
  const ua = nav?.userAgent ?? '';
  const known: [RegExp, string][] = [
    [/Firefox\/(\d+)/, 'Firefox'],
    [/Edg\/(\d+)/, 'Microsoft Edge'],
    [/Chrome\/(\d+)/, 'Chromium'],
  ];
  for (const [pattern, name] of known) {
    const match = pattern.exec(ua);
    if (match) return `${name} ${match[1]}`;
  }
  return 'unknown';
}

/** `client` of every batch. */
export function clientInfo(): { extensionVersion: string; browser: string } {
  let extensionVersion = '0.0.0';
  try {
    extensionVersion = browser.runtime.getManifest().version.slice(0, 40);
  } catch {
    // Outside an extension (unit tests, the benchmark page) there is no manifest.
  }
  const nav = typeof navigator === 'undefined' ? undefined : (navigator as NavigatorWithUaData);
  return { extensionVersion, browser: describeBrowser(nav) };
}

/** ISO 8601 with the local UTC offset (the wire format wants the offset, not "Z" only). */
export function isoWithOffset(ms: number): string {
  const date = new Date(ms);
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const local = new Date(ms + offset * 60_000);
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `.${pad(local.getUTCMilliseconds(), 3)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}
