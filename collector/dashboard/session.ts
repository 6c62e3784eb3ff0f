import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { DashboardStore, OfficerSession } from '../store/dashboard-types';
import { randomToken } from './security';

/** A session ends this long after sign-in, however active. */
export const SESSION_MAX_AGE_MS = 10 * 60 * 60 * 1000;
/** …and after this long without a request. */
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
// last_seen_at is written at most this often, so reading pages does not write to the database each time.
const TOUCH_EVERY_MS = 60 * 1000;

/** Failed sign-ins allowed per window, per client address and per user name. */
export const SIGNIN_MAX_FAILURES = 5;
export const SIGNIN_WINDOW_MS = 60 * 1000;

/** Cookie names; with https the `__Host-` prefix pins the cookie to this host and path `/`. */
export function cookieNames(secure: boolean): { session: string; signin: string } {
  return secure
    ? { session: '__Host-mitsprache_session', signin: '__Host-mitsprache_signin' }
    : { session: 'mitsprache_session', signin: 'mitsprache_signin' };
}

/** The session token is stored only as this hash, so a database dump does not hand out sessions. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time comparison of two tokens. */
export function sameToken(a: string | undefined | null, b: string): boolean {
  if (typeof a !== 'string') return false;
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right) && a.length === b.length;
}

/** Sessions in the store behind cookies: http-only, SameSite=Strict, Secure with https. */
export class Sessions {
  readonly names;

  constructor(
    private readonly store: DashboardStore,
    private readonly secure: boolean,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.names = cookieNames(secure);
  }

  #cookieOptions(maxAgeSeconds: number) {
    return {
      path: '/',
      httpOnly: true,
      secure: this.secure,
      sameSite: 'Strict',
      maxAge: maxAgeSeconds,
    } as const;
  }

  /** Starts a session for `user` (a new token every time: no fixation) and sets its cookie. */
  async start(c: Context, user: string): Promise<void> {
    const token = randomToken();
    const now = this.now();
    await this.store.createSession({
      tokenHash: tokenHash(token),
      user,
      csrfToken: randomToken(),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_MS).toISOString(),
      lastSeenAt: now.toISOString(),
    });
    setCookie(c, this.names.session, token, this.#cookieOptions(SESSION_MAX_AGE_MS / 1000));
  }

  /** The request's live session, or null (unknown, expired or idle too long). */
  async current(c: Context): Promise<OfficerSession | null> {
    const token = getCookie(c, this.names.session);
    if (!token || token.length > 200) return null;
    const now = this.now();
    const hash = tokenHash(token);
    const session = await this.store.findSession(hash, now.toISOString());
    if (!session) return null;
    const idle = now.getTime() - Date.parse(session.lastSeenAt);
    if (idle > SESSION_IDLE_MS) {
      await this.store.deleteSession(hash);
      return null;
    }
    if (idle > TOUCH_EVERY_MS) await this.store.touchSession(hash, now.toISOString());
    return session;
  }

  /** Ends the request's session and clears its cookie. */
  async end(c: Context): Promise<void> {
    const token = getCookie(c, this.names.session);
    if (token) await this.store.deleteSession(tokenHash(token));
    deleteCookie(c, this.names.session, { path: '/', secure: this.secure });
  }

  /**
   * The sign-in form's CSRF token (double submit: the same random value in a cookie and in the
   * form), so another site cannot sign a browser in to an account of its choosing.
   */
  signinToken(c: Context): string {
    const existing = getCookie(c, this.names.signin);
    if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
    const token = randomToken();
    setCookie(c, this.names.signin, token, this.#cookieOptions(60 * 60));
    return token;
  }

  /** Whether the submitted sign-in token matches the cookie. */
  checkSigninToken(c: Context, submitted: string | undefined): boolean {
    const cookie = getCookie(c, this.names.signin);
    return cookie !== undefined && sameToken(submitted, cookie);
  }
}

/** A sign-in attempt the throttle let through to the password check. */
export interface SigninAttempt {
  /** The password was right: the attempt no longer counts against the limit. */
  succeeded(): Promise<void>;
}

/**
 * Sign-in throttling in the store (shared by all instances): at most `SIGNIN_MAX_FAILURES` failed
 * attempts per `SIGNIN_WINDOW_MS`, counted per client address and per user name.
 *
 * An attempt is counted before its password is checked, not after (issue #14, item 4): counted
 * after, a burst of parallel requests all passed the check before the first failure was written, and
 * 100 guesses sent at once were all tried. Now each attempt writes its row first (committed, visible
 * to every instance), then counts; the n-th attempt to count sees at least the n rows written before
 * it, so whatever the interleaving, at most `SIGNIN_MAX_FAILURES` attempts per window reach the
 * password check. A refused attempt withdraws its row (it tried nothing), a successful one too.
 */
export class SigninThrottle {
  constructor(
    private readonly store: DashboardStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  static keys(ip: string, user: string): string[] {
    return [`ip:${ip}`, `user:${user.toLowerCase().slice(0, 64)}`];
  }

  /** Counts an attempt; null when it is refused (too many in the window), else the attempt to settle. */
  async begin(ip: string, user: string): Promise<SigninAttempt | null> {
    const now = this.now();
    const keys = SigninThrottle.keys(ip, user);
    // The time, made unique so this attempt's rows can be withdrawn; the suffix sorts after the time
    // itself, so window comparisons on the text still work.
    const at = `${now.toISOString()}#${randomToken().slice(0, 16)}`;
    const windowStart = new Date(now.getTime() - SIGNIN_WINDOW_MS).toISOString();
    await this.store.addSigninFailure(keys, at, windowStart);
    const counts = await this.store.signinFailures(keys, windowStart);
    const withdraw = () => this.store.removeSigninAttempt(keys, at);
    if ([...counts.values()].some((n) => n > SIGNIN_MAX_FAILURES)) {
      await withdraw();
      return null;
    }
    return { succeeded: withdraw };
  }
}
