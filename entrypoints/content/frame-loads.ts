import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendFromPage as send } from '../../utils/messaging/client';

/**
 * Asks the background to bring the content script to frames that load a document after the page has
 * loaded: a frameset's content frame the user navigates, an iframe an application adds later. The
 * background injects after each page load of a tab (entrypoints/background/page-injection.ts), but Firefox
 * reports tab loading for the top document only, and such frames would then track nothing.
 * One request at a time; loads while it runs make one more.
 */
export function reportFrameLoads(ctx: ContentScriptContext): void {
  let running = false;
  let again = false;
  const report = () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    send('content:frame-loaded', {})
      .catch(() => undefined)
      .finally(() => {
        running = false;
        if (again && ctx.isValid) {
          again = false;
          report();
        }
      });
  };
  // `load` does not bubble, but passes the document in the capture phase; our own dialog frame lives in
  // a shadow root, whose load events stay inside it.
  ctx.addEventListener(
    document,
    'load',
    (event) => {
      const name = (event.target as Element | null)?.localName;
      if (name === 'iframe' || name === 'frame') report();
    },
    { capture: true },
  );
}
