import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashPassword, verifyPassword } from './auth/password';
import type { CollectorConfig } from './config';
import { closeServer, createCollectorServer, listen, SUPERVISOR } from './http/server';
import { startRetention } from './retention';
import { openStore } from './store/open-store';
import type { CollectorStore } from './store/types';

/** Where `npm run build:collector-ui` writes the review UI. */
export const UI_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'ui', 'dist');

export interface RunningCollector {
  url: string;
  store: CollectorStore;
  close(): Promise<void>;
}

/**
 * The password in SIGILO_SUPERVISOR_PASSWORD is the source of truth for the
 * user "supervisor": stored as a scrypt hash, replaced when the variable
 * changes (that is how an admin rotates it).
 */
export async function seedSupervisor(store: CollectorStore, password: string | null): Promise<void> {
  if (!password) return;
  const existing = await store.getUser(SUPERVISOR);
  if (existing && (await verifyPassword(password, existing.passwordHash))) return;
  await store.setUser(SUPERVISOR, await hashPassword(password));
}

export async function startCollector(
  config: CollectorConfig,
  options: { uiDir?: string; log?: (line: string) => void; store?: CollectorStore } = {},
): Promise<RunningCollector> {
  const store = options.store ?? (await openStore(config));
  try {
    await seedSupervisor(store, config.supervisorPassword);
    const server = createCollectorServer({
      config,
      store,
      uiDir: options.uiDir ?? UI_DIR,
      releaseDir: config.releaseDir,
      ...(options.log ? { log: options.log } : {}),
    });
    const url = await listen(server, config.port, config.host);
    const retention = config.retentionDays ? startRetention(store, config.retentionDays, options.log) : null;
    return {
      url,
      store,
      async close() {
        await retention?.stop();
        await closeServer(server);
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
