import { browser } from 'wxt/browser';
import { send } from '../messaging/client';
import type { Broadcast, DialogSetup } from '../messaging/protocol';
import type { DialogForm } from '../messaging/protocol/capture';
import { OPEN_MESSAGE, openedCapture } from './dialog-handover';

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
