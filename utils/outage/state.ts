import type { Outage } from '../schema/record';

/**
 * The device's view of one application's outage (issue #17): when it first failed, how it fails now,
 * which tabs show the failure, and the episode id that ties this device's reports of one outage
 * together. Pure functions over a plain object, so the background can keep it in storage.session and
 * the tests can drive it with a clock.
 */

/** An episode lives at most this long from its first failure: after that a failure starts a new one. */
export const EPISODE_MAX_MS = 2 * 60 * 60 * 1000;

/** How the application fails right now, as last seen. */
export interface Failing {
  kind: Outage['kind'];
  code?: string;
  /** Epoch ms of the last failure seen. */
  at: number;
  /** The address the caseworker tried to reach, redacted (utils/redact/url.ts). */
  url: string;
  routeTemplate: string;
  /** Tabs whose last top-level navigation to this application failed. */
  tabIds: number[];
}

export interface AppOutage {
  app: string;
  episode: string;
  /** Epoch ms of the first failure (or declaration) of this episode. */
  since: number;
  /** Present while the application fails; a successful load removes it. */
  failing?: Failing;
  /**
   * The caseworker declared an outage in this episode ("Das ist eine Störung"): the application loads
   * but is broken, so its successful loads must not end the episode, or each report would count as
   * another installation.
   */
  declared?: boolean;
}

/** Outages by application name. */
export type OutageStates = Readonly<Record<string, AppOutage>>;

/** A fresh episode id: 64 random bits as hex. */
export function newEpisode(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
}

/** The states without episodes older than {@link EPISODE_MAX_MS}; the same object when none is. */
export function pruneOutages(states: OutageStates, now: number): OutageStates {
  const stale = Object.values(states).filter((state) => now - state.since >= EPISODE_MAX_MS);
  if (stale.length === 0) return states;
  const kept = { ...states };
  for (const state of stale) delete kept[state.app];
  return kept;
}

/** What the browser saw fail. */
export interface FailureEvent {
  app: string;
  kind: Outage['kind'];
  code?: string;
  at: number;
  url: string;
  routeTemplate: string;
  tabId: number;
}

/** The states after a failed top-level load: the episode starts here or goes on. */
export function recordFailure(
  states: OutageStates,
  event: FailureEvent,
  episode: () => string = newEpisode,
): OutageStates {
  const current = pruneOutages(states, event.at)[event.app];
  const base: AppOutage = current ?? { app: event.app, episode: episode(), since: event.at };
  const tabIds = [...new Set([...(current?.failing?.tabIds ?? []), event.tabId])];
  const failing: Failing = {
    kind: event.kind,
    ...(event.code !== undefined ? { code: event.code } : {}),
    at: event.at,
    url: event.url,
    routeTemplate: event.routeTemplate,
    tabIds,
  };
  return { ...pruneOutages(states, event.at), [event.app]: { ...base, failing } };
}

/**
 * The states after a successful top-level load of `app`, or undefined when nothing changes (the
 * common case: the caller then writes nothing). An observed episode ends; a declared one only stops
 * failing.
 */
export function recordSuccess(states: OutageStates, app: string, now: number): OutageStates | undefined {
  const current = states[app];
  if (!current) return undefined;
  const rest = { ...states };
  delete rest[app];
  if (current.declared && now - current.since < EPISODE_MAX_MS) {
    if (!current.failing) return undefined;
    const { failing: _, ...declared } = current;
    return { ...rest, [app]: declared };
  }
  return rest;
}

/** The caseworker says `app` is broken: the running episode, or a new declared one. */
export function declareOutage(
  states: OutageStates,
  app: string,
  now: number,
  episode: () => string = newEpisode,
): { states: OutageStates; state: AppOutage } {
  const pruned = pruneOutages(states, now);
  const state: AppOutage = { ...(pruned[app] ?? { app, episode: episode(), since: now }), declared: true };
  return { states: { ...pruned, [app]: state }, state };
}

/** The failure `tabId` shows for `app`, if its last top-level load of the app failed in a live episode. */
export function failureInTab(
  states: OutageStates,
  app: string,
  tabId: number,
  now: number,
): (AppOutage & { failing: Failing }) | undefined {
  const state = states[app];
  if (!state?.failing || now - state.since >= EPISODE_MAX_MS) return undefined;
  return state.failing.tabIds.includes(tabId) ? (state as AppOutage & { failing: Failing }) : undefined;
}
