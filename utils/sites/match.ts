import { MatchPattern } from 'wxt/utils/match-patterns';
import type { Site } from '../schema/settings';

/**
 * The one place that decides whether a URL belongs to a configured site (and which one).
 * The first matching site wins, so admins order specific patterns before broad ones.
 */
export function findSite(sites: readonly Site[], url: string): Site | undefined {
  for (const site of sites) {
    try {
      if (new MatchPattern(site.pattern).includes(url)) return site;
    } catch {
      // An invalid pattern never matches; settings validation reports it.
    }
  }
  return undefined;
}
