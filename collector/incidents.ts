import type { CollectorConfig } from './config';
import type { IncidentRule } from './store/incident-rule';
import type { IncidentStore, NotificationChannel } from './store/incident-types';

// The HTTP side's view of incidents (issue #17): the configured rule and channels, the grouping step
// after an ingest, and the kick that tells the notification loop something was queued.

/** What the API and the dashboard need for incidents. */
export interface IncidentServices {
  store: IncidentStore;
  rule: IncidentRule;
  /** Channels an incident change queues notifications for (notify/dispatcher.ts). */
  channels: readonly NotificationChannel[];
  /** Called after a change that may have queued notifications. */
  notify: () => void;
}

/** The rule as configured (docs/incidents.md). */
export function configuredRule(config: CollectorConfig): IncidentRule {
  return {
    reports: config.incidentReports,
    installations: config.incidentInstallations,
    windowMinutes: config.incidentWindowMinutes,
  };
}

/**
 * Groups the outage reports a batch stored. Runs after the records are committed and before the
 * batch is answered, so an incident is visible as soon as its completing report is acknowledged. A
 * failure here is logged, not returned: the records are stored, and the next outage report of the
 * application groups them (grouping looks at every waiting report of the window).
 */
export async function groupAfterIngest(
  services: IncidentServices,
  apps: readonly string[],
  receivedAt: string,
  now: () => Date,
): Promise<void> {
  if (apps.length === 0) return;
  try {
    const opened = await services.store.group(apps, receivedAt, services.rule, {
      at: now().toISOString(),
      channels: services.channels,
    });
    if (opened.length > 0) services.notify();
  } catch (error) {
    console.error('collector: grouping outage reports failed', error);
  }
}
