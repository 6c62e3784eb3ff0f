import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  CONTENT_SCRIPT_FILE,
  injectContentScript,
  LEGACY_CONTENT_SCRIPT_ID,
  syncContentScripts,
} from '../../../entrypoints/background/content-scripts';
import { dropOrigins, siteStatuses } from '../../../entrypoints/background/permissions';
import type { Site } from '../../../utils/schema/settings';
import { type FakeExtension, installFakeExtension } from '../../support/fake-extension';
import { EAKTE } from '../../support/settings';

const site = (pattern: string, app = 'App'): Site => ({ ...EAKTE, pattern, app });
const LOCAL = site('http://localhost/*', 'Demo');
const E = site('https://eakte.jobcenter.example/*', 'E-Akte');
const A = site('https://allegro.jobcenter.example/*', 'ALLEGRO');

/** After every promise chain started so far has run to its end (a macrotask comes after them all). */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

let fake: FakeExtension;
beforeEach(() => {
  fake = installFakeExtension([E.pattern]);
});

describe('syncContentScripts', () => {
  it('puts the content script into open tabs of exactly the configured sites with permission', async () => {
    fake.openTab(1, 'http://localhost:8080/akte/1');
    fake.openTab(2, 'https://eakte.jobcenter.example/akte/2');
    fake.openTab(3, 'https://allegro.jobcenter.example/fall/3');
    fake.openTab(4, 'https://elsewhere.example/');
    const result = await syncContentScripts([LOCAL, E, A]);
    expect(result).toEqual({ active: [LOCAL.pattern, E.pattern], missing: [A.pattern] });
    // Open tabs are served after the answer (a tab with an alert() open must not hold up a save).
    await vi.waitFor(() => expect([1, 2].map((tab) => fake.injections(tab))).toEqual([[1], [1]]));
    await settled();
    expect([1, 2, 3, 4].map((tab) => fake.injections(tab))).toEqual([[1], [1], [0], [0]]);
    // The browser injects nothing by itself: no registration, so nothing runs before a page's load event.
    expect(fake.registered).toEqual([]);
  });

  it('does not inject twice into a tab that has it, also when calls overlap', async () => {
    fake.openTab(2, 'https://eakte.jobcenter.example/akte/2');
    await Promise.all([syncContentScripts([E]), syncContentScripts([LOCAL, E]), syncContentScripts([E])]);
    await syncContentScripts([E]);
    await vi.waitFor(() => expect(fake.injections(2)).toEqual([1]));
    await settled();
    expect(fake.injections(2)).toEqual([1]);
  });

  it('removes the registration an older version left behind, which would inject before the load event', async () => {
    fake.registered.push({
      id: LEGACY_CONTENT_SCRIPT_ID,
      js: [CONTENT_SCRIPT_FILE],
      matches: [E.pattern],
      allFrames: true,
      runAt: 'document_idle',
      persistAcrossSessions: true,
    });
    await syncContentScripts([E]);
    expect(fake.registered).toEqual([]);
  });
});

describe('site permissions', () => {
  it('tells missing (never granted) from revoked (granted once, then taken back)', async () => {
    await syncContentScripts([LOCAL, E, A]);
    await fake.revoke(E.pattern);
    expect(await siteStatuses([LOCAL, E, A])).toEqual([
      { pattern: LOCAL.pattern, app: 'Demo', permission: 'granted' },
      { pattern: E.pattern, app: 'E-Akte', permission: 'revoked' },
      { pattern: A.pattern, app: 'ALLEGRO', permission: 'missing' },
    ]);
  });

  it('gives back permissions of removed sites, never the install-time ones nor those still in use', async () => {
    fake.granted.add(A.pattern);
    const removed = await dropOrigins([LOCAL.pattern, E.pattern, A.pattern], [A.pattern]);
    expect(removed).toEqual([E.pattern]);
    expect([...fake.granted].sort()).toEqual(['http://127.0.0.1/*', A.pattern, LOCAL.pattern].sort());
  });

  it('forgets a removed site, so adding it again later starts as missing, not revoked', async () => {
    await syncContentScripts([E]);
    await dropOrigins([E.pattern], []);
    expect((await siteStatuses([E]))[0]?.permission).toBe('missing');
    expect(await fakeBrowser.storage.local.get('sites:granted')).toEqual({ 'sites:granted': [] });
  });
});

describe('injectContentScript', () => {
  it('runs the content script in the tab', async () => {
    expect(await injectContentScript(12)).toBe(true);
    expect(fake.executed).toEqual([
      { tabId: 12, func: true },
      { tabId: 12, files: [`/${CONTENT_SCRIPT_FILE}`] },
    ]);
  });

  it('does not run it twice when the button is already there', async () => {
    fake.buttonPresent = true;
    expect(await injectContentScript(12)).toBe(true);
    expect(fake.executed).toEqual([{ tabId: 12, func: true }]);
  });

  it('runs it once when two enables race for the same tab', async () => {
    expect(await Promise.all([injectContentScript(12), injectContentScript(12)])).toEqual([true, true]);
    expect(fake.executed.filter((call) => call.files)).toHaveLength(1);
  });
});
