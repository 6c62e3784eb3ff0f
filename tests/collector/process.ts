import { type ChildProcess, spawn } from 'node:child_process';

// `collector/main.ts` as operators run it: its own process, configured by the environment alone. Ready
// once it prints its "listening on" line (no sleeping), stopped by a signal like any service.

/** A running collector process. */
export interface CollectorProcess {
  /** Its origin, e.g. http://127.0.0.1:41234. */
  readonly url: string;
  /** Its port: a restart on the same port keeps the address job centres were given. */
  readonly port: number;
  readonly child: ChildProcess;
  /** Resolves with the exit code once the process ended (null when a signal ended it). */
  readonly exited: Promise<number | null>;
  /** Everything it printed on stdout so far. */
  output(): string;
}

/** Starts `collector/main.ts` with `env` (plus PATH) and resolves once it listens. */
export function startCollectorProcess(env: Record<string, string>): Promise<CollectorProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'collector/main.ts'], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let stdout = '';
  return new Promise<CollectorProcess>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const found = /listening on (http:\/\/[^/\s]+)/.exec(stdout);
      if (found) {
        const url = found[1] as string;
        resolve({ url, port: Number(new URL(url).port), child, exited, output: () => stdout });
      }
    });
    child.once('exit', (code) =>
      reject(new Error(`collector exited with ${code} before listening: ${stdout}`)),
    );
  });
}

/** Stops a collector process with `signal` and resolves with its exit code (null after SIGKILL). */
export async function stopCollectorProcess(
  running: CollectorProcess,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<number | null> {
  if (running.child.exitCode === null && running.child.signalCode === null) running.child.kill(signal);
  return running.exited;
}
