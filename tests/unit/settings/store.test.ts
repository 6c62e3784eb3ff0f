import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, SETTINGS_VERSION } from '../../../utils/schema/settings';
import {
  getLocalToken,
  loadLocalSettings,
  mergeValid,
  SETTINGS_KEY,
  saveLocalSettings,
} from '../../../utils/settings/store';
import { resetDb, settingsWith } from '../../support/settings';

const stored = async () =>
  (await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] as Record<string, unknown> | undefined;

describe('local settings', () => {
  beforeEach(resetDb);

  it('are the defaults when nothing is stored', async () => {
    expect(await loadLocalSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('keep the token out of storage.local (content scripts can read it)', async () => {
    await saveLocalSettings(settingsWith({ token: 'geheim', unitLabel: 'Team 1' }));
    expect(JSON.stringify(await stored())).not.toContain('geheim');
    expect(await getLocalToken()).toBe('geheim');
    expect(await loadLocalSettings()).toEqual(settingsWith({ token: 'geheim', unitLabel: 'Team 1' }));
  });

  it('refuse to save an invalid object', async () => {
    await expect(saveLocalSettings(settingsWith({ batchSize: 0 }))).rejects.toThrow();
    expect(await stored()).toBeUndefined();
  });

  it('migrate a version-0 object on load and move its key out of storage.local', async () => {
    await fakeBrowser.storage.local.set({
      [SETTINGS_KEY]: {
        endpointUrl: 'https://f.example/api',
        apiKey: 'alt-schluessel',
        syncIntervalSeconds: 120,
      },
    });
    const settings = await loadLocalSettings();
    expect(settings).toEqual(
      settingsWith({ endpoint: 'https://f.example/api', token: 'alt-schluessel', syncPeriodMinutes: 2 }),
    );
    const after = await stored();
    expect(after?.version).toBe(SETTINGS_VERSION);
    expect(after).not.toHaveProperty('apiKey');
    expect(JSON.stringify(after)).not.toContain('alt-schluessel');
    expect(await getLocalToken()).toBe('alt-schluessel');
  });

  it('keep every other field when one stored value no longer validates', async () => {
    await fakeBrowser.storage.local.set({
      [SETTINGS_KEY]: { ...DEFAULT_SETTINGS, token: undefined, unitLabel: 'Team 4', batchSize: 9999 },
    });
    expect(await loadLocalSettings()).toEqual(settingsWith({ unitLabel: 'Team 4' }));
  });

  it('mergeValid reports the rejected keys', () => {
    const rejected: string[] = [];
    const merged = mergeValid(DEFAULT_SETTINGS, { batchSize: 0, unitLabel: 'T', nonsense: 1 }, rejected);
    expect(merged).toEqual(settingsWith({ unitLabel: 'T' }));
    expect(rejected.sort()).toEqual(['batchSize', 'nonsense']);
  });
});
