import { createHash } from 'node:crypto';
import { canonicalize } from '../../core/audit/canonical';
import { GENESIS_HASH } from '../../core/audit/types';
import type { AccessEntry } from './types';

/**
 * The access log (who logged in, who looked up a data subject, who exported,
 * who changed accounts) is hash-chained like the agents' logs: each entry's
 * hash covers its fields and the previous entry's hash, so an edited, removed
 * or reordered entry breaks the chain at a known seq.
 */
export function accessHash(entry: Omit<AccessEntry, 'hash'>): string {
  return createHash('sha256')
    .update(
      canonicalize({
        seq: entry.seq,
        at: entry.at,
        actor: entry.actor,
        action: entry.action,
        detail: entry.detail,
        prevHash: entry.prevHash,
      }),
    )
    .digest('hex');
}

export function nextAccessEntry(
  previous: Pick<AccessEntry, 'seq' | 'hash'> | null,
  entry: { at: string; actor: string; action: string; detail: string },
): AccessEntry {
  const base = { ...entry, seq: (previous?.seq ?? 0) + 1, prevHash: previous?.hash ?? GENESIS_HASH };
  return { ...base, hash: accessHash(base) };
}

export interface AccessVerification {
  ok: boolean;
  entries: number;
  /** The first seq whose hash or link is wrong, or where a seq is missing. */
  brokenAt: number | null;
}

/** Entries in seq order, starting at seq 1. */
export function verifyAccessLog(entries: readonly AccessEntry[]): AccessVerification {
  let prev: AccessEntry | null = null;
  for (const entry of entries) {
    const expectedSeq = (prev?.seq ?? 0) + 1;
    const expectedPrev = prev?.hash ?? GENESIS_HASH;
    if (entry.seq !== expectedSeq || entry.prevHash !== expectedPrev || accessHash(entry) !== entry.hash) {
      return { ok: false, entries: entries.length, brokenAt: Math.min(entry.seq, expectedSeq) };
    }
    prev = entry;
  }
  return { ok: true, entries: entries.length, brokenAt: null };
}
