import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCollector, startCollector } from '../../collector/server';
import { type DemoServer, startDemoServer } from '../../scripts/demo-server';
import { type ExtensionBrowser, launchWithExtension } from './support/browser';
import { FeedbackUi } from './support/pages';

// The demo build (demo/org.json) names the demo app's port in its sites, so the officers' dashboard,
// served by the collector on the same host, does not get the caseworker's button (issue #16, item 13).

let demo: DemoServer;
let collector: RunningCollector;
let ext: ExtensionBrowser;
let work: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'mitsprache-demo-build-'));
  demo = await startDemoServer();
  collector = await startCollector({ port: 0, dataDir: work, ingestTokens: ['demo-build-token'] });
  ext = await launchWithExtension();
});
afterAll(async () => {
  await ext?.close();
  await demo?.close();
  await collector?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the demo build', () => {
  it('shows the button in the demo app but not on the officers’ dashboard on the same host', async () => {
    expect(new URL(collector.url).hostname).toBe(new URL(demo.url).hostname);
    const dashboard = await ext.context.newPage();
    await dashboard.goto(`${collector.url}/dashboard`);
    const app = await ext.context.newPage();
    await app.goto(`${demo.url}/akte/JC-2024-004711/uebersicht`);
    // The background decides on every page load; the app, loaded after the dashboard, has its button,
    // so the dashboard's decision has been made too.
    await new FeedbackUi(app).button.waitFor();
    expect(await new FeedbackUi(dashboard).host.count()).toBe(0);
  });
});
