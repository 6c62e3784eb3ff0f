import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { captureHandlers } from '../../../entrypoints/background/capture-handlers';
import { dropDraftsWithTab } from '../../../entrypoints/background/drafts';
import { loadLexiconFromDisk } from '../../../utils/redact/lexicon-node';
import type { RawCapture } from '../../../utils/schema/capture';
import { DEFAULT_SETTINGS } from '../../../utils/schema/settings';
import { contentSender, dialogSender, searchPageCapture } from '../../support/captures';
import { resetDb } from '../../support/db';

// Drafts (issue #16, item 1): one per tab and screen, in storage.session, until saved or discarded.

const TAB = 7;
const content = (tab = TAB) => contentSender(tab);
const dialog = (tab = TAB, frameId = 3) => dialogSender(tab, frameId);
const DRAFT = { note: 'Die Suche springt nach oben.', impact: 'blocks' as const };

function handlers() {
  vi.spyOn(browser.runtime, 'getManifest').mockReturnValue({
    manifest_version: 3,
    name: 'Mitsprache',
    version: '0.1.0',
  });
  loadLexiconFromDisk();
  return captureHandlers({ settings: async () => DEFAULT_SETTINGS, onRecordSaved: () => {} });
}

/** A capture begun in `tab` and claimed by its dialog; returns its id and what the dialog was set up with. */
async function open(h: ReturnType<typeof handlers>, capture: RawCapture, tab = TAB) {
  const captureId = crypto.randomUUID();
  await h['capture:begin']({ capture, captureId }, content(tab));
  return { captureId, setup: await h['dialog:setup']({ captureId }, dialog(tab)) };
}

const onScreen = (href: string): RawCapture => ({ ...searchPageCapture(), href });

beforeEach(async () => {
  await resetDb();
});

describe('drafts', () => {
  it('come back on the same screen of the same tab only', async () => {
    const h = handlers();
    const first = await open(h, searchPageCapture());
    expect(first.setup.draft).toBeUndefined();
    await h['draft:put']({ captureId: first.captureId, draft: DRAFT }, dialog());

    // Same screen, other query: back. Other screen, other tab: not there.
    expect((await open(h, onScreen('http://127.0.0.1:5173/suche?q=Musterfrau'))).setup.draft).toEqual(DRAFT);
    expect(
      (await open(h, onScreen('http://127.0.0.1:5173/akte/JC-2024-004711/uebersicht'))).setup.draft,
    ).toBeUndefined();
    expect((await open(h, searchPageCapture(), TAB + 1)).setup.draft).toBeUndefined();
  });

  it('are deleted by a save, by "Verwerfen", and when the tab closes', async () => {
    const h = handlers();
    dropDraftsWithTab();
    const saved = await open(h, searchPageCapture());
    await h['draft:put']({ captureId: saved.captureId, draft: DRAFT }, dialog());
    await h['record:save'](
      {
        captureId: saved.captureId,
        input: {
          note: DRAFT.note,
          category: 'slow',
          impact: 'blocks',
          duringAppointment: false,
          minutesLost: null,
        },
        withElement: false,
      },
      dialog(),
    );
    const discarded = await open(h, searchPageCapture());
    expect(discarded.setup.draft).toBeUndefined();
    await h['draft:put']({ captureId: discarded.captureId, draft: DRAFT }, dialog());
    await h['draft:discard']({ captureId: discarded.captureId }, dialog());
    const closed = await open(h, searchPageCapture());
    expect(closed.setup.draft).toBeUndefined();
    await h['draft:put']({ captureId: closed.captureId, draft: DRAFT }, dialog());
    await fakeBrowser.tabs.onRemoved.trigger(TAB, { windowId: 1, isWindowClosing: false });
    await vi.waitFor(async () =>
      expect(Object.keys(await browser.storage.session.get(null))).not.toContainEqual(
        expect.stringMatching(/^draft:/),
      ),
    );
  });

  it('are kept only for the dialog that holds the capture', async () => {
    const h = handlers();
    const { captureId } = await open(h, searchPageCapture());
    await expect(h['draft:put']({ captureId, draft: DRAFT }, dialog(TAB, 9))).rejects.toMatchObject({
      code: 'unknown_capture',
    });
  });
});
