import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { injectIntoTab, SLOW_PAGE_MS, watchPageLoads } from '../../../entrypoints/background/page-injection';
import { siteRequests } from '../../../entrypoints/background/site-requests';
import type { Site } from '../../../utils/schema/settings';
import { type FakeExtension, installFakeExtension } from '../../support/fake-extension';
import { EAKTE } from '../../support/settings';

const E: Site = { ...EAKTE, pattern: 'https://eakte.jobcenter.example/*' };
const PAGE = 'https://eakte.jobcenter.example/akte/1/uebersicht';

let fake: FakeExtension;
beforeEach(() => {
  fake = installFakeExtension([E.pattern]);
});

describe('injectIntoTab', () => {
  it('runs the content script in every frame on a configured site, and only there', async () => {
    fake.openTab(7, PAGE, 'https://eakte.jobcenter.example/frame', 'https://ads.example/banner');
    expect(await injectIntoTab(7, [E])).toBe(true);
    expect(fake.injections(7)).toEqual([1, 1, 0]);
  });

  it('runs it once per frame, however often and concurrently it is asked', async () => {
    fake.openTab(7, PAGE, 'https://eakte.jobcenter.example/frame');
    const results = await Promise.all([injectIntoTab(7, [E]), injectIntoTab(7, [E])]);
    expect(await injectIntoTab(7, [E])).toBe(false);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(fake.injections(7)).toEqual([1, 1]);
  });

  it('does not claim a frame that moved on to another address after it was listed', async () => {
    fake.openTab(7, PAGE);
    const scripting = fakeBrowser.scripting as unknown as { executeScript(o: unknown): Promise<unknown> };
    const listing = scripting.executeScript;
    scripting.executeScript = async (options) => {
      const result = await listing(options);
      // The user follows a link right after the frames were listed: same frame id, other page.
      const [top] = fake.tabs.get(7) ?? [];
      if (top) (top.world as { location: { href: string } }).location.href = 'https://intranet.example/hr/';
      return result;
    };
    expect(await injectIntoTab(7, [E])).toBe(false);
    expect(fake.injections(7)).toEqual([0]);
  });

  it('still serves the other frames when one is gone between listing and claiming', async () => {
    fake.openTab(7, PAGE, 'https://eakte.jobcenter.example/frame');
    const scripting = fakeBrowser.scripting as unknown as {
      executeScript(o: { target: { frameIds?: number[] } }): Promise<unknown>;
    };
    const real = scripting.executeScript;
    scripting.executeScript = async (options) => {
      if (options.target.frameIds?.length === 1 && options.target.frameIds[0] === 1)
        throw new Error('No frame with id 1');
      return real(options);
    };
    expect(await injectIntoTab(7, [E])).toBe(true);
    expect(fake.injections(7)).toEqual([1, 0]);
  });

  it('does nothing without configured sites', async () => {
    fake.openTab(7, PAGE);
    expect(await injectIntoTab(7, [])).toBe(false);
    expect(fake.executed).toEqual([]);
  });
});

