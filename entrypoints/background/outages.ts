import { browser } from 'wxt/browser';
import { localTimestamp } from '../../utils/capture/build-record';
import { browserInfo, extensionVersion } from '../../utils/capture/environment';
import { AppError } from '../../utils/errors';
import { type Lang, uiLang } from '../../utils/i18n/lang';
import { recordId } from '../../utils/ids';
import type { OutageOffer, outageProtocol } from '../../utils/messaging/protocol/outage';
import { buildOutageRecord } from '../../utils/outage/build-record';
import { httpFailure, isHealthyStatus, navigationFailure } from '../../utils/outage/codes';
import { isLoginPath, LoginLoops } from '../../utils/outage/login-loop';
import {
  type AppOutage,
  declareOutage,
  type Failing,
  failureInTab,
  type OutageStates,
  pruneOutages,
  recordFailure,
  recordSuccess,
} from '../../utils/outage/state';
import { outageNote, outageWords } from '../../utils/outage/words';
import { ensureLexicon } from '../../utils/redact/lexicon-browser';
import { redactUrl } from '../../utils/redact/url';
import { FeedbackRecord, type Outage } from '../../utils/schema/record';
import type { Settings, Site } from '../../utils/schema/settings';
import { findSite } from '../../utils/sites/match';
import { episodeReports } from '../../utils/store/episode-reports';
import { addRecord } from '../../utils/store/records';
import { currentReporter } from './reporter';
import type { HandlersFor } from './router';
import { type RequestDetails, type SiteRequests, siteRequests, webRequestEvents } from './site-requests';

/**
 * Outages of the configured applications (issue #17): the background watches top-level navigations
 * to the configured sites fail (the browser's own error page, a 5xx answer) and keeps, per application,
 * since when it fails, how, and the episode id (utils/outage/state.ts). The popup's "Störung melden"
 * card and the shortcut read it; a report is built here, without a content script, which the
 * browser's error page never runs.
 *
 * Kept in storage.session (memory only, never on disk) so a stopped and restarted service worker
 * still knows; mirrored in this worker's memory, so a successful page load, the common case, costs
 * one read per worker lifetime and no write unless something had failed before.
 */
const KEY = 'outages';

let mirror: Promise<OutageStates> | undefined;
// Updates run one after the other: two failures seen at once must not both start an episode.
let queue: Promise<unknown> = Promise.resolve();
// Failures still being recorded (the first one of a worker loads the redaction word lists): the popup
// opened at once over the error page, or the shortcut, waits for them rather than miss the outage.
let recording: Promise<unknown> = Promise.resolve();

function track(work: Promise<unknown>): void {
  const settled = work.catch(() => undefined);
  recording = Promise.all([recording, settled]);
}

function readStates(): Promise<OutageStates> {
  mirror ??= browser.storage.session
    .get(KEY)
    .then((items) => (items[KEY] ?? {}) as OutageStates)
    .catch(() => {
      mirror = undefined;
      return {};
    });
  return mirror;
}

/** Applies `change` to the stored states; `undefined` from it means "nothing changed, write nothing". */
function updateStates(change: (states: OutageStates) => OutageStates | undefined): Promise<OutageStates> {
  const run = queue.then(async () => {
    const current = await readStates();
    const next = change(current);
    if (next === undefined || next === current) return current;
    await browser.storage.session.set({ [KEY]: next });
    mirror = Promise.resolve(next);
    return next;
  });
  queue = run.catch(() => undefined);
  return run;
}

/** Forgets the mirror (tests start a fresh "worker"). */
export function resetOutageMirror(): void {
  mirror = undefined;
  queue = Promise.resolve();
  recording = Promise.resolve();
}

/** What the observation needs from the rest of the background. */
export interface OutageDeps {
  /** The configured sites whose pages we may observe (configured and granted). */
  sites(): Promise<readonly Site[]>;
}

