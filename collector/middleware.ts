import type { MiddlewareHandler } from 'hono';
import { errorResponse } from './errors';

/** Methods and request headers the extension uses cross-origin. */
export const CORS_ALLOW_METHODS = 'GET, POST, PUT';
export const CORS_ALLOW_HEADERS = 'Authorization, Content-Type, Idempotency-Key';

// Chrome and Edge extension ids are 32 letters a–p; Firefox gives each installation a random UUID.
const CHROME_EXTENSION = /^chrome-extension:\/\/([a-p]{32})$/;
const MOZ_EXTENSION = /^moz-extension:\/\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/**
 * Whether a browser origin may call the collector: an extension in `extensionIds` (`*`: any
 * extension), or a configured origin. Any extension was allowed before (issue #14, item 10): another
 * extension in the caseworker's browser could then send and read with a token it had found.
 */
export function isAllowedOrigin(
  origin: string,
  configured: ReadonlySet<string>,
  extensionIds: ReadonlySet<string> = new Set(['*']),
): boolean {
  if (configured.has(origin)) return true;
  const id = CHROME_EXTENSION.exec(origin)?.[1] ?? MOZ_EXTENSION.exec(origin)?.[1];
  return id !== undefined && (extensionIds.has('*') || extensionIds.has(id));
}

/**
 * CORS for extension origins only. The origin is echoed rather than `*` so nothing else gets a
 * readable response; a preflight from any other origin is refused outright.
 */
export function cors(
  configuredOrigins: readonly string[],
  extensionIds: readonly string[],
): MiddlewareHandler {
  const configured = new Set(configuredOrigins);
  const extensions = new Set(extensionIds);
  return async (c, next) => {
    const origin = c.req.header('origin');
    const allowed = origin !== undefined && isAllowedOrigin(origin, configured, extensions);

    if (c.req.method === 'OPTIONS') {
      if (origin === undefined) return c.body(null, 204, { Allow: `${CORS_ALLOW_METHODS}, OPTIONS` });
      if (!allowed) {
        return errorResponse(c, 'origin_not_allowed', 'this origin may not call the collector', {
          Vary: 'Origin',
        });
      }
      const headers: Record<string, string> = {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': CORS_ALLOW_METHODS,
        'Access-Control-Allow-Headers': CORS_ALLOW_HEADERS,
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      };
      // Chrome's Private Network Access asks before a public context reaches an intranet collector.
      if (c.req.header('access-control-request-private-network') === 'true') {
        headers['Access-Control-Allow-Private-Network'] = 'true';
      }
      return c.body(null, 204, headers);
    }

    await next();
    c.res.headers.append('Vary', 'Origin');
    if (allowed) {
      c.res.headers.set('Access-Control-Allow-Origin', origin);
      // The extension reads Retry-After to schedule its next attempt after a 503/429.
      c.res.headers.set('Access-Control-Expose-Headers', 'Retry-After');
    }
  };
}

/** Headers on every response: nothing here is a document, and nothing may be cached or sniffed. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('Referrer-Policy', 'no-referrer');
    headers.set('Cache-Control', 'no-store');
    headers.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
  };
}