describe('watchPageLoads', () => {
  let stop: () => void = () => undefined;
  afterEach(() => {
    stop();
    vi.useRealTimers();
  });
  /** The tabs' load states as tabs.get reports them. */
  const status = new Map<number, string>();
  /** fakeBrowser leaves webRequest unimplemented: listeners of onResponseStarted with their filters. */
  const responses: { listener: (details: unknown) => void; urls: string[] }[] = [];
  beforeEach(() => {
    status.clear();
    responses.length = 0;
    Object.assign(fakeBrowser, {
      webRequest: {
        onResponseStarted: {
          addListener: (listener: (details: unknown) => void, filter: { urls: string[] }) =>
            void responses.push({ listener, urls: filter.urls }),
          removeListener: (listener: (details: unknown) => void) =>
            void responses.splice(
              responses.findIndex((entry) => entry.listener === listener),
              1,
            ),
        },
      },
    });
    vi.spyOn(fakeBrowser.tabs, 'get').mockImplementation(
      async (tabId) =>
        ({ id: tabId, url: fake.tabs.get(tabId)?.[0]?.url, status: status.get(tabId) ?? 'loading' }) as never,
    );
  });
  /** The top-level response of `url` arrives in tab `tabId` (the browser has applied the filter). */
  const respond = async (tabId: number, url: string) => {
    for (const { listener } of [...responses]) listener({ tabId, frameId: 0, url });
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  /** Whether anything listens to the tabs' changes (fakeBrowser's events can tell). */
  const hears = (event: unknown) => (event as { hasListeners(): boolean }).hasListeners();
  const updated = (tabId: number, state: string, url?: string) => {
    status.set(tabId, state);
    return fakeBrowser.tabs.onUpdated.trigger(tabId, { status: state }, { id: tabId, url } as never);
  };

  it('injects when a configured page has finished loading, not while it loads', async () => {
    stop = watchPageLoads(async () => [E]);
    fake.openTab(7, PAGE);
    await updated(7, 'loading', PAGE);
    await respond(7, PAGE);
    expect(fake.injections(7)).toEqual([0]);
    await updated(7, 'complete', PAGE);
    await vi.waitFor(() => expect(fake.injections(7)).toEqual([1]));
  });

  it('hears of tabs only while a configured page loads (Chrome cannot filter them)', async () => {
    stop = watchPageLoads(async () => [E]);
    expect(hears(fakeBrowser.tabs.onUpdated)).toBe(false);
    fake.openTab(7, PAGE);
    await respond(7, PAGE);
    expect(hears(fakeBrowser.tabs.onUpdated)).toBe(true);
    await updated(7, 'complete', PAGE);
    await vi.waitFor(() => expect(fake.injections(7)).toEqual([1]));
    expect(hears(fakeBrowser.tabs.onUpdated)).toBe(false);
    expect(hears(fakeBrowser.tabs.onRemoved)).toBe(false);
  });

  it('injects into a page that had finished before its response was heard (a worker woken by it)', async () => {
    stop = watchPageLoads(async () => [E]);
    fake.openTab(7, PAGE);
    status.set(7, 'complete');
    await respond(7, PAGE);
    await vi.waitFor(() => expect(fake.injections(7)).toEqual([1]));
    await updated(7, 'complete', PAGE);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fake.injections(7)).toEqual([1]);
    expect(fake.executed).toHaveLength(2);
  });

  it('leaves pages of other sites and pages it may not read alone', async () => {
    stop = watchPageLoads(async () => [E]);
    fake.openTab(8, 'https://elsewhere.example/');
    fake.openTab(9, PAGE);
    fake.openTab(10, PAGE);
    // A host we hold permission for, but not configured (the filter was not narrowed here).
    await respond(8, 'https://elsewhere.example/');
    await updated(8, 'complete', 'https://elsewhere.example/');
    await respond(9, PAGE);
    // Without host permission the browser gives no address.
    await updated(9, 'complete');
    await respond(10, PAGE);
    await updated(10, 'complete', PAGE);
    await vi.waitFor(() => expect(fake.injections(10)).toEqual([1]));
    expect(new Set(fake.executed.map((call) => call.tabId))).toEqual(new Set([10]));
  });

  it('gives a page that never finishes loading the button after a while', async () => {
    vi.useFakeTimers();
    stop = watchPageLoads(async () => [E]);
    fake.openTab(7, PAGE);
    await updated(7, 'loading', PAGE);
    for (const { listener } of responses) listener({ tabId: 7, frameId: 0, url: PAGE });
    await vi.advanceTimersByTimeAsync(SLOW_PAGE_MS - 1);
    expect(fake.injections(7)).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    await vi.waitFor(() => expect(fake.injections(7)).toEqual([1]));
  });

  it('reads the configured sites afresh for each page', async () => {
    let sites: Site[] = [];
    const reads = vi.fn(async () => sites);
    stop = watchPageLoads(reads);
    fake.openTab(7, PAGE);
    await respond(7, PAGE);
    await updated(7, 'complete', PAGE);
    await vi.waitFor(() => expect(reads).toHaveBeenCalledTimes(1));
    // Let the first page's handling run to its end (a macrotask comes after all its microtasks).
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fake.executed).toEqual([]);
    sites = [E];
    await updated(7, 'loading', PAGE);
    await respond(7, PAGE);
    await updated(7, 'complete', PAGE);
    await vi.waitFor(() => expect(fake.injections(7)).toEqual([1]));
  });

  it('gives every frame of a framed page the content script, the top frame once', async () => {
    stop = watchPageLoads(async () => [E]);
    fake.openTab(7, PAGE, 'https://eakte.jobcenter.example/frame', 'https://ads.example/banner');
    await respond(7, PAGE);
    await updated(7, 'complete', PAGE);
    await vi.waitFor(() => expect(fake.injections(7)).toEqual([1, 1, 0]));
  });

  it('leaves a page alone once its permission is taken back, with the same settings', async () => {
    const sites = [E];
    stop = watchPageLoads(async () => sites);
    fake.openTab(7, PAGE);
    await respond(7, PAGE);
    await updated(7, 'complete', PAGE);
    await vi.waitFor(() => expect(fake.injections(7)).toEqual([1]));
    await fake.revoke(E.pattern);
    fake.openTab(8, PAGE);
    await respond(8, PAGE);
    await updated(8, 'complete', PAGE);
    await new Promise((resolve) => setTimeout(resolve, 0));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fake.injections(8)).toEqual([0]);
  });

  it('removes its listeners', async () => {
    watchPageLoads(async () => [E])();
    expect(responses).toEqual([]);
    fake.openTab(7, PAGE);
    await updated(7, 'complete', PAGE);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fake.executed).toEqual([]);
  });
});

