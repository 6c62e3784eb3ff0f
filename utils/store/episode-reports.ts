import type { IncidentStatus } from '../schema/wire';
import { getDb } from './db';

/** What this device has already done about one outage episode. */
export interface EpisodeReports {
  /** How many outage reports of the episode this device holds. */
  count: number;
  /** The incident the officers grouped them into, as the last status poll said (the latest known). */
  incident?: IncidentStatus;
}

/**
 * The outage reports of `episode` stored since `since` (epoch ms; an episode is at most two hours old,
 * so the walk over the creation index covers a few records, not the outbox).
 */
export async function episodeReports(episode: string, since: number): Promise<EpisodeReports> {
  const db = await getDb();
  let cursor = await db
    .transaction('records')
    .store.index('byCreated')
    .openCursor(IDBKeyRange.lowerBound(since), 'prev');
  const found: EpisodeReports = { count: 0 };
  let incidentAt = '';
  while (cursor) {
    const { record, officer } = cursor.value;
    if (record.outage?.episode === episode) {
      found.count++;
      if (officer?.incident && officer.updatedAt > incidentAt) {
        found.incident = officer.incident;
        incidentAt = officer.updatedAt;
      }
    }
    cursor = await cursor.continue();
  }
  return found;
}
