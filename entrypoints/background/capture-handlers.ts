import { browser } from 'wxt/browser';
import { organisationRedaction } from '../../utils/capture/build-context';
import { buildRecord, localTimestamp } from '../../utils/capture/build-record';
import { browserInfo, extensionVersion } from '../../utils/capture/environment';
import { AppError } from '../../utils/errors';
import { uiLang } from '../../utils/i18n/lang';
import { recordId } from '../../utils/ids';
import type { Broadcast, ContentConfig, DialogSetup } from '../../utils/messaging/protocol';
import type { captureProtocol, DialogForm } from '../../utils/messaging/protocol/capture';
import { ensureLexicon } from '../../utils/redact/lexicon-browser';
import { extractPageTerms } from '../../utils/redact/page-terms';
import { FeedbackRecord, NOTE_MAX } from '../../utils/schema/record';
import type { Settings } from '../../utils/schema/settings';
import { findSite } from '../../utils/sites/match';
import { addRecord } from '../../utils/store/records';
import {
  beginCapture,
  claimCapture,
  dialogCapture,
  dropCapture,
  getCapture,
  updateCapture,
} from './captures';
import { activeSites } from './content-scripts';
import { dropDraft, putDraft, readDraft } from './drafts';
import { preferActiveFrame } from './frames';
import { declaredOutage } from './outages';
import { injectIntoTab } from './page-injection';
import { openQuestions, screenOf, shown } from './question-handlers';
import { currentReporter } from './reporter';
import { type HandlersFor, senderKind } from './router';
import { takeMaskedScreenshot } from './screenshot';
import { hasGrant, noteGrant } from './tab-grants';
import { openDialogInTab } from './tabs';

export interface CaptureDeps {
  /** The effective settings (policy over local over defaults). */
  settings(): Promise<Settings>;
  /** Called after a record is durably stored (schedules a sync). */
  onRecordSaved(): void;
}

