import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, type Settings } from '../../../utils/schema/settings';
import type { PolicyWarning } from '../../../utils/schema/settings-status';
import { getEffectiveSettings, getSettingsView } from '../../../utils/settings/effective';
import { parsePolicy, readPolicy } from '../../../utils/settings/policy';
import { getLocalToken, getToken, loadLocalSettings, saveLocalSettings } from '../../../utils/settings/store';
import { EAKTE, resetDb, settingsWith } from '../../support/settings';

const POLICY_SITE = { ...EAKTE, pattern: 'https://allegro.jobcenter.example/*', app: 'ALLEGRO' };

describe('parsePolicy', () => {
  // [what, policy, values that apply, warnings]
  it.each<[string, Record<string, unknown>, Partial<Settings>, PolicyWarning[]]>([
    ['an empty policy', {}, {}, []],
    [
      'valid values',
      { endpoint: 'https://f.example/api', token: 'org-token', batchSize: 20 },
      { endpoint: 'https://f.example/api', token: 'org-token', batchSize: 20 },
      [],
    ],
    [
      'an insecure endpoint is ignored, the rest applies',
      { endpoint: 'http://f.example/api', batchSize: 20 },
      { batchSize: 20 },
      [
        {
          key: 'endpoint',
          kind: 'ignored_value',
          issue: { path: ['endpoint'], code: 'endpoint_insecure' },
        },
      ],
    ],
    [
      'a wrongly typed value',
      { retentionDays: '30' },
      {},
      [
        {
          key: 'retentionDays',
          kind: 'ignored_value',
          issue: { path: ['retentionDays'], code: 'not_a_number' },
        },
      ],
    ],
    [
      'an unknown key (a typo)',
      { endpiont: 'https://f.example' },
      {},
      [{ key: 'endpiont', kind: 'unknown_key' }],
    ],
    ['the version is not a setting and is ignored silently', { version: 7 }, {}, []],
    [
      'one bad site is dropped, the others apply',
      { sites: [EAKTE, { pattern: 'nonsense', app: 'X' }, POLICY_SITE] },
      { sites: [EAKTE, POLICY_SITE] },
      [
        {
          key: 'sites',
          kind: 'ignored_entry',
          index: 1,
          issue: { path: ['sites', 1, 'pattern'], code: 'match_pattern' },
        },
      ],
    ],
    [
      'a duplicate site is dropped',
      { sites: [EAKTE, { ...EAKTE, app: 'Doppelt' }] },
      { sites: [EAKTE] },
      [
        {
          key: 'sites',
          kind: 'ignored_entry',
          index: 1,
          issue: { path: ['sites', 1, 'pattern'], code: 'duplicate' },
        },
      ],
    ],
    [
      'an invalid regular expression is dropped from the patterns',
      {
        redactionPatterns: [
          { name: 'Aktenzeichen', source: 'AZ-\\d{6}' },
          { name: 'Kaputt', source: '([' },
        ],
      },
      { redactionPatterns: [{ name: 'Aktenzeichen', source: 'AZ-\\d{6}' }] },
      [
        {
          key: 'redactionPatterns',
          kind: 'ignored_entry',
          index: 1,
          issue: { path: ['redactionPatterns', 1, 'source'], code: 'regex_invalid' },
        },
      ],
    ],
    [
      'categories that are all invalid leave the local ones',
      { categories: [{ id: 'A B', de: 'x', en: 'y' }] },
      {},
      [
        {
          key: 'categories',
          kind: 'ignored_value',
          issue: { path: ['categories', 0, 'id'], code: 'category_id' },
        },
      ],
    ],
  ])('%s', (_name, raw, values, warnings) => {
    const policy = parsePolicy(raw);
    expect(policy.values).toEqual(values);
    expect(policy.locked.sort()).toEqual(Object.keys(values).sort());
    expect(policy.warnings).toEqual(warnings);
  });

  it.each([null, 'policy', 3, [{ endpoint: 'x' }]])('reads %j as no policy', (raw) => {
    expect(parsePolicy(raw)).toEqual({ values: {}, locked: [], warnings: [] });
  });
});

