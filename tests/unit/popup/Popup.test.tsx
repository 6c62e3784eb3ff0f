import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { Popup, type PopupProps } from '../../../components/popup/Popup';
import { AppError } from '../../../utils/errors';
import type { Send } from '../../../utils/messaging/protocol';
import type { SettingsStatus } from '../../../utils/schema/settings-status';
import { closeDb } from '../../../utils/store/db';
import { getRecord } from '../../../utils/store/records';
import { saveSyncState } from '../../../utils/sync/state';
import { applyStatusUpdates } from '../../../utils/sync/status';
import { fakeUiLanguage, harness, resetDb, seed } from '../../support/outbox';
import { makeRecord } from '../../support/records';

let root: HTMLElement;

beforeEach(async () => {
  await resetDb();
  fakeUiLanguage('de-DE');
  root = document.createElement('main');
  document.body.append(root);
});
afterEach(async () => {
  render(null, root);
  root.remove();
  await closeDb();
});

const NOW = Date.UTC(2026, 10, 25, 12);

/** Mounts the popup the way entrypoints/popup/main.tsx does, against the real handlers. */
async function mount(
  options: {
    send?: Send;
    tab?: PopupProps['tab'];
    url?: string;
    settings?: Parameters<typeof harness>[0];
  } = {},
) {
  const h = harness(options.settings);
  const send = options.send ?? h.send;
  const setup = await send('outbox:setup', options.tab ? { tabUrl: options.tab.url } : {});
  const firstPage = await send('outbox:page', { filter: 'all' });
  const closeWindow = vi.fn();
  const download = vi.fn();
  await act(() =>
    render(
      <Popup
        setup={setup}
        tab={options.tab}
        firstPage={firstPage}
        send={send}
        closeWindow={closeWindow}
        download={download}
        now={NOW}
      />,
      root,
    ),
  );
  await settle();
  return { ...h, closeWindow, download };
}

/** Lets pending messages and effects run. */
async function settle() {
  for (let i = 0; i < 5; i++) await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
}

const $ = <T extends Element = HTMLElement>(selector: string) => root.querySelector<T>(selector);
const $$ = (selector: string) => [...root.querySelectorAll<HTMLElement>(selector)];
const rows = () => $$('[data-testid="outbox-row"]');
const text = (selector: string) => $(selector)?.textContent ?? '';

async function click(element: HTMLElement | null) {
  expect(element).not.toBeNull();
  await act(async () => element?.click());
  await settle();
}

async function key(name: string) {
  await act(async () => {
    (document.activeElement ?? document.body).dispatchEvent(
      new KeyboardEvent('keydown', { key: name, bubbles: true }),
    );
  });
  await settle();
}

