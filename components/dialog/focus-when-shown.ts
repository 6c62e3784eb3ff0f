/** How long an opened dialog keeps trying to put the focus where it belongs. */
const TRY_FOR_MS = 5000;

/**
 * Focuses `element` now, or as soon as this frame can take it. A dialog prepared ahead sits in a hidden
 * frame; the click shows the frame and hands the dialog its capture at the same moment, but the two
 * travel on different channels of Chromium's processes. When the hand-over wins, the dialog renders
 * and focuses its note field while its document still counts as not rendered: the focus is refused,
 * the body keeps it, and the caseworker's first keys go nowhere (seen under load, issue #20). So it
 * tries again on the next painted frames (rAF does not run in a hidden frame), on the window's focus
 * and on its resize, as long as nothing else has the focus: once the person has moved it themselves,
 * it is theirs. Returns the function that stops trying.
 */
export function focusWhenShown(element: HTMLElement, now: () => number = Date.now): () => void {
  const doc = element.ownerDocument;
  const win = doc.defaultView;
  element.focus();
  if (!win || doc.activeElement === element) return () => undefined;
  const until = now() + TRY_FOR_MS;
  const stops = new AbortController();
  let frame = 0;
  const stop = () => {
    stops.abort();
    win.cancelAnimationFrame(frame);
  };
  const retry = () => {
    const active = doc.activeElement;
    if (active === element || (active && active !== doc.body) || !element.isConnected || now() > until) {
      stop();
      return;
    }
    element.focus();
    if (doc.activeElement === element) stop();
    else frame = win.requestAnimationFrame(retry);
  };
  win.addEventListener('focus', retry, { signal: stops.signal });
  win.addEventListener('resize', retry, { signal: stops.signal });
  frame = win.requestAnimationFrame(retry);
  return stop;
}
