import { defineContentScript } from 'wxt/utils/define-content-script';
import { startFeedbackUi } from '../utils/content/feedback-ui';
import { trackFrame } from '../utils/content/frame-tracker';

// Injected by the background into pages of exactly the configured sites once they have loaded
// (utils/background/page-injection.ts); `matches` stays empty so the manifest declares none.
export default defineContentScript({
  registration: 'runtime',
  matches: [],
  runAt: 'document_idle',
  main(ctx) {
    trackFrame(ctx);
    if (window.top !== window) return;
    // After the load event and at idle, so the host application's own start-up work always goes first
    // (the background injects after the load event; a page that never finished loading gets us earlier).
    const start = () =>
      ctx.requestIdleCallback(
        () => void startFeedbackUi(ctx).catch((error) => console.warn('[mitsprache]', error)),
        { timeout: 2000 },
      );
    if (document.readyState === 'complete') start();
    else ctx.addEventListener(window, 'load', start, { once: true });
  },
});
