import path from 'node:path';
import type { CollectorConfig } from '../config';
import { openPgStore } from './pg-store';
import { openSqliteStore } from './sqlite-store';
import type { CollectorStore } from './types';

export const SQLITE_FILE = 'collector.db';

export async function openStore(
  config: Pick<CollectorConfig, 'databaseUrl' | 'dataDir'>,
): Promise<CollectorStore> {
  const store = config.databaseUrl
    ? openPgStore(config.databaseUrl)
    : openSqliteStore(path.join(config.dataDir, SQLITE_FILE));
  await store.migrate();
  return store;
}
