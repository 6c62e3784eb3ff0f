import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { NoteDialog, type NoteSave } from '../../../components/dialog/NoteDialog';
import { createHandlers } from '../../../entrypoints/background/handlers';
import { dispatch } from '../../../entrypoints/background/router';
import type { DialogSetup } from '../../../utils/messaging/protocol';
import { DEFAULT_SETTINGS } from '../../../utils/schema/settings';
import { getRecord } from '../../../utils/store/records';
import { searchPageCapture } from '../../support/captures';
import { resetDb } from '../../support/db';

// "The person decides last": in the note dialog's preview every word the redactor kept can be masked
// with one click and shown again; words that look like names say "Name?"; what the preview shows is
// what the background stores.

const capture = searchPageCapture();
const content = { id: browser.runtime.id, url: capture.href, tab: { id: 7 } as never, frameId: 0 };
const dialogPage = {
  id: browser.runtime.id,
  url: browser.runtime.getURL('/note-dialog.html'),
  tab: { id: 7 } as never,
};
const form = {
  lang: 'de' as const,
  categories: DEFAULT_SETTINGS.categories.map((c) => ({ id: c.id, label: c.de })),
  screenshotsAllowed: false,
  noteMax: 2000,
};

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(async () => {
  render(null, root);
  root.remove();
  await resetDb();
});

/**
 * The dialog as entrypoints/note-dialog/main.tsx mounts it, saving through the real router (so the
 * payload is validated as in the background) into the fake IndexedDB. `saves` records each payload.
 */
async function mount() {
  // The fake browser has no manifest to read the version from.
  vi.spyOn(browser.runtime, 'getManifest').mockReturnValue({
    manifest_version: 3,
    name: 'Mitsprache',
    version: '0.1.0',
  });
  const handlers = createHandlers({
    settings: async () => DEFAULT_SETTINGS,
    onRecordSaved: () => {},
  } as never);
  const captureId = crypto.randomUUID();
  await handlers['capture:begin']({ capture, captureId }, content);
  const setup = (await handlers['dialog:setup']({ captureId }, dialogPage)) as DialogSetup;
  const saves: NoteSave[] = [];
  const ids: string[] = [];
  const onSave = async (save: NoteSave) => {
    saves.push(save);
    const reply = await dispatch(handlers, { type: 'record:save', data: { captureId, ...save } }, dialogPage);
    if (!reply.ok) throw new Error(reply.error.code);
    ids.push((reply.data as { id: string }).id);
    return (reply.data as { id: string }).id;
  };
  await act(() =>
    render(
      <NoteDialog
        form={form}
        setup={setup}
        open
        buildOptions={{ extensionVersion: '0.1.0', browser: { name: 'Chromium', version: '1' } }}
        onSave={onSave}
        onScreenshot={() => Promise.reject(new Error('unused'))}
        onClose={() => {}}
        onDraft={async () => undefined}
        onDiscard={async () => undefined}
        onPick={() => {}}
        onClearElement={() => {}}
        onAnswer={() => Promise.reject(new Error('unused'))}
      />,
      root,
    ),
  );
  return { saves, ids };
}

