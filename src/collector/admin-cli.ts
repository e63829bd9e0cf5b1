import path from 'node:path';
import { backupSqlite } from './backup';
import { ConfigError, readConfig } from './config';
import { applyRetention } from './retention';
import { openStore, SQLITE_FILE } from './store/open-store';
import { verifyStoredChains } from './verify-chains';

/**
 * Operator commands for a collector, configured by the same environment as the
 * service (SIGILO_DATA_DIR or DATABASE_URL, SIGILO_RETENTION_DAYS):
 *
 *   node dist-collector/admin.js backup FILE   SQLite online backup (the collector may keep running)
 *   node dist-collector/admin.js verify        re-verify every install's chain; exit 1 if one is broken
 *   node dist-collector/admin.js prune         apply SIGILO_RETENTION_DAYS now
 */
const USAGE = 'usage: node dist-collector/admin.js backup FILE | verify | prune';

async function main(argv: string[]): Promise<number> {
  const [command, arg] = argv;
  const config = readConfig();
  if (command === 'backup') {
    if (!arg) throw new ConfigError('FILE', `the backup file is missing (${USAGE})`);
    if (config.databaseUrl) {
      throw new ConfigError('DATABASE_URL', 'PostgreSQL is backed up with pg_dump (see docs/collector.md)');
    }
    const source = path.join(config.dataDir, SQLITE_FILE);
    const { pages } = await backupSqlite(source, arg);
    console.log(`backup: ${source} -> ${path.resolve(arg)} (${pages} pages)`);
    return 0;
  }
  if (command === 'verify' || command === 'prune') {
    const store = await openStore(config);
    try {
      if (command === 'prune') {
        if (!config.retentionDays)
          throw new ConfigError('SIGILO_RETENTION_DAYS', 'is not set: nothing to prune');
        const pruned = await applyRetention(store, config.retentionDays);
        for (const p of pruned)
          console.log(`pruned ${p.events} events of ${p.installId} (seq ${p.fromSeq}-${p.throughSeq})`);
        console.log(
          `prune: ${pruned.reduce((n, p) => n + p.events, 0)} events older than ${config.retentionDays} days`,
        );
        return 0;
      }
      const verdicts = await verifyStoredChains(store);
      for (const v of verdicts) {
        console.log(
          v.ok
            ? `ok      ${v.installId}: ${v.checked} records from seq ${v.fromSeq}`
            : `BROKEN  ${v.installId}: seq ${v.firstBroken?.seq} ${v.firstBroken?.reason}`,
        );
      }
      const broken = verdicts.filter((v) => !v.ok).length;
      console.log(`verify: ${verdicts.length} installs, ${broken} broken (${store.location})`);
      return broken > 0 ? 1 : 0;
    } finally {
      await store.close();
    }
  }
  console.error(USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError) {
      console.error(`admin: ${error.message}`);
      process.exit(2);
    }
    console.error(`admin: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
