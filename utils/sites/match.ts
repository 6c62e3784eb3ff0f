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
  if (!port) return compiled(pattern).includes(url);
  const [, origin, number, path] = port;
  if (number !== '*' && portOf(new URL(url)) !== number) return false;
  return compiled(`${origin}${path}`).includes(url);
}

// Parsed once per pattern: the background matches every page load of a configured site (issue #20).
const patterns = new Map<string, MatchPattern>();
function compiled(pattern: string): MatchPattern {
  let parsed = patterns.get(pattern);
  if (!parsed) {
    parsed = new MatchPattern(pattern);
    if (patterns.size > 200) patterns.clear();
    patterns.set(pattern, parsed);
  }
  return parsed;
}

/**
 * The one place that decides whether a URL belongs to a configured site (and which one).
 * The first matching site wins, so admins order specific patterns before broad ones. Anything with a
 * pattern will do (a configured site, or a site's permission status in the popup).
 */
export function findSite<S extends Pick<Site, 'pattern'>>(sites: readonly S[], url: string): S | undefined {
  for (const site of sites) {
    try {
      if (covers(site.pattern, url)) return site;
    } catch {
      // An invalid pattern never matches; settings validation reports it.
    }
  }
  return undefined;
}

/** `pattern` without its port ("http://h:5173/*" → "http://h/*"); unchanged when it names none. */
export function withoutPort(pattern: string): string {
  const port = WITH_PORT.exec(pattern);
  return port ? `${port[1]}${port[3]}` : pattern;
}
