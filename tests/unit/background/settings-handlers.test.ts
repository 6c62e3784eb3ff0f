import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { dispatch, type Handlers } from '../../../entrypoints/background/router';
import { settingsHandlers } from '../../../entrypoints/background/settings-handlers';
import { registerSettingsWatchers } from '../../../entrypoints/background/settings-watchers';
import { DEFAULT_SETTINGS, type Settings } from '../../../utils/schema/settings';
import { WIRE_SCHEMA_VERSION } from '../../../utils/schema/wire';
import { getEffectiveSettings } from '../../../utils/settings/effective';
import { getLocalToken, loadLocalSettings, saveLocalSettings } from '../../../utils/settings/store';
import { type FakeExtension, installFakeExtension } from '../../support/fake-extension';
import { contentScriptSites, EAKTE, resetDb, settingsWith } from '../../support/settings';

const page = { id: browser.runtime.id, url: browser.runtime.getURL('/options.html') };
const contentScript = {
  id: browser.runtime.id,
  url: 'https://eakte.jobcenter.example/akte/1',
  tab: { id: 3 } as never,
};

let fake: FakeExtension;
let requests: { url: string; init?: RequestInit }[];
let answer: () => Response;
const handlers = settingsHandlers({
  fetch: async (url, init) => {
    requests.push({ url: String(url), init });
    return answer();
  },
}) as unknown as Handlers;

const call = (type: string, data: unknown, sender: object = page) =>
  dispatch(handlers, { type, data }, sender);

beforeEach(async () => {
  await resetDb();
  fake = installFakeExtension();
  requests = [];
  answer = () =>
    new Response(
      JSON.stringify({ ok: true, schemaVersions: [WIRE_SCHEMA_VERSION], service: 'mitsprache-collector' }),
    );
});

