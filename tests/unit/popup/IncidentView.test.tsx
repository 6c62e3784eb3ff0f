import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { AnswerView } from '../../../components/popup/AnswerView';
import { popupT } from '../../../components/popup/i18n';
import type { IncidentStatus } from '../../../utils/schema/wire';
import { testRoot } from '../../support/preact';

// Issue #17, item 5: what the caseworker who reported an outage reads in the popup once officers act.

const root = testRoot();

// Local times: the popup shows the caseworker's clock.
const at = (hours: number, minutes: number) => new Date(2026, 11, 7, hours, minutes).toISOString();
const NOW = new Date(2026, 11, 7, 11, 0).getTime();

const incident = (patch: Partial<IncidentStatus>): IncidentStatus => ({
  id: 'inc-1',
  app: 'E-Akte',
  state: 'open',
  openedAt: at(9, 2),
  knownAt: null,
  closedAt: null,
  statusText: null,
  ...patch,
});

async function show(inc: IncidentStatus | undefined, lang: 'de' | 'en' = 'de') {
  const officer = {
    status: 'received' as const,
    reply: null,
    updatedAt: at(9, 20),
    read: false,
    ...(inc ? { incident: inc } : {}),
  };
  await act(() =>
    render(<AnswerView officer={officer} fresh lang={lang} t={popupT(lang)} now={NOW} />, root),
  );
}
const text = (testId: string) => root.querySelector(`[data-testid="${testId}"]`)?.textContent ?? null;

describe('the incident of an outage report in the popup', () => {
  it('open: reported, being checked', async () => {
    await show(incident({}));
    expect(text('incident-state')).toBe('Störung gemeldet, wird geprüft.');
    expect(text('incident-text')).toBeNull();
  });

  it('known: since when, IT informed, and the officers’ status text', async () => {
    await show(
      incident({ state: 'known', knownAt: at(9, 14), statusText: 'Der Server wird neu gestartet.' }),
    );
    expect(text('incident-state')).toBe('Bekannt seit 09:14 – IT ist informiert.');
    expect(text('incident-text')).toBe('Der Server wird neu gestartet.');
    expect(root.querySelector('[data-testid="incident-text"]')?.getAttribute('aria-label')).toBe(
      'Stand der Digitalisierungsbeauftragten',
    );
  });

  it('closed: resolved, with the time', async () => {
    await show(
      incident({ state: 'closed', knownAt: at(9, 14), closedAt: at(10, 40), statusText: 'Behoben.' }),
    );
    expect(text('incident-state')).toBe('Störung behoben (10:40).');
    expect(text('incident-text')).toBe('Behoben.');
  });

  it('in English', async () => {
    await show(incident({ state: 'known', knownAt: at(9, 14) }), 'en');
    expect(text('incident-state')).toBe('Known since 09:14 – IT has been informed.');
  });

  it('a note without an incident shows the answer alone', async () => {
    await show(undefined);
    expect(text('incident')).toBeNull();
    expect(text('answer-state')).toBe('Eingegangen');
  });
});
