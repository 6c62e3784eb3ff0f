import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureHandlers } from '../../../entrypoints/background/capture-handlers';
import { AppError } from '../../../utils/errors';
import { openedCapture } from '../../../utils/messaging/dialog-handover';
import { DEFAULT_SETTINGS } from '../../../utils/schema/settings';
import { contentSender, dialogSender, searchPageCapture, workerStarted } from '../../support/captures';
import { resetDb } from '../../support/db';

// The capture path in the background: the content script names the capture and shows the dialog at
// once, so the dialog's requests may arrive before the capture does.

const TAB = 7;
const content = contentSender(TAB);
const dialog = (tab = TAB, frameId = 3) => dialogSender(tab, frameId);
const capture = searchPageCapture();
const input = {
  note: 'Herr Mustermann findet die Suche langsam.',
  category: 'slow',
  impact: 'slows',
  duringAppointment: false,
  minutesLost: null,
} as const;

/** The handlers as a (re)started worker has them. */
async function handlers() {
  await workerStarted();
  const { captureHandlers: fresh } = await import('../../../entrypoints/background/capture-handlers');
  return fresh({ settings: async () => DEFAULT_SETTINGS, onRecordSaved: () => {} });
}

afterEach(async () => {
  vi.useRealTimers();
  await resetDb();
});

describe('capture hand-over', () => {
  it('gives the dialog its form before any capture exists, and nothing about the page', async () => {
    const form = await captureHandlers({ settings: async () => DEFAULT_SETTINGS, onRecordSaved: () => {} })[
      'dialog:form'
    ]({}, dialog());
    expect(form).toEqual({
      lang: expect.stringMatching(/^(de|en)$/),
      categories: expect.arrayContaining([expect.objectContaining({ id: 'slow' })]),
      screenshotsAllowed: false,
      noteMax: 2000,
    });
  });

  it('answers a dialog that asks before the capture has arrived', async () => {
    const h = await handlers();
    const captureId = crypto.randomUUID();
    const setup = h['dialog:setup']({ captureId }, dialog());
    await h['capture:begin']({ capture, captureId }, content);
    expect((await setup).capture.heading).toBe('Suche nach Kundinnen und Kunden');
  });

  it('refuses a capture id that is already in use', async () => {
    const h = await handlers();
    const captureId = crypto.randomUUID();
    await h['capture:begin']({ capture, captureId }, content);
    await expect(h['capture:begin']({ capture, captureId }, content)).rejects.toMatchObject({
      code: 'bad_message',
    });
  });

  it('keeps a capture to the tab it was taken in', async () => {
    const h = await handlers();
    const captureId = crypto.randomUUID();
    await h['capture:begin']({ capture, captureId }, content);
    await expect(h['dialog:setup']({ captureId }, dialog(TAB + 1))).rejects.toMatchObject({
      code: 'unknown_capture',
    });
  });

  it('gives up on a capture nobody announces', async () => {
    vi.useFakeTimers();
    const h = await handlers();
    const setup = h['dialog:setup']({ captureId: crypto.randomUUID() }, dialog());
    const failed = expect(setup).rejects.toBeInstanceOf(AppError);
    await vi.advanceTimersByTimeAsync(5000);
    await failed;
  });

  it('binds the capture to the first dialog frame that claims it; every other frame is refused', async () => {
    const h = await handlers();
    const captureId = crypto.randomUUID();
    await h['capture:begin']({ capture, captureId }, content);
    expect((await h['dialog:setup']({ captureId }, dialog())).captureId).toBe(captureId);
    // Another frame of the same tab (the page framing its own copy of the dialog) that got hold of the id:
    const other = dialog(TAB, 9);
    const refused = { code: 'unknown_capture' };
    await expect(h['dialog:setup']({ captureId }, other)).rejects.toMatchObject(refused);
    await expect(h['record:save']({ captureId, input, withElement: false }, other)).rejects.toMatchObject(
      refused,
    );
    await expect(h['picker:start']({ captureId }, other)).rejects.toMatchObject(refused);
    await expect(h['capture:element']({ captureId, element: null }, other)).rejects.toMatchObject(refused);
    await expect(h['dialog:close']({ captureId }, other)).rejects.toMatchObject(refused);
    // The holder goes on: asks again, saves.
    expect((await h['dialog:setup']({ captureId }, dialog())).captureId).toBe(captureId);
    const { id } = await h['record:save']({ captureId, input, withElement: false }, dialog());
    expect(id).toEqual(expect.any(String));
  });

  it('lets no dialog save against a capture it has not claimed', async () => {
    const h = await handlers();
    const captureId = crypto.randomUUID();
    await h['capture:begin']({ capture, captureId }, content);
    await expect(h['record:save']({ captureId, input, withElement: false }, dialog())).rejects.toMatchObject({
      code: 'unknown_capture',
    });
  });

  it('saves the redacted note against the capture, also after the worker was restarted', async () => {
    const captureId = crypto.randomUUID();
    await (await handlers())['capture:begin']({ capture, captureId }, content);
    await (await handlers())['dialog:setup']({ captureId }, dialog());
    // A restarted worker has lost its memory; storage.session still holds the capture.
    vi.resetModules();
    const { id } = await (await handlers())['record:save'](
      { captureId, input, withElement: false },
      dialog(),
    );
    const { getRecord } = await import('../../../utils/store/records');
    const stored = await getRecord(id);
    expect(stored?.record.note).toBe('Herr [NAME] findet die Suche langsam.');
    expect(stored?.record.context.routeTemplate).toBe('/suche');
  });
});

describe('the open message', () => {
  it.each([
    [
      'a well-formed message',
      true,
      { type: 'mitsprache:open', captureId: '3f0c2a52-6a55-4c8e-9a43-2f4b6f1c9d10' },
    ],
    ['another type', false, { type: 'open', captureId: '3f0c2a52-6a55-4c8e-9a43-2f4b6f1c9d10' }],
    ['an id that is no UUID', false, { type: 'mitsprache:open', captureId: '../../settings' }],
    ['no object', false, 'mitsprache:open'],
    ['null', false, null],
  ])('%s: accepted %s', (_name, accepted, data) => {
    expect(openedCapture(data) !== undefined).toBe(accepted);
  });
});
