import { browser } from 'wxt/browser';
import { DialogFrame } from '../../components/page/DialogFrame';
import { isFocusRequest, OPEN_MESSAGE, type OpenMessage } from '../../utils/messaging/dialog-handover';

/**
 * The note dialog's iframe over its life. Loading an extension page, parsing its code and rendering
 * the form takes 70–100 ms here, most of the 100 ms a click may take until the note field is ready
 * (issue #2). So the dialog is prepared ahead, hidden and empty, when the user shows intent (pointer on
 * the button, focus on it): it knows the form's settings but nothing about the page, and nothing is
 * captured until the click. The click then only shows it and hands it the capture id
 * (utils/messaging/dialog-handover.ts), in a message only the extension's own page in that frame can
 * receive; the dialog claims the capture at the background, which binds it to that frame. Not on every page load: a hidden extension frame in each page
 * added ~10 ms to every load event, mostly its teardown when the page was left.
 */
export interface DialogSlot {
  /** Prepares a hidden dialog for the next click, unless there is one already (open or not). */
  prepare(): void;
  /**
   * Shows the dialog for `captureId` (the prepared one, else a new one). Focus stays where it is until
   * `focus()`, or until a dialog that was still loading has loaded.
   */
  open(captureId: string): void;
  /** Moves focus into the shown dialog. */
  focus(): void;
  /**
   * The background has stored the capture of `captureId`: hands the id over again. A dialog whose
   * first claim came more than the background's wait before the capture (a slow page, a busy machine)
   * gave up on it; this second hand-over lets it claim the capture instead of staying empty.
   */
  captured(captureId: string): void;
  /** The capture of the dialog being shown, if any. */
  readonly captureId: string | undefined;
  /** Hides the open dialog while the user points at an element; returns the function that shows it again. */
  hideUntilResumed(): () => void;
  /** Removes the dialog (the next one is prepared on the next intent, or made by the next click). */
  close(): void;
}

export function createDialogSlot(container: HTMLElement, title: string, signal: AbortSignal): DialogSlot {
  const src = browser.runtime.getURL('/note-dialog.html');
  // Chrome serves use_dynamic_url pages under the extension's real id, so that is the frame's origin
  // (and messages are never delivered to whatever else the frame might show). Firefox has no dynamic URLs.
  const origin = src.startsWith('chrome-extension:')
    ? `chrome-extension://${browser.runtime.id}`
    : new URL(src).origin;
  let frame: HTMLIFrameElement | undefined;
  let loaded = false;
  let captureId: string | undefined;

  const handOver = () => {
    if (!frame || !loaded || captureId === undefined) return;
    const message: OpenMessage = { type: OPEN_MESSAGE, captureId };
    frame.contentWindow?.postMessage(message, origin);
  };
  const focus = () => {
    if (frame && !frame.hidden) frame.focus();
  };

  // The open dialog asks when the focus we gave it never arrived (dialog-handover.ts). This page still
  // counts the frame as focused then, so focus() alone would change nothing: leave and re-enter it.
  // Only the dialog's own window counts; the host page can post the same message, not from there.
  addEventListener(
    'message',
    (event: MessageEvent) => {
      if (!frame || frame.hidden || captureId === undefined || !isFocusRequest(event.data)) return;
      if (event.source === null || event.source !== frame.contentWindow) return;
      frame.blur();
      frame.focus();
    },
    { signal },
  );

  const create = () => {
    const created = DialogFrame({ src, title });
    loaded = false;
    // Also after a reload (our host moved in or out of a modal dialog): the new page is told again.
    created.addEventListener('load', () => {
      if (created !== frame) return;
      loaded = true;
      handOver();
      if (captureId !== undefined) focus();
    });
    container.append(created);
    return created;
  };

  return {
    prepare() {
      if (frame) return;
      frame = create();
      frame.hidden = true;
    },
    open(id) {
      if (frame && captureId) return;
      captureId = id;
      // A prepared frame still loading is reused, never replaced: it started earlier than a new one
      // could, gets the id when it has loaded, and a second frame would be a second place to type in.
      // Never in the frame's address: the page can read that (issue #14, item 11).
      if (!frame) frame = create();
      frame.hidden = false;
      handOver();
    },
    focus,
    captured(id) {
      if (id === captureId) handOver();
    },
    get captureId() {
      return captureId;
    },
    hideUntilResumed() {
      const shown = frame;
      if (!shown) return () => undefined;
      shown.hidden = true;
      return () => {
        shown.hidden = false;
        shown.focus();
      };
    },
    close() {
      frame?.remove();
      frame = undefined;
      captureId = undefined;
    },
  };
}