/** A top-level navigation to `url` in `tabId` failed: start or continue the application's episode. */
export async function noteFailure(
  deps: OutageDeps,
  tabId: number,
  url: string,
  failure: { kind: Outage['kind']; code?: string },
  at = Date.now(),
): Promise<void> {
  const site = findSite(await deps.sites(), url);
  if (!site) return;
  // The route is redacted before it is kept: the address may carry a client's name or number.
  await ensureLexicon();
  const page = redactUrl(url, site.allowedParams);
  await updateStates((states) =>
    recordFailure(states, {
      app: site.app,
      ...failure,
      at,
      url: page.url,
      routeTemplate: page.routeTemplate,
      tabId,
    }),
  );
}

/** A top-level load of `url` succeeded: its application works again. Writes nothing when nothing failed. */
export async function noteSuccess(deps: OutageDeps, url: string, at = Date.now()): Promise<void> {
  const states = await readStates();
  // The common case, and what every page load of a working application pays: one look at memory.
  if (Object.keys(states).length === 0) return;
  const site = findSite(await deps.sites(), url);
  // Expired episodes go too, so the state empties and later loads are back to the one look.
  await updateStates((current) => {
    const live = pruneOutages(current, at);
    const next = site ? recordSuccess(live, site.app, at) : undefined;
    return next ?? (live === current ? undefined : live);
  });
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}

/**
 * Watches top-level navigations fail and succeed. Register synchronously at the top of the background:
 * these events wake the worker. Observing only (no blocking, no extra permission beyond webRequest):
 * the browser reports requests of hosts we hold permission for only, `requests` narrows them to the
 * configured sites' pages, and the configured sites are looked up per event, since they change at any
 * time. Returns the function that removes the listeners.
 */
export function watchOutages(deps: OutageDeps, requests: SiteRequests = siteRequests()): () => void {
  const loops = new LoginLoops();
  const onError = (details: RequestDetails & { error: string }) => {
    if (details.tabId < 0 || details.frameId !== 0) return;
    const failure = navigationFailure(details.error);
    if (failure) track(noteFailure(deps, details.tabId, details.url, failure));
  };
  const onCompleted = (details: RequestDetails & { statusCode: number }) => {
    if (details.tabId < 0 || details.frameId !== 0) return;
    const failure = httpFailure(details.statusCode);
    if (failure) track(noteFailure(deps, details.tabId, details.url, failure));
    else if (isHealthyStatus(details.statusCode)) {
      // A login page loading is no sign the application works: three in a minute are a login loop.
      if (isLoginPath(pathOf(details.url))) {
        if (loops.land(details.tabId, pathOf(details.url), Date.now()))
          track(noteFailure(deps, details.tabId, details.url, { kind: 'login-loop' }));
        return;
      }
      loops.forgetTab(details.tabId);
      void noteSuccess(deps, details.url).catch(() => undefined);
    }
  };
  const events = webRequestEvents();
  const removers = [
    requests.on(events.onErrorOccurred, onError),
    requests.on(events.onCompleted, onCompleted),
  ];
  return () => {
    for (const remove of removers) remove();
  };
}

/**
 * The failure `tabId` shows. On the browser's error page the tab's address may be the error page's
 * own (chrome-error://…); then the tab alone decides. Where the address is a configured site, only
 * that application's failure counts (the tab has moved on from an earlier failure).
 */
async function failureOfTab(
  settings: Settings,
  tabId: number,
  tabUrl: string,
): Promise<(AppOutage & { failing: Failing }) | undefined> {
  await recording;
  const now = Date.now();
  const states = pruneOutages(await readStates(), now);
  const site = findSite(settings.sites, tabUrl);
  if (site) return failureInTab(states, site.app, tabId, now);
  if (/^https?:/i.test(tabUrl)) return undefined;
  return Object.keys(states)
    .map((app) => failureInTab(states, app, tabId, now))
    .filter((state) => state !== undefined)
    .sort((a, b) => b.failing.at - a.failing.at)[0];
}

async function offerOf(state: AppOutage & { failing: Failing }, lang: Lang): Promise<OutageOffer> {
  const { kind, code, routeTemplate } = state.failing;
  const earlier = await episodeReports(state.episode, state.since).catch(() => ({ count: 0 }));
  return {
    app: state.app,
    kind,
    ...(code !== undefined ? { code } : {}),
    words: outageWords(kind, code, lang),
    since: state.since,
    routeTemplate,
    note: outageNote(state.app, kind, code, lang),
    reported: earlier.count,
    ...('incident' in earlier && earlier.incident ? { incident: earlier.incident } : {}),
  };
}

