import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateEscrowKeyPair } from '../../../src/collector/auth/escrow-key';
import { type RunningCollector, startCollector } from '../../../src/collector/collector';

/**
 * A real collector (SQLite in a fresh temporary folder) on a random loopback
 * port; close() stops it and removes the folder.
 */
export async function startTestCollector(options: {
  ingestToken: string;
  fingerprintKey: string;
  supervisorPassword: string | null;
}): Promise<RunningCollector> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sigilo-collector-e2e-'));
  try {
    const collector = await startCollector({
      port: 0,
      host: '127.0.0.1',
      databaseUrl: null,
      dataDir,
      ingestTokens: [options.ingestToken],
      supervisorPassword: options.supervisorPassword,
      fingerprintKey: options.fingerprintKey,
      maxBodyBytes: 1024 * 1024,
      // Extensions fingerprint with their own key, escrowed to this one at enrolment.
      escrowPrivateKey: generateEscrowKeyPair().privateKey,
    });
    return {
      url: collector.url,
      store: collector.store,
      async close() {
        try {
          await collector.close();
        } finally {
          rmSync(dataDir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
