import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { DashboardStore } from '../store/dashboard-types';
import { openPostgres } from '../store/postgres/open';
import { SqliteDashboardStore } from '../store/sqlite/dashboard-store';
import { SQLITE_FILE_NAME } from '../store/sqlite/database';

/** Thrown for wrong command-line use; the commands print it and exit with code 2. */
export class UsageError extends Error {
  readonly code = 'usage';
}

/** Options every officer command takes: where the database is. */
export const DATABASE_OPTIONS = {
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parses `argv` with the database options plus `extra`. */
export function parseCommand<const T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  extra: T,
) {
  try {
    const options = { ...DATABASE_OPTIONS, ...extra };
    return parseArgs({ args: argv, options, allowPositionals: false, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * Opens the dashboard's store the collector would use: `--database-url` (or `DATABASE_URL`) for
 * PostgreSQL, else the SQLite file in `--data-dir` (or `COLLECTOR_DATA_DIR`, default `./data`).
 */
export async function openOfficerStore(values: {
  'data-dir'?: string;
  'database-url'?: string;
}): Promise<{ store: DashboardStore; where: string }> {
  const url = values['database-url'] ?? process.env.DATABASE_URL;
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) throw new UsageError('--database-url must be a postgres:// URL');
    // Closing the dashboard's store ends the pool both stores share.
    const { dashboard } = await openPostgres(url);
    return { store: dashboard, where: 'PostgreSQL' };
  }
  const dataDir = path.resolve(values['data-dir'] ?? process.env.COLLECTOR_DATA_DIR ?? './data');
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, SQLITE_FILE_NAME);
  // The dashboard's store alone: no ingest writer thread for an officer command.
  return { store: new SqliteDashboardStore(file), where: file };
}

/**
 * The password from standard input: typed without echo at a terminal, else the first line of what is
 * piped in (so `printf '%s' "$PW" | tsx …` works in scripts and no password lands in `ps` or history).
 */
export async function readPassword(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(chunk as Buffer);
    return (Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '').trimEnd();
  }
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const onData = (data: Buffer) => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          finish();
          resolve(value);
          return;
        }
        if (char === '\u0003') {
          finish();
          reject(new UsageError('cancelled'));
          return;
        }
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else value += char;
      }
    };
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    stdin.on('data', onData);
  });
}

/** Runs a command: usage errors exit 2, other failures 1. */
export function run(main: () => Promise<number>, usage: string): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof UsageError) {
        console.error(`${error.message}\n\n${usage}`);
        process.exit(2);
      }
      console.error('failed:', error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
