import { z } from 'zod';
import { MaskWords } from '../../capture/mask-words';
import { OutboxEntry, OutboxStatus } from '../../schema/outbox';
import { Impact, NoteInput } from '../../schema/record';
import { OfficerStatus } from '../../schema/wire';
import { SyncState } from '../../sync/state';
import { Empty, Ok, type ProtocolSpec } from './shared';

/** Which records the list shows. */
export const OutboxFilter = z.enum(['all', 'pending', 'sent', 'failed']);
export type OutboxFilter = z.infer<typeof OutboxFilter>;

/** Where a page ended (see utils/store/outbox-query.ts). */
export const PageCursor = z.object({ createdAt: z.number(), id: z.uuid() });
export type PageCursor = z.infer<typeof PageCursor>;

/**
 * One row of the list: enough to recognise a note, nothing heavy. Screenshots stay in the background;
 * the full record crosses only when the caseworker opens it.
 */
export const OutboxSummary = z.object({
  id: z.uuid(),
  createdAt: z.number(),
  status: OutboxStatus,
  app: z.string(),
  screen: z.string(),
  category: z.string(),
  impact: Impact,
  firstLine: z.string(),
  sentAt: z.number().optional(),
  failure: z.object({ code: z.string(), reason: z.string() }).optional(),
  officer: z.object({ status: OfficerStatus, hasReply: z.boolean(), read: z.boolean() }).optional(),
});
export type OutboxSummary = z.infer<typeof OutboxSummary>;

/** The counts at the top of the popup that cost little to read (sent comes separately). */
export const OutboxCounts = z.object({
  pending: z.number().int(),
  failed: z.number().int(),
  /** Records with an officer answer the caseworker has not opened yet. */
  unread: z.number().int(),
});
export type OutboxCounts = z.infer<typeof OutboxCounts>;

export const OutboxOverview = z.object({
  counts: OutboxCounts,
  sync: SyncState,
  /** True when records are not getting through and a person may need to act (the badge is red). */
  failing: z.boolean(),
  endpointConfigured: z.boolean(),
});
export type OutboxOverview = z.infer<typeof OutboxOverview>;

/** What the popup needs before it can show anything: language, labels, limits, the active tab. */
export const OutboxSetup = z.object({
  lang: z.enum(['de', 'en']),
  categories: z.array(z.object({ id: z.string(), label: z.string() })),
  noteMax: z.number().int(),
  minutesMax: z.number().int(),
  retentionDays: z.number().int(),
  /** Whether the active tab's URL belongs to a configured site (so the in-page dialog can open there). */
  siteConfigured: z.boolean(),
});
export type OutboxSetup = z.infer<typeof OutboxSetup>;

export const OutboxDetail = z.object({
  entry: OutboxEntry,
  /** The entry's list row, so the list can update in place after an edit, retry or read. */
  summary: OutboxSummary,
  /** A send may be in flight: edit and delete of a pending record are refused until it settles. */
  sending: z.boolean(),
});
export type OutboxDetail = z.infer<typeof OutboxDetail>;

export const ExportItem = z.object({
  status: OutboxStatus,
  createdAt: z.number(),
  sentAt: z.number().optional(),
  attempts: z.number().int(),
  failure: OutboxEntry.shape.failure,
  officer: OutboxEntry.shape.officer,
  record: OutboxEntry.shape.record,
});

const RecordRef = z.object({ id: z.uuid() });

/** Messages of the caseworker's outbox (popup): list, edit, delete, send now, answers. */
export const outboxProtocol = {
  /** Popup: language, categories and limits; whether the active tab is a configured site. */
  'outbox:setup': {
    from: 'page',
    request: z.object({
      tabUrl: z.string().max(8000).optional(),
      /** The tab the popup opened over: the toolbar icon granted activeTab for it (screenshots). */
      tabId: z.number().int().optional(),
    }),
    response: OutboxSetup,
  },
  /** Popup: counts by status, unread answers and the sync state in one read. */
  'outbox:overview': { from: 'page', request: Empty, response: OutboxOverview },
  /** Popup: how many sent records this device keeps; asked after the list is shown (it walks them all). */
  'outbox:count-sent': { from: 'page', request: Empty, response: z.object({ sent: z.number().int() }) },
  /** Popup: one page of the list, newest first. */
  'outbox:page': {
    from: 'page',
    request: z.object({ filter: OutboxFilter, after: PageCursor.optional() }),
    response: z.object({ items: z.array(OutboxSummary), next: PageCursor.optional() }),
  },
  /** Popup: one record exactly as stored (and sent). */
  'outbox:get': { from: 'page', request: RecordRef, response: OutboxDetail },
  /**
   * Popup: change the caseworker's part of a pending record; the note is redacted again, also masking
   * the words the caseworker chose.
   */
  'outbox:edit': {
    from: 'page',
    request: z.object({ id: z.uuid(), input: NoteInput, maskWords: MaskWords.optional() }),
    response: OutboxDetail,
  },
  /** Popup: delete a record from this device (a pending one also leaves the send queue). */
  'outbox:delete': { from: 'page', request: RecordRef, response: Ok },
  /** Popup: put a failed record back into the send queue. */
  'outbox:retry': { from: 'page', request: RecordRef, response: OutboxDetail },
  /** Popup: "send now": one forced sync pass; answers with the overview afterwards. */
  'outbox:send-now': { from: 'page', request: Empty, response: OutboxOverview },
  /** Popup: the caseworker has seen the officers' latest answer on this record. */
  'outbox:mark-read': { from: 'page', request: RecordRef, response: Ok },
  /** Popup: one page of the caseworker's own records for the JSON export (their right of access). */
  'outbox:export': {
    from: 'page',
    request: z.object({ after: PageCursor.optional() }),
    response: z.object({ items: z.array(ExportItem), next: PageCursor.optional() }),
  },
} as const satisfies ProtocolSpec;
