import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openPgStore } from '../../src/collector/store/pg-store';
import { openSqliteStore } from '../../src/collector/store/sqlite-store';
import type { CollectorStore } from '../../src/collector/store/types';
import { generateSigningKey, signBatch } from '../../src/core/audit/batch-signature';
import { appendToChain, type ChainHead, EMPTY_HEAD } from '../../src/core/audit/chain';
import { importEscrowPublicKey, sealEscrow } from '../../src/core/audit/escrow';
import { fingerprint, generateFingerprintKey } from '../../src/core/audit/fingerprint';
import type { AuditEventBody, AuditRecord, UploadBatch } from '../../src/core/audit/types';

export const ORG_KEY = 'org-fingerprint-key-for-tests-0123456789';

/** A synthetic install's log, sealed with the extension's own chain code. */
export class FakeInstall {
  head: ChainHead = EMPTY_HEAD;
  readonly records: AuditRecord[] = [];
  private batchNo = 0;
  /** The install's own fingerprint key (used when `fingerprintMode` is "install"). */
  readonly fingerprintKey = generateFingerprintKey();
  fingerprintMode: 'policy' | 'install' = 'policy';
  private keys: Promise<CryptoKeyPair> | null = null;

  constructor(
    readonly installId = `inst-${randomUUID()}`,
    readonly agentId = 'agent.ana',
  ) {}

  signingKeys(): Promise<CryptoKeyPair> {
    this.keys ??= generateSigningKey();
    return this.keys;
  }

  /** Signed by this install's key; with `escrowTo`, also carries its fingerprint key sealed to that key. */
  async signed(
    batch: UploadBatch,
    options: { escrowTo?: string; keys?: CryptoKeyPair } = {},
  ): Promise<UploadBatch> {
    const escrow = options.escrowTo
      ? await sealEscrow(this.fingerprintKey, await importEscrowPublicKey(options.escrowTo), this.installId)
      : null;
    const withEscrow: UploadBatch = escrow
      ? { ...batch, auth: { publicKey: '', signature: '', escrow } }
      : batch;
    return signBatch(withEscrow, options.keys ?? (await this.signingKeys()));
  }

  async append(overrides: Partial<AuditEventBody> = {}, value?: string): Promise<AuditRecord> {
    const seq = this.head.seq + 1;
    const at = new Date(Date.UTC(2026, 10, 28, 9, 0, 0) + seq * 60_000).toISOString();
    const body: AuditEventBody = {
      id: `ev-${this.installId}-${String(seq).padStart(8, '0')}`,
      seq,
      type: 'reveal',
      requestedAt: at,
      revealedAt: at,
      remaskedAt: null,
      agentId: this.agentId,
      agentSource: 'policy',
      installId: this.installId,
      extensionVersion: '0.1.0',
      policyVersion: 'p1',
      origin: 'https://crm.example.com',
      path: '/customers/42',
      kind: 'CPF',
      fingerprint: value
        ? await fingerprint(this.fingerprintMode === 'policy' ? ORG_KEY : this.fingerprintKey, value)
        : null,
      fingerprintKeyId: value ? this.fingerprintMode : null,
      reasonId: 'customer-request',
      reasonText: null,
      outcome: 'revealed',
      refusedReason: null,
      flags: [],
      refId: null,
      ...overrides,
    };
    const record = await appendToChain(this.head, body);
    this.head = { seq: record.seq, hash: record.hash };
    this.records.push(record);
    return record;
  }

  async appendMany(n: number, overrides: Partial<AuditEventBody> = {}): Promise<AuditRecord[]> {
    const out: AuditRecord[] = [];
    for (let i = 0; i < n; i++) out.push(await this.append(overrides));
    return out;
  }

  batch(events: AuditRecord[], batchId = `b-${++this.batchNo}-${randomUUID()}`): UploadBatch {
    return {
      schema: 'sigilo.events/v1',
      batchId,
      installId: this.installId,
      agentId: this.agentId,
      extensionVersion: '0.1.0',
      sentAt: new Date().toISOString(),
      chainHead: { ...this.head },
      events,
    };
  }
}

export interface StoreTarget {
  name: 'sqlite' | 'postgres';
  skip: string | null;
  open(): Promise<{ store: CollectorStore; cleanup(): Promise<void> }>;
}

export const PG_SKIP_REASON =
  'SIGILO_TEST_PG_URL is not set: start PostgreSQL and export SIGILO_TEST_PG_URL=postgres://user:pass@127.0.0.1:5432/db (.ci/run does, via scripts/ci/postgres.sh)';

export const STORE_TARGETS: StoreTarget[] = [
  {
    name: 'sqlite',
    skip: null,
    async open() {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'sigilo-collector-'));
      const store = openSqliteStore(path.join(dir, 'collector.db'));
      await store.migrate();
      return {
        store,
        async cleanup() {
          await store.close().catch(() => undefined);
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'postgres',
    skip: process.env.SIGILO_TEST_PG_URL ? null : PG_SKIP_REASON,
    async open() {
      const url = process.env.SIGILO_TEST_PG_URL as string;
      // One schema per store keeps parallel test files and reruns apart.
      const schema = `sigilo_t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
      const store = openPgStore(url, { schema });
      await store.migrate();
      return {
        store,
        async cleanup() {
          await store.close().catch(() => undefined);
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          await client.end();
        },
      };
    },
  },
];
