import { randomBytes } from 'node:crypto';
import type { FeedbackRecord, Outage } from '../../utils/schema/record';
import { makeRecord } from '../support/records';

// Outage reports (issue #17) for the collector's tests and the incidents bench: ordinary records that
// carry an outage, as the extension's "Störung melden" sends them.

/** A fresh outage episode id, as a device makes one per outage. */
export function newEpisode(): string {
  return randomBytes(8).toString('hex');
}

/** An outage report of `app` from `episode`; `outage` and `overrides` replace fields. */
export function outageRecord(
  app: string,
  episode: string,
  outage: Partial<Outage> = {},
  overrides: Partial<FeedbackRecord> = {},
  { check = true }: { check?: boolean } = {},
): FeedbackRecord {
  const base = makeRecord({}, { check: false });
  return makeRecord(
    {
      note: 'Störung: Anwendung lädt nicht',
      category: 'error',
      impact: 'blocks',
      minutesLost: 10,
      context: { ...base.context, app },
      outage: {
        kind: 'network',
        code: 'net::ERR_CONNECTION_REFUSED',
        since: '2026-12-07T09:58:00.000Z',
        source: 'observed',
        episode,
        ...outage,
      },
      ...overrides,
    },
    { check },
  );
}
