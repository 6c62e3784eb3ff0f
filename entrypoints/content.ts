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
    // Idle, so the host application's own start-up work always goes first.
    ctx.requestIdleCallback(
      () => void startFeedbackUi(ctx).catch((error) => console.warn('[mitsprache]', error)),
      {
        timeout: 2000,
      },
    );
  },
});