async function type(text: string) {
  const area = root.querySelector<HTMLTextAreaElement>('#note');
  if (!area) throw new Error('no note field');
  await act(() => {
    area.value = text;
    area.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

const preview = () => root.querySelector('[data-testid="note-preview"]')?.textContent ?? '';
/** A word's button by its accessible name (its label, else its text). */
const wordButton = (name: string) =>
  [...root.querySelectorAll<HTMLButtonElement>('[role="toolbar"] button')].find(
    (b) => (b.getAttribute('aria-label') ?? b.textContent) === name,
  );

async function click(button: HTMLElement | undefined) {
  if (!button) throw new Error('no such button');
  await act(() => button.click());
}

/** Chooses the kind of feedback and the impact: the form chooses none in advance (issue #16, item 5). */
async function choose(category: string, impact?: string) {
  await act(() => {
    const select = root.querySelector<HTMLSelectElement>('#category');
    if (!select) throw new Error('no category field');
    select.value = category;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
  if (impact)
    await click(root.querySelector<HTMLInputElement>(`input[name="impact"][value="${impact}"]`) ?? undefined);
}

async function saveWithCtrlEnter() {
  await choose('missing', 'slows');
  await act(() => {
    root
      .querySelector('#note')
      ?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
  });
  await vi.waitFor(() => expect(root.querySelector('[data-testid="saved"]')).not.toBeNull());
}

describe('mask this word', () => {
  it('masks a word everywhere with one click and stores the note exactly as previewed', async () => {
    const { saves, ids } = await mount();
    await type('In der Zweigstelle Nordhafen fehlt der Knopf; NORDHAFEN meldet es auch.');
    const word = wordButton('Nordhafen');
    expect(word?.getAttribute('aria-pressed')).toBe('false');
    await click(word);
    const shown = preview();
    expect(shown).toBe('In der Zweigstelle [NAME] fehlt der Knopf; [NAME] meldet es auch.');
    // The masked word is still a pressed toggle, named with the placeholder and the person's own word.
    const pressed = [...root.querySelectorAll('[role="toolbar"] button[aria-pressed="true"]')];
    expect(pressed.map((b) => b.getAttribute('aria-label'))).toEqual([
      '[NAME] Nordhafen',
      '[NAME] NORDHAFEN',
    ]);

    await saveWithCtrlEnter();
    expect(saves[0]?.maskWords).toEqual(['Nordhafen']);
    const stored = await getRecord(ids[0] ?? '');
    expect(stored?.record.note).toBe(shown);
  });

  it('shows a chosen word again on a second click, and then stores it', async () => {
    const { saves, ids } = await mount();
    await type('Die Liste der Zweigstelle Nordhafen lädt langsam.');
    await click(wordButton('Nordhafen'));
    expect(preview()).not.toContain('Nordhafen');
    await click(root.querySelector<HTMLElement>('[role="toolbar"] button[aria-pressed="true"]') ?? undefined);
    expect(preview()).toContain('Nordhafen');
    expect(wordButton('Nordhafen')?.getAttribute('aria-pressed')).toBe('false');

    await saveWithCtrlEnter();
    expect(saves[0]?.maskWords).toEqual([]);
    expect((await getRecord(ids[0] ?? ''))?.record.note).toBe(
      'Die Liste der Zweigstelle Nordhafen lädt langsam.',
    );
  });

  it('marks a kept word that looks like a name with "Name?"; one click masks it', async () => {
    const { ids } = await mount();
    // The redactor masks the name after "Frau"; a surname that is also a word ("Engel") opening a
    // sentence it keeps, but suspects.
    await type('Frau Wrobel meldet. Engel steht doppelt in der Liste.');
    const suspect = wordButton('Engel Name?');
    expect(suspect?.getAttribute('aria-pressed')).toBe('false');
    expect(suspect?.dataset.badge).toBe('Name?');
    expect(root.querySelector('.context [aria-live]')?.textContent).toContain('(Name?): 1');
    await click(suspect);
    expect(preview()).toBe('Frau [NAME] meldet. [NAME] steht doppelt in der Liste.');
    expect(root.querySelector('[data-badge]')).toBeNull();
    expect(root.textContent).not.toContain('Name?');
    await saveWithCtrlEnter();
    expect((await getRecord(ids[0] ?? ''))?.record.note).toBe(
      'Frau [NAME] meldet. [NAME] steht doppelt in der Liste.',
    );
  });

  it('is one tab stop; the arrow keys, Home and End move between the words', async () => {
    await mount();
    await type('Der Knopf fehlt hier.');
    const buttons = () => [...root.querySelectorAll<HTMLButtonElement>('[role="toolbar"] button')];
    expect(buttons().map((b) => b.tabIndex)).toEqual([0, -1, -1, -1]);
    const key = (name: string) =>
      act(() => {
        document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true }));
      });
    buttons()[0]?.focus();
    await key('ArrowRight');
    expect(document.activeElement?.textContent).toBe('Knopf');
    await key('End');
    expect(document.activeElement?.textContent).toBe('hier');
    await key('ArrowLeft');
    expect(document.activeElement?.textContent).toBe('fehlt');
    expect(buttons().map((b) => b.tabIndex)).toEqual([-1, -1, 0, -1]);
    await key('Home');
    expect(document.activeElement?.textContent).toBe('Der');
  });

  it('labels the words in German and says how to mask one', async () => {
    await mount();
    await type('Der Knopf fehlt.');
    const toolbar = root.querySelector('[role="toolbar"]');
    expect(toolbar?.getAttribute('aria-label')).toBe('Wörter der Notiz');
    const hint = root.querySelector(`#${toolbar?.getAttribute('aria-describedby')}`);
    expect(hint?.textContent).toMatch(/anklicken .* unkenntlich/);
  });
});

describe('"Das ist eine Störung" (issue #17)', () => {
  it('is offered with the category error only, and stores a declared, blocking outage without a note', async () => {
    const { saves, ids } = await mount();
    expect(root.querySelector('[data-testid="declare-outage"]')).toBeNull();
    await choose('error');
    const declare = root.querySelector<HTMLButtonElement>('[data-testid="declare-outage-button"]');
    expect(declare?.textContent).toBe('Das ist eine Störung');
    // The note field says nothing about a missing note: an outage needs none.
    await click(declare ?? undefined);
    await vi.waitFor(() => expect(ids).toHaveLength(1));
    expect(saves[0]?.outage).toEqual({ kind: 'unresponsive' });
    expect(saves[0]?.input).toMatchObject({ category: 'error', impact: 'blocks' });
    const stored = await getRecord(ids[0] ?? '');
    expect(stored?.record).toMatchObject({
      impact: 'blocks',
      note: `Störung gemeldet: ${stored?.record.context.app} reagiert nicht`,
      outage: { kind: 'unresponsive', source: 'declared' },
    });
    expect(stored?.record.outage?.episode).toMatch(/^[0-9a-f]{16}$/);
  });
});
