import type { HubSharing } from './delivery';
import type { SqlSharingStore } from './store';

/** What the dashboard's sharing pages are built on: the store and the push loop ("Jetzt senden"). */
export interface SharingServices {
  store: SqlSharingStore;
  delivery: HubSharing;
}
