import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createDialogSlot } from '../../../entrypoints/content/dialog-slot';
import { startDialogSession } from '../../../entrypoints/note-dialog/dialog-session';
import { FOCUS_MESSAGE, OPEN_MESSAGE } from '../../../utils/messaging/dialog-handover';

// When the focus given on the click never reaches the dialog (Chromium lost it now and then), the
// dialog asks the page's frame, and the content script hands focus over afresh: only to its own open
// dialog, never on the host page's say-so.

const CAPTURE = '3a6be38c-9ea7-4b32-b59c-ff9871ebb37f';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

describe('the content script’s dialog slot', () => {
  const setUp = () => {
    const container = document.createElement('div');
    document.body.append(container);
    const abort = new AbortController();
    const slot = createDialogSlot(container, 'Rückmeldung geben', abort.signal);
    // happy-dom loads no extension page, so each frame gets a stand-in for the dialog's window.
    const frame = () => {
      const element = container.querySelector('iframe') as HTMLIFrameElement;
      if (!Object.hasOwn(element, 'contentWindow')) {
        const own = new MessageChannel().port1;
        Object.defineProperty(element, 'contentWindow', { get: () => own });
      }
      return element;
    };
    const ask = (source: MessageEventSource | null) =>
      window.dispatchEvent(new MessageEvent('message', { data: { type: FOCUS_MESSAGE }, source }));
    const watch = () => {
      const calls: string[] = [];
      vi.spyOn(frame(), 'blur').mockImplementation(() => calls.push('blur'));
      vi.spyOn(frame(), 'focus').mockImplementation(() => calls.push('focus'));
      return calls;
    };
    return { slot, frame, ask, watch, abort };
  };

  it('leaves and re-enters its open dialog when that dialog asks', () => {
    const { slot, frame, ask, watch } = setUp();
    slot.open(CAPTURE);
    const calls = watch();
    ask(frame().contentWindow);
    expect(calls).toEqual(['blur', 'focus']);
  });

  it('ignores the request from any other window, e.g. the host page itself', () => {
    const { slot, ask, watch } = setUp();
    slot.open(CAPTURE);
    const calls = watch();
    ask(window);
    ask(null);
    expect(calls).toEqual([]);
  });

  it('does not focus a dialog that is only prepared, stepped aside, or after its owner ended', () => {
    const { slot, frame, ask, watch, abort } = setUp();
    slot.prepare();
    const calls = watch();
    ask(frame().contentWindow);
    slot.open(CAPTURE);
    calls.length = 0;
    slot.hideUntilResumed();
    ask(frame().contentWindow);
    expect(calls).toEqual([]);
    abort.abort();
    frame().hidden = false;
    ask(frame().contentWindow);
    expect(calls).toEqual([]);
  });
});

describe('the dialog page’s session', () => {
  const inFrame = () => {
    vi.useFakeTimers();
    const parentWindow = { postMessage: vi.fn() };
    vi.stubGlobal('parent', parentWindow);
    const abort = new AbortController();
    const shown: { opened: boolean; captureId?: string }[] = [];
    startDialogSession(
      (state) => shown.push({ opened: state.opened, captureId: state.captureId }),
      abort.signal,
    );
    const openIt = () =>
      window.dispatchEvent(
        new MessageEvent('message', {
          data: { type: OPEN_MESSAGE, captureId: CAPTURE },
          source: parentWindow as unknown as Window,
        }),
      );
    return { parentWindow, openIt, abort, shown };
  };

  it('asks the page for focus when the focus given on the click never arrived', () => {
    const { parentWindow, openIt, abort } = inFrame();
    openIt();
    vi.advanceTimersByTime(1000);
    expect(parentWindow.postMessage).toHaveBeenCalledExactlyOnceWith({ type: FOCUS_MESSAGE }, '*');
    abort.abort();
  });

  it('asks nothing when its window got focus, and asks again once it lost it', () => {
    const { parentWindow, openIt, abort } = inFrame();
    window.dispatchEvent(new Event('focus'));
    openIt();
    vi.advanceTimersByTime(1000);
    expect(parentWindow.postMessage).not.toHaveBeenCalled();
    abort.abort();

    const second = inFrame();
    window.dispatchEvent(new Event('focus'));
    window.dispatchEvent(new Event('blur'));
    second.openIt();
    vi.advanceTimersByTime(1000);
    expect(second.parentWindow.postMessage).toHaveBeenCalledTimes(1);
    second.abort.abort();
  });

  it('claims the capture when its id is handed over again after a claim that came too early', async () => {
    // The background refuses the first claim (the capture was not stored within its wait), then knows it.
    let stored = false;
    fakeBrowser.runtime.onMessage.addListener(((message: { type: string }) => {
      if (message.type === 'dialog:form') return new Promise(() => undefined);
      if (message.type !== 'dialog:setup') return undefined;
      return Promise.resolve(
        stored ? { ok: true, data: { questions: [] } } : { ok: false, error: { code: 'unknown_capture' } },
      );
    }) as never);
    const { openIt, abort, shown } = inFrame();
    openIt();
    await vi.waitFor(() => expect(shown.at(-1)).toEqual({ opened: false, captureId: undefined }));
    stored = true;
    openIt();
    await vi.waitFor(() => expect(shown.at(-1)).toEqual({ opened: true, captureId: CAPTURE }));
    abort.abort();
  });
});
