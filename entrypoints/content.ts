import { defineContentScript } from 'wxt/utils/define-content-script';
import { startFeedbackUi } from '../utils/content/feedback-ui';
import { trackFrame } from '../utils/content/frame-tracker';

// Registered at runtime by the background for exactly the configured sites (utils/background/content-scripts.ts).
export default defineContentScript({
  registration: 'runtime',
  matches: [],
  runAt: 'document_idle',
  main(ctx) {
    trackFrame(ctx);
    if (window.top !== window) return;
    // After the load event and at idle, so the host application's own start-up work always goes first:
    // document_idle may run us before the load event, which would then wait for our work (and for the
    // note dialog the UI prepares).
    const start = () =>
      ctx.requestIdleCallback(
        () => void startFeedbackUi(ctx).catch((error) => console.warn('[mitsprache]', error)),
        { timeout: 2000 },
      );
    if (document.readyState === 'complete') start();
    else ctx.addEventListener(window, 'load', start, { once: true });
  },
});
