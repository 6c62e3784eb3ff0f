import { browser } from 'wxt/browser';
import { send } from '../messaging/client';
import type { Broadcast, DialogSetup } from '../messaging/protocol';
import type { DialogForm } from '../messaging/protocol/capture';
import { FOCUS_MESSAGE, OPEN_MESSAGE, openedCapture } from './dialog-handover';

/** What the note dialog page knows right now. */
export interface DialogState {
  /** The form's settings (asked for as soon as the page loads, before any click). */
  form?: DialogForm;
  /** The capture the dialog is open for, handed over by the content script on the click. */
  captureId?: string;
  /** The capture and its redaction settings, for the preview. */
  setup?: DialogSetup;
  /** The dialog cannot work (capture unknown or expired, background unreachable). */
  expired: boolean;
}

/** How long the focus given on the click may take to arrive (it takes ~10–40 ms here). */
const FOCUS_GRACE_MS = 150;

/**
 * The dialog page's side of utils/content/dialog-slot.ts: it stands by with only the form's settings
 * until the content script opens it for a capture, whose setup then follows. Calls `onChange` with
 * every new state.
 */
export function startDialogSession(onChange: (state: DialogState) => void, signal: AbortSignal): void {
  let state: DialogState = { expired: false };
  const update = (patch: Partial<DialogState>) => {
    state = { ...state, ...patch };
    onChange(state);
  };
  const expire = () => update({ expired: true });

  const loadSetup = (captureId: string) =>
    send('dialog:setup', { captureId })
      .then((setup) => update({ setup }))
      .catch(expire);

  // The content script's hand-over: the first well-formed id opens the dialog, for good.
  const open = (captureId: string | undefined) => {
    if (!captureId || state.captureId) return;
    // The fragment names the capture, for tools and for a look at the page's address.
    history.replaceState(null, '', `#${captureId}`);
    update({ captureId });
    void loadSetup(captureId);
    if (parent !== window) setTimeout(askForFocus, FOCUS_GRACE_MS);
  };
  // The content script focuses our frame on the click. Now and then Chromium lost that hand-off for a
  // frame shown in the same moment: the page counted the frame as focused, the note field inside was
  // focused too, yet no keystroke arrived (and document.hasFocus() said true). Only the window's own
  // focus event tells, so it is tracked, and a dialog that never got it asks the page again.
  let windowFocused = false;
  addEventListener('focus', () => (windowFocused = true), { signal });
  addEventListener('blur', () => (windowFocused = false), { signal });
  const askForFocus = () => {
    if (!signal.aborted && !windowFocused) parent.postMessage({ type: FOCUS_MESSAGE }, '*');
  };
  addEventListener(
    'message',
    (event: MessageEvent) => open(event.source === parent ? openedCapture(event.data) : undefined),
    { signal },
  );
  // A dialog created on the click has the id in its address already.
  open(openedCapture({ type: OPEN_MESSAGE, captureId: location.hash.slice(1) }));

  send('dialog:form', {})
    .then((form) => update({ form }))
    .catch(expire);

  // The user pointed at an element in the page: the capture changed.
  const onBroadcast = (message: Broadcast) => {
    if (
      message?.type === 'broadcast' &&
      message.event === 'capture:element' &&
      message.captureId === state.captureId
    ) {
      void loadSetup(message.captureId);
    }
    return undefined;
  };
  browser.runtime.onMessage.addListener(onBroadcast);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onBroadcast), {
    once: true,
  });
}
