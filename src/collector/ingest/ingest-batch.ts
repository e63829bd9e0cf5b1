import { hashRecord } from '../../core/audit/chain';
import type { UploadBatch } from '../../core/audit/types';
import type { CollectorStore, IngestResult } from '../store/types';
import { planIngest } from './plan';

/**
 * Store one validated batch: recompute every record's hash with the same chain
 * code the extension uses (src/core/audit/chain.ts), then let the store apply
 * the plan atomically. A record whose hash does not match is still stored (and
 * flagged): hiding it would hide the evidence.
 */
export async function ingestBatch(
  store: CollectorStore,
  batch: UploadBatch,
  now = new Date(),
): Promise<IngestResult> {
  const checks = await Promise.all(
    batch.events.map(async (record) => {
      const { hash, prevHash, ...body } = record;
      return [record.id, (await hashRecord(body, prevHash)) === hash] as const;
    }),
  );
  const hashValid = new Map(checks);
  return store.ingest(batch, now.toISOString(), (snapshot) => planIngest(batch, hashValid, snapshot));
}
