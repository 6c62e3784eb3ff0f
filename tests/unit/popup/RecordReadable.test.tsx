import { render } from 'preact';
import { act } from 'preact/test-utils';
import { expect, it } from 'vitest';
import { popupT } from '../../../components/popup/i18n';
import { RecordReadable } from '../../../components/popup/RecordReadable';
import { testRoot } from '../../support/preact';
import { smallRecord } from '../../support/records';

// Issue #17: what leaves the device says so in plain words, also for an outage report.

const root = testRoot();

const since = new Date(2026, 11, 7, 9, 14);
const record = {
  ...smallRecord('00000000-0000-4000-8000-000000000017', '2026-12-07T09:20:00.000+01:00'),
  outage: {
    kind: 'network' as const,
    code: 'ERR_CONNECTION_REFUSED',
    since: since.toISOString(),
    source: 'observed' as const,
    episode: '0123456789abcdef',
  },
};

it('shows the outage: the error in words and code, since when, who saw it, the episode', async () => {
  await act(() =>
    render(
      <RecordReadable
        record={record}
        lang="de"
        t={popupT('de')}
        heading="Das wird gesendet"
        categoryLabel="Fehler"
      />,
      root,
    ),
  );
  const shown = root.querySelector('[data-testid="detail-outage"]')?.textContent ?? '';
  expect(shown).toContain('Verbindung abgelehnt (ERR_CONNECTION_REFUSED)');
  expect(shown).toContain('vom Browser festgestellt');
  expect(shown).toContain('0123456789abcdef');
  expect(shown).toMatch(/seit (\d\d\.\d\d\.\d\d, )?09:14/);
});

it('shows no outage row for an ordinary note', async () => {
  const { outage: _, ...plain } = record;
  await act(() =>
    render(
      <RecordReadable
        record={plain}
        lang="de"
        t={popupT('de')}
        heading="Das wird gesendet"
        categoryLabel="Fehler"
      />,
      root,
    ),
  );
  expect(root.querySelector('[data-testid="detail-outage"]')).toBeNull();
});
