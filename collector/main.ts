// CLI entry: `tsx collector/main.ts [--config collector.json]`. Configuration errors exit with code 2.
import { ConfigError, loadConfig } from './config';
import { startCollector } from './server';

function configFileArgument(argv: readonly string[]): string | undefined {
  const index = argv.findIndex((arg) => arg === '--config' || arg.startsWith('--config='));
  if (index === -1) return undefined;
  const arg = argv[index] as string;
  return arg.includes('=') ? arg.slice('--config='.length) : argv[index + 1];
}

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig({ env: process.env, file: configFileArgument(process.argv.slice(2)) });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(2);
  }

  const collector = await startCollector(config);
  // A hub's address is what job centres' officers enter, not the extension's endpoint.
  const listening =
    config.mode === 'hub'
      ? `hub listening on ${collector.url}/hub/v1`
      : `collector listening on ${collector.endpoint}`;
  console.log(`Mitsprache ${listening} (database ${collector.databaseFile})`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    // A second Ctrl+C means "now": skip waiting for slow clients.
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`${signal}: finishing open requests, then stopping`);
    collector.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('collector: shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('collector: failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
