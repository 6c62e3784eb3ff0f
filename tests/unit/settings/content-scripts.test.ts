import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  CONTENT_SCRIPT_FILE,
  CONTENT_SCRIPT_ID,
  injectContentScript,
  syncContentScripts,
} from '../../../utils/background/content-scripts';
import { dropOrigins, siteStatuses } from '../../../utils/background/permissions';
import type { Site } from '../../../utils/schema/settings';
import { type FakeExtension, installFakeExtension } from './fake-extension';
import { EAKTE } from './helpers';

const site = (pattern: string, app = 'App'): Site => ({ ...EAKTE, pattern, app });
const LOCAL = site('http://localhost/*', 'Demo');
const E = site('https://eakte.jobcenter.example/*', 'E-Akte');
const A = site('https://allegro.jobcenter.example/*', 'ALLEGRO');

let fake: FakeExtension;
beforeEach(() => {
  fake = installFakeExtension([E.pattern]);
});

describe('syncContentScripts', () => {
  it('registers the content script for exactly the configured sites with permission', async () => {
    const result = await syncContentScripts([LOCAL, E, A]);
    expect(result).toEqual({ active: [LOCAL.pattern, E.pattern], missing: [A.pattern] });
    expect(fake.registered).toEqual([
      {
        id: CONTENT_SCRIPT_ID,
        js: [CONTENT_SCRIPT_FILE],
        matches: [LOCAL.pattern, E.pattern],
        allFrames: true,
        runAt: 'document_idle',
        persistAcrossSessions: true,
      },
    ]);
  });

  it('leaves an unchanged registration alone', async () => {
    await syncContentScripts([E, LOCAL]);
    const before = fake.registrations;
    await syncContentScripts([LOCAL, E]);
    expect(fake.registrations).toBe(before);
  });

  it('unregisters a removed site, and everything when no site is left', async () => {
    await syncContentScripts([LOCAL, E]);
    await syncContentScripts([LOCAL]);
    expect(fake.registered[0]?.matches).toEqual([LOCAL.pattern]);
    await syncContentScripts([]);
    expect(fake.registered).toEqual([]);
  });

  it('survives calls that overlap (settings save, policy change and permission event at once)', async () => {
    await Promise.all([syncContentScripts([LOCAL]), syncContentScripts([LOCAL, E]), syncContentScripts([E])]);
    expect(fake.registered).toHaveLength(1);
    expect(fake.registered[0]?.matches).toEqual([E.pattern]);
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
