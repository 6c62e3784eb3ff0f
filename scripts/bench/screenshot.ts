// Masked screenshot time: from the dialog asking for a screenshot to the masked JPEG in its hands
// (capture with our UI hidden, mask every field/cell/definition, re-encode ≤ 200 KB), in headless
// Chromium on the demo search page, opened through the toolbar button so activeTab is granted.
// Run: npx tsx scripts/bench/screenshot.ts [runs=30]. Target: ≤ 300 ms.

import os from 'node:os';
import { launchWithExtension } from '../../tests/e2e/support/browser';
import { FeedbackUi, heldCapture, setSettings } from '../../tests/e2e/support/pages';
import { startDemoServer } from '../demo-server';
import { summary } from './support';

const runs = Number(process.argv[2] ?? 30);
const demo = await startDemoServer();
const ext = await launchWithExtension({ toolbar: true });
try {
  await setSettings(ext.worker, { screenshotsAllowed: true });
  const page = await ext.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${demo.url}/suche?q=Mustermann`);
  const ui = new FeedbackUi(page);
  await ui.button.waitFor();
  await ext.clickToolbarAction(page);
  const clickedAt = Date.now();
  await ui.open();
  const frame = page.frames().find((f) => f.url().includes('note-dialog.html'));
  if (!frame) throw new Error('dialog frame not found');
  // The capture the background bound to this dialog frame; only this frame may use it.
  const captureId = await heldCapture(ext.worker, clickedAt);
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs + 3; i++) {
    const { ms, size } = await frame.evaluate(async (captureId) => {
      const api = (globalThis as unknown as { chrome: typeof import('webextension-polyfill') }).chrome;
      const started = performance.now();
      const reply = (await api.runtime.sendMessage({ type: 'screenshot:take', data: { captureId } })) as {
        ok: boolean;
        data?: { dataUrl: string };
        error?: unknown;
      };
      if (!reply.ok || !reply.data) throw new Error(`screenshot failed: ${JSON.stringify(reply.error)}`);
      return { ms: performance.now() - started, size: Math.floor((reply.data.dataUrl.length - 23) * 0.75) };
    }, captureId);
    if (i >= 3) times.push(ms);
    bytes = size;
    // Chrome refuses (not delays) a third captureVisibleTab within a second
    // (MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND); the pause keeps every run unthrottled, as a user's is,
    // and lies outside the timed section.
    await new Promise((resolve) => setTimeout(resolve, 600));
  }
  const s = summary(times);
  console.log(
    `masked screenshot (1280×800): median ${s.median.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms over ${s.n} runs, ${bytes} bytes (target ≤ 300 ms, ≤ 200 KB; load average ${(os.loadavg()[0] ?? 0).toFixed(1)} on ${os.cpus().length} cores)`,
  );
} finally {
  await ext.close();
  await demo.close();
}
