import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../collector/config';
import { CHROMIUM_EXTENSION_ID } from '../../utils/extension-id';
import { configProblems, makeTempDir, removeTempDirs } from './helpers';

afterAll(removeTempDirs);

const DEFAULTS = {
  port: 8787,
  host: '127.0.0.1',
  dataDir: './data',
  ingestTokens: ['t-1'],
  adminTokens: [],
  allowAnonymous: false,
  bodyLimitBytes: 2 * 1024 * 1024,
  bodyTimeoutMs: 30_000,
  maxConcurrentUploads: 64,
  exportDeadlineMs: 30 * 60 * 1000,
  corsOrigins: [],
  extensionIds: [CHROMIUM_EXTENSION_ID],
  shutdownGraceMs: 10_000,
  incidentReports: 3,
  incidentInstallations: 2,
  incidentWindowMinutes: 10,
  smtpPort: 587,
  smtpSecurity: 'starttls',
  smtpTo: [],
  notifyRetryMs: 5_000,
  questionsMinAnswers: 5,
  mode: 'collector',
  hubShowJobCentres: false,
  hubBodyLimitBytes: 8 * 1024 * 1024,
  shareMinNotes: 5,
  sharePushIntervalMinutes: 60,
  shareRetryMs: 30_000,
};

describe('loadConfig from the environment', () => {
  it.each([
    [{}, {}],
    [
      { COLLECTOR_PORT: '0', COLLECTOR_HOST: ' 0.0.0.0 ', COLLECTOR_PUBLIC_URL: 'https://feedback.example/' },
      { port: 0, host: '0.0.0.0', publicUrl: 'https://feedback.example' },
    ],
    [{ COLLECTOR_HOST: '::1' }, { host: '::1' }],
    [
      { COLLECTOR_EXTENSION_IDS: `${CHROMIUM_EXTENSION_ID}, 1b4e28ba-2fa1-41d2-883f-0016d3cca427` },
      { extensionIds: [CHROMIUM_EXTENSION_ID, '1b4e28ba-2fa1-41d2-883f-0016d3cca427'] },
    ],
    [
      {
        COLLECTOR_BODY_TIMEOUT_MS: '5000',
        COLLECTOR_MAX_UPLOADS: '8',
        COLLECTOR_EXPORT_DEADLINE_MS: '60000',
      },
      { bodyTimeoutMs: 5000, maxConcurrentUploads: 8, exportDeadlineMs: 60_000 },
    ],
    [{ COLLECTOR_INGEST_TOKENS: ' t-1 , t-2,, ' }, { ingestTokens: ['t-1', 't-2'] }],
    [{ COLLECTOR_ADMIN_TOKENS: 'admin-1' }, { adminTokens: ['admin-1'] }],
    [{ COLLECTOR_BODY_LIMIT_BYTES: '1048576' }, { bodyLimitBytes: 1_048_576 }],
    [
      { COLLECTOR_CORS_ORIGINS: 'https://a.example, http://localhost:3000' },
      { corsOrigins: ['https://a.example', 'http://localhost:3000'] },
    ],
    [{ COLLECTOR_DATA_DIR: '/var/lib/mitsprache' }, { dataDir: '/var/lib/mitsprache' }],
    [
      { COLLECTOR_INGEST_TOKENS: '', COLLECTOR_ALLOW_ANONYMOUS: '1' },
      { ingestTokens: [], allowAnonymous: true },
    ],
    [{ COLLECTOR_ALLOW_ANONYMOUS: 'false' }, { allowAnonymous: false }],
    [{ COLLECTOR_QUESTIONS_MIN_ANSWERS: '3' }, { questionsMinAnswers: 3 }],
    [{ COLLECTOR_QUESTIONS_MIN_ANSWERS: '12' }, { questionsMinAnswers: 12 }],
    // A hub takes no notes from browsers, so it needs no ingest token.
    [
      { COLLECTOR_MODE: 'Hub', COLLECTOR_HUB_JOB_CENTRES_FILE: '/etc/mitsprache/jc.json' },
      { mode: 'hub', hubJobCentresFile: '/etc/mitsprache/jc.json' },
    ],
    [
      { COLLECTOR_SHARE_MIN_NOTES: '3', COLLECTOR_SHARE_PUSH_INTERVAL_MINUTES: '1440' },
      { shareMinNotes: 3, sharePushIntervalMinutes: 1440 },
    ],
  ])('reads %j', (env, expected) => {
    expect(loadConfig({ env: { COLLECTOR_INGEST_TOKENS: 't-1', ...env } })).toEqual({
      ...DEFAULTS,
      ...expected,
    });
  });

  it.each([
    [
      { COLLECTOR_INGEST_TOKENS: '' },
      'COLLECTOR_INGEST_TOKENS: no ingest token configured; set at least one, or set COLLECTOR_ALLOW_ANONYMOUS=1 to accept feedback without a token',
    ],
    [{ COLLECTOR_PORT: '70000' }, 'COLLECTOR_PORT: expected an integer port 0–65535'],
    [{ COLLECTOR_MODE: 'relay' }, 'COLLECTOR_MODE: expected collector or hub'],
    [
      { COLLECTOR_MODE: 'hub' },
      'COLLECTOR_HUB_JOB_CENTRES_FILE: required in hub mode: the job centres allowed to push, each with its own token',
    ],
    [
      { COLLECTOR_SHARE_MIN_NOTES: '2' },
      'COLLECTOR_SHARE_MIN_NOTES: expected a number of notes from 3 to 10000 (never below 3)',
    ],
    [{ COLLECTOR_PORT: '-1' }, 'COLLECTOR_PORT: expected an integer port 0–65535'],
    [{ COLLECTOR_ALLOW_ANONYMOUS: 'maybe' }, 'COLLECTOR_ALLOW_ANONYMOUS: expected 1/true or 0/false'],
    [
      { COLLECTOR_INGEST_TOKENS: 'has space' },
      'COLLECTOR_INGEST_TOKENS: tokens must be printable ASCII without spaces or commas',
    ],
    [
      { COLLECTOR_ADMIN_TOKENS: 't-1' },
      'COLLECTOR_ADMIN_TOKENS: an admin token must not also be an ingest token',
    ],
    // Issue #14, item 10: with the Host header as its origin, DNS rebinding could pass as the collector.
    [
      { COLLECTOR_HOST: '0.0.0.0' },
      'COLLECTOR_PUBLIC_URL: required when listening on 0.0.0.0 (not loopback): the address officers open, e.g. https://feedback.jobcenter.example',
    ],
    [
      { COLLECTOR_EXTENSION_IDS: 'chrome-extension://abc' },
      'COLLECTOR_EXTENSION_IDS: expected a Chromium extension id (32 letters a–p), a Firefox extension UUID, or *',
    ],
    [
      { COLLECTOR_SHUTDOWN_GRACE_MS: 'soon' },
      'COLLECTOR_SHUTDOWN_GRACE_MS: expected milliseconds from 0 to 600000',
    ],
    // Issue #18: below three answers a result could point at one person; no setting may go there.
    ...['2', '0', 'few'].map((value): [Record<string, string>, string] => [
      { COLLECTOR_QUESTIONS_MIN_ANSWERS: value },
      'COLLECTOR_QUESTIONS_MIN_ANSWERS: expected a number of answers from 3 to 10000 (never below 3)',
    ]),
  ])('refuses %j', (env, problem) => {
    expect(configProblems(() => loadConfig({ env: { COLLECTOR_INGEST_TOKENS: 't-1', ...env } }))).toEqual([
      problem,
    ]);
  });
});

