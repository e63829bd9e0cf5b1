import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCollector, UI_DIR } from './collector';
import { ConfigError, readConfig } from './config';
import { jsonLogger } from './ops/log';
import { SQLITE_FILE } from './store/open-store';

/** `npm run collector`: configuration from the environment (see config.ts and docs/collector.md). */
async function ensureUiBuilt(): Promise<void> {
  if (existsSync(path.join(UI_DIR, 'index.html'))) return;
  console.log('collector: building the review UI (first start)…');
  const { build } = await import('vite');
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  await build({ configFile: path.join(root, 'src/collector/ui/vite.config.ts'), logLevel: 'warn' });
}

async function main(): Promise<void> {
  let config: ReturnType<typeof readConfig>;
  try {
    config = readConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`collector: bad configuration: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  await ensureUiBuilt();
  const log = jsonLogger();
  const collector = await startCollector(config, { log });
  console.log(`collector: listening on ${collector.url}`);
  console.log(
    config.databaseUrl
      ? `collector: database ${collector.store.location}`
      : `collector: data folder ${config.dataDir} (SQLite file ${path.join(config.dataDir, SQLITE_FILE)})`,
  );
  console.log(`collector: uploads go to ${collector.url}/api/v1/events`);
  if (config.releaseDir) {
    console.log(
      `collector: extension updates at ${collector.url}/extension/updates.xml (${config.releaseDir})`,
    );
  }
  if (config.retentionDays)
    console.log(`collector: events older than ${config.retentionDays} days are pruned`);
  if (config.ingestTokens.length === 0) {
    console.warn('collector: SIGILO_INGEST_TOKENS is not set: every upload will be refused (401)');
  }
  if (!config.supervisorPassword) {
    console.warn('collector: SIGILO_SUPERVISOR_PASSWORD is not set: nobody can log in to the review UI');
  }
  if (!config.escrowPrivateKey && !config.fingerprintKey) {
    console.warn('collector: SIGILO_ESCROW_PRIVATE_KEY is not set: the data-subject report is unavailable');
  }
  let stopping = false;
  // Graceful: stop accepting, let in-flight uploads commit (the extension re-sends anything unacknowledged).
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    log('info', 'shutting down');
    await collector.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`collector: failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
