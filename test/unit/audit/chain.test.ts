import { describe, expect, it } from 'vitest';
import { appendToChain, EMPTY_HEAD, hashInput, hashRecord, verifyChain } from '../../../src/core/audit/chain';
import { type AuditRecord, GENESIS_HASH } from '../../../src/core/audit/types';
import { body, buildChain } from './fixtures';

/** Re-seal records from `from` on, as a forger who knows the algorithm would. */
async function reseal(records: AuditRecord[], from: number): Promise<AuditRecord[]> {
  const out = records.slice(0, from);
  let prev = from === 0 ? GENESIS_HASH : out[from - 1]!.hash;
  for (const record of records.slice(from)) {
    const { hash: _h, prevHash: _p, ...rest } = record;
    const hash = await hashRecord(rest, prev);
    out.push({ ...rest, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('hash chain', () => {
  it('hashes the canonical body plus prevHash with SHA-256', async () => {
    const b = body(1);
    expect(hashInput(b, GENESIS_HASH)).toContain(`"prevHash":"${GENESIS_HASH}"`);
    expect(hashInput(b, GENESIS_HASH)).not.toContain('"hash"');
    const hash = await hashRecord(b, GENESIS_HASH);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await hashRecord(b, 'f'.repeat(64))).not.toBe(hash);
  });

  it('refuses to append a body whose seq does not follow the head', async () => {
    await expect(appendToChain(EMPTY_HEAD, body(2))).rejects.toThrow(/does not follow/);
  });

  it('verifies an intact chain and reports its head', async () => {
    const records = await buildChain(5);
    const result = await verifyChain(records);
    expect(result).toEqual({ ok: true, checked: 5, head: { seq: 5, hash: records[4]!.hash } });
  });

  it('detects an edited record', async () => {
    const records = await buildChain(5);
    records[2] = { ...records[2]!, reasonText: 'edited' };
    const result = await verifyChain(records);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.firstBroken).toEqual({ seq: 3, id: records[2]!.id, reason: 'hash-mismatch' });
  });

  it('detects an edit even when the forger re-seals that record', async () => {
    const records = await buildChain(5);
    records[1] = { ...records[1]!, outcome: 'cancelled' };
    const forged = (await reseal(records, 1)).slice(0, 2).concat(records.slice(2));
    const result = await verifyChain(forged);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.firstBroken).toMatchObject({ seq: 3, reason: 'prev-hash-mismatch' });
  });

  it('detects a deleted record', async () => {
    const records = await buildChain(5);
    records.splice(2, 1);
    const result = await verifyChain(records);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.firstBroken).toMatchObject({ seq: 4, reason: 'seq-gap' });
  });

  it('detects a deleted record whose successors were renumbered', async () => {
    const records = await buildChain(5);
    records.splice(2, 1);
    const renumbered = records.map((r, i) => ({ ...r, seq: i + 1 }));
    const result = await verifyChain(renumbered);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.firstBroken).toMatchObject({ seq: 3, reason: 'prev-hash-mismatch' });
  });

  it('detects an inserted record', async () => {
    const records = await buildChain(5);
    const intruder = await appendToChain({ seq: 2, hash: records[1]!.hash }, body(3, { kind: 'CARD' }));
    records.splice(2, 0, intruder);
    const result = await verifyChain(records);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.firstBroken).toMatchObject({ seq: 3, reason: 'seq-order' });
  });

  it('detects an inserted record with renumbered successors', async () => {
    const records = await buildChain(5);
    const intruder = await appendToChain({ seq: 2, hash: records[1]!.hash }, body(3, { kind: 'CARD' }));
    records.splice(2, 0, intruder);
    const renumbered = records.map((r, i) => ({ ...r, seq: i + 1 }));
    const result = await verifyChain(renumbered);
    expect(result.ok).toBe(false);
    // The old record 3 now claims seq 4: its hash no longer matches its body.
    if (!result.ok) expect(result.firstBroken).toMatchObject({ seq: 4, reason: 'prev-hash-mismatch' });
  });

  it('detects reordered records', async () => {
    const records = await buildChain(5);
    [records[1], records[3]] = [records[3]!, records[1]!];
    const result = await verifyChain(records);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.firstBroken).toMatchObject({ seq: 4, reason: 'seq-gap' });
  });

  it('detects reordered records with swapped seq numbers', async () => {
    const records = await buildChain(5);
    const a = records[1]!;
    const b = records[2]!;
    records[1] = { ...b, seq: 2 };
    records[2] = { ...a, seq: 3 };
    const result = await verifyChain(records);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.firstBroken).toMatchObject({ seq: 2, reason: 'prev-hash-mismatch' });
  });

  it('detects a truncated or rewritten tail only against a known head', async () => {
    const records = await buildChain(5);
    const truncated = records.slice(0, 4);
    expect((await verifyChain(truncated)).ok).toBe(true);
    const result = await verifyChain(truncated, { expectedHead: { seq: 5, hash: records[4]!.hash } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.firstBroken.reason).toBe('head-mismatch');
  });

  it('verifies a segment from an anchor, and rejects a wrong anchor', async () => {
    const records = await buildChain(6);
    const segment = records.slice(3);
    const anchor = { expectedStartSeq: 4, expectedPrevHash: records[2]!.hash };
    expect(await verifyChain(segment, anchor)).toMatchObject({ ok: true, head: { seq: 6 } });
    expect((await verifyChain(segment)).ok).toBe(false);
    const wrong = await verifyChain(segment, { expectedStartSeq: 4, expectedPrevHash: records[1]!.hash });
    expect(wrong.ok).toBe(false);
    expect((await verifyChain(segment, { expectedStartSeq: null, expectedPrevHash: null })).ok).toBe(true);
  });

  it('treats an empty chain as intact at the expected start', async () => {
    expect(await verifyChain([])).toEqual({ ok: true, checked: 0, head: EMPTY_HEAD });
  });
});