describe('the popup list', () => {
  it('shows the newest 20 first, with app, screen, category, first line, state and time, then pages on', async () => {
    await seed(
      Array.from({ length: 23 }, (_, i) => ({
        createdAt: NOW - (23 - i) * 60_000,
        note: `Notiz ${i}\nDetails`,
      })),
    );
    await mount();
    expect($('.popup')?.dataset.ready).toBe('true');
    expect(rows()).toHaveLength(20);
    const first = rows()[0] as HTMLElement;
    expect(first.textContent).toContain('Leistungsverfahren · Leistungen');
    expect(first.textContent).toContain('Notiz 22');
    expect(first.textContent).not.toContain('Details');
    expect(first.textContent).toContain('Umständlich / zu viele Schritte');
    expect(first.textContent).toContain('Wartet auf Versand');
    expect(first.querySelector('time')?.textContent).toMatch(/\d{2}:\d{2}/);

    await click($('[data-testid="load-more"]'));
    expect(rows()).toHaveLength(23);
    expect(rows()[22]?.textContent).toContain('Notiz 0');
    // Focus moves to the first newly loaded row, so keyboard users continue where they were.
    expect(document.activeElement).toBe(rows()[20]);
    expect($('[data-testid="load-more"]')).toBeNull();
  });

  it('filters by state', async () => {
    await seed([
      { createdAt: NOW - 3000, status: 'sent', note: 'gesendet' },
      { createdAt: NOW - 2000, status: 'failed', note: 'abgelehnt' },
      { createdAt: NOW - 1000, note: 'wartend' },
    ]);
    await mount();
    expect(rows()).toHaveLength(3);
    await click($('[data-testid="filter-failed"]'));
    expect(rows().map((r) => r.querySelector('.row-note')?.textContent)).toEqual(['abgelehnt']);
    expect($('[data-testid="filter-failed"]')?.getAttribute('aria-pressed')).toBe('true');
    await click($('[data-testid="filter-pending"]'));
    expect(rows().map((r) => r.querySelector('.row-note')?.textContent)).toEqual(['wartend']);
  });

  it('shows counts and the last sync in plain words', async () => {
    await seed([{ createdAt: 1 }, { createdAt: 2, status: 'failed' }, { createdAt: 3, status: 'sent' }]);
    await mount();
    expect(text('[data-testid="count-pending"]')).toBe('1');
    expect(text('[data-testid="count-sent"]')).toBe('1');
    expect(text('[data-testid="count-attention"]')).toBe('1');
    expect(text('[data-testid="sync-line"]')).toContain('noch keine Empfangsadresse');
  });

  it('says so when there is nothing yet', async () => {
    await mount();
    expect(text('[data-testid="list-empty"]')).toBe('Sie haben noch keine Rückmeldung gegeben.');
  });
});

