import { organisationRedaction } from '../../utils/capture/build-context';
import { AppError } from '../../utils/errors';
import { uiLang } from '../../utils/i18n/lang';
import type { OutboxDetail, OutboxOverview, outboxProtocol } from '../../utils/messaging/protocol/outbox';
import { ensureLexicon } from '../../utils/redact/lexicon-browser';
import { redactText } from '../../utils/redact/text';
import type { OutboxEntry } from '../../utils/schema/outbox';
import { MINUTES_MAX, NOTE_MAX, type NoteInput } from '../../utils/schema/record';
import type { Settings } from '../../utils/schema/settings';
import { getEffectiveSettings } from '../../utils/settings/effective';
import { findSite } from '../../utils/sites/match';
import {
  countSent,
  countWaiting,
  deleteEntry,
  editPending,
  isSending,
  readExportPage,
  readPage,
} from '../../utils/store/outbox-query';
import { summarize } from '../../utils/store/outbox-summary';
import { requeue } from '../../utils/store/queue';
import { getRecord } from '../../utils/store/records';
import {
  getSyncState,
  markAnswerRead,
  refreshBadge,
  requestSync,
  syncNow,
  unreadAnswerCount,
} from '../../utils/sync';
import { isFailing } from '../../utils/sync/state';
import type { HandlersFor } from './router';
import { noteGrant } from './tab-grants';

/** What the outbox handlers need from the rest of the background (injected, so tests can replace it). */
export interface OutboxDeps {
  /** The effective settings (policy over local over defaults). */
  settings(): Promise<Settings>;
  /** One forced sync pass ("send now"); resolves when it is over. */
  syncNow(): Promise<unknown>;
  /** Asks for an automatic pass soon (after a retry). */
  requestSync(reason: string): void;
  /** Repaints the toolbar badge (after anything that changes pending or unread counts). */
  refreshBadge(): Promise<void>;
}

export const defaultOutboxDeps: OutboxDeps = {
  settings: getEffectiveSettings,
  syncNow: () => syncNow(),
  requestSync: (reason) => requestSync(reason),
  refreshBadge,
};

async function overview(deps: OutboxDeps): Promise<OutboxOverview> {
  const [counts, unread, sync, settings] = await Promise.all([
    countWaiting(),
    unreadAnswerCount(),
    getSyncState(),
    deps.settings(),
  ]);
  return {
    counts: { ...counts, unread },
    sync,
    failing: isFailing(sync),
    endpointConfigured: settings.endpoint !== '',
  };
}

async function detail(entry: OutboxEntry): Promise<OutboxDetail> {
  return { entry, summary: summarize(entry), sending: entry.status === 'pending' && (await isSending()) };
}

/**
 * The edited record: the caseworker's fields replaced, the note redacted again with the organisation's
 * terms and patterns. The page's own terms (names seen on screen) are gone by now, so the popup warns
 * that edits should not add client data; placeholders already in the note are kept as they are, and
 * words the caseworker chose are masked as [NAME].
 */
export function applyEdit(
  record: OutboxEntry['record'],
  input: NoteInput,
  settings: Settings,
  maskWords: readonly string[] = [],
) {
  const note = redactText(input.note, {
    pageTerms: [],
    ...organisationRedaction(settings),
    maskWords,
  });
  // Masks the edit added are counted on top; the context's masks are unchanged.
  const counts = { ...record.redaction.counts };
  for (const [kind, n] of Object.entries(note.counts)) counts[kind] = (counts[kind] ?? 0) + (n ?? 0);
  return {
    ...record,
    note: note.text,
    category: input.category,
    impact: input.impact,
    duringAppointment: input.duringAppointment,
    minutesLost: input.minutesLost,
    redaction: { counts },
  };
}

let countingSent: Promise<number> | undefined;

/** The outbox: list, edit, delete, send now, answers. */
export function outboxHandlers(deps: OutboxDeps = defaultOutboxDeps): HandlersFor<typeof outboxProtocol> {
  return {
    async 'outbox:setup'({ tabUrl, tabId }) {
      // The popup opened from the toolbar icon: the browser granted activeTab for the tab under it.
      if (tabId !== undefined) void noteGrant(tabId).catch(() => undefined);
      const settings = await deps.settings();
      const lang = uiLang(settings.uiLanguage);
      return {
        lang,
        categories: settings.categories.map((c) => ({ id: c.id, label: c[lang] })),
        noteMax: NOTE_MAX,
        minutesMax: MINUTES_MAX,
        retentionDays: settings.retentionDays,
        siteConfigured: tabUrl ? findSite(settings.sites, tabUrl) !== undefined : false,
      };
    },

    async 'outbox:overview'() {
      return overview(deps);
    },

    async 'outbox:count-sent'() {
      // Popups opened in quick succession share one read — or one repair walk — instead of stacking them up.
      countingSent ??= countSent().finally(() => {
        countingSent = undefined;
      });
      return { sent: await countingSent };
    },

    async 'outbox:page'({ filter, after }) {
      const page = await readPage({
        ...(filter === 'all' ? {} : { status: filter }),
        ...(after ? { after } : {}),
      });
      const items = page.entries.map(summarize);
      return page.next ? { items, next: page.next } : { items };
    },

    async 'outbox:get'({ id }) {
      const entry = await getRecord(id);
      if (!entry) throw new AppError('not_found', id);
      return detail(entry);
    },

    async 'outbox:edit'({ id, input, maskWords }) {
      const [settings] = await Promise.all([deps.settings(), ensureLexicon()]);
      const current = await getRecord(id);
      if (!current) throw new AppError('not_found', id);
      // A category the organisation has since retired may stay; switching to an unknown one may not.
      const known = settings.categories.some((c) => c.id === input.category);
      if (!known && input.category !== current.record.category)
        throw new AppError('invalid_record', 'category');
      const entry = await editPending(id, (record) => applyEdit(record, input, settings, maskWords));
      return detail(entry);
    },

    async 'outbox:delete'({ id }) {
      const current = await getRecord(id);
      if (!current) throw new AppError('not_found', id);
      // Out of the unread list first: a deleted record must not keep the badge lit.
      if (current.officer && !current.officer.read) await markAnswerRead(id);
      await deleteEntry(id);
      void deps.refreshBadge();
      return { ok: true as const };
    },

    async 'outbox:retry'({ id }) {
      const entry = await requeue(id);
      deps.requestSync('retry');
      void deps.refreshBadge();
      return detail(entry);
    },

    async 'outbox:send-now'() {
      await deps.syncNow();
      return overview(deps);
    },

    async 'outbox:mark-read'({ id }) {
      await markAnswerRead(id);
      void deps.refreshBadge();
      return { ok: true as const };
    },

    async 'outbox:export'({ after }) {
      return readExportPage(after);
    },
  };
}
