import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, type Settings } from '../../../utils/schema/settings';
import { appNameFromHost, MIGRATIONS, migrateSettings } from '../../../utils/settings/migrations';
import { mergeValid } from '../../../utils/settings/store';

/** What loading does: migrate, then take every field that validates. */
const load = (stored: unknown) => mergeValid(DEFAULT_SETTINGS, migrateSettings(stored).data);

describe('settings migrations', () => {
  it('has one step per version', () => {
    expect(MIGRATIONS).toHaveLength(SETTINGS_VERSION);
  });

  it.each<[string, Record<string, unknown>, Partial<Settings>]>([
    [
      'endpoint and key of the prototype',
      { endpointUrl: 'https://feedback.jc.example/api', apiKey: 'abc123' },
      { endpoint: 'https://feedback.jc.example/api', token: 'abc123' },
    ],
    ['a sync interval in seconds', { syncIntervalSeconds: 300 }, { syncPeriodMinutes: 5 }],
    ['a sync interval below the minimum', { syncIntervalSeconds: 5 }, { syncPeriodMinutes: 0.5 }],
    [
      'bare site patterns get a name from their host',
      { sites: ['https://eakte.jc.example/*'] },
      {
        sites: [
          {
            pattern: 'https://eakte.jc.example/*',
            app: 'Eakte',
            screenSelectors: [],
            allowedParams: [],
            sensitiveSelectors: [],
          },
        ],
      },
    ],
    [
      'named sites keep their name',
      { sites: [{ pattern: 'https://allegro.jc.example/*', name: 'ALLEGRO' }] },
      {
        sites: [
          {
            pattern: 'https://allegro.jc.example/*',
            app: 'ALLEGRO',
            screenSelectors: [],
            allowedParams: [],
            sensitiveSelectors: [],
          },
        ],
      },
    ],
    [
      'German category labels map to built-in ids',
      { categories: ['Zu langsam', 'Druckerprobleme'] },
      {
        categories: [
          { id: 'slow', de: 'Zu langsam', en: 'Too slow' },
          { id: 'druckerprobleme', de: 'Druckerprobleme', en: 'Druckerprobleme' },
        ],
      },
    ],
    ['anonymous', { anonymous: true }, { reporterMode: 'none' }],
    [
      'named by unit',
      { anonymous: false, unit: 'Team Leistung 3' },
      { reporterMode: 'unit', unitLabel: 'Team Leistung 3' },
    ],
    ['not anonymous, no unit', { anonymous: false }, { reporterMode: 'pseudonym' }],
    [
      'language and button side',
      { language: 'en', buttonPosition: 'left' },
      { uiLanguage: 'en', buttonCorner: 'bottom-left' },
    ],
  ])('v0 → current: %s', (_name, v0, expected) => {
    const result = migrateSettings(v0);
    expect(result).toMatchObject({ from: 0, changed: true });
    expect(result.data.version).toBe(SETTINGS_VERSION);
    expect(load(v0)).toEqual({ ...DEFAULT_SETTINGS, ...expected });
  });

  it.each<[string, Record<string, unknown>, Partial<Settings>]>([
    [
      'an http endpoint on the network is dropped, the key kept',
      { endpointUrl: 'http://jc.example/api', apiKey: 'k' },
      { token: 'k' },
    ],
    [
      'wrongly typed v0 fields are ignored',
      { syncIntervalSeconds: '300', sites: 'https://x/*', anonymous: 'yes' },
      {},
    ],
    ['an unknown language stays default', { language: 'fr' }, {}],
  ])('v0 → current, with bad values: %s', (_name, v0, expected) => {
    expect(load(v0)).toEqual({ ...DEFAULT_SETTINGS, ...expected });
  });

  it('leaves current settings alone', () => {
    const stored = { ...DEFAULT_SETTINGS, unitLabel: 'Team 1' };
    expect(migrateSettings(stored)).toEqual({ data: stored, from: SETTINGS_VERSION, changed: false });
  });

  it('is idempotent: a migrated object migrates to itself', () => {
    const once = migrateSettings({ endpointUrl: 'https://f.example/api', apiKey: 'k' }).data;
    expect(migrateSettings(once).data).toEqual(once);
  });

  it('keeps what it understands of a newer version (after a downgrade)', () => {
    const future = {
      ...DEFAULT_SETTINGS,
      version: SETTINGS_VERSION + 1,
      unitLabel: 'Team 2',
      hologram: true,
    };
    const result = migrateSettings(future);
    expect(result).toMatchObject({ from: SETTINGS_VERSION + 1, changed: false });
    expect(load(future)).toEqual({ ...DEFAULT_SETTINGS, unitLabel: 'Team 2' });
  });

  it.each([null, undefined, 'settings', 42, ['endpointUrl']])('treats %j as nothing stored', (stored) => {
    expect(migrateSettings(stored)).toEqual({
      data: { version: SETTINGS_VERSION },
      from: null,
      changed: false,
    });
    expect(load(stored)).toEqual(DEFAULT_SETTINGS);
  });

  it.each([
    ['eakte.jobcenter.example', 'Eakte'],
    ['www.allegro.example', 'Allegro'],
    ['*.jobcenter.example', 'Jobcenter'],
    ['127.0.0.2', '127.0.0.2'],
    ['localhost', 'localhost'],
    ['[::1]', '[::1]'],
  ])('names the application of host %s "%s"', (host, name) => {
    expect(appNameFromHost(host)).toBe(name);
  });
});
