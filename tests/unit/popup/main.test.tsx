import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Popup } from '../../../components/popup/Popup';
import {
  cachedSetup,
  LOCAL_SETTINGS_KEY,
  rememberSetup,
  setupInputs,
} from '../../../entrypoints/popup/setup-cache';
import { SETTINGS_KEY } from '../../../utils/settings/store';
import { closeDb, DB_NAME, DB_VERSION, getDb } from '../../../utils/store/db';
import { readFirstPage } from '../../../utils/store/outbox-first-page';
import { fakeUiLanguage, harness, orderedId, resetDb, seed } from '../../support/outbox';

// What the popup does before the background answers (entrypoints/popup/main.tsx): the first page read
// straight from IndexedDB, and the remembered setup while nothing it was made from has changed.

beforeEach(async () => {
  await resetDb();
  fakeBrowser.reset();
  localStorage.clear();
  fakeUiLanguage('de-DE');
});
afterEach(closeDb);

describe('readFirstPage', () => {
  it('reads the same first page as the background, ties and next cursor included', async () => {
    await seed([
      ...Array.from({ length: 25 }, (_, i) => ({ createdAt: 1000 + i })),
      ...Array.from({ length: 4 }, (_, i) => ({
        createdAt: 1010,
        id: orderedId(40 + i),
        status: 'sent' as const,
      })),
    ]);
    const { send } = harness();
    const fromBackground = await send('outbox:page', { filter: 'all' });
    await closeDb();
    const direct = await readFirstPage();
    expect(direct).toEqual(fromBackground);
    expect(direct?.items).toHaveLength(20);
    expect(direct?.next).toBeDefined();
  });

  it('leaves creating the database to the background: no database, no answer, nothing created', async () => {
    expect(await readFirstPage()).toBeUndefined();
    const databases = await indexedDB.databases();
    const found = databases.find((d) => d.name === DB_NAME);
    // Either absent or at version 0: the background's upgrade then runs every step.
    expect(found?.version ?? 0).toBe(0);
    const db = await getDb();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames]).toContain('records');
  });

  it('answers an empty outbox with an empty page', async () => {
    await getDb();
    expect(await readFirstPage()).toEqual({ items: [] });
  });
});

describe('the remembered setup', () => {
  const setup = {
    lang: 'de' as const,
    categories: [{ id: 'error', label: 'Fehler' }],
    noteMax: 2000,
    minutesMax: 480,
    retentionDays: 30,
    siteConfigured: true,
  };

  let version = '0.1.0';
  beforeEach(() => {
    version = '0.1.0';
    vi.spyOn(browser.runtime, 'getManifest').mockImplementation(() => ({ version }) as never);
  });

  it('reads the local settings under the key the settings store writes', () => {
    expect(LOCAL_SETTINGS_KEY).toBe(SETTINGS_KEY);
  });

  it('is used while its inputs are unchanged, without the tab-dependent part', async () => {
    await browser.storage.local.set({ [SETTINGS_KEY]: { uiLanguage: 'de' } });
    const inputs = await setupInputs();
    expect(cachedSetup(inputs)).toBeUndefined();
    rememberSetup(inputs, setup);
    const { siteConfigured: _, ...expected } = setup;
    expect(cachedSetup(await setupInputs())).toEqual(expected);
  });

  it('is not used once the settings, the policy or the browser language changed', async () => {
    rememberSetup(await setupInputs(), setup);
    await browser.storage.local.set({ [SETTINGS_KEY]: { uiLanguage: 'en' } });
    expect(cachedSetup(await setupInputs())).toBeUndefined();

    rememberSetup(await setupInputs(), setup);
    await browser.storage.managed.set({ categories: [] });
    expect(cachedSetup(await setupInputs())).toBeUndefined();

    rememberSetup(await setupInputs(), setup);
    vi.spyOn(navigator, 'language', 'get').mockReturnValue('en-US');
    expect(cachedSetup(await setupInputs())).toBeUndefined();

    // An update may change defaults and labels: a new version starts without the remembered setup.
    rememberSetup(await setupInputs(), setup);
    version = '0.2.0';
    expect(cachedSetup(await setupInputs())).toBeUndefined();
  });

  it('shows the list while the action for the tab is still unknown, then the action', async () => {
    await seed([{ createdAt: 1, note: 'Vorschau bleibt leer' }]);
    const { send } = harness();
    const { siteConfigured: _, ...early } = await send('outbox:setup', {});
    const root = document.createElement('main');
    document.body.append(root);
    const tab = { id: 1, url: 'http://localhost:5173/akte/1' };
    const props = {
      tab,
      firstPage: await send('outbox:page', { filter: 'all' }),
      send,
      closeWindow: () => undefined,
      download: () => undefined,
    };
    await act(() => render(<Popup setup={early} {...props} />, root));
    expect(root.querySelectorAll('[data-testid="outbox-row"]')).toHaveLength(1);
    expect(root.querySelector('[data-testid="feedback-pending"]')?.getAttribute('aria-busy')).toBe('true');
    expect(root.querySelector('[data-testid="give-feedback"]')).toBeNull();
    const loaded = await send('outbox:setup', { tabUrl: tab.url });
    await act(() => render(<Popup setup={loaded} {...props} />, root));
    expect(root.querySelector('[data-testid="feedback-pending"]')).toBeNull();
    expect(root.querySelector('[data-testid="give-feedback"]')).not.toBeNull();
    expect(root.querySelectorAll('[data-testid="outbox-row"]')).toHaveLength(1);
    // The counts, sent last, before the database is dropped for the next test.
    await vi.waitFor(() =>
      expect(root.querySelector('[data-testid="count-sent"]')?.getAttribute('aria-busy')).toBe('false'),
    );
    render(null, root);
    root.remove();
  });
});
