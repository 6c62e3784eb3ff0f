import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { EnableSiteCard } from '../../../components/popup/EnableSiteCard';
import { createHandlers } from '../../../entrypoints/background/handlers';
import { dispatch } from '../../../entrypoints/background/router';
import { DEFAULT_SETTINGS } from '../../../utils/schema/settings';
import { loadLocalSettings } from '../../../utils/settings/store';
import { type FakeExtension, installFakeExtension } from '../../support/fake-extension';
import { contentScriptSites, EAKTE, resetDb } from '../../support/settings';

const popup = { id: browser.runtime.id, url: browser.runtime.getURL('/popup.html') };
let fake: FakeExtension;
let root: HTMLElement;

beforeEach(async () => {
  await resetDb();
  fake = installFakeExtension();
  // The real router and handlers answer the card's messages, as the popup's sender.
  const handlers = createHandlers({
    settings: async () => DEFAULT_SETTINGS,
    onRecordSaved: () => {},
  } as never);
  fakeBrowser.runtime.onMessage.addListener((message: unknown) => dispatch(handlers, message, popup));
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

async function mount(url: string, lang: 'de' | 'en' = 'de') {
  await act(() => render(<EnableSiteCard tabId={9} url={url} lang={lang} />, root));
  // Until the card's 'settings:view' round trip is back, the button is disabled.
  await vi.waitFor(() => expect(button()?.disabled ?? false).toBe(false));
}

const button = () => root.querySelector<HTMLButtonElement>('[data-testid="enable-site-button"]');

async function click() {
  await act(async () => {
    button()?.click();
  });
}

/** Waits until the card shows `text` (the permission prompt and background round trip are async). */
async function shows(text: string, selector = 'section') {
  await vi.waitFor(() => expect(root.querySelector(selector)?.textContent ?? '').toContain(text));
}

describe('EnableSiteCard', () => {
  it('suggests the host and a name, asks for permission, saves the site and injects the script', async () => {
    await mount('https://eakte.jobcenter.example/akte/1?tab=2');
    expect(root.textContent).toContain('https://eakte.jobcenter.example/*');
    const app = root.querySelector<HTMLInputElement>('#enable-site-app');
    expect(app?.value).toBe('Eakte');
    await act(() => {
      if (app) {
        app.value = 'E-Akte';
        app.dispatchEvent(new Event('input', { bubbles: true }));
      }
    });
    await click();
    await shows('Der Feedback-Knopf ist jetzt', '[data-testid="enable-site-done"]');
    expect(fake.prompts).toEqual([['https://eakte.jobcenter.example/*']]);
    expect((await loadLocalSettings()).sites.at(-1)).toMatchObject({
      pattern: 'https://eakte.jobcenter.example/*',
      app: 'E-Akte',
    });
    expect(fake.executed.at(-1)).toEqual({ tabId: 9, files: ['/content-scripts/content.js'] });
  });

  it('changes nothing when the user declines', async () => {
    fake.answer = false;
    await mount('https://eakte.jobcenter.example/akte/1', 'en');
    await click();
    await shows('Permission was not granted. Nothing was changed.');
    expect((await loadLocalSettings()).sites).toEqual(DEFAULT_SETTINGS.sites);
  });

  it('says so when the organisation decides the sites', async () => {
    await fakeBrowser.storage.managed.set({ sites: [EAKTE] });
    await mount('https://allegro.jobcenter.example/');
    expect(root.querySelector('[data-testid="enable-site-locked"]')?.textContent).toContain(
      'legt Ihre Organisation fest',
    );
    expect(button()).toBeNull();
  });

  it('only asks for the permission of a site the organisation configured', async () => {
    await fakeBrowser.storage.managed.set({ sites: [EAKTE] });
    await mount('https://eakte.jobcenter.example/akte/1');
    expect(root.querySelector('#enable-site-app')).toBeNull();
    await click();
    await shows('Der Feedback-Knopf ist jetzt', '[data-testid="enable-site-done"]');
    expect(fake.prompts).toEqual([[EAKTE.pattern]]);
    expect(await contentScriptSites()).toEqual([EAKTE.pattern]);
    expect((await loadLocalSettings()).sites).toEqual(DEFAULT_SETTINGS.sites);
  });

  it('offers nothing on browser pages', async () => {
    await mount('chrome://extensions/');
    expect(root.textContent).toContain('kann Mitsprache nicht eingeschaltet werden');
    expect(button()).toBeNull();
  });
});