describe('the detail view', () => {
  it('opens from the keyboard, shows the record readable and as exact JSON, and Esc returns to the row', async () => {
    const [, second] = await seed([
      { createdAt: NOW - 2000, note: 'Älter' },
      { createdAt: NOW - 1000, note: 'Konto [IBAN] wird nicht angezeigt' },
    ]);
    await mount();
    const row = rows()[0] as HTMLElement;
    row.focus();
    await click(row);
    expect($('[data-testid="detail"]')).not.toBeNull();
    expect(document.activeElement?.id).toBe('detail-heading');
    expect(text('[data-testid="detail-note"]')).toBe('Konto [IBAN] wird nicht angezeigt');
    expect($('[data-testid="detail-note"] mark.mask')?.textContent).toBe('[IBAN]');
    const details = $<HTMLDetailsElement>('details.json') as HTMLDetailsElement;
    await act(async () => {
      details.open = true;
      details.dispatchEvent(new Event('toggle'));
    });
    expect(JSON.parse(text('[data-testid="detail-json"]'))).toEqual(second?.record);

    await key('Escape');
    expect($('[data-testid="detail"]')).toBeNull();
    expect(document.activeElement).toBe(rows()[0]);
  });

  it('edits a pending record: the form re-checks, the background redacts, the row updates', async () => {
    const [entry] = await seed([{ createdAt: NOW - 1000, note: 'Alte Notiz' }]);
    await mount();
    await click(rows()[0] as HTMLElement);
    await click($('[data-testid="edit"]'));
    const note = $<HTMLTextAreaElement>('#edit-note') as HTMLTextAreaElement;
    expect(document.activeElement).toBe(note);
    await act(async () => {
      note.value = '';
      note.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await click($('[data-testid="edit-save"]'));
    expect(text('#edit-note-error')).toBe('Bitte schreiben Sie eine kurze Notiz.');
    await act(async () => {
      note.value = 'Neue Notiz, Mail an max.mustermann@example.org';
      note.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await click($('[data-testid="edit-save"]'));
    expect($('[data-testid="edit-form"]')).toBeNull();
    expect(text('[data-testid="detail-notice"]')).toBe('Änderungen gespeichert.');
    expect(text('[data-testid="detail-note"]')).toBe('Neue Notiz, Mail an [E-MAIL]');
    expect((await getRecord(entry?.id as string))?.record.note).toBe('Neue Notiz, Mail an [E-MAIL]');
    await key('Escape');
    expect(rows()[0]?.textContent).toContain('Neue Notiz, Mail an [E-MAIL]');
  });

  it('Esc inside the edit form leaves the form, not the record', async () => {
    await seed([{ createdAt: 1 }]);
    await mount();
    await click(rows()[0] as HTMLElement);
    await click($('[data-testid="edit"]'));
    await key('Escape');
    expect($('[data-testid="edit-form"]')).toBeNull();
    expect($('[data-testid="detail"]')).not.toBeNull();
  });

  it('shows the refusal when a send is in flight', async () => {
    await seed([{ createdAt: 1 }]);
    const h = harness();
    const refusing: Send = (type, data) =>
      type === 'outbox:edit' ? Promise.reject(new AppError('record_sending')) : h.send(type, data);
    await mount({ send: refusing });
    await click(rows()[0] as HTMLElement);
    await click($('[data-testid="edit"]'));
    await click($('[data-testid="edit-save"]'));
    expect(text('[data-testid="detail-error"]')).toContain('wird gerade gesendet');
  });

  it('deletes a pending record after confirmation and returns to the list', async () => {
    const [gone] = await seed([
      { createdAt: 1, note: 'weg damit' },
      { createdAt: 2, note: 'bleibt' },
    ]);
    await mount();
    await click(rows()[1] as HTMLElement);
    await click($('[data-testid="delete"]'));
    expect(document.activeElement).toBe($('[data-testid="confirm-delete"]'));
    await click($('[data-testid="confirm-delete"]'));
    expect($('[data-testid="detail"]')).toBeNull();
    expect(rows().map((r) => r.querySelector('.row-note')?.textContent)).toEqual(['bleibt']);
    expect(text('[data-testid="notice"]')).toBe('Die Rückmeldung wurde gelöscht.');
    expect(await getRecord(gone?.id as string)).toBeUndefined();
  });

  it('shows why a record failed and retries it', async () => {
    await seed([
      {
        createdAt: 1,
        status: 'failed',
        failure: { code: 'rejected', reason: 'invalid_item: category', at: 1 },
      },
    ]);
    const { deps } = await mount();
    await click(rows()[0] as HTMLElement);
    // In German words; the collector's technical reason only for the administrator, behind a disclosure.
    expect(text('[data-testid="failure"] p')).toBe(
      'Der Empfänger hat diese Rückmeldung abgelehnt, weil er ihre Angaben nicht annehmen kann. Bitte wenden Sie sich an Ihre Administration.',
    );
    expect(text('[data-testid="failure"] summary')).toBe('Technische Angabe für die Administration');
    expect(text('[data-testid="failure-detail"]')).toBe('invalid_item: category');
    await click($('[data-testid="retry"]'));
    expect(text('[data-testid="detail-status"]')).toBe('Wartet auf Versand');
    expect(deps.requestSync).toHaveBeenCalledWith('retry');
  });

  it('says a record was isolated because the collector kept failing on it', async () => {
    await seed([
      {
        createdAt: 1,
        status: 'failed',
        failure: { code: 'server_error', reason: 'internal_error: store failed', at: 1 },
      },
    ]);
    await mount();
    await click(rows()[0] as HTMLElement);
    expect(text('[data-testid="failure"]')).toContain(
      'Der Empfänger konnte diese Rückmeldung wiederholt nicht speichern; die anderen wurden zugestellt.',
    );
    expect(text('[data-testid="failure-detail"]')).toBe('internal_error: store failed');
  });

  it('shows the officers’ answer, marks it as new once, and reading it clears the count', async () => {
    const [sent] = await seed([{ createdAt: NOW - 1000, status: 'sent' }]);
    await applyStatusUpdates([
      {
        id: sent?.id as string,
        status: 'forwarded',
        reply: 'An den Hersteller gemeldet.',
        updatedAt: '2026-11-25T12:00:00.000+01:00',
      },
    ]);
    await mount();
    expect(text('[data-testid="count-unread"]')).toBe('1');
    expect(rows()[0]?.querySelector('[data-testid="new-answer"]')?.textContent).toBe('Neue Antwort');
    expect(rows()[0]?.textContent).toContain('An den Hersteller weitergegeben');
    await click(rows()[0] as HTMLElement);
    expect(text('[data-testid="answer-state"]')).toBe('An den Hersteller weitergegeben');
    expect(text('[data-testid="answer-reply"]')).toBe('An den Hersteller gemeldet.');
    expect(text('[data-testid="answer"] h3')).toContain('Neue Antwort');
    expect((await getRecord(sent?.id as string))?.officer?.read).toBe(true);
    await click($('[data-testid="detail-back"]'));
    expect(rows()[0]?.querySelector('[data-testid="new-answer"]')).toBeNull();
    expect(text('[data-testid="count-unread"]')).toBe('0');
  });
});

describe('the sync status tells the truth (issue #16, item 8)', () => {
  const endpoint = { endpoint: 'https://collector.example/ingest' };

  it('says nothing was sent yet after a pass that found nothing to send', async () => {
    // What a fresh install has after its first pass: "ok", no request, no success.
    await saveSyncState({
      lastAttemptAt: null,
      lastSuccessAt: null,
      lastResult: 'ok',
      consecutiveFailures: 0,
    });
    await mount({ settings: endpoint });
    expect(text('[data-testid="sync-line"]')).toBe('Es wurde noch nichts gesendet.');
  });

  it('never says a failed "send now" finished, and keeps a zero attention tile neutral', async () => {
    const { deps } = await mount({ settings: endpoint });
    deps.syncNow.mockImplementation(() =>
      saveSyncState({
        lastAttemptAt: NOW,
        lastSuccessAt: null,
        lastResult: 'offline',
        lastErrorCode: 'endpoint_unreachable',
        nextAttemptAt: NOW + 60_000,
        consecutiveFailures: 3,
      }),
    );
    await click($('[data-testid="send-now"]'));
    const notice = $('[data-testid="notice"]');
    expect(notice?.textContent).toBe(
      'Die Übertragung ist nicht gelungen. Ihre Rückmeldungen bleiben auf diesem Gerät.',
    );
    expect(notice?.classList.contains('failed')).toBe(true);
    expect(text('[data-testid="sync-line"]')).toContain('nicht gelungen');
    expect(text('[data-testid="count-attention"]')).toBe('0');
    expect($('[data-testid="count-attention"]')?.parentElement?.classList.contains('attention')).toBe(false);
  });

  it('says a "send now" that delivered finished', async () => {
    const { deps } = await mount({ settings: endpoint });
    deps.syncNow.mockImplementation(() =>
      saveSyncState({ lastAttemptAt: NOW, lastSuccessAt: NOW, lastResult: 'ok', consecutiveFailures: 0 }),
    );
    await click($('[data-testid="send-now"]'));
    expect(text('[data-testid="notice"]')).toBe('Übertragung beendet.');
    expect($('[data-testid="notice"]')?.classList.contains('failed')).toBe(false);
    expect(text('[data-testid="sync-line"]')).toContain('Zuletzt erfolgreich übertragen');
  });
});

describe('the record in German (issue #16, item 7)', () => {
  it('names the picked element’s role in the reader’s language', async () => {
    const { context } = makeRecord();
    await seed([
      {
        createdAt: 1,
        record: {
          context: {
            ...context,
            element: {
              role: 'tab',
              name: 'Leistungen',
              selector: '#t',
              box: { x: 0, y: 0, width: 1, height: 1 },
            },
          },
        },
      },
    ]);
    await mount();
    await click(rows()[0] as HTMLElement);
    expect($('[data-testid="detail"]')?.textContent).toContain('Reiter: Leistungen');
    expect($('[data-testid="detail"]')?.textContent).not.toContain('tab:');
  });
});

describe('the open tab’s site permission (issue #16, item 9)', () => {
  const tab = { id: 7, url: 'http://localhost:5173/akte/1/uebersicht' };

  it('shows a configured site without permission, asks from the click, and goes once granted', async () => {
    const h = harness();
    let granted = false;
    const view = () =>
      ({
        sites: [
          {
            pattern: 'http://localhost:5173/*',
            app: 'Demo-Jobcenter',
            permission: granted ? 'granted' : 'missing',
          },
        ],
        warnings: [],
        locked: [],
      }) as unknown as SettingsStatus;
    const send: Send = (type, data) =>
      type === 'settings:view' ? (Promise.resolve(view()) as never) : h.send(type, data);
    const request = vi.spyOn(browser.permissions, 'request').mockImplementation(async () => {
      granted = true;
      return true;
    });
    await mount({ send, tab });
    await vi.waitFor(async () => {
      await settle();
      expect($('[data-testid="site-permission-notice"]')).not.toBeNull();
    });
    expect(text('[data-testid="site-permission-notice"]')).toContain('Demo-Jobcenter');
    await click($('[data-testid="grant-missing"]'));
    expect(request).toHaveBeenCalledWith({ origins: ['http://localhost:5173/*'] });
    await vi.waitFor(async () => {
      await settle();
      expect($('[data-testid="site-permission-notice"]')).toBeNull();
    });
  });

  it('says nothing on a configured site that has its permission', async () => {
    const h = harness();
    let asked = 0;
    const send: Send = (type, data) => {
      if (type !== 'settings:view') return h.send(type, data);
      asked++;
      return Promise.resolve({
        sites: [{ pattern: 'http://localhost:5173/*', app: 'Demo-Jobcenter', permission: 'granted' }],
        warnings: [],
      }) as never;
    };
    await mount({ send, tab });
    await vi.waitFor(() => expect(asked).toBe(1));
    await settle();
    expect($('[data-testid="site-permission-notice"]')).toBeNull();
  });
});

describe('the feedback action', () => {
  it('opens the dialog in the tab and closes the popup', async () => {
    const h = harness();
    const calls: unknown[] = [];
    const send: Send = (type, data) => {
      if (type === 'dialog:open-in-tab') {
        calls.push(data);
        return Promise.resolve({ ok: true }) as never;
      }
      return h.send(type, data);
    };
    const { closeWindow } = await mount({
      send,
      tab: { id: 7, url: 'http://localhost:5173/akte/1/uebersicht' },
    });
    await click($('[data-testid="give-feedback"]'));
    expect(calls).toEqual([{ tabId: 7 }]);
    expect(closeWindow).toHaveBeenCalled();
  });

  it('offers to enable the site when the tab has no content script', async () => {
    const h = harness();
    const send: Send = (type, data) =>
      type === 'dialog:open-in-tab' ? Promise.reject(new AppError('no_content_script')) : h.send(type, data);
    const { closeWindow } = await mount({
      send,
      tab: { id: 7, url: 'http://localhost:5173/akte/1/uebersicht' },
    });
    await click($('[data-testid="give-feedback"]'));
    await vi.waitFor(async () => {
      await settle();
      expect($('[data-testid="enable-site"]')).not.toBeNull();
    });
    expect(closeWindow).not.toHaveBeenCalled();
  });

  it('shows the enable card straight away on a site that is not configured', async () => {
    await mount({ tab: { id: 7, url: 'https://fachverfahren.example/start' } });
    await vi.waitFor(async () => {
      await settle();
      expect($('[data-testid="enable-site"]')).not.toBeNull();
    });
    expect($('[data-testid="give-feedback"]')).toBeNull();
  });
});

describe('export', () => {
  it('downloads the caseworker’s records as one JSON file', async () => {
    await seed([{ createdAt: 1 }, { createdAt: 2, status: 'sent' }]);
    const { download } = await mount();
    await click($('[data-testid="export"]'));
    await vi.waitFor(() => expect(download).toHaveBeenCalledTimes(1));
    const [fileName, json] = download.mock.calls[0] as [string, string];
    expect(fileName).toMatch(/^mitsprache-export-\d{4}-\d{2}-\d{2}\.json$/);
    expect(JSON.parse(json).records).toHaveLength(2);
    await settle();
    expect(text('[data-testid="export-status"]')).toBe('Export mit 2 Rückmeldungen erstellt.');
  });
});
