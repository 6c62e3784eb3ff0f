import { browser } from 'wxt/browser';
import type { Site } from '../../utils/schema/settings';
import { permissionOrigin } from '../../utils/sites/permission-origins';

/** The fields of the webRequest events read here (alike in Chrome's and Firefox's typings). */
export interface RequestDetails {
  tabId: number;
  frameId: number;
  url: string;
}

interface RequestFilter {
  urls: string[];
  types: ['main_frame'];
}

/** A webRequest event as far as it is used here (no extra info spec: observing only). */
export interface RequestEvent<D> {
  addListener(listener: (details: D) => void, filter: RequestFilter): void;
  removeListener(listener: (details: D) => void): void;
}

/** Every top-level load the browser lets us see (it reports hosts we hold permission for only). */
const EVERY_SITE: readonly string[] = ['http://*/*', 'https://*/*'];

/** Listeners on webRequest events for top-level loads of the configured sites; see {@link siteRequests}. */
export interface SiteRequests {
  /** Adds `listener` to `event` (at once, with the filter in force); returns what removes it. */
  on<D extends RequestDetails>(event: RequestEvent<D>, listener: (details: D) => void): () => void;
  /** Narrows every listener to the pages of `sites`; with none, no listener stays registered at all. */
  narrow(sites: readonly Pick<Site, 'pattern'>[]): void;
  /** Removes every listener. */
  stop(): void;
  /** Whether loads of `pattern`'s site reach the listeners now (its origin is in the filter). */
  covers(pattern: string): boolean;
}

/**
 * Top-level loads of the configured, granted sites, with the URL filter applied by the browser: a page
 * load elsewhere (another site, or a host we hold permission for that is not configured) neither wakes
 * the worker nor runs any of our code (issue #20). webRequest is held already (outage report) and
 * needs no other permission; `webNavigation`, which could filter alike, would add Chrome's install
 * warning "Read your browsing history" (docs/performance.md).
 *
 * Listeners start with the broad filter, synchronously: the event that woke the worker reaches only
 * listeners that exist before the first await. `narrow` then registers them again with the sites'
 * patterns (the browser keeps the last registration to wake the worker with); call it whenever the
 * configured sites or their permissions change. A pattern the browser refuses keeps the broad filter:
 * the listeners check the site themselves anyway.
 */
export function siteRequests(): SiteRequests {
  interface Entry {
    event: RequestEvent<RequestDetails>;
    listener: (details: RequestDetails) => void;
    // The function registered now: a fresh one per registration, so removal never hits the wrong one.
    registered?: (details: RequestDetails) => void;
  }
  const entries: Entry[] = [];
  let urls: readonly string[] = EVERY_SITE;
  const register = (entry: Entry) => {
    if (entry.registered) entry.event.removeListener(entry.registered);
    entry.registered = undefined;
    if (urls.length === 0) return;
    const registered = (details: RequestDetails) => entry.listener(details);
    try {
      entry.event.addListener(registered, { urls: [...urls], types: ['main_frame'] });
    } catch {
      entry.event.addListener(registered, { urls: [...EVERY_SITE], types: ['main_frame'] });
    }
    entry.registered = registered;
  };
  return {
    on(event, listener) {
      const entry: Entry = {
        event: event as unknown as RequestEvent<RequestDetails>,
        listener: listener as (details: RequestDetails) => void,
      };
      entries.push(entry);
      register(entry);
      return () => {
        if (entry.registered) entry.event.removeListener(entry.registered);
        entry.registered = undefined;
        const index = entries.indexOf(entry);
        if (index >= 0) entries.splice(index, 1);
      };
    },
    narrow(sites) {
      const next = [...new Set(sites.map((site) => permissionOrigin(site.pattern)))].sort();
      if (next.length === urls.length && next.every((url, i) => url === urls[i])) return;
      urls = next;
      for (const entry of entries) register(entry);
    },
    stop() {
      for (const entry of entries) if (entry.registered) entry.event.removeListener(entry.registered);
      entries.length = 0;
    },
    covers(pattern) {
      return urls === EVERY_SITE || urls.includes(permissionOrigin(pattern));
    },
  };
}

/** The browser's webRequest events used by the background (typed as above). */
export function webRequestEvents(): {
  onCompleted: RequestEvent<RequestDetails & { statusCode: number }>;
  onErrorOccurred: RequestEvent<RequestDetails & { error: string }>;
  onResponseStarted: RequestEvent<RequestDetails>;
} {
  return browser.webRequest as never;
}
