import { describe, expect, it } from 'vitest';
import {
  CONFIGURABLE_KEYS,
  DEFAULT_SETTINGS,
  EndpointUrl,
  MatchPattern,
  PublicSettings,
  SETTINGS_KEYS,
  Settings,
} from '../../../utils/schema/settings';
import { toFieldIssues } from '../../../utils/settings/issues';
import { EAKTE, settingsWith } from '../../support/settings';

describe('the settings schema', () => {
  it('accepts the defaults', () => {
    expect(Settings.parse(DEFAULT_SETTINGS)).toEqual(DEFAULT_SETTINGS);
  });

  it('lists every key, and all but the version are configurable', () => {
    expect(SETTINGS_KEYS).toContain('version');
    expect(CONFIGURABLE_KEYS).toEqual(SETTINGS_KEYS.filter((key) => key !== 'version'));
  });

  it('keeps the token out of the public shape', () => {
    expect(Object.keys(PublicSettings.shape)).not.toContain('token');
  });

  it.each([
    ['https with path', 'https://feedback.jobcenter.example/api/v1/feedback'],
    ['https with port', 'https://feedback.jobcenter.example:8443/api'],
    ['http on localhost', 'http://localhost:8787/api/v1/feedback'],
    ['http on 127.0.0.1', 'http://127.0.0.1:8787/api/v1/feedback'],
    ['http on a .localhost name', 'http://collector.localhost/api'],
    ['surrounding blanks are trimmed', '  https://feedback.example/api  '],
  ])('accepts the endpoint: %s', (_name, value) => {
    expect(EndpointUrl.safeParse(value).success).toBe(true);
  });

  it.each([
    ['http on the network', 'http://feedback.jobcenter.example/api'],
    ['credentials in the URL', 'https://user:secret@feedback.example/api'],
    ['not a URL', 'feedback.example'],
    ['another scheme', 'ftp://feedback.example/'],
    ['javascript', 'javascript:alert(1)'],
  ])('refuses the endpoint: %s', (_name, value) => {
    expect(EndpointUrl.safeParse(value).success).toBe(false);
  });

  it.each([
    'https://eakte.jobcenter.example/*',
    'https://*.jobcenter.example/*',
    '*://eakte.jobcenter.example/akte/*',
    'http://127.0.0.2/*',
    'http://[::1]/*',
  ])('accepts the match pattern %s', (pattern) => {
    expect(MatchPattern.safeParse(pattern).success).toBe(true);
  });

  it.each([
    'eakte.jobcenter.example',
    'https://eakte.jobcenter.example',
    'file:///home/*',
    'https://*eakte.example/*',
    '<all_urls>',
  ])('refuses the match pattern %s', (pattern) => {
    expect(MatchPattern.safeParse(pattern).success).toBe(false);
  });

  // [what, patch, expected issues as "path: code"]
  it.each<[string, Partial<Settings>, string[]]>([
    ['a valid full configuration', { endpoint: 'https://f.example/api', token: 't0k3n', sites: [EAKTE] }, []],
    ['an insecure endpoint', { endpoint: 'http://f.example/api' }, ['endpoint: endpoint_insecure']],
    [
      'a sync period below half a minute',
      { syncPeriodMinutes: 0.1 },
      ['syncPeriodMinutes: number_too_small'],
    ],
    [
      'a sync period that is not a number',
      { syncPeriodMinutes: Number.NaN },
      ['syncPeriodMinutes: not_a_number'],
    ],
    ['a fractional batch size', { batchSize: 2.5 }, ['batchSize: not_integer']],
    ['a batch size above the wire limit', { batchSize: 501 }, ['batchSize: number_too_large']],
    ['no categories', { categories: [] }, ['categories: too_few']],
    [
      'a category id with capitals',
      { categories: [{ id: 'Fehler', de: 'Fehler', en: 'Error' }] },
      ['categories.0.id: category_id'],
    ],
    [
      'two categories with one id',
      {
        categories: [
          { id: 'error', de: 'Fehler', en: 'Error' },
          { id: 'error', de: 'Noch ein Fehler', en: 'Another error' },
        ],
      },
      ['categories.1.id: duplicate'],
    ],
    ['a site without name', { sites: [{ ...EAKTE, app: ' ' }] }, ['sites.0.app: required']],
    [
      'a site with a bad pattern',
      { sites: [{ ...EAKTE, pattern: 'eakte' }] },
      ['sites.0.pattern: match_pattern'],
    ],
    ['the same site twice', { sites: [EAKTE, { ...EAKTE, app: 'Doppelt' }] }, ['sites.1.pattern: duplicate']],
    ['an unknown reporter mode', { reporterMode: 'name' as never }, ['reporterMode: invalid_choice']],
    ['a unit label that is too long', { unitLabel: 'x'.repeat(101) }, ['unitLabel: too_long']],
    ['zero retention days', { retentionDays: 0 }, ['retentionDays: number_too_small']],
    [
      'an invalid redaction pattern',
      { redactionPatterns: [{ name: 'Aktenzeichen', source: '(' }] },
      ['redactionPatterns.0.source: regex_invalid'],
    ],
    ['a one-letter redaction term', { redactionTerms: ['x'] }, ['redactionTerms.0: too_short']],
    ['an unknown UI language', { uiLanguage: 'fr' as never }, ['uiLanguage: invalid_choice']],
    ['an unknown corner', { buttonCorner: 'middle' as never }, ['buttonCorner: invalid_choice']],
    ['a token that is too long', { token: 'x'.repeat(501) }, ['token: too_long']],
  ])('%s', (_name, patch, expected) => {
    const parsed = Settings.safeParse(settingsWith(patch));
    const issues = parsed.success
      ? []
      : toFieldIssues(parsed.error).map((i) => `${i.path.join('.')}: ${i.code}`);
    expect(issues).toEqual(expected);
  });
});
