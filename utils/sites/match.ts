import { MatchPattern } from 'wxt/utils/match-patterns';
import type { Site } from '../schema/settings';

/** scheme://host, an optional :port, then the path: Chromium's patterns may name a port. */
const WITH_PORT = /^([^:/]+:\/\/(?:\[[^\]]*\]|[^/:]*)):(\d{1,5}|\*)(\/.*)$/;

/** The URL's port, with the scheme's default when it names none. */
function portOf(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}

/**
 * Whether `url` is covered by `pattern`. WXT's MatchPattern refuses ports, but Chromium's host
 * permissions and content scripts take them (a pattern without one covers every port), and the demo's
 * sites name theirs so the collector's dashboard on the same host is not a site (issue #16, item 13).
 */
function covers(pattern: string, url: string): boolean {
  const port = WITH_PORT.exec(pattern);
  if (!port) return new MatchPattern(pattern).includes(url);
  const [, origin, number, path] = port;
  if (number !== '*' && portOf(new URL(url)) !== number) return false;
  return new MatchPattern(`${origin}${path}`).includes(url);
}

/**
 * The one place that decides whether a URL belongs to a configured site (and which one).
 * The first matching site wins, so admins order specific patterns before broad ones.
 */
export function findSite(sites: readonly Site[], url: string): Site | undefined {
  for (const site of sites) {
    try {
      if (covers(site.pattern, url)) return site;
    } catch {
      // An invalid pattern never matches; settings validation reports it.
    }
  }
  return undefined;
}

// Firefox refuses a port in the match patterns of its permission and tab APIs; a pattern without one
// covers every port there, and findSite still keeps the site to its own.
const PORTLESS_PATTERNS = (import.meta as { env?: { FIREFOX?: boolean } }).env?.FIREFOX === true;

/** `pattern` as this browser's permissions and tabs APIs take it ("http://h:5173/*" → "http://h/*" in Firefox). */
export function apiPattern(pattern: string): string {
  if (!PORTLESS_PATTERNS) return pattern;
  const port = WITH_PORT.exec(pattern);
  return port ? `${port[1]}${port[3]}` : pattern;
}
