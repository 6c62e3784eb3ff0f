import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SETTINGS_VERSION } from '../../../utils/schema/settings';
import { exportSettings, parseImport } from '../../../utils/settings/transfer';
import { EAKTE, settingsWith } from '../../support/settings';

const current = settingsWith({
  endpoint: 'https://f.example/api',
  token: 'current-token',
  unitLabel: 'Team 1',
});

describe('export', () => {
  it('leaves the token out unless asked', () => {
    const file = exportSettings(current, { includeToken: false });
    expect(file).not.toHaveProperty('token');
    expect(file.version).toBe(SETTINGS_VERSION);
    expect(file.endpoint).toBe('https://f.example/api');
    expect(exportSettings(current, { includeToken: true }).token).toBe('current-token');
  });

  it('round-trips through import', () => {
    const text = JSON.stringify(exportSettings(current, { includeToken: true }));
    expect(parseImport(text, DEFAULT_SETTINGS, [])).toEqual({
      ok: true,
      settings: current,
      skippedLocked: [],
    });
  });
});

describe('import', () => {
  it('keeps the current token when the file has none', () => {
    const text = JSON.stringify(
      exportSettings(settingsWith({ unitLabel: 'Team 9' }), { includeToken: false }),
    );
    const outcome = parseImport(text, current, []);
    expect(outcome).toMatchObject({ ok: true, settings: { token: 'current-token', unitLabel: 'Team 9' } });
  });

  it('keeps current values for fields the file lacks', () => {
    const outcome = parseImport(JSON.stringify({ version: SETTINGS_VERSION, sites: [EAKTE] }), current, []);
    expect(outcome).toEqual({ ok: true, settings: { ...current, sites: [EAKTE] }, skippedLocked: [] });
  });

  it('runs an old file through the migrations', () => {
    const outcome = parseImport(
      JSON.stringify({ endpointUrl: 'https://old.example/api', apiKey: 'k' }),
      current,
      [],
    );
    expect(outcome).toMatchObject({
      ok: true,
      settings: { endpoint: 'https://old.example/api', token: 'k' },
    });
  });

  it('skips values the organisation locks', () => {
    const text = JSON.stringify({
      version: SETTINGS_VERSION,
      endpoint: 'https://other.example/api',
      unitLabel: 'T2',
    });
    expect(parseImport(text, current, ['endpoint'])).toEqual({
      ok: true,
      settings: { ...current, unitLabel: 'T2' },
      skippedLocked: ['endpoint'],
    });
  });

  // [what, file text, issues as "path: code"]
  it.each<[string, string, string[]]>([
    ['not JSON', '{"endpoint": ', [': not_json']],
    ['a JSON array', '[1,2]', [': not_json']],
    [
      'an insecure endpoint',
      JSON.stringify({ version: 1, endpoint: 'http://f.example' }),
      ['endpoint: endpoint_insecure'],
    ],
    [
      'several bad fields, each named',
      JSON.stringify({ version: 1, batchSize: 0, sites: [{ pattern: 'x', app: '' }] }),
      ['batchSize: number_too_small', 'sites.0.pattern: match_pattern', 'sites.0.app: required'],
    ],
    [
      'a misspelt key',
      JSON.stringify({ version: 1, endpiont: 'https://f.example' }),
      ['endpiont: unknown_setting'],
    ],
  ])('applies nothing for %s', (_name, text, issues) => {
    const outcome = parseImport(text, current, []);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok)
      expect(outcome.issues.map((i) => `${i.path.join('.')}: ${i.code}`).sort()).toEqual(issues.sort());
  });
});