describe('policy over local over defaults', () => {
  beforeEach(resetDb);

  it('without policy, local settings apply', async () => {
    await saveLocalSettings(settingsWith({ endpoint: 'https://local.example/api', token: 'local' }));
    const effective = await getEffectiveSettings();
    expect(effective.endpoint).toBe('https://local.example/api');
    expect(effective.token).toBe('local');
    expect((await getSettingsView()).locked).toEqual([]);
  });

  it('overrides local values field by field and locks exactly those fields', async () => {
    await saveLocalSettings(
      settingsWith({ endpoint: 'https://local.example/api', unitLabel: 'Team 1', batchSize: 10 }),
    );
    await fakeBrowser.storage.managed.set({ endpoint: 'https://org.example/api', sites: [POLICY_SITE] });
    const effective = await getEffectiveSettings();
    expect(effective).toEqual({
      ...DEFAULT_SETTINGS,
      endpoint: 'https://org.example/api',
      sites: [POLICY_SITE],
      unitLabel: 'Team 1',
      batchSize: 10,
    });
    const view = await getSettingsView();
    expect(view.locked.sort()).toEqual(['endpoint', 'sites']);
    expect(view.warnings).toEqual([]);
    // The local value is untouched: removing the policy brings it back.
    expect((await loadLocalSettings()).endpoint).toBe('https://local.example/api');
  });

  it('ignores a malformed policy value with a warning, and the local value applies', async () => {
    await saveLocalSettings(settingsWith({ retentionDays: 60 }));
    await fakeBrowser.storage.managed.set({ retentionDays: -1, uiLanguage: 'en' });
    const view = await getSettingsView();
    expect(view.settings.retentionDays).toBe(60);
    expect(view.settings.uiLanguage).toBe('en');
    expect(view.locked).toEqual(['uiLanguage']);
    expect(view.warnings).toEqual([
      {
        key: 'retentionDays',
        kind: 'ignored_value',
        issue: { path: ['retentionDays'], code: 'number_too_small', limit: 1 },
      },
    ]);
  });

  it('never puts the token into the view', async () => {
    await saveLocalSettings(settingsWith({ token: 'secret-local' }));
    await fakeBrowser.storage.managed.set({ token: 'secret-org' });
    const view = await getSettingsView();
    expect(JSON.stringify(view)).not.toContain('secret');
    expect(view.tokenSet).toBe(true);
    expect(view.locked).toEqual(['token']);
  });

  it("sends the organisation's token when it sets one, else the local one", async () => {
    await saveLocalSettings(settingsWith({ token: 'local' }));
    expect(await getToken()).toBe('local');
    await fakeBrowser.storage.managed.set({ token: 'org' });
    expect(await getToken()).toBe('org');
    expect(await getLocalToken()).toBe('local');
  });

  it('follows a policy change without restart', async () => {
    await fakeBrowser.storage.managed.set({ batchSize: 5 });
    expect((await getEffectiveSettings()).batchSize).toBe(5);
    await fakeBrowser.storage.managed.set({ batchSize: 9 });
    expect((await getEffectiveSettings()).batchSize).toBe(9);
    await fakeBrowser.storage.managed.clear();
    expect((await getEffectiveSettings()).batchSize).toBe(DEFAULT_SETTINGS.batchSize);
  });

  it('treats a browser without managed storage (Firefox without policy) as no policy', async () => {
    const original = fakeBrowser.storage.managed.get;
    fakeBrowser.storage.managed.get = () => Promise.reject(new Error('Managed storage manifest not found'));
    try {
      expect(await readPolicy()).toEqual({ values: {}, locked: [], warnings: [] });
      expect(await getEffectiveSettings()).toEqual(DEFAULT_SETTINGS);
    } finally {
      fakeBrowser.storage.managed.get = original;
    }
  });
});
