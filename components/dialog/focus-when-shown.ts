/** How long an opened dialog checks every painted frame that its note field has the focus. */
const TRY_FOR_MS = 5000;

/**
 * Focuses `element` now, and gives it the focus back while the dialog is open and nothing else has it.
 * A dialog prepared ahead sits in a hidden frame; the click or the shortcut shows the frame, hands the
 * dialog its capture and focuses the frame from the page, on different channels of Chromium's
 * processes. Now and then (under load, issue #20) the note field ends up without the focus although the
 * dialog's window has it — the body holds it, and the caseworker's first keys go nowhere. So for the
 * first seconds every painted frame (rAF does not run in a hidden frame) checks it, and for the dialog's
 * whole life the window's focus and resize do; each gives the field the focus only while the body holds
 * it. Once the person has moved the focus themselves, to any other element, it is theirs and this stops.
 * Returns the function that stops it (the dialog closed).
 */
export function focusWhenShown(element: HTMLElement, now: () => number = Date.now): () => void {
  const doc = element.ownerDocument;
  const win = doc.defaultView;
  element.focus();
  if (!win) return () => undefined;
  const until = now() + TRY_FOR_MS;
  const stops = new AbortController();
  let frame = 0;
  const stop = () => {
    stops.abort();
    win.cancelAnimationFrame(frame);
  };
  const repair = () => {
    const active = doc.activeElement;
    if (!element.isConnected || (active !== null && active !== doc.body && active !== element)) {
      stop();
      return;
    }
    if (active !== element) element.focus();
  };
  const tick = () => {
    repair();
    if (!stops.signal.aborted && now() <= until) frame = win.requestAnimationFrame(tick);
  };
  win.addEventListener('focus', repair, { signal: stops.signal });
  win.addEventListener('resize', repair, { signal: stops.signal });
  frame = win.requestAnimationFrame(tick);
  return stop;
}
