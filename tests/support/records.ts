import { randomUUID } from 'node:crypto';
import { FeedbackRecord, newAnswerSecret, RECORD_SCHEMA_VERSION } from '../../utils/schema/record';
import { type BatchRequest, WIRE_SCHEMA_VERSION } from '../../utils/schema/wire';

/**
 * A valid FeedbackRecord with a fresh id; `overrides` replace top-level fields. Parsed against the
 * schema, so an override that makes it invalid fails here, loudly, rather than later in a test.
 * For a deliberately invalid item, spread the result: `{ ...makeRecord(), category: 'NOPE' }`.
 */
export function makeRecord(overrides: Partial<FeedbackRecord> = {}): FeedbackRecord {
  return FeedbackRecord.parse({
    schemaVersion: RECORD_SCHEMA_VERSION,
    id: randomUUID(),
    createdAt: '2026-11-25T11:02:03.123+01:00',
    note: 'Der Bescheid lässt sich erst nach dem dritten Speichern drucken.',
    category: 'cumbersome',
    impact: 'slows',
    duringAppointment: true,
    minutesLost: 5,
    context: {
      app: 'Leistungsverfahren',
      url: 'https://lv.jobcenter.example/akte/:id/leistungen',
      routeTemplate: '/akte/:id/leistungen',
      title: 'Leistungen – Akte',
      screen: { name: 'Leistungen', heading: 'Leistungen', breadcrumb: ['Akte', 'Leistungen'] },
      frame: { path: 'top' },
      viewport: { width: 1600, height: 900 },
      screenSize: { width: 1920, height: 1080, pixelRatio: 1 },
      browser: { name: 'chrome', version: '131.0' },
      uiLanguage: 'de',
      extensionVersion: '0.1.0',
      sinceLoadMs: 42_000,
    },
    reporter: { mode: 'unit', unit: 'Team 123 – Leistung' },
    redaction: { counts: { name: 1 } },
    answerSecret: newAnswerSecret(),
    ...overrides,
  });
}

/** The record as a collector keeps, shows and exports it: without its answer secret (only a hash is kept). */
export function asStored(record: FeedbackRecord): Omit<FeedbackRecord, 'answerSecret'> {
  const { answerSecret: _secret, ...kept } = record as FeedbackRecord & { answerSecret?: string };
  return kept as Omit<FeedbackRecord, 'answerSecret'>;
}

/** The answer secret of a (version 2) record, as its installation presents it in status queries. */
export function secretOf(record: FeedbackRecord): string {
  if (record.schemaVersion !== 2) throw new Error('a version 1 record has no answer secret');
  return record.answerSecret;
}

/** A valid batch envelope around `items` (which may include invalid ones on purpose). */
export function makeBatch(items: unknown[], overrides: Partial<BatchRequest> = {}): BatchRequest {
  return {
    schemaVersion: WIRE_SCHEMA_VERSION,
    batchId: randomUUID(),
    sentAt: '2026-11-25T11:05:00.000+01:00',
    client: { extensionVersion: '0.1.0', browser: 'chrome 131' },
    items,
    ...overrides,
  };
}
