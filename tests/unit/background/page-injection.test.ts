import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { injectIntoTab, SLOW_PAGE_MS, watchPageLoads } from '../../../entrypoints/background/page-injection';
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
  const updated = (tabId: number, status: string, url?: string) =>
    fakeBrowser.tabs.onUpdated.trigger(tabId, { status }, { id: tabId, url } as never);

  it('injects when a configured page has finished loading, not while it loads', async () => {
    stop = watchPageLoads(async () => [E]);
    fake.openTab(7, PAGE);
    await updated(7, 'loading', PAGE);
    expect(fake.injections(7)).toEqual([0]);
    await updated(7, 'complete', PAGE);
    await vi.waitFor(() => expect(fake.injections(7)).toEqual([1]));
  });

  it('leaves pages of other sites and pages it may not read alone', async () => {
    stop = watchPageLoads(async () => [E]);
    fake.openTab(8, 'https://elsewhere.example/');
    fake.openTab(9, PAGE);
    fake.openTab(10, PAGE);
    await updated(8, 'complete', 'https://elsewhere.example/');
    // Without host permission the browser gives no address.
    await updated(9, 'complete');
    await updated(10, 'complete', PAGE);
    await vi.waitFor(() => expect(fake.injections(10)).toEqual([1]));
    expect(new Set(fake.executed.map((call) => call.tabId))).toEqual(new Set([10]));
  });

  it('gives a page that never finishes loading the button after a while', async () => {
    vi.useFakeTimers();
    stop = watchPageLoads(async () => [E]);
    fake.openTab(7, PAGE);
    await updated(7, 'loading', PAGE);
    await vi.advanceTimersByTimeAsync(SLOW_PAGE_MS - 1);
    expect(fake.injections(7)).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.injections(7)).toEqual([1]);
  });

  it('reads the configured sites afresh for each page', async () => {
    let sites: Site[] = [];
    const reads = vi.fn(async () => sites);
    stop = watchPageLoads(reads);
    fake.openTab(7, PAGE);
    await updated(7, 'complete', PAGE);
    await vi.waitFor(() => expect(reads).toHaveBeenCalledTimes(1));
    // Let the first page's handling run to its end (a macrotask comes after all its microtasks).
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fake.executed).toEqual([]);
    sites = [E];
    await updated(7, 'complete', PAGE);
    await vi.waitFor(() => expect(fake.injections(7)).toEqual([1]));
  });

  it('gives every frame of a framed page the content script, the top frame once', async () => {
    stop = watchPageLoads(async () => [E]);
    fake.openTab(7, PAGE, 'https://eakte.jobcenter.example/frame', 'https://ads.example/banner');
    await updated(7, 'complete', PAGE);
    await vi.waitFor(() => expect(fake.injections(7)).toEqual([1, 1, 0]));
  });

  it('leaves a page alone once its permission is taken back, with the same settings', async () => {
    const sites = [E];
    stop = watchPageLoads(async () => sites);
    fake.openTab(7, PAGE);
    await updated(7, 'complete', PAGE);
    await vi.waitFor(() => expect(fake.injections(7)).toEqual([1]));
    await fake.revoke(E.pattern);
    fake.openTab(8, PAGE);
    await updated(8, 'complete', PAGE);
    await new Promise((resolve) => setTimeout(resolve, 0));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fake.injections(8)).toEqual([0]);
  });

  it('removes its listeners', async () => {
    watchPageLoads(async () => [E])();
    fake.openTab(7, PAGE);
    await updated(7, 'complete', PAGE);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fake.executed).toEqual([]);
  });
});