describe('loadConfig from a file', () => {
  it('reads a JSON file, with the environment winning', async () => {
    const file = path.join(await makeTempDir(), 'collector.json');
    await writeFile(
      file,
      JSON.stringify({ port: 9000, ingestTokens: ['file-token'], adminTokens: ['file-admin'] }),
    );

    expect(loadConfig({ file, env: { COLLECTOR_PORT: '9001' } })).toEqual({
      ...DEFAULTS,
      port: 9001,
      ingestTokens: ['file-token'],
      adminTokens: ['file-admin'],
    });
    expect(loadConfig({ env: { COLLECTOR_CONFIG_FILE: file } })).toMatchObject({ port: 9000 });
  });

  it('names the file and key of a bad setting, and unknown keys', async () => {
    const file = path.join(await makeTempDir(), 'collector.json');
    await writeFile(file, JSON.stringify({ port: 'x', ingestTokens: ['t'], tokens: ['typo'] }));

    expect(configProblems(() => loadConfig({ file, env: {} }))).toEqual([
      `${file}: port: expected an integer port 0–65535`,
      `${file}: unknown setting(s) tokens`,
    ]);
  });

  it('refuses a file that is not JSON', async () => {
    const file = path.join(await makeTempDir(), 'collector.json');
    await writeFile(file, 'port = 9000');

    expect(configProblems(() => loadConfig({ file, env: {} }))).toEqual([
      expect.stringMatching(
        new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: cannot read JSON \\(`),
      ),
    ]);
  });
});
