import { randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';

/** The dashboard's Content-Security-Policy for a response with this nonce. */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    // data: for the masked screenshots, which arrive as data URLs inside the records.
    "img-src 'self' data:",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/**
 * Security headers on every dashboard response, set after the handler so nothing downstream can
 * weaken them. A fresh nonce per response is put in `c.var.nonce` for the pages' script tags.
 */
export function dashboardHeaders(options: {
  https: boolean;
}): MiddlewareHandler<{ Variables: { nonce: string } }> {
  return async (c, next) => {
    const nonce = randomBytes(16).toString('base64');
    c.set('nonce', nonce);
    await next();
    const headers = c.res.headers;
    headers.set('Content-Security-Policy', contentSecurityPolicy(nonce));
    headers.set('X-Content-Type-Options', 'nosniff');
    // same-origin, not no-referrer: with no-referrer, Chromium sends `Origin: null` on form posts,
    // and the CSRF check needs the real origin. Other sites still get no referrer.
    headers.set('Referrer-Policy', 'same-origin');
    headers.set('X-Frame-Options', 'DENY');
    headers.set('Cross-Origin-Opener-Policy', 'same-origin');
    headers.set('Cross-Origin-Resource-Policy', 'same-origin');
    headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
    if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store');
    if (options.https) headers.set('Strict-Transport-Security', 'max-age=31536000');
  };
}

/** The origin officers' browsers use: the configured public URL, else what the request was addressed to. */
export function ownOrigin(c: Context, publicUrl: string | undefined): string {
  return publicUrl ?? new URL(c.req.url).origin;
}

/**
 * Whether a state-changing request comes from the dashboard's own pages. Browsers send `Origin` on
 * every POST; without it, `Sec-Fetch-Site` or the `Referer` must say the same. Nothing at all is
 * refused: a request with no provenance is not one our forms make.
 */
export function isSameOrigin(c: Context, expected: string): boolean {
  const origin = c.req.header('origin');
  if (origin !== undefined) return origin === expected;
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined) return site === 'same-origin';
  const referer = c.req.header('referer');
  if (referer === undefined) return false;
  try {
    return new URL(referer).origin === expected;
  } catch {
    return false;
  }
}

/** Random URL-safe token (session ids, CSRF tokens). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * A path inside the dashboard to send the officer back to; anything else (another host, `//evil`,
 * a backslash trick) falls back to the inbox.
 */
export function localReturnPath(value: string | undefined | null): string {
  if (!value || !/^\/dashboard(?:[/?#]|$)/.test(value) || /[\\\r\n]/.test(value) || value.startsWith('//')) {
    return '/dashboard';
  }
  return value;
}
