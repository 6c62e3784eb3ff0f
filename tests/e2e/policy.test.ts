import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCollector, startCollector } from '../../collector/server';
import { type DemoServer, startDemoServer } from '../../scripts/demo-server';
import { CHROMIUM_EXTENSION_ID } from '../../utils/extension-id';
import type { SettingsStatus } from '../../utils/schema/settings-status';
import type { ExtensionBrowser } from './support/browser';
import { FeedbackUi, readRecords } from './support/pages';

// Enterprise policy end to end: Debian's Chromium reads /etc/chromium/policies/managed/*.json, and
// a "3rdparty" → "extensions" → <id> entry becomes the extension's storage.managed (also for an
// unpacked --load-extension extension, as long as its manifest names a managed_schema).
//
// The policy applies to every Chromium on the machine, and other end-to-end runs may share it. So the
// test starts Chromium in a private mount namespace (unshare, we run as root) in which
// /etc/chromium/policies/managed is a temporary directory of this test: the real /etc stays
// untouched and no other browser sees the policy. Where unshare is not allowed, it writes the real
// file and removes it again in afterAll, also when a test fails.

const POLICY_TOKEN = 'org-ingest-token';
const SYSTEM_POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE_NAME = 'mitsprache-e2e.json';

let work: string;
let policyDir: string;
let wroteSystemFile = false;
let createdSystemDir: string | undefined;
let collector: RunningCollector;
let demo: DemoServer;
let ext: ExtensionBrowser;

function canUnshare(): boolean {
  try {
    execFileSync('unshare', ['--mount', '--propagation', 'private', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A Chromium launcher whose /etc/chromium/policies/managed is `dir` (bind-mounted, so edits apply live). */
function namespacedChromium(dir: string): string {
  const script = join(work, 'chromium-with-policy.sh');
  writeFileSync(
    script,
    `#!/bin/sh
exec unshare --mount --propagation private /bin/sh -c '
  set -e
  saved=$(mktemp -d)
  if [ -d /etc/chromium ]; then cp -a /etc/chromium/. "$saved/"; fi
  mount -t tmpfs tmpfs /etc/chromium 2>/dev/null || { mkdir -p /etc/chromium && mount -t tmpfs tmpfs /etc/chromium; }
  cp -a "$saved/." /etc/chromium/
  mkdir -p ${SYSTEM_POLICY_DIR}
  mount --bind "${dir}" ${SYSTEM_POLICY_DIR}
  exec /usr/bin/chromium "$@"
' chromium "$@"
`,
  );
  chmodSync(script, 0o755);
  return script;
}

function writePolicy(values: Record<string, unknown>): void {
  const policy = { '3rdparty': { extensions: { [CHROMIUM_EXTENSION_ID]: values } } };
  writeFileSync(join(policyDir, POLICY_FILE_NAME), JSON.stringify(policy, null, 2));
}

function policyValues(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    endpoint: collector.endpoint,
    token: POLICY_TOKEN,
    sites: [
      { pattern: 'http://127.0.0.1/*', app: 'Fachverfahren (Vorgabe)', allowedParams: ['tab'] },
      { pattern: 'https://allegro.jobcenter.example/*', app: 'ALLEGRO' },
    ],
    reporterMode: 'unit',
    unitLabel: 'Team Leistung 7',
    // Valid JSON-schema-wise, so Chrome passes it on; our check drops the broken entry with a warning.
    redactionPatterns: [
      { name: 'Aktenzeichen', source: 'AZ-\\d{6}' },
      { name: 'Kaputt', source: '([' },
    ],
    ...extra,
  };
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'mitsprache-policy-'));
  collector = await startCollector({ port: 0, dataDir: join(work, 'data'), ingestTokens: [POLICY_TOKEN] });
  demo = await startDemoServer();
  if (canUnshare()) {
    policyDir = join(work, 'managed');
    mkdirSync(policyDir);
    process.env.MITSPRACHE_CHROMIUM = namespacedChromium(policyDir);
  } else {
    policyDir = SYSTEM_POLICY_DIR;
    // mkdirSync returns the first directory it had to create: removed again afterwards.
    createdSystemDir = mkdirSync(policyDir, { recursive: true });
    wroteSystemFile = true;
  }
  writePolicy(policyValues());
  // support/browser reads MITSPRACHE_CHROMIUM when it is first imported.
  const { launchWithExtension } = await import('./support/browser');
  ext = await launchWithExtension();
});

afterAll(async () => {
  try {
    await ext?.close();
    await demo?.close();
    await collector?.close();
  } finally {
    if (wroteSystemFile) rmSync(join(SYSTEM_POLICY_DIR, POLICY_FILE_NAME), { force: true });
    if (createdSystemDir) rmSync(createdSystemDir, { recursive: true, force: true });
    delete process.env.MITSPRACHE_CHROMIUM;
    rmSync(work, { recursive: true, force: true });
  }
  if (wroteSystemFile) expect(existsSync(join(SYSTEM_POLICY_DIR, POLICY_FILE_NAME))).toBe(false);
});

