import type { SqlSharingStore } from '../store/sharing';
import type { HubSharing } from './delivery';

/** What the dashboard's sharing pages are built on: the store and the push loop ("Jetzt senden"). */
export interface SharingServices {
  store: SqlSharingStore;
  delivery: HubSharing;
}

/**
 * What the hub said about one screen: its notices (the screen's and the whole application's) and the
 * comparison; `jobCentre` is this job centre's id at the hub, to tell its own row among the job
 * centres a hub may list.
 */
export async function hubForScreen(sharing: SharingServices, app: string, screen: string) {
  const [notices, feed, settings] = await Promise.all([
    sharing.store.notices(app, screen),
    sharing.store.feed(),
    sharing.store.settings(),
  ]);
  const comparison = feed?.comparison.find((row) => row.app === app && row.screen === screen);
  return { notices, comparison, feed, jobCentre: settings?.jobCentre };
}
