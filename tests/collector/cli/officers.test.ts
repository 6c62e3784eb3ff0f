import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../../collector/officers';
import { SqliteDashboardStore } from '../../../collector/store/sqlite/dashboard-store';
import { SQLITE_FILE_NAME } from '../../../collector/store/sqlite/database';
import { makeTempDir, removeTempDirs } from '../helpers';

// The officer commands (collector/cli/) as an operator runs them: a child process with tsx.

afterAll(removeTempDirs);

function runCli(script: string, args: string[], input: string, env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      env: { ...process.env, DATABASE_URL: '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('officer CLI', () => {
  it('adds an officer with the password from stdin, refuses a second add, replaces with --replace', async () => {
    const dataDir = await makeTempDir();
    const args = ['--data-dir', dataDir, '--user', 'a.mueller'];

    const added = await runCli('collector/cli/add-officer.ts', args, 'correct horse battery staple\n');
    const again = await runCli('collector/cli/add-officer.ts', args, 'another long password\n');
    const short = await runCli(
      'collector/cli/add-officer.ts',
      ['--data-dir', dataDir, '--user', 'b'],
      'short\n',
    );
    const replaced = await runCli(
      'collector/cli/add-officer.ts',
      [...args, '--replace'],
      'another long password\n',
    );

    const file = path.join(dataDir, SQLITE_FILE_NAME);
    expect(added).toEqual({ code: 0, stdout: `officer "a.mueller" added (${file})\n`, stderr: '' });
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`officer "a.mueller" exists in ${file}; use --replace to set a new password\n`);
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/^the password must have at least 12 characters\n\nUsage: /);
    expect(replaced.code).toBe(0);
    const dashboard = new SqliteDashboardStore(file);
    try {
      const account = await dashboard.findOfficer('a.mueller');
      expect(await verifyPassword('another long password', account?.passwordHash ?? '')).toBe(true);
    } finally {
      await dashboard.close();
    }
  }, 60_000);

  it('prints a hash for the officers file', async () => {
    const result = await runCli('collector/cli/hash-password.ts', [], 'correct horse battery staple\n');

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=\n$/);
    expect(await verifyPassword('correct horse battery staple', result.stdout.trim())).toBe(true);
  }, 30_000);
});
