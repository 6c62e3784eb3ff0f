import { browser } from 'wxt/browser';
import { toErrorCode } from '../../utils/errors';
import { send } from '../../utils/messaging/client';
import { FOCUS_MESSAGE, openedCapture } from '../../utils/messaging/dialog-handover';
import type { Broadcast, DialogSetup } from '../../utils/messaging/protocol';
import type { DialogForm } from '../../utils/messaging/protocol/capture';

/** What the note dialog page knows right now. */
export interface DialogState {
  /** The form's settings (asked for as soon as the page loads, before any click). */
  form?: DialogForm;
  /** Shown for a capture: the content script handed one over (its claim may still be on its way). */
  opened: boolean;
  /** The capture the dialog holds: handed over by the content script and claimed at the background. */
  captureId?: string;
  /** The capture and its redaction settings, for the preview. */
  setup?: DialogSetup;
  /** The dialog cannot work (capture unknown or expired, background unreachable). */
  expired: boolean;
}

/** How long the focus given on the click may take to arrive (it takes ~10–40 ms here). */
const FOCUS_GRACE_MS = 150;

/** The dialog page's session: its state, and the capture once the background has bound it to us. */
export interface DialogSession {
  /** The capture id this dialog holds; waits for the claim, rejects when the dialog has expired. */
  captureId(): Promise<string>;
  /** The id held, else the last one handed over: enough to close the dialog that has expired. */
  lastId(): string | undefined;
}

/**
 * The dialog page's side of entrypoints/content/dialog-slot.ts: it stands by with only the form's settings
 * until the content script opens it for a capture, whose setup then follows. Calls `onChange` with
 * every new state.
 *
 * The hand-over is a message the host page can forge (it shares its window with our content script),
 * so an id is taken only once the background accepts it and binds the capture to this frame
 * (captures.ts claimCapture). Made-up ids are refused there and leave the dialog standing by, so a page
 * posting first cannot spoil the real hand-over (issue #14, item 11); it never learns the real id,
 * which is neither in our frame's address nor in a message it can receive.
 */
export function startDialogSession(
  onChange: (state: DialogState) => void,
  signal: AbortSignal,
): DialogSession {
  let state: DialogState = { opened: false, expired: false };
  const update = (patch: Partial<DialogState>) => {
    state = { ...state, ...patch };
    onChange(state);
  };
  let claimed!: (id: string) => void;
  let lost!: (error: unknown) => void;
  const held = new Promise<string>((resolve, reject) => {
    claimed = resolve;
    lost = reject;
  });
  held.catch(() => undefined);
  const expire = (error?: unknown) => {
    lost(error);
    update({ expired: true });
  };

  const loadSetup = (captureId: string) =>
    send('dialog:setup', { captureId })
      .then((setup) => update({ setup }))
      .catch(expire);

  // Ids tried so far, and how many claims are still unanswered.
  const tried = new Set<string>();
  let last: string | undefined;
  let asking = 0;
  const open = (captureId: string | undefined) => {
    if (!captureId || state.captureId || tried.has(captureId)) return;
    tried.add(captureId);
    last = captureId;
    asking++;
    // Shown at once: the note field is ready while the claim and the capture are on their way.
    if (!state.opened) {
      update({ opened: true });
      if (parent !== window) setTimeout(askForFocus, FOCUS_GRACE_MS);
    }
    send('dialog:setup', { captureId }).then(
      (setup) => {
        asking--;
        if (state.captureId) return;
        claimed(captureId);
        update({ captureId, setup });
      },
      (error: unknown) => {
        asking--;
        if (state.captureId) return;
        // Not ours (made up by the page, or a capture already held by another frame), or not stored
        // yet after the background's wait: keep waiting. Our content script hands the id over again
        // once the capture is stored (dialog-slot.ts captured), so it may be tried again.
        if (toErrorCode(error) !== 'unknown_capture') expire(error);
        else {
          tried.delete(captureId);
          if (asking === 0) update({ opened: false });
        }
      },
    );
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

  send('dialog:form', {})
    .then((form) => update({ form }))
    .catch(expire);

  const onBroadcast = (message: Broadcast) => {
    if (message?.type !== 'broadcast' || !state.captureId) return undefined;
    // The user pointed at an element, or granted us the tab (screenshot): the setup changed.
    if (message.event === 'grant' || message.captureId === state.captureId) void loadSetup(state.captureId);
    return undefined;
  };
  browser.runtime.onMessage.addListener(onBroadcast);
  const stopBroadcasts = () => {
    try {
      browser.runtime.onMessage.removeListener(onBroadcast);
    } catch {
      // Firefox, when the browser closes or the add-on stops with the dialog open, tears down this
      // page's extension API, with its listeners, before the page's pagehide ends the session; the
      // API is a dead object by then ("can't access dead object", issue #16 item 15).
    }
  };
  signal.addEventListener('abort', stopBroadcasts, { once: true });
  return { captureId: () => held, lastId: () => state.captureId ?? last };
}
