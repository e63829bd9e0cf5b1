import { createHash } from 'node:crypto';
import { hashInput } from '../../core/audit/chain';
import type { UploadBatch } from '../../core/audit/types';
import type { CollectorStore, IngestResult } from '../store/types';
import type { BatchCredentials } from './model';
import { planIngest } from './plan';
import { batchSignatureValid } from './signature';

/**
 * Store one validated batch: recompute every record's hash over the extension's
 * own canonical form (`hashInput` from src/core/audit/chain.ts, the exact text
 * `hashRecord` digests), then let the store apply the plan atomically. A record
 * whose hash does not match is still stored (and flagged): hiding it would hide
 * the evidence.
 *
 * The digest is node:crypto's synchronous SHA-256 rather than `hashRecord`'s
 * Web Crypto call: same function of the same text, but without a promise and a
 * thread-pool hop per record, which was most of the ingest time at 10,000-event
 * batches (bench/collector.bench.ts). test/collector/ingest-hash.test.ts pins
 * the two to the same result.
 */
export function recomputeHash(record: UploadBatch['events'][number]): string {
  const { hash: _hash, prevHash, ...body } = record;
  return createHash('sha256').update(hashInput(body, prevHash)).digest('hex');
}

export interface IngestAccess {
  /** The request bore one of the configured ingest tokens. */
  tokenValid: boolean;
  /** Refuse unsigned batches (the default; SIGILO_ALLOW_UNSIGNED turns it off during a roll-out). */
  requireSignature: boolean;
}

/** What store-level tests use: a valid token, signatures not required. */
export const TRUSTED_UNSIGNED: IngestAccess = { tokenValid: true, requireSignature: false };

export async function ingestBatch(
  store: CollectorStore,
  batch: UploadBatch,
  access: IngestAccess = TRUSTED_UNSIGNED,
  now = new Date(),
): Promise<IngestResult> {
  const hashValid = new Map<string, boolean>();
  for (const record of batch.events) hashValid.set(record.id, recomputeHash(record) === record.hash);
  const credentials: BatchCredentials = {
    ...access,
    verify: (publicKey) => batchSignatureValid(batch, publicKey),
  };
  const receivedAt = now.toISOString();
  return store.ingest(batch, receivedAt, (snapshot) =>
    planIngest(batch, hashValid, snapshot, credentials, receivedAt),
  );
}
