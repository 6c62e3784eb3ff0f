/**
 * Where a page load's CPU goes (issue #20): V8 CPU profiles of the page's renderer (page target) and of the
 * extension's service worker across page loads of the demo screen, and of the note dialog page loaded
 * alone. Prints self time per script and the top functions. Not part of `npm run bench` (a tool for
 * finding work to remove, not a figure): `npx tsx scripts/bench/_profile-load.ts [loads=20]`.
 */
import type { CDPSession } from 'playwright-core';
import { launchWithExtension } from '../../tests/e2e/support/browser';
import { startDemoServer } from '../demo-server';
import { sleep } from './support';

const SCREEN = '/akte/JC-2024-004711/uebersicht';
const LOADS = Number(process.argv[2] ?? 20);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time (ms) by script and by function. */
function selfTimes(profile: Profile): { byUrl: Map<string, number>; byFn: Map<string, number> } {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byUrl = new Map<string, number>();
  const byFn = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const node = nodes.get(id);
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (!node) return;
    const url = node.callFrame.url
      .replace(/^chrome-extension:\/\/[a-z]+/, 'ext:')
      .replace(/^https?:\/\/[^/]+/, '');
    const script = url || `(${node.callFrame.functionName || 'native'})`;
    byUrl.set(script, (byUrl.get(script) ?? 0) + ms);
    const fn = `${node.callFrame.functionName || '(anon)'} ${url}:${node.callFrame.lineNumber}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + ms);
  });
  return { byUrl, byFn };
}

function print(title: string, profile: Profile, per: number): void {
  const { byUrl, byFn } = selfTimes(profile);
  const total = [...byUrl.values()].reduce((a, b) => a + b, 0);
  console.log(`\n${title}: ${(total / per).toFixed(2)} ms sampled per load (idle excluded below)`);
  const top = (map: Map<string, number>, n: number) =>
    [...map]
      .filter(([k]) => !k.startsWith('(idle'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, ms]) => `  ${(ms / per).toFixed(3).padStart(7)} ms  ${k}`)
      .join('\n');
  console.log(top(byUrl, 12));
  console.log('  — functions:');
  console.log(top(byFn, 25));
}

/** A session on another target through the browser session (Target.sendMessageToTarget). */
async function targetSession(browser: CDPSession, targetId: string) {
  const { sessionId } = (await browser.send('Target.attachToTarget', { targetId, flatten: false })) as {
    sessionId: string;
  };
  let next = 1;
  const waiting = new Map<number, (value: unknown) => void>();
  browser.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: unknown };
    if (message.id !== undefined) waiting.get(message.id)?.(message.error ?? message.result);
  });
  return (method: string, params: object = {}) =>
    new Promise<unknown>((resolve) => {
      const id = next++;
      waiting.set(id, resolve);
      void browser.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id, method, params }),
      });
    });
}

const demo = await startDemoServer();
const ext = await launchWithExtension({ toolbar: true });
try {
  const browser = await ext.context.browser()?.newBrowserCDPSession();
  if (!browser) throw new Error('no browser session');
  const { targetInfos } = (await browser.send('Target.getTargets')) as unknown as {
    targetInfos: { type: string; targetId: string; url: string }[];
  };
  const sw = targetInfos.find((t) => t.type === 'service_worker');
  if (!sw) throw new Error('no service worker');
  const worker = await targetSession(browser, sw.targetId);
  const page = await ext.context.newPage();
  const url = `${demo.url}${SCREEN}`;
  await page.goto(url, { waitUntil: 'load' });
  await page.locator('mitsprache-feedback button.open').waitFor();
  const pageCdp = await ext.context.newCDPSession(page);
  for (const send of [worker, (m: string, p?: object) => pageCdp.send(m as never, p as never)]) {
    await send('Profiler.enable');
    await send('Profiler.setSamplingInterval', { interval: 50 });
    await send('Profiler.start');
  }
  for (let i = 0; i < LOADS; i++) {
    await page.goto(url, { waitUntil: 'load' });
    await sleep(700);
  }
  const pageProfile = ((await pageCdp.send('Profiler.stop')) as { profile: Profile }).profile;
  const workerProfile = ((await worker('Profiler.stop')) as { profile: Profile }).profile;
  print('page renderer (main thread, all worlds)', pageProfile, LOADS);
  print('service worker', workerProfile, LOADS);

  // The shortcut path: the background opens the dialog in a page with no prepared one.
  await worker('Profiler.start');
  const OPENS = 10;
  for (let i = 0; i < OPENS; i++) {
    await page.goto(url, { waitUntil: 'load' });
    await page.locator('mitsprache-feedback button.open').waitFor();
    await ext.worker.evaluate(() =>
      (
        globalThis as unknown as { mitsprache: { runCommand(c: string): Promise<void> } }
      ).mitsprache.runCommand('open-feedback'),
    );
    await page.frameLocator('mitsprache-feedback iframe.frame').locator('textarea').waitFor();
    await sleep(500);
  }
  print(
    'service worker, dialog opened by shortcut',
    ((await worker('Profiler.stop')) as { profile: Profile }).profile,
    OPENS,
  );

  // The dialog page alone, in a tab: its load phases.
  const dialog = await ext.context.newPage();
  const dialogCdp = await ext.context.newCDPSession(dialog);
  await dialogCdp.send('Profiler.enable');
  await dialogCdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await dialogCdp.send('Profiler.start');
  const DIALOGS = 10;
  const phases: Record<string, number[]> = {};
  for (let i = 0; i < DIALOGS; i++) {
    await dialog.goto(`chrome-extension://${ext.extensionId}/note-dialog.html`, { waitUntil: 'load' });
    await dialog.locator('textarea').waitFor({ state: 'attached' });
    await sleep(300);
    const timing = (await dialog.evaluate(() => {
      const [nav] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
      const resources = performance
        .getEntriesByType('resource')
        .map((r) => [
          r.name.replace(/^.*\//, ''),
          Math.round(r.startTime),
          Math.round(r.startTime + r.duration),
        ]);
      return {
        domInteractive: nav?.domInteractive ?? 0,
        domContentLoaded: nav?.domContentLoadedEventEnd ?? 0,
        load: nav?.loadEventEnd ?? 0,
        resources,
      };
    })) as { domInteractive: number; domContentLoaded: number; load: number; resources: unknown[] };
    for (const key of ['domInteractive', 'domContentLoaded', 'load'] as const)
      phases[key] = [...(phases[key] ?? []), timing[key]];
    if (i === DIALOGS - 1)
      console.log('\ndialog page resources (name, start, end ms):', JSON.stringify(timing.resources));
  }
  print(
    'note dialog page loaded in a tab',
    ((await dialogCdp.send('Profiler.stop')) as { profile: Profile }).profile,
    DIALOGS,
  );
  for (const [key, values] of Object.entries(phases))
    console.log(`  ${key}: median ${values.sort((a, b) => a - b)[values.length >> 1]?.toFixed(1)} ms`);
} finally {
  await ext.close();
  await demo.close();
}
