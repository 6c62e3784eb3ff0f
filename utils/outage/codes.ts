import type { Outage } from '../schema/record';

/** What a failed top-level navigation says, normalised across browsers. */
export interface ObservedFailure {
  kind: Extract<Outage['kind'], 'network' | 'timeout' | 'http'>;
  /** The browser's error name without its "net::" prefix, or the HTTP status. */
  code: string;
}

/**
 * Errors that are not the application failing: the user stopped or left the page, a download took
 * over the navigation, an ad blocker or the organisation's policy refused it, the browser could not
 * parse the address, or it asks before sending a form again (going back to a page a POST produced). Chrome reports a 5xx without a body as ERR_HTTP_RESPONSE_CODE_FAILURE; the status
 * itself arrives as an HTTP answer, which says more.
 */
const IGNORED = new Set([
  'ERR_ABORTED',
  'ERR_BLOCKED_BY_CLIENT',
  'ERR_BLOCKED_BY_ADMINISTRATOR',
  'ERR_BLOCKED_BY_RESPONSE',
  'ERR_UNKNOWN_URL_SCHEME',
  'ERR_INVALID_URL',
  'ERR_HTTP_RESPONSE_CODE_FAILURE',
  'ERR_CACHE_MISS',
  'NS_BINDING_ABORTED',
  'NS_ERROR_ABORT',
  'NS_BINDING_REDIRECTED',
  'NS_BINDING_RETARGETED',
  'NS_ERROR_UNKNOWN_PROTOCOL',
  'NS_ERROR_MALFORMED_URI',
  'NS_ERROR_DOCUMENT_NOT_CACHED',
]);

/**
 * Firefox's webNavigation says "Error code 2152398861" where its webRequest says the name; the
 * common network ones by number (nsError.h: 0x804B0000 + the netwerk code).
 */
const FIREFOX_CODES: Readonly<Record<string, string>> = {
  '2152398850': 'NS_BINDING_ABORTED',
  '2152398861': 'NS_ERROR_CONNECTION_REFUSED',
  '2152398862': 'NS_ERROR_NET_TIMEOUT',
  '2152398864': 'NS_ERROR_OFFLINE',
  '2152398868': 'NS_ERROR_NET_RESET',
  '2152398878': 'NS_ERROR_UNKNOWN_HOST',
  '2152398919': 'NS_ERROR_NET_INTERRUPT',
  '2152398920': 'NS_ERROR_PROXY_CONNECTION_REFUSED',
  '2147500036': 'NS_ERROR_ABORT',
};

const TIMEOUTS = new Set(['ERR_TIMED_OUT', 'ERR_CONNECTION_TIMED_OUT', 'NS_ERROR_NET_TIMEOUT']);

/**
 * The browser's navigation error as a code and kind: Chrome's "net::ERR_CONNECTION_REFUSED" becomes
 * ERR_CONNECTION_REFUSED, Firefox's NS_ERROR_CONNECTION_REFUSED stays, its "Error code 2152398861"
 * becomes that name (or ERROR_2152398861 when unknown). Undefined for errors that are not an outage.
 */
export function navigationFailure(error: string): ObservedFailure | undefined {
  const trimmed = error.trim();
  const numeric = /^Error code (\d{1,12})$/i.exec(trimmed);
  const name = numeric
    ? (FIREFOX_CODES[numeric[1] ?? ''] ?? `ERROR_${numeric[1]}`)
    : trimmed.replace(/^net::/, '');
  const code = name.replace(/[^A-Za-z0-9_:.-]/g, '_').slice(0, 80);
  if (code === '' || IGNORED.has(code)) return undefined;
  return { kind: TIMEOUTS.has(code) ? 'timeout' : 'network', code };
}

/** A top-level answer with this status is an outage (5xx); anything else is not. */
export function httpFailure(status: number): ObservedFailure | undefined {
  return status >= 500 && status <= 599 ? { kind: 'http', code: String(status) } : undefined;
}

/** A top-level answer with this status shows the application working (a 4xx neither fails nor heals). */
export function isHealthyStatus(status: number): boolean {
  return status > 0 && status < 400;
}
