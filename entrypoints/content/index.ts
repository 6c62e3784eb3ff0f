import { defineContentScript } from 'wxt/utils/define-content-script';
import { startFeedbackUi } from './feedback-ui';
import { reportFrameLoads } from './frame-loads';
import { trackFrame } from './frame-tracker';

// Injected by the background into pages of exactly the configured sites once they have loaded
// (entrypoints/background/page-injection.ts); `matches` stays empty so the manifest declares none.
export default defineContentScript({
  registration: 'runtime',
  matches: [],
  runAt: 'document_idle',
  main(ctx) {
    trackFrame(ctx);
    reportFrameLoads(ctx);
    if (window.top !== window) return;
    // At idle, so the host application's own work goes first. The background injects us after the
    // load event, or into a page that has been loading for 5 s (a hanging request): there the button
    // must not wait for a load event that may never come.
    ctx.requestIdleCallback(
      () => void startFeedbackUi(ctx).catch((error) => console.warn('[mitsprache]', error)),
      { timeout: 2000 },
    );
  },
});