async function openOptions(): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.extensionId}/options.html`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  return page;
}

describe('enterprise policy', () => {
  it('reaches the extension through Chromium (storage.managed)', async () => {
    const managed = await ext.worker.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: typeof import('webextension-polyfill') }).chrome;
      return api.storage.managed.get();
    });
    expect(managed).toMatchObject({ endpoint: collector.endpoint, unitLabel: 'Team Leistung 7' });
  });

  it('shows the values set by policy locked, with the note and the warning about the bad entry', async () => {
    const page = await openOptions();
    const endpoint = page.getByLabel('Empfangsadresse', { exact: true });
    expect(await endpoint.inputValue()).toBe(collector.endpoint);
    expect(await endpoint.isDisabled()).toBe(true);
    expect(await page.getByLabel('Zugangsschlüssel', { exact: true }).isDisabled()).toBe(true);
    expect(await page.getByLabel('Team oder Dienststelle').isDisabled()).toBe(true);
    // Not set by policy: still editable.
    expect(await page.getByLabel('Rückmeldungen je Übertragung').isDisabled()).toBe(false);
    expect(await page.getByTestId('locked-note').first().textContent()).toBe(
      'Von Ihrer Organisation festgelegt',
    );

    const sites = page.getByTestId('site');
    expect(await sites.count()).toBe(2);
    expect(await sites.first().getByLabel('Adressmuster').inputValue()).toBe('http://127.0.0.1/*');
    expect(await sites.first().getByLabel('Adressmuster').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Anwendung hinzufügen' }).count()).toBe(0);
    // A site the organisation configured that this browser has no permission for is named, with a button.
    expect(await sites.nth(1).getByTestId('site-permission').getAttribute('data-permission')).toBe('missing');

    const warnings = page.getByTestId('policy-warnings');
    expect(await warnings.textContent()).toContain('„Eigene Suchmuster für Kundendaten“, Eintrag 2');
    const view = (await page.evaluate(() =>
      (
        globalThis as unknown as { chrome: typeof import('webextension-polyfill') }
      ).chrome.runtime.sendMessage({
        type: 'settings:view',
        data: {},
      }),
    )) as { data: SettingsStatus };
    expect(view.data.warnings).toEqual([
      {
        key: 'redactionPatterns',
        kind: 'ignored_entry',
        index: 1,
        issue: { path: ['redactionPatterns', 1, 'source'], code: 'regex_invalid' },
      },
    ]);
    expect(view.data.locked).toEqual(
      expect.arrayContaining([
        'endpoint',
        'token',
        'sites',
        'reporterMode',
        'unitLabel',
        'redactionPatterns',
      ]),
    );
    expect(JSON.stringify(view)).not.toContain(POLICY_TOKEN);
    await page.close();
  });

  it("tests the organisation's endpoint with the organisation's token", async () => {
    const page = await openOptions();
    await page.getByRole('button', { name: 'Verbindung testen' }).click();
    const result = page.getByTestId('test-result').locator('[data-result]');
    await result.waitFor();
    expect(await result.textContent()).toMatch(/Alles in Ordnung/);
    await page.close();
  });

  it("uses the policy's sites: the button appears there and records carry the policy's names", async () => {
    const page = await ext.context.newPage();
    await page.goto(`${demo.url}/akte/JC-2024-004711/uebersicht?tab=dokumente`);
    const ui = new FeedbackUi(page);
    await ui.open();
    await ui.file('Vorgabe greift.', { category: 'idea' });
    const entry = (await readRecords(ext.worker)).find((e) => e.record.note === 'Vorgabe greift.');
    expect(entry?.record.context.app).toBe('Fachverfahren (Vorgabe)');
    expect(entry?.record.reporter).toEqual({ mode: 'unit', unit: 'Team Leistung 7' });
    await page.close();
  });

  it('keeps saving the unlocked settings, never the locked ones', async () => {
    const page = await openOptions();
    await page.getByLabel('Rückmeldungen je Übertragung').fill('25');
    await page.getByRole('button', { name: 'Speichern', exact: true }).click();
    await expect.poll(() => page.getByTestId('save-status').textContent()).toContain('Gespeichert');
    const stored = await ext.worker.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: typeof import('webextension-polyfill') }).chrome;
      return (await api.storage.local.get('settings')).settings as Record<string, unknown>;
    });
    expect(stored.batchSize).toBe(25);
    expect(stored.endpoint).toBe('');
    expect(stored.unitLabel).toBe('');
    await page.close();
  });

  it('applies a policy change without restart, also on the open settings page', async () => {
    const page = await openOptions();
    writePolicy(policyValues({ unitLabel: 'Team Leistung 8', batchSize: 40 }));
    // Chromium notices the changed file, waits for it to settle, and fires storage.onChanged('managed').
    await expect
      .poll(() => page.getByLabel('Team oder Dienststelle').inputValue(), { timeout: 60_000, interval: 500 })
      .toBe('Team Leistung 8');
    expect(await page.getByLabel('Rückmeldungen je Übertragung').inputValue()).toBe('40');
    expect(await page.getByLabel('Rückmeldungen je Übertragung').isDisabled()).toBe(true);
    expect(await page.getByTestId('save-status').textContent()).toContain('Vorgaben geändert');
    await page.close();
  });
});