describe('siteRequests', () => {
  type Filter = { urls: string[]; types: string[] };
  const registrations = () => {
    const live: { listener: unknown; filter: Filter }[] = [];
    return {
      live,
      event: {
        addListener: (listener: unknown, filter: Filter) => {
          if (filter.urls.some((url) => url.includes(' '))) throw new Error('Invalid url pattern');
          live.push({ listener, filter });
        },
        removeListener: (listener: unknown) =>
          void live.splice(
            live.findIndex((entry) => entry.listener === listener),
            1,
          ),
      },
    };
  };

  it('listens to every top-level load at once, then only to the sites given', () => {
    const { live, event } = registrations();
    const requests = siteRequests();
    const heard: unknown[] = [];
    requests.on(event as never, (details) => heard.push(details));
    expect(live.map((entry) => entry.filter)).toEqual([
      { urls: ['http://*/*', 'https://*/*'], types: ['main_frame'] },
    ]);
    requests.narrow([E, { pattern: 'http://127.0.0.1:5175/*' }, E]);
    expect(live.map((entry) => entry.filter)).toEqual([
      { urls: ['http://127.0.0.1:5175/*', E.pattern], types: ['main_frame'] },
    ]);
    const listener = live[0]?.listener as ((details: unknown) => void) | undefined;
    listener?.({ tabId: 1, frameId: 0, url: PAGE });
    expect(heard).toEqual([{ tabId: 1, frameId: 0, url: PAGE }]);
  });

  it('keeps no listener without sites, and the broad one where the browser refuses a pattern', () => {
    const { live, event } = registrations();
    const requests = siteRequests();
    const remove = requests.on(event as never, () => undefined);
    requests.narrow([]);
    expect(live).toEqual([]);
    requests.narrow([{ pattern: 'https://bad pattern/*' }]);
    expect(live.map((entry) => entry.filter.urls)).toEqual([['http://*/*', 'https://*/*']]);
    remove();
    expect(live).toEqual([]);
  });

  it('says which sites its filter covers: every one before the first narrowing, then only those given', () => {
    const requests = siteRequests();
    expect(requests.covers('http://127.0.0.1:5175/*')).toBe(true);
    requests.narrow([]);
    expect(requests.covers('http://127.0.0.1:5175/*')).toBe(false);
    requests.narrow([{ pattern: 'http://127.0.0.1:5175/*' }]);
    expect(requests.covers('http://127.0.0.1:5175/*')).toBe(true);
    expect(requests.covers(E.pattern)).toBe(false);
  });
});
