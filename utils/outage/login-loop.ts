/**
 * A login loop (issue #17): the application keeps sending the browser back to its login page, so the
 * caseworker never gets in although every page "loads". Seen as the same login route reached three
 * times within a minute in one tab. Kept in the worker's memory only: a loop happens within a minute,
 * in which the worker stays awake, and nothing about ordinary logins is ever stored.
 */

/** Path segments that name a login page in the procedures job centres use (German and English). */
const LOGIN_SEGMENT =
  /(?:^|\/)(?:login|logon|signin|sign-in|anmeld(?:en|ung)?|einloggen|sso|saml2?|oauth2?|cas|auth(?:enticate|orize)?)(?:[/.;]|$)/i;

export const LOOP_COUNT = 3;
export const LOOP_WINDOW_MS = 60_000;

/** Whether the path is a login page's. */
export function isLoginPath(pathname: string): boolean {
  return LOGIN_SEGMENT.test(pathname);
}

/** Landings on login pages per tab and path, in a sliding window. */
export class LoginLoops {
  private readonly landings = new Map<string, number[]>();

  /** Notes a landing on a login page; true when it is the one that makes a loop. */
  land(tabId: number, pathname: string, at: number): boolean {
    const key = `${tabId} ${pathname.toLowerCase()}`;
    const recent = (this.landings.get(key) ?? []).filter((time) => at - time < LOOP_WINDOW_MS);
    recent.push(at);
    this.landings.set(key, recent);
    this.prune(at);
    return recent.length === LOOP_COUNT;
  }

  /** The tab left the login page for a page of the application: it got in. */
  forgetTab(tabId: number): void {
    for (const key of this.landings.keys()) if (key.startsWith(`${tabId} `)) this.landings.delete(key);
  }

  private prune(at: number): void {
    for (const [key, times] of this.landings) {
      if (times.every((time) => at - time >= LOOP_WINDOW_MS)) this.landings.delete(key);
    }
  }
}
