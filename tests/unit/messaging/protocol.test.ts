import { describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { createHandlers } from '../../../entrypoints/background/handlers';
import { dispatch } from '../../../entrypoints/background/router';
import { protocol } from '../../../utils/messaging/protocol';
import { captureProtocol } from '../../../utils/messaging/protocol/capture';
import { outboxProtocol } from '../../../utils/messaging/protocol/outbox';
import { settingsProtocol } from '../../../utils/messaging/protocol/settings';
import { DEFAULT_SETTINGS } from '../../../utils/schema/settings';

const handlers = createHandlers({ settings: async () => DEFAULT_SETTINGS, onRecordSaved: () => {} } as never);
const extensionPage = { id: browser.runtime.id, url: browser.runtime.getURL('/note-dialog.html') };
const contentScript = {
  id: browser.runtime.id,
  url: 'http://127.0.0.1:5173/akte/1',
  tab: { id: 7 } as never,
  frameId: 0,
};

describe('the message map', () => {
  it('has a handler for every message type and no handler without a message', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(protocol).sort());
  });

  it('defines each message type in exactly one part', () => {
    const names = [captureProtocol, outboxProtocol, settingsProtocol].flatMap((part) => Object.keys(part));
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('dispatch', () => {
  it.each([
    ['not an object', 'nonsense'],
    ['no type', { data: {} }],
    ['an unknown type', { type: 'records:drop-all', data: {} }],
  ])('answers %s with bad_message and does nothing', async (_name, message) => {
    expect(await dispatch(handlers, message, extensionPage)).toEqual({
      ok: false,
      error: { code: 'bad_message' },
    });
  });

  it('refuses a message from another extension', async () => {
    const foreign = { id: 'someone-else', url: 'chrome-extension://someone-else/x.html' };
    const reply = await dispatch(
      handlers,
      { type: 'dialog:setup', data: { captureId: 'abcdefghijkl' } },
      foreign,
    );
    expect(reply).toEqual({ ok: false, error: { code: 'forbidden_sender' } });
  });

  it('refuses a content script sending a message meant for extension pages', async () => {
    const message = {
      type: 'record:save',
      data: {
        captureId: 'abcdefghijkl',
        input: { note: 'x', category: 'idea', impact: 'minor', duringAppointment: false, minutesLost: null },
        withElement: false,
      },
    };
    expect(await dispatch(handlers, message, contentScript)).toEqual({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
  });

  it('refuses a malformed payload before any handler runs', async () => {
    const reply = await dispatch(
      handlers,
      { type: 'capture:begin', data: { capture: { href: 42 } } },
      contentScript,
    );
    expect(reply).toEqual({ ok: false, error: { code: 'bad_message' } });
  });

  it('answers an unknown capture with its code', async () => {
    const reply = await dispatch(
      handlers,
      { type: 'dialog:setup', data: { captureId: 'abcdefghijkl' } },
      extensionPage,
    );
    expect(reply).toEqual({ ok: false, error: { code: 'unknown_capture' } });
  });
});
