import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { registerSettingsWatchers } from '../../../entrypoints/background/settings-watchers';
import type { Settings } from '../../../utils/schema/settings';
import { saveLocalSettings } from '../../../utils/settings/store';
import { type FakeExtension, installFakeExtension } from '../../support/fake-extension';
import { contentScriptSites, EAKTE, resetDb, settingsWith } from '../../support/settings';

let fake: FakeExtension;
// fakeBrowser's events have hasListeners(); the browser types do not know it.
const listening = (event: unknown) => (event as { hasListeners(): boolean }).hasListeners();
beforeEach(async () => {
  await resetDb();
  fake = installFakeExtension([EAKTE.pattern]);
});

/** Resolves with the settings passed to the next onChange. */
function nextChange(onChange: ReturnType<typeof vi.fn>) {
  const calls = onChange.mock.calls.length;
  return vi.waitFor(() => {
    if (onChange.mock.calls.length <= calls) throw new Error('no change yet');
    return onChange.mock.calls.at(-1)?.[0] as Settings;
  });
}

describe('registerSettingsWatchers', () => {
  it('applies a policy change without restart and brings the content script to the site', async () => {
    const onChange = vi.fn();
    const stop = registerSettingsWatchers({ onChange });
    try {
      const changed = nextChange(onChange);
      await fakeBrowser.storage.managed.set({ sites: [EAKTE], batchSize: 7 });
      expect((await changed).batchSize).toBe(7);
      expect(await contentScriptSites()).toEqual([EAKTE.pattern]);
    } finally {
      stop();
    }
  });

  it('follows local settings saved elsewhere', async () => {
    const onChange = vi.fn();
    const stop = registerSettingsWatchers({ onChange });
    try {
      const changed = nextChange(onChange);
      await saveLocalSettings(settingsWith({ unitLabel: 'Team 5' }));
      expect((await changed).unitLabel).toBe('Team 5');
    } finally {
      stop();
    }
  });

  it('takes the content script off a site whose permission the user revokes', async () => {
    await saveLocalSettings(settingsWith({ sites: [EAKTE] }));
    const onChange = vi.fn();
    const stop = registerSettingsWatchers({ onChange });
    try {
      let changed = nextChange(onChange);
      await fakeBrowser.runtime.onStartup.trigger();
      await changed;
      expect(await contentScriptSites()).toEqual([EAKTE.pattern]);
      changed = nextChange(onChange);
      await fake.revoke(EAKTE.pattern);
      await changed;
      expect(await contentScriptSites()).not.toContain(EAKTE.pattern);
    } finally {
      stop();
    }
  });

  it('removes every listener it added', () => {
    const stop = registerSettingsWatchers();
    expect(fake.onRemoved.count()).toBe(1);
    expect(listening(fakeBrowser.runtime.onInstalled)).toBe(true);
    stop();
    expect(fake.onRemoved.count()).toBe(0);
    expect(fake.onAdded.count()).toBe(0);
    expect(listening(fakeBrowser.runtime.onInstalled)).toBe(false);
    expect(listening(fakeBrowser.runtime.onStartup)).toBe(false);
    expect(listening(fakeBrowser.storage.onChanged)).toBe(false);
  });
});
