import { FeedbackRecord, newAnswerSecret, RECORD_SCHEMA_VERSION } from '../../utils/schema/record';
import { type BatchRequest, WIRE_SCHEMA_VERSION } from '../../utils/schema/wire';

/** The page context of makeRecord's record: a benefits screen of the case-file application. */
const BASE_CONTEXT: FeedbackRecord['context'] = {
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
};

/**
 * The one record factory of the tests and the benches (issue #15): a valid FeedbackRecord with a
 * fresh id; `overrides` replace top-level fields. Parsed against the schema, so an override that makes
 * it invalid fails here, loudly, rather than later in a test; `{ check: false }` skips that where
 * thousands are made (benches). For a deliberately invalid item, spread the result:
 * `{ ...makeRecord(), category: 'NOPE' }`. Runs in Node and in the benchmark's service worker alike.
 */
export function makeRecord(
  overrides: Partial<FeedbackRecord> = {},
  { check = true }: { check?: boolean } = {},
): FeedbackRecord {
  const record = {
    schemaVersion: RECORD_SCHEMA_VERSION,
    id: crypto.randomUUID(),
    createdAt: '2026-11-25T11:02:03.123+01:00',
    note: 'Der Bescheid lässt sich erst nach dem dritten Speichern drucken.',
    category: 'cumbersome',
    impact: 'slows',
    duringAppointment: true,
    minutesLost: 5,
    context: structuredClone(BASE_CONTEXT),
    reporter: { mode: 'unit', unit: 'Team 123 – Leistung' },
    redaction: { counts: { name: 1 } },
    answerSecret: newAnswerSecret(),
    ...overrides,
  } as FeedbackRecord;
  return check ? FeedbackRecord.parse(record) : record;
}

/**
 * The small record the sync benchmark sends and the sync tests count bytes with: short texts, no
 * reporter, nothing masked. `createdAt` as the extension writes it (utils/sync/transport.ts isoWithOffset).
 */
export function smallRecord(id: string, createdAt: string, { check = true } = {}): FeedbackRecord {
  return makeRecord(
    {
      id,
      createdAt,
      note: 'Benchmark: Speichern dauert zu lange',
      category: 'slow',
      impact: 'slows',
      duringAppointment: false,
      minutesLost: 2,
      context: {
        ...BASE_CONTEXT,
        app: 'Benchmark',
        url: 'http://localhost/akte/:id',
        routeTemplate: '/akte/:id',
        title: 'Akte',
        screen: { name: 'Akte' },
        viewport: { width: 1280, height: 800 },
        browser: { name: 'Chromium', version: '0' },
        extensionVersion: '0.0.0',
        sinceLoadMs: 1000,
      },
      reporter: { mode: 'none' },
      redaction: { counts: {} },
    },
    { check },
  );
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
    batchId: crypto.randomUUID(),
    sentAt: '2026-11-25T11:05:00.000+01:00',
    client: { extensionVersion: '0.1.0', browser: 'chrome 131' },
    items,
    ...overrides,
  };
}
