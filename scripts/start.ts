/**
 * `npm start`: the main job on one machine. Builds the extension for the demo organisation
 * (demo/org.json: the demo app's sites) with the local collector as its default endpoint, starts the collector (SQLite under ./data) and the demo job-centre app, then opens
 * Chromium with the extension loaded. Without a display it says so and prints what to load by hand.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hashPassword } from '../collector/officers';
import { startCollector } from '../collector/server';
import { DEMO_ORG_FILE, DEMO_PORT, startDemoServer } from './demo-server';

const COLLECTOR_PORT = Number(process.env.COLLECTOR_PORT ?? 8787);
const INGEST_TOKEN = process.env.MITSPRACHE_DEMO_TOKEN ?? 'demo-ingest-token';
const ADMIN_TOKEN = process.env.MITSPRACHE_DEMO_ADMIN_TOKEN ?? 'demo-admin-token';
const CHROMIUM = process.env.MITSPRACHE_CHROMIUM ?? '/usr/bin/chromium';
const EXTENSION_DIR = resolve('.output/chrome-mv3');

const endpoint = `http://127.0.0.1:${COLLECTOR_PORT}/api/v1/feedback`;

console.log('Mitsprache: building the extension …');
const build = spawnSync('npx', ['wxt', 'build'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    MITSPRACHE_ORG: DEMO_ORG_FILE,
    WXT_DEFAULT_ENDPOINT: endpoint,
    WXT_DEFAULT_TOKEN: INGEST_TOKEN,
  },
});
if (build.status !== 0) process.exit(build.status ?? 1);

// A demo officer for the dashboard, created once (real deployments add officers with collector/cli).
const DATA_DIR = process.env.COLLECTOR_DATA_DIR ?? './data';
const OFFICER = { user: 'demo', password: 'demo-passwort-2026' };
const officersFile = join(DATA_DIR, 'demo-officers.json');
if (!existsSync(officersFile)) {
  mkdirSync(DATA_DIR, { recursive: true });
  const passwordHash = await hashPassword(OFFICER.password);
  writeFileSync(officersFile, JSON.stringify({ officers: [{ user: OFFICER.user, passwordHash }] }, null, 2));
}

const collector = await startCollector({
  port: COLLECTOR_PORT,
  dataDir: DATA_DIR,
  officersFile,
  ingestTokens: [INGEST_TOKEN],
  adminTokens: [ADMIN_TOKEN],
});
const demo = await startDemoServer({ port: DEMO_PORT });
const startUrl = `${demo.url}/akte/JC-2024-004711/uebersicht`;

console.log(`
Mitsprache läuft / is running
  Demo-Jobcenter:     ${demo.url}/
  Collector endpoint: ${collector.endpoint}   (ingest token: ${INGEST_TOKEN})
  Officer dashboard:  ${collector.url}/dashboard  (user ${OFFICER.user}, password ${OFFICER.password})
  Officer API token:  ${ADMIN_TOKEN}
  Extension folder:   ${EXTENSION_DIR}
`);

const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
let browser: ReturnType<typeof spawn> | undefined;
if (!hasDisplay) {
  console.log(`No display found, so no browser is started. To try it by hand:
  1. Open chrome://extensions (or edge://extensions), switch on developer mode,
     "Load unpacked" and choose ${EXTENSION_DIR}
  2. Open ${startUrl} and press the "Feedback" button (or Alt+Shift+F).
Press Ctrl+C to stop the servers.`);
} else if (!existsSync(CHROMIUM)) {
  console.log(`Chromium not found at ${CHROMIUM} (set MITSPRACHE_CHROMIUM). Load ${EXTENSION_DIR} by hand.`);
} else {
  const profile = mkdtempSync(join(tmpdir(), 'mitsprache-start-'));
  browser = spawn(
    CHROMIUM,
    [
      `--user-data-dir=${profile}`,
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      startUrl,
    ],
    { stdio: 'ignore' },
  );
  browser.on('exit', () => void shutdown());
}

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  browser?.kill();
  await Promise.allSettled([demo.close(), collector.close()]);
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