/**
 * The running episode of `app` for a report the caseworker declares in the note dialog
 * ("Das ist eine Störung"): the observed one if the app failed, else a new declared one.
 */
export async function declaredOutage(
  app: string,
  kind: Extract<Outage['kind'], 'unresponsive' | 'error-message'>,
  now = Date.now(),
): Promise<Outage> {
  let state: AppOutage | undefined;
  await updateStates((states) => {
    const declared = declareOutage(states, app, now);
    state = declared.state;
    return declared.states;
  });
  if (!state) throw new AppError('internal', 'no outage state');
  return { kind, since: localTimestamp(new Date(state.since)), source: 'declared', episode: state.episode };
}

export interface OutageHandlerDeps {
  settings(): Promise<Settings>;
  onRecordSaved(): void;
}

/** The popup's outage card: what it offers, and the report. */
export function outageHandlers(deps: OutageHandlerDeps): HandlersFor<typeof outageProtocol> {
  return {
    async 'outage:offer'({ tabId, tabUrl }) {
      const settings = await deps.settings();
      const state = await failureOfTab(settings, tabId, tabUrl);
      return { offer: state ? await offerOf(state, uiLang(settings.uiLanguage)) : null };
    },

    async 'outage:report'({ tabId, tabUrl, note, screen, uiLanguage }) {
      const [settings] = await Promise.all([deps.settings(), ensureLexicon()]);
      const state = await failureOfTab(settings, tabId, tabUrl);
      if (!state) throw new AppError('no_outage');
      const lang = uiLang(settings.uiLanguage);
      const site = settings.sites.find((s) => s.app === state.app);
      const tab = await browser.tabs.get(tabId).catch(() => undefined);
      const typed = note?.trim() ?? '';
      const record = buildOutageRecord({
        id: recordId(),
        createdAt: localTimestamp(),
        note: typed === '' ? outageNote(state.app, state.failing.kind, state.failing.code, lang) : typed,
        page: { url: state.failing.url, routeTemplate: state.failing.routeTemplate },
        outage: {
          kind: state.failing.kind,
          ...(state.failing.code !== undefined ? { code: state.failing.code } : {}),
          since: localTimestamp(new Date(state.since)),
          source: 'observed',
          episode: state.episode,
        },
        reporter: await currentReporter(settings),
        environment: {
          viewport: { width: tab?.width ?? screen.width, height: tab?.height ?? screen.height },
          screenSize: screen,
          uiLanguage,
        },
        options: {
          app: state.app,
          allowedParams: site?.allowedParams ?? [],
          redactionTerms: settings.redactionTerms,
          redactionPatterns: settings.redactionPatterns,
          redactAllDates: settings.redactAllDates,
          extensionVersion: extensionVersion(),
          browser: browserInfo(),
        },
      });
      const parsed = FeedbackRecord.safeParse(record);
      if (!parsed.success) throw new AppError('invalid_record', parsed.error.issues[0]?.path.join('.'));
      const entry = await addRecord(parsed.data);
      deps.onRecordSaved();
      return { id: entry.id };
    },
  };
}

/**
 * The shortcut over a failed page: no content script runs there to open the dialog, so the popup
 * opens with its "Störung melden" card. Resolves to whether it did. Chrome 127+ and Firefox open
 * the popup from a keyboard command; where the browser refuses, nothing happens, as before.
 */
export async function openOutagePopup(settings: () => Promise<Settings>): Promise<boolean> {
  await recording;
  if (Object.keys(await readStates()).length === 0) return false;
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  // No address: the tab is on a site we hold no permission for, so not on a failed application of ours.
  if (tab?.id === undefined || !tab.url) return false;
  const state = await failureOfTab(await settings(), tab.id, tab.url);
  if (!state) return false;
  await browser.action.openPopup();
  return true;
}
