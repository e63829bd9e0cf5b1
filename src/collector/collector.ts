import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEscrowKeys } from './auth/escrow-key';
import { OidcClient } from './auth/oidc';
import { hashPassword, verifyPassword } from './auth/password';
import type { CollectorConfig } from './config';
import { createCollectorServer, listen, SUPERVISOR } from './http/server';
import { type Logger, silentLogger } from './ops/log';
import { createMetrics } from './ops/metrics';
import { startRetention } from './retention';
import { openStore } from './store/open-store';
import type { CollectorStore } from './store/types';

/** Where `npm run build:collector-ui` writes the review UI. */
export const UI_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'ui', 'dist');

export interface RunningCollector {
  url: string;
  store: CollectorStore;
  /** Stop accepting, finish in-flight requests (uploads), close the database. */
  close(): Promise<void>;
}

/**
 * The bootstrap account: SIGILO_SUPERVISOR_PASSWORD is the source of truth for
 * the user "supervisor", stored as a scrypt hash and replaced when the variable
 * changes (that is how an admin rotates it; the change ends its sessions). It
 * has the auditor role: it is the administrator's way in before named accounts
 * (`npm run -s collector:users`) or single sign-on exist.
 */
export async function seedSupervisor(store: CollectorStore, password: string | null): Promise<void> {
  if (!password) return;
  const existing = await store.getAccount(SUPERVISOR);
  if (existing?.passwordHash && (await verifyPassword(password, existing.passwordHash))) return;
  await store.putAccount({
    username: SUPERVISOR,
    role: 'auditor',
    passwordHash: await hashPassword(password),
    source: 'bootstrap',
  });
  await store.appendAccess({
    at: new Date().toISOString(),
    actor: 'environment',
    action: existing ? 'account-password' : 'account-add',
    detail: JSON.stringify({ username: SUPERVISOR, role: 'auditor', source: 'bootstrap' }),
  });
}

export async function startCollector(
  config: CollectorConfig,
  options: { uiDir?: string; log?: Logger; store?: CollectorStore } = {},
): Promise<RunningCollector> {
  const store = options.store ?? (await openStore(config));
  try {
    await seedSupervisor(store, config.supervisorPassword);
    const server = createCollectorServer({
      config,
      store,
      uiDir: options.uiDir ?? UI_DIR,
      releaseDir: config.releaseDir,
      log: options.log ?? silentLogger,
      metrics: createMetrics(),
      escrow: config.escrowPrivateKey ? await loadEscrowKeys(config.escrowPrivateKey) : null,
      oidc: config.oidc ? new OidcClient(config.oidc) : null,
    });
    const url = await listen(server, config.port, config.host);
    const retention = config.retentionDays ? startRetention(store, config.retentionDays, options.log) : null;
    return {
      url,
      store,
      async close() {
        await retention?.stop();
        await server.drain();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
