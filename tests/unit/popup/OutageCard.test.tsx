import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { popupT } from '../../../components/popup/i18n';
import { OutageCard } from '../../../components/popup/OutageCard';
import { AppError } from '../../../utils/errors';
import type { Send } from '../../../utils/messaging/protocol';
import type { OutageOffer } from '../../../utils/messaging/protocol/outage';
import { testRoot } from '../../support/preact';

// Issue #17, item 2: the card over a failed page, as the caseworker meets it.

const root = testRoot();

const NOW = new Date(2026, 11, 7, 9, 20).getTime();
const OFFER: OutageOffer = {
  app: 'E-Akte',
  kind: 'network',
  code: 'ERR_CONNECTION_REFUSED',
  words: 'Verbindung abgelehnt',
  since: new Date(2026, 11, 7, 9, 14).getTime(),
  routeTemplate: '/akte/:id/leistungen',
  note: 'Störung gemeldet: E-Akte nicht erreichbar (ERR_CONNECTION_REFUSED)',
  reported: 0,
};
const TAB = { id: 7, url: 'https://eakte.jobcenter.example/akte/4711' };

async function mount(send: Send, onReported = vi.fn(), offer: OutageOffer = OFFER) {
  await act(() =>
    render(
      <OutageCard
        offer={offer}
        tab={TAB}
        lang="de"
        t={popupT('de')}
        send={send}
        onReported={onReported}
        now={NOW}
      />,
      root,
    ),
  );
  return onReported;
}
const byTestId = (id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);

describe('the "Störung melden" card', () => {
  it('shows what failed, since when, the screen and the note stored without one; the button has the focus', async () => {
    await mount(vi.fn() as unknown as Send);
    expect(root.querySelector('h2')?.textContent).toBe('Störung melden');
    expect(byTestId('outage-app')?.textContent).toBe('E-Akte');
    expect(byTestId('outage-error')?.textContent).toBe('Verbindung abgelehnt (ERR_CONNECTION_REFUSED)');
    expect(byTestId('outage-since')?.textContent).toBe('09:14');
    expect(byTestId('outage-screen')?.textContent).toBe('/akte/:id/leistungen');
    expect(byTestId('outage-note-default')?.textContent).toBe(
      'Ohne Notiz wird gespeichert: „Störung gemeldet: E-Akte nicht erreichbar (ERR_CONNECTION_REFUSED)“',
    );
    expect(document.activeElement).toBe(byTestId('outage-report'));
    // The note field is labelled.
    expect(root.querySelector('label[for="outage-note"]')?.textContent).toBe('Notiz (freiwillig)');
  });

  it('one press reports (without a note the background writes the generated one) and confirms', async () => {
    const send = vi.fn(async () => ({ id: '00000000-0000-4000-8000-000000000001' }));
    const onReported = await mount(send as unknown as Send);
    await act(async () => byTestId('outage-report')?.click());
    expect(send).toHaveBeenCalledWith('outage:report', {
      tabId: 7,
      tabUrl: TAB.url,
      screen: expect.objectContaining({ pixelRatio: expect.any(Number) }),
      uiLanguage: expect.any(String),
    });
    expect(byTestId('outage-reported')?.textContent).toContain('Störung gemeldet');
    expect(byTestId('outage-report')).toBeNull();
    expect(onReported).toHaveBeenCalledWith('00000000-0000-4000-8000-000000000001');
  });

  it('sends the typed note, and says why when the report fails', async () => {
    const send = vi.fn(async () => {
      throw new AppError('no_outage');
    });
    await mount(send as unknown as Send);
    const field = root.querySelector('textarea') as HTMLTextAreaElement;
    await act(() => {
      field.value = 'Seit heute früh.';
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => byTestId('outage-report')?.click());
    expect(send).toHaveBeenCalledWith('outage:report', expect.objectContaining({ note: 'Seit heute früh.' }));
    expect(root.querySelector('[role="alert"]')?.textContent).toBe(
      'Auf dieser Seite ist gerade keine Störung zu sehen.',
    );
    expect(byTestId('outage-report')).not.toBeNull();
  });
});

describe('the card over an outage already reported from here', () => {
  it('says so, and shows what the officers said about it', async () => {
    const knownAt = new Date(2026, 11, 7, 9, 16).toISOString();
    await mount(vi.fn() as unknown as Send, vi.fn(), {
      ...OFFER,
      reported: 1,
      incident: {
        id: 'inc-1',
        app: 'E-Akte',
        state: 'known',
        openedAt: knownAt,
        knownAt,
        closedAt: null,
        statusText: 'Der Server wird neu gestartet.',
      },
    });
    expect(byTestId('outage-already')?.textContent).toBe(
      'Sie haben diese Störung von diesem Gerät aus bereits gemeldet.',
    );
    expect(byTestId('incident-state')?.textContent).toBe('Bekannt seit 09:16 – IT ist informiert.');
    expect(byTestId('incident-text')?.textContent).toBe('Der Server wird neu gestartet.');
    // Reporting again stays one press away.
    expect(document.activeElement).toBe(byTestId('outage-report'));
  });
});
