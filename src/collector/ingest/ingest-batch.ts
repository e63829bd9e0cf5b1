import { createHash } from 'node:crypto';
import { hashInput } from '../../core/audit/chain';
import type { UploadBatch } from '../../core/audit/types';
import type { CollectorStore, IngestResult } from '../store/types';
import { planIngest } from './plan';

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

export async function ingestBatch(
  store: CollectorStore,
  batch: UploadBatch,
  now = new Date(),
): Promise<IngestResult> {
  const hashValid = new Map<string, boolean>();
  for (const record of batch.events) hashValid.set(record.id, recomputeHash(record) === record.hash);
  return store.ingest(batch, now.toISOString(), (snapshot) => planIngest(batch, hashValid, snapshot));
}
