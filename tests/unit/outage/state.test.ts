// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  declareOutage,
  EPISODE_MAX_MS,
  type FailureEvent,
  failureInTab,
  newEpisode,
  type OutageStates,
  pruneOutages,
  recordFailure,
  recordSuccess,
} from '../../../utils/outage/state';

const T0 = Date.parse('2026-12-07T09:14:00Z');
const MINUTE = 60_000;

let counter = 0;
const episodes = () => `e${String(++counter).padStart(15, '0')}`;

const failure = (patch: Partial<FailureEvent> = {}): FailureEvent => ({
  app: 'E-Akte',
  kind: 'network',
  code: 'ERR_CONNECTION_REFUSED',
  at: T0,
  url: 'http://eakte.example/akte/:id',
  routeTemplate: '/akte/:id',
  tabId: 7,
  ...patch,
});

describe('the failure state of an application', () => {
  it('starts an episode at the first failure and keeps it, with its start, while failures go on', () => {
    const first = recordFailure({}, failure(), episodes);
    const episode = first['E-Akte']?.episode;
    expect(first['E-Akte']).toMatchObject({ since: T0, failing: { kind: 'network', tabIds: [7] } });
    const second = recordFailure(
      first,
      failure({ at: T0 + 5 * MINUTE, kind: 'http', code: '503', tabId: 8, routeTemplate: '/suche' }),
      episodes,
    );
    expect(second['E-Akte']).toMatchObject({
      episode,
      since: T0,
      failing: { kind: 'http', code: '503', at: T0 + 5 * MINUTE, routeTemplate: '/suche', tabIds: [7, 8] },
    });
  });

  it('keeps applications apart', () => {
    const states = recordFailure(
      recordFailure({}, failure(), episodes),
      failure({ app: 'Leistung' }),
      episodes,
    );
    expect(states['E-Akte']?.episode).not.toBe(states.Leistung?.episode);
  });

  it('is offered only in the tabs whose load failed', () => {
    const states = recordFailure({}, failure(), episodes);
    expect(failureInTab(states, 'E-Akte', 7, T0 + MINUTE)?.failing.code).toBe('ERR_CONNECTION_REFUSED');
    expect(failureInTab(states, 'E-Akte', 9, T0 + MINUTE)).toBeUndefined();
    expect(failureInTab(states, 'Leistung', 7, T0 + MINUTE)).toBeUndefined();
  });

  it('ends with a successful load of the application: the next failure is a new episode', () => {
    const failed = recordFailure({}, failure(), episodes);
    const healed = recordSuccess(failed, 'E-Akte', T0 + MINUTE);
    expect(healed).toEqual({});
    const again = recordFailure(healed ?? {}, failure({ at: T0 + 2 * MINUTE }), episodes);
    expect(again['E-Akte']?.episode).not.toBe(failed['E-Akte']?.episode);
    expect(again['E-Akte']?.since).toBe(T0 + 2 * MINUTE);
  });

  it('a successful load changes nothing (no write) when nothing failed', () => {
    expect(recordSuccess({}, 'E-Akte', T0)).toBeUndefined();
    const other = recordFailure({}, failure({ app: 'Leistung' }), episodes);
    expect(recordSuccess(other, 'E-Akte', T0)).toBeUndefined();
  });

  it('an episode lasts at most two hours: then a failure starts a new one', () => {
    const failed = recordFailure({}, failure(), episodes);
    const late = recordFailure(failed, failure({ at: T0 + EPISODE_MAX_MS - 1 }), episodes);
    expect(late['E-Akte']?.episode).toBe(failed['E-Akte']?.episode);
    const later = recordFailure(late, failure({ at: T0 + EPISODE_MAX_MS }), episodes);
    expect(later['E-Akte']?.episode).not.toBe(failed['E-Akte']?.episode);
    expect(later['E-Akte']?.since).toBe(T0 + EPISODE_MAX_MS);
    // Nor is an expired one offered.
    expect(failureInTab(late, 'E-Akte', 7, T0 + EPISODE_MAX_MS)).toBeUndefined();
    expect(pruneOutages(late, T0 + EPISODE_MAX_MS)).toEqual({});
  });

  it('pruning returns the same object when nothing expired (the caller then writes nothing)', () => {
    const states: OutageStates = recordFailure({}, failure(), episodes);
    expect(pruneOutages(states, T0 + MINUTE)).toBe(states);
  });
});

describe('a declared outage ("Das ist eine Störung")', () => {
  it('joins the observed episode of the application', () => {
    const failed = recordFailure({}, failure(), episodes);
    const { state } = declareOutage(failed, 'E-Akte', T0 + MINUTE, episodes);
    expect(state.episode).toBe(failed['E-Akte']?.episode);
    expect(state.since).toBe(T0);
  });

  it('starts its own episode, which successful loads do not end (the app loads, but is broken)', () => {
    const { states, state } = declareOutage({}, 'E-Akte', T0, episodes);
    expect(state).toMatchObject({ since: T0, declared: true });
    expect(recordSuccess(states, 'E-Akte', T0 + MINUTE)).toBeUndefined();
    const next = declareOutage(states, 'E-Akte', T0 + 10 * MINUTE, episodes);
    expect(next.state.episode).toBe(state.episode);
    // A failure seen meanwhile stops failing with the next good load; the episode stays.
    const failed = recordFailure(next.states, failure({ at: T0 + 11 * MINUTE }), episodes);
    expect(failed['E-Akte']?.episode).toBe(state.episode);
    const healed = recordSuccess(failed, 'E-Akte', T0 + 12 * MINUTE);
    expect(healed?.['E-Akte']).toMatchObject({ episode: state.episode, declared: true });
    expect(healed?.['E-Akte']?.failing).toBeUndefined();
    // And after two hours it is gone.
    expect(declareOutage(states, 'E-Akte', T0 + EPISODE_MAX_MS, episodes).state.episode).not.toBe(
      state.episode,
    );
  });
});

describe('episode ids', () => {
  it('are 64 random bits in hex, as the record schema wants', () => {
    const ids = new Set(Array.from({ length: 50 }, newEpisode));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{16}$/);
  });
});
