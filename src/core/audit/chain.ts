import { canonicalize, type Json } from './canonical';
import { toHex, utf8 } from './hex';
import { type AuditEventBody, type AuditRecord, GENESIS_HASH } from './types';

/**
 * The tamper-evident chain: each record's hash covers its body and the previous
 * record's hash, so editing, deleting, inserting or reordering any record breaks
 * a link that `verifyChain` reports. Web Crypto only (Node 20 and browsers).
 */

export interface ChainHead {
  seq: number;
  hash: string;
}

export const EMPTY_HEAD: ChainHead = { seq: 0, hash: GENESIS_HASH };

/** The exact text that is hashed: canonical JSON of the body plus `prevHash` (never `hash`). */
export function hashInput(body: AuditEventBody, prevHash: string): string {
  const { hash: _ignored, ...rest } = body as AuditEventBody & { hash?: string };
  return canonicalize({ ...(rest as unknown as Record<string, Json>), prevHash });
}

export async function sha256Hex(text: string): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', utf8.encode(text)));
}

export function hashRecord(body: AuditEventBody, prevHash: string): Promise<string> {
  return sha256Hex(hashInput(body, prevHash));
}

/**
 * Seal a body onto the chain. The body's seq must follow the head: the caller
 * (one serialised writer) owns numbering, and a wrong seq is a bug, not data.
 */
export async function appendToChain(head: ChainHead, body: AuditEventBody): Promise<AuditRecord> {
  if (body.seq !== head.seq + 1) {
    throw new Error(`chain: seq ${body.seq} does not follow head ${head.seq}`);
  }
  const hash = await hashRecord(body, head.hash);
  return { ...body, prevHash: head.hash, hash };
}

export type BreakReason =
  | 'hash-mismatch' // the record's content was changed after sealing
  | 'prev-hash-mismatch' // a record before it was removed, inserted, changed or moved
  | 'seq-gap' // sequence numbers skip (records deleted)
  | 'seq-order' // sequence numbers repeat or go backwards (records inserted or reordered)
  | 'head-mismatch'; // the last record is not the known chain head (tail truncated or rewritten)

export interface VerifyOptions {
  /** seq of the first record; default 1 (a whole chain). `null` accepts whatever the first record says. */
  expectedStartSeq?: number | null;
  /** prevHash of the first record; default GENESIS_HASH. `null` accepts the first record's own prevHash. */
  expectedPrevHash?: string | null;
  /** A head known from elsewhere (e.g. the last uploaded chainHead): the last record must match it. */
  expectedHead?: ChainHead | null;
}

export type VerifyResult =
  | { ok: true; head: ChainHead; checked: number }
  | { ok: false; checked: number; firstBroken: { seq: number; id: string; reason: BreakReason } };

/** Check records in stored order; reports the first broken link. */
export async function verifyChain(
  records: readonly AuditRecord[],
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  const startSeq = options.expectedStartSeq === undefined ? 1 : options.expectedStartSeq;
  const startPrev = options.expectedPrevHash === undefined ? GENESIS_HASH : options.expectedPrevHash;
  const first = records[0];
  let head: ChainHead = {
    seq: (startSeq ?? first?.seq ?? 1) - 1,
    hash: startPrev ?? first?.prevHash ?? GENESIS_HASH,
  };
  let checked = 0;
  for (const record of records) {
    const broken = (reason: BreakReason): VerifyResult => ({
      ok: false,
      checked,
      firstBroken: { seq: record.seq, id: record.id, reason },
    });
    if (record.seq <= head.seq) return broken('seq-order');
    if (record.seq !== head.seq + 1) return broken('seq-gap');
    if (record.prevHash !== head.hash) return broken('prev-hash-mismatch');
    const { hash, prevHash, ...body } = record;
    if ((await hashRecord(body, prevHash)) !== hash) return broken('hash-mismatch');
    head = { seq: record.seq, hash };
    checked += 1;
  }
  const expected = options.expectedHead;
  if (expected && (expected.seq !== head.seq || expected.hash !== head.hash)) {
    const last = records[records.length - 1];
    return {
      ok: false,
      checked,
      firstBroken: { seq: last?.seq ?? expected.seq, id: last?.id ?? '', reason: 'head-mismatch' },
    };
  }
  return { ok: true, head, checked };
}
