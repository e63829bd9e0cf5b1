import { type BreakReason, verifyChain } from '../core/audit/chain';
import type { AuditRecord } from '../core/audit/types';
import { GENESIS_HASH } from '../core/audit/types';
import type { CollectorStore } from './store/types';

export interface ChainVerdict {
  installId: string;
  /** Records checked (all the store holds for the install). */
  checked: number;
  /** Where the check started: seq 1 from genesis, or after the last retention cut. */
  fromSeq: number;
  ok: boolean;
  firstBroken?: { seq: number; reason: BreakReason };
}

const PAGE = 5000;

/**
 * Re-verify, from the stored records alone, every install's hash chain: from
 * genesis, or from the hash retention recorded for the last pruned record.
 * This is what proves a restored backup is the log that was backed up (and
 * that nothing was edited in between); a gap (records never uploaded) shows as
 * `seq-gap`.
 */
export async function verifyStoredChains(store: CollectorStore): Promise<ChainVerdict[]> {
  const anchors = new Map<string, { seq: number; hash: string }>();
  for (const p of await store.prunes()) {
    const known = anchors.get(p.installId);
    if (!known || p.throughSeq > known.seq)
      anchors.set(p.installId, { seq: p.throughSeq, hash: p.throughHash });
  }
  const out: ChainVerdict[] = [];
  for (const install of await store.installs()) {
    const records: AuditRecord[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await store.queryEvents({ installId: install.installId }, { offset, limit: PAGE });
      records.push(...page.events.map((e) => e.record));
      if (page.events.length < PAGE) break;
    }
    records.sort((a, b) => a.seq - b.seq);
    const anchor = anchors.get(install.installId) ?? { seq: 0, hash: GENESIS_HASH };
    const result = await verifyChain(records, {
      expectedStartSeq: anchor.seq + 1,
      expectedPrevHash: anchor.hash,
    });
    out.push({
      installId: install.installId,
      checked: records.length,
      fromSeq: anchor.seq + 1,
      ok: result.ok,
      ...(result.ok
        ? {}
        : { firstBroken: { seq: result.firstBroken.seq, reason: result.firstBroken.reason } }),
    });
  }
  return out;
}
