import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type SettingsApi, SettingsPage } from '../../../components/options/SettingsPage';
import { DEFAULT_SETTINGS, type Settings } from '../../../utils/schema/settings';
import type { SettingsPageState } from '../../../utils/schema/settings-status';
import { EAKTE } from '../../support/settings';

function stateOf(settings: Settings, extra: Partial<SettingsPageState> = {}): SettingsPageState {
  const { token, ...rest } = settings;
  return {
    settings: rest,
    token,
    tokenSet: token !== '',
    locked: [],
    warnings: [],
    sites: settings.sites.map((site) => ({ pattern: site.pattern, app: site.app, permission: 'granted' })),
    ...extra,
  };
}

let root: HTMLElement;
let api: SettingsApi & { [K in keyof SettingsApi]: ReturnType<typeof vi.fn> };

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  api = {
    save: vi.fn(async (settings: Settings) => ({ ok: true as const, state: stateOf(settings) })),
    reload: vi.fn(async () => stateOf(DEFAULT_SETTINGS)),
    testConnection: vi.fn(async () => ({ service: 'mitsprache-collector' })),
    requestOrigins: vi.fn(async () => true),
    onPolicyChanged: vi.fn(() => () => {}),
    download: vi.fn(),
  } as never;
});

afterEach(() => {
  render(null, root);
  root.remove();
});

async function mount(state: SettingsPageState, browserLanguage = 'de-DE') {
  await act(() => render(<SettingsPage initial={state} browserLanguage={browserLanguage} api={api} />, root));
}

const $ = <T extends Element = HTMLInputElement>(selector: string) => root.querySelector(selector) as T;

async function type(selector: string, value: string) {
  const input = $<HTMLInputElement>(selector);
  await act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function submit() {
  await act(async () => {
    $<HTMLFormElement>('form').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
  await act(async () => {});
}

describe('SettingsPage', () => {
  it('shows values set by policy locked, with the note', async () => {
    await mount(
      stateOf({ ...DEFAULT_SETTINGS, endpoint: 'https://org.example/api' }, { locked: ['endpoint'] }),
    );
    const endpoint = $('#f-endpoint');
    expect(endpoint.disabled).toBe(true);
    expect(endpoint.value).toBe('https://org.example/api');
    expect(endpoint.getAttribute('aria-describedby')).toContain('f-endpoint-locked');
    expect($('#f-endpoint-locked').textContent).toBe('Von Ihrer Organisation festgelegt');
    expect($('#f-batchSize').disabled).toBe(false);
    expect($('[data-testid="policy-notice"]').textContent).toContain('1 Einstellungen');
  });

  it('shows a field error in the UI language as soon as the field is wrong, and saves nothing', async () => {
    await mount(stateOf(DEFAULT_SETTINGS), 'en-US');
    await type('#f-endpoint', 'http://feedback.example/api');
    expect($('#f-endpoint').getAttribute('aria-invalid')).toBe('true');
    expect($('#f-endpoint-error').textContent).toContain('must start with https://');
    await submit();
    expect(api.save).not.toHaveBeenCalled();
    expect($('[data-testid="error-summary"]').textContent).toContain('Endpoint: The address must start');
  });

  it('reports every invalid field on save, including ones not touched yet', async () => {
    await mount(stateOf({ ...DEFAULT_SETTINGS, categories: [{ id: 'error', de: 'Fehler', en: 'Error' }] }));
    await type('#f-categories-0-id', 'Fehler!');
    await type('#f-batchSize', '0');
    await submit();
    expect(api.save).not.toHaveBeenCalled();
    const summary = $('[data-testid="error-summary"]').textContent ?? '';
    expect(summary).toContain('Bitte korrigieren Sie 2 Angaben');
    expect(summary).toContain('Arten von Rückmeldungen › Eintrag 1 › Kennung');
    expect(summary).toContain('Rückmeldungen je Übertragung: Zu klein (mindestens 1).');
  });

  it('reads a German decimal comma', async () => {
    await mount(stateOf(DEFAULT_SETTINGS));
    await type('#f-syncPeriodMinutes', '2,5');
    await submit();
    expect(api.save).toHaveBeenCalledWith(expect.objectContaining({ syncPeriodMinutes: 2.5 }));
  });

  it('asks for permission for new sites only, before saving', async () => {
    await mount(stateOf(DEFAULT_SETTINGS));
    await act(() => $<HTMLButtonElement>('[data-testid="add-site"]').click());
    // The new entry comes after the build's default sites (none, or an organisation's).
    const added = DEFAULT_SETTINGS.sites.length;
    await type(`#f-sites-${added}-pattern`, EAKTE.pattern);
    await type(`#f-sites-${added}-app`, 'E-Akte');
    await submit();
    expect(api.requestOrigins).toHaveBeenCalledWith([EAKTE.pattern]);
    expect(api.save).toHaveBeenCalledWith(
      expect.objectContaining({
        sites: [
          ...DEFAULT_SETTINGS.sites,
          { ...EAKTE, screenSelectors: [], allowedParams: [], sensitiveSelectors: [] },
        ],
      }),
    );
    expect($('[data-testid="save-status"]').textContent).toContain('Gespeichert');
  });

  it('offers to grant a revoked permission', async () => {
    const settings = { ...DEFAULT_SETTINGS, sites: [EAKTE] };
    await mount(
      stateOf(settings, { sites: [{ pattern: EAKTE.pattern, app: EAKTE.app, permission: 'revoked' }] }),
    );
    expect($('[data-testid="site-permission"]').textContent).toContain('entzogen');
    await act(async () => $<HTMLButtonElement>('[data-testid="grant-all"]').click());
    expect(api.requestOrigins).toHaveBeenCalledWith([EAKTE.pattern]);
  });

  it('exports without the token unless asked', async () => {
    await mount(stateOf({ ...DEFAULT_SETTINGS, token: 'geheim' }));
    await act(() => $<HTMLButtonElement>('[data-testid="export"]').click());
    expect(api.download.mock.calls[0]?.[1]).not.toContain('geheim');
    await act(() => $<HTMLInputElement>('[data-testid="include-token"]').click());
    await act(() => $<HTMLButtonElement>('[data-testid="export"]').click());
    expect(JSON.parse(api.download.mock.calls[1]?.[1]).token).toBe('geheim');
  });
});