describe('settings:get and settings:view', () => {
  it('give the options page the local token and the popup none', async () => {
    await saveLocalSettings(settingsWith({ token: 'lokal' }));
    const get = await call('settings:get', {});
    expect(get).toMatchObject({
      ok: true,
      data: { token: 'lokal', tokenSet: true, locked: [], warnings: [] },
    });
    const view = await call('settings:view', {});
    expect(view.ok).toBe(true);
    expect(JSON.stringify(view)).not.toContain('lokal');
  });

  it('are refused to content scripts', async () => {
    expect(await call('settings:get', {}, contentScript)).toEqual({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
    expect(await call('settings:view', {}, contentScript)).toEqual({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
  });

  it('list policy warnings and the permission state of every site', async () => {
    await fakeBrowser.storage.managed.set({ sites: [EAKTE], batchSize: 'viele' });
    const view = await call('settings:view', {});
    expect(view).toMatchObject({
      ok: true,
      data: {
        locked: ['sites'],
        warnings: [{ key: 'batchSize', kind: 'ignored_value' }],
        sites: [{ pattern: EAKTE.pattern, app: 'E-Akte', permission: 'missing' }],
      },
    });
  });

  it('hide the local token from the page when the organisation sets the token', async () => {
    await saveLocalSettings(settingsWith({ token: 'lokal' }));
    await fakeBrowser.storage.managed.set({ token: 'org' });
    expect(await call('settings:get', {})).toMatchObject({
      ok: true,
      data: { token: '', tokenSet: true, locked: ['token'] },
    });
  });
});

describe('settings:save', () => {
  it('validates again in the background and saves nothing invalid', async () => {
    const reply = await call('settings:save', {
      settings: { ...DEFAULT_SETTINGS, endpoint: 'http://f.example', batchSize: 0 },
    });
    expect(reply).toEqual({
      ok: true,
      data: {
        ok: false,
        issues: [
          { path: ['endpoint'], code: 'endpoint_insecure' },
          { path: ['batchSize'], code: 'number_too_small', limit: 1 },
        ],
      },
    });
    expect(await loadLocalSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('saves, brings the content script to the new site and returns the new state', async () => {
    fake.granted.add(EAKTE.pattern);
    fake.openTab(3, 'https://eakte.jobcenter.example/akte/1');
    const next: Settings = settingsWith({
      endpoint: 'https://f.example/api',
      token: 't',
      sites: [...DEFAULT_SETTINGS.sites, EAKTE],
    });
    const reply = await call('settings:save', { settings: next });
    expect(reply).toMatchObject({
      ok: true,
      data: { ok: true, state: { token: 't', settings: { endpoint: 'https://f.example/api' } } },
    });
    expect(await loadLocalSettings()).toEqual(next);
    expect(await contentScriptSites()).toContain(EAKTE.pattern);
    // A page of the new site already open gets the button without a reload.
    await vi.waitFor(() => expect(fake.injections(3)).toEqual([1]));
  });

  it('drops the permission of a removed site and takes the content script off it', async () => {
    fake.granted.add(EAKTE.pattern);
    await call('settings:save', { settings: settingsWith({ sites: [...DEFAULT_SETTINGS.sites, EAKTE] }) });
    await call('settings:save', { settings: settingsWith({ sites: DEFAULT_SETTINGS.sites }) });
    expect(fake.granted.has(EAKTE.pattern)).toBe(false);
    expect(fake.granted.has('http://localhost/*')).toBe(true);
    expect(await contentScriptSites()).not.toContain(EAKTE.pattern);
  });

  it('keeps the local value of a locked key (the policy may go away again)', async () => {
    await saveLocalSettings(settingsWith({ endpoint: 'https://local.example/api' }));
    await fakeBrowser.storage.managed.set({ endpoint: 'https://org.example/api' });
    await call('settings:save', {
      settings: settingsWith({ endpoint: 'https://org.example/api', unitLabel: 'Team 3' }),
    });
    const local = await loadLocalSettings();
    expect(local.endpoint).toBe('https://local.example/api');
    expect(local.unitLabel).toBe('Team 3');
    expect((await getEffectiveSettings()).endpoint).toBe('https://org.example/api');
  });

  it('does not overwrite the local token with the empty one the page holds while the token is locked', async () => {
    await saveLocalSettings(settingsWith({ token: 'lokal' }));
    await fakeBrowser.storage.managed.set({ token: 'org' });
    await call('settings:save', { settings: settingsWith({ token: '' }) });
    expect(await getLocalToken()).toBe('lokal');
  });
});

describe('settings:test-connection', () => {
  it('uses the token the page sends', async () => {
    const reply = await call('settings:test-connection', { endpoint: 'https://f.example/api', token: 'neu' });
    expect(reply).toEqual({
      ok: true,
      data: { service: 'mitsprache-collector', schemaVersions: [WIRE_SCHEMA_VERSION] },
    });
    expect(requests[0]?.init?.headers).toEqual({ Authorization: 'Bearer neu' });
  });

  it("sends the organisation's token only to the organisation's endpoint", async () => {
    await fakeBrowser.storage.managed.set({ endpoint: 'https://org.example/api', token: 'org' });
    await call('settings:test-connection', { endpoint: 'https://org.example/api' });
    await call('settings:test-connection', { endpoint: 'https://elsewhere.example/api' });
    expect(requests.map((r) => [r.url, r.init?.headers])).toEqual([
      ['https://org.example/api/check', { Authorization: 'Bearer org' }],
      ['https://elsewhere.example/api/check', {}],
    ]);
  });

  it('answers with an error code the page explains', async () => {
    answer = () => new Response('{}', { status: 401 });
    expect(await call('settings:test-connection', { endpoint: 'https://f.example/api', token: 'x' })).toEqual(
      {
        ok: false,
        error: { code: 'endpoint_unauthorized' },
      },
    );
  });
});

describe('sites:enable', () => {
  const request = { tabId: 5, pattern: 'https://eakte.jobcenter.example/*', app: 'E-Akte' };

  it('saves the site and injects the content script', async () => {
    fake.granted.add(request.pattern);
    expect(await call('sites:enable', request)).toEqual({ ok: true, data: { shown: true } });
    const local = await loadLocalSettings();
    expect(local.sites.at(-1)).toEqual({
      pattern: request.pattern,
      app: 'E-Akte',
      screenSelectors: [],
      allowedParams: [],
      sensitiveSelectors: [],
    });
    expect(await contentScriptSites()).toContain(request.pattern);
    expect(fake.executed.at(-1)).toEqual({ tabId: 5, files: ['/content-scripts/content.js'] });
  });

  it('refuses without host permission', async () => {
    expect(await call('sites:enable', request)).toEqual({ ok: false, error: { code: 'permission_denied' } });
    expect((await loadLocalSettings()).sites).toEqual(DEFAULT_SETTINGS.sites);
  });

  it('refuses to add a site when the organisation sets the sites', async () => {
    fake.granted.add(request.pattern);
    await fakeBrowser.storage.managed.set({
      sites: [{ ...EAKTE, pattern: 'https://allegro.jobcenter.example/*' }],
    });
    expect(await call('sites:enable', request)).toEqual({ ok: false, error: { code: 'policy_locked' } });
  });

  it('only injects for a site the organisation configured once permission is there', async () => {
    fake.granted.add(request.pattern);
    await fakeBrowser.storage.managed.set({ sites: [EAKTE] });
    expect(await call('sites:enable', request)).toEqual({ ok: true, data: { shown: true } });
    expect((await loadLocalSettings()).sites).toEqual(DEFAULT_SETTINGS.sites);
    expect(await contentScriptSites()).toEqual([EAKTE.pattern]);
  });

  it('finishes in the background when the permission arrives after the popup closed (Firefox)', async () => {
    expect(await call('sites:enable-intent', request)).toEqual({ ok: true, data: { ok: true } });
    const stop = registerSettingsWatchers();
    try {
      // The user answers the prompt; the popup is gone and sends nothing more.
      await fakeBrowser.permissions.request({ origins: [request.pattern] });
      await vi.waitFor(async () =>
        expect((await loadLocalSettings()).sites.at(-1)?.pattern).toBe(request.pattern),
      );
      await vi.waitFor(() =>
        expect(fake.executed.at(-1)).toEqual({ tabId: 5, files: ['/content-scripts/content.js'] }),
      );
    } finally {
      stop();
    }
  });

  it('does not act on an intent whose permission was declined', async () => {
    fake.answer = false;
    await call('sites:enable-intent', request);
    const stop = registerSettingsWatchers();
    try {
      await fakeBrowser.permissions.request({ origins: [request.pattern] });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await loadLocalSettings()).sites).toEqual(DEFAULT_SETTINGS.sites);
    } finally {
      stop();
    }
  });

  it('is refused to content scripts', async () => {
    expect(await call('sites:enable', request, contentScript)).toEqual({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
  });
});