/** The capture path: button config, capture, dialog setup, save, close. */
export function captureHandlers(deps: CaptureDeps): HandlersFor<typeof captureProtocol> {
  return {
    async 'content:config'(_data, sender): Promise<ContentConfig> {
      const settings = await deps.settings();
      const site = findSite(settings.sites, sender.url ?? '');
      return {
        lang: uiLang(settings.uiLanguage),
        corner: settings.buttonCorner,
        screenSelectors: site?.screenSelectors ?? [],
        sensitiveSelectors: site?.sensitiveSelectors ?? [],
      };
    },

    async 'content:frame-loaded'(_data, sender) {
      if (sender.tab?.id === undefined) throw new AppError('forbidden_sender');
      const settings = await deps.settings();
      await injectIntoTab(sender.tab.id, await activeSites(settings.sites));
      return { ok: true as const };
    },

    async 'capture:begin'({ capture: top, captureId }, sender) {
      // Announced before the first await: the dialog may already be asking for this capture.
      await beginCapture(
        captureId,
        (async () => {
          const settings = await deps.settings();
          const site = findSite(settings.sites, top.href);
          const capture =
            sender.tab?.id === undefined
              ? top
              : await preferActiveFrame(sender.tab.id, top, {
                  screenSelectors: site?.screenSelectors ?? [],
                });
          // While the user types: the save would otherwise find the page's client names itself.
          extractPageTerms(capture.pageTexts);
          return { capture, tabId: sender.tab?.id ?? -1, frameId: sender.frameId ?? 0, openedAt: Date.now() };
        })(),
      );
      return { ok: true as const };
    },

    async 'dialog:form'(): Promise<DialogForm> {
      const settings = await deps.settings();
      const lang = uiLang(settings.uiLanguage);
      return {
        lang,
        categories: settings.categories.map((c) => ({ id: c.id, label: c[lang] })),
        screenshotsAllowed: settings.screenshotsAllowed,
        noteMax: NOTE_MAX,
      };
    },

    async 'dialog:setup'({ captureId }, sender): Promise<DialogSetup> {
      const { capture, tabId } = await claimCapture(captureId, sender.tab?.id, sender.frameId);
      const [settings, draft, screenshotReady] = await Promise.all([
        deps.settings(),
        readDraft(tabId, capture),
        hasGrant(tabId),
      ]);
      const site = findSite(settings.sites, capture.href);
      const screen = screenOf(settings, capture.href, extractPageTerms(capture.pageTexts));
      const questions = (await openQuestions(settings, screen)).map(shown);
      const lang = uiLang(settings.uiLanguage);
      return {
        captureId,
        capture,
        app: site?.app ?? new URL(capture.href).hostname,
        lang,
        categories: settings.categories.map((c) => ({ id: c.id, label: c[lang] })),
        screenshotsAllowed: settings.screenshotsAllowed,
        allowedParams: site?.allowedParams ?? [],
        redactionTerms: settings.redactionTerms,
        redactionPatterns: settings.redactionPatterns,
        redactAllDates: settings.redactAllDates,
        ...(draft ? { draft } : {}),
        screenshotReady,
        questions,
      };
    },

    async 'draft:put'({ captureId, draft }, sender) {
      const open = await dialogCapture(captureId, sender.tab?.id, sender.frameId);
      await putDraft(open.tabId, open.capture, draft);
      return { ok: true as const };
    },

    async 'draft:discard'({ captureId }, sender) {
      const open = await dialogCapture(captureId, sender.tab?.id, sender.frameId);
      await dropDraft(open.tabId, open.capture);
      return { ok: true as const };
    },

    async 'screenshot:take'({ captureId }, sender) {
      const open = await dialogCapture(captureId, sender.tab?.id, sender.frameId);
      const settings = await deps.settings();
      if (!settings.screenshotsAllowed) throw new AppError('screenshot_forbidden');
      return takeMaskedScreenshot(open.tabId, {
        // What buildRecord redacts the record's text with (record:save below).
        redaction: {
          pageTerms: extractPageTerms(open.capture.pageTexts),
          ...organisationRedaction(settings),
        },
        sensitiveSelectors: findSite(settings.sites, open.capture.href)?.sensitiveSelectors ?? [],
      });
    },

    async 'record:save'({ captureId, input, withElement, screenshot, maskWords, outage }, sender) {
      // The name and word lists must be in before anything is redacted for storage.
      const [{ capture, tabId }, settings] = await Promise.all([
        dialogCapture(captureId, sender.tab?.id, sender.frameId),
        deps.settings(),
        ensureLexicon(),
      ]);
      if (screenshot && !settings.screenshotsAllowed) throw new AppError('screenshot_forbidden');
      if (!settings.categories.some((c) => c.id === input.category))
        throw new AppError('invalid_record', 'category');
      const site = findSite(settings.sites, capture.href);
      const app = site?.app ?? new URL(capture.href).hostname;
      const record = buildRecord({
        id: recordId(),
        createdAt: localTimestamp(),
        capture,
        input,
        withElement,
        maskWords,
        reporter: await currentReporter(settings),
        options: {
          app,
          allowedParams: site?.allowedParams ?? [],
          redactionTerms: settings.redactionTerms,
          redactionPatterns: settings.redactionPatterns,
          redactAllDates: settings.redactAllDates,
          extensionVersion: extensionVersion(),
          browser: browserInfo(),
        },
      });
      // A declared outage blocks the work by definition, whatever the form said (issue #17).
      const declared = outage
        ? { impact: 'blocks' as const, outage: await declaredOutage(app, outage.kind) }
        : {};
      const parsed = FeedbackRecord.safeParse({
        ...record,
        ...declared,
        ...(screenshot ? { screenshot } : {}),
      });
      if (!parsed.success) throw new AppError('invalid_record', parsed.error.issues[0]?.path.join('.'));
      const entry = await addRecord(parsed.data);
      // Stored: the draft has done its job (a failed save keeps it).
      await dropDraft(tabId, capture).catch(() => undefined);
      deps.onRecordSaved();
      return { id: entry.id };
    },

    async 'picker:start'({ captureId }, sender) {
      const open = await dialogCapture(captureId, sender.tab?.id, sender.frameId);
      await browser.tabs
        .sendMessage(open.tabId, { type: 'picker:start', captureId }, { frameId: 0 })
        .catch(() => {
          throw new AppError('no_content_script');
        });
      return { ok: true as const };
    },

    async 'capture:element'({ captureId, element }, sender) {
      const open =
        senderKind(sender) === 'page'
          ? await dialogCapture(captureId, sender.tab?.id, sender.frameId)
          : await getCapture(captureId, sender.tab?.id);
      const { element: _previous, ...rest } = open.capture;
      await updateCapture(captureId, { ...open, capture: element ? { ...rest, element } : rest });
      const broadcast: Broadcast = { type: 'broadcast', event: 'capture:element', captureId };
      // The dialog listens; no listener (dialog already closed) is fine.
      await browser.runtime.sendMessage(broadcast).catch(() => undefined);
      return { ok: true as const };
    },

    async 'dialog:close'({ captureId, notice }, sender) {
      const open = await getCapture(captureId, sender.tab?.id).catch(() => undefined);
      // Only the dialog holding the capture ends it. An expired one is gone here and still closes: the
      // content script closes only the dialog of the capture id it handed out, which no other frame has.
      const holder = open?.dialogFrameId;
      if (holder !== undefined && holder !== (sender.frameId ?? 0)) throw new AppError('unknown_capture');
      await dropCapture(captureId);
      if (sender.tab?.id !== undefined) {
        await browser.tabs
          .sendMessage(
            sender.tab.id,
            { type: 'ui:close', captureId, ...(notice ? { notice } : {}) },
            { frameId: open?.frameId ?? 0 },
          )
          .catch(() => undefined);
      }
      return { ok: true as const };
    },

    async 'dialog:open-in-tab'({ tabId }) {
      // Sent by the popup, which the toolbar icon opened: the browser granted activeTab for the tab.
      await noteGrant(tabId);
      await openDialogInTab(tabId);
      return { ok: true as const };
    },
  };
}
