/**
 * How the content script hands a prepared note dialog its capture: a window message from the page's
 * frame to the dialog's, addressed to the extension's origin, so only our dialog page in that frame
 * receives it — not the host page, nor a document the page might load into our frame instead. The host
 * page can post a message of the same shape (it shares the window with our content script), but an id
 * it makes up names no capture: the dialog takes an id only once the background has bound that capture
 * to the dialog's own frame (entrypoints/background/captures.ts claimCapture), and keeps waiting otherwise.
 * One message goes back: the opened dialog asking for keyboard focus (FOCUS_MESSAGE).
 */
export const OPEN_MESSAGE = 'mitsprache:open';

/** The message that opens the dialog for `captureId`. */
export interface OpenMessage {
  type: typeof OPEN_MESSAGE;
  captureId: string;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The capture id, if `data` is a well-formed open message. */
export function openedCapture(data: unknown): string | undefined {
  const message = data as Partial<OpenMessage> | null;
  return message?.type === OPEN_MESSAGE &&
    typeof message.captureId === 'string' &&
    UUID_RE.test(message.captureId)
    ? message.captureId
    : undefined;
}

/**
 * The opened dialog's request for keyboard focus, posted to the page's frame when the focus given on
 * the click never arrived. It carries nothing, so the host page learns nothing from it; the content
 * script honours it only from its own open dialog's window (entrypoints/content/dialog-slot.ts).
 */
export const FOCUS_MESSAGE = 'mitsprache:focus';

/** True when `data` is the dialog's focus request. */
export function isFocusRequest(data: unknown): boolean {
  return (data as { type?: unknown } | null)?.type === FOCUS_MESSAGE;
}
