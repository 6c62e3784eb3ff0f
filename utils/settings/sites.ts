import { MatchPattern, type Site } from '../schema/settings';
import { appNameFromHost } from './migrations';

/** A site as proposed for the page the user is on. */
export interface SiteSuggestion {
  pattern: string;
  app: string;
}

/**
 * The site to offer for a page: its scheme and host, any path. Without the port, because Firefox's
 * match patterns have none and Chrome's would then miss the same application on another port.
 * Undefined for pages no content script may run on (browser pages, files, the web store).
 */
export function suggestSite(pageUrl: string): SiteSuggestion | undefined {
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const host = url.hostname.toLowerCase();
  const pattern = `${url.protocol}//${host}/*`;
  if (!MatchPattern.safeParse(pattern).success) return undefined;
  return { pattern, app: appNameFromHost(host) };
}

/** The site list with `site` added, or its entry replaced when the pattern is already there. */
export function withSite(sites: readonly Site[], site: Site): Site[] {
  const index = sites.findIndex((existing) => existing.pattern.toLowerCase() === site.pattern.toLowerCase());
  if (index === -1) return [...sites, site];
  return sites.map((existing, i) => (i === index ? { ...existing, app: site.app } : existing));
}
