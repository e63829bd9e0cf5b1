import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as dbModule from '../../../src/background/db';
import { pruneUploaded } from '../../../src/background/log-prune';
import {
  appendRecords,
  commitRecords,
  type NewRecord,
  resetLogWriterForTests,
  revealTimesSince,
  StorageUnavailableError,
} from '../../../src/background/log-store';
import { verifyChain } from '../../../src/core/audit/chain';
import { body } from './fixtures';

let n = 0;

function newRecord(i: number, overrides: Partial<NewRecord> = {}): NewRecord {
  const { seq: _s, ...rest } = body(i, overrides);
  return { ...rest, id: `01J${String(i).padStart(23, '0')}` };
}

beforeEach(async () => {
  const name = `sigilo-store-${Date.now()}-${n++}`;
  const db = await dbModule.openSigiloDB(name);
  vi.spyOn(dbModule, 'openSigiloDB').mockResolvedValue(db);
  resetLogWriterForTests();
});

afterEach(async () => {
  vi.restoreAllMocks();
  await dbModule.closeSigiloDB();
});

describe('log writer', () => {
  it('serialises concurrent appends into one unforked chain', async () => {
    const writes = Array.from({ length: 50 }, (_, i) => appendRecords([newRecord(i + 1)]));
    const results = await Promise.all(writes);
    expect(results.map((r) => r[0]!.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    const db = await dbModule.openSigiloDB();
    const stored = await db.getAll('records');
    expect(await verifyChain(stored)).toMatchObject({ ok: true, checked: 50 });
    expect(await db.get('meta', 'head')).toEqual({ seq: 50, hash: stored[49]!.hash });
  });

  it('recovers the head from the database after a restart (no fork, no reuse of seq)', async () => {
    await appendRecords([newRecord(1), newRecord(2)]);
    resetLogWriterForTests(); // the worker was stopped: in-memory state is gone
    const [third] = await appendRecords([newRecord(3)]);
    expect(third!.seq).toBe(3);
    const db = await dbModule.openSigiloDB();
    expect(await verifyChain(await db.getAll('records'))).toMatchObject({ ok: true, checked: 3 });
  });

  it('notices a head moved by another writer and re-chains onto it', async () => {
    await appendRecords([newRecord(1)]);
    const db = await dbModule.openSigiloDB();
    // Someone else appends record 2 behind the writer's back (the cached head is now stale).
    const { appendToChain } = await import('../../../src/core/audit/chain');
    const head = (await db.get('meta', 'head')) as { seq: number; hash: string };
    const r2 = await appendToChain(head, { ...newRecord(2), seq: 2 });
    const tx = db.transaction(['records', 'meta'], 'readwrite');
    await tx.objectStore('records').add(r2);
    await tx.objectStore('meta').put({ seq: 2, hash: r2.hash }, 'head');
    await tx.done;
    const [r3] = await appendRecords([newRecord(3)]);
    expect(r3!.seq).toBe(3);
    expect(await verifyChain(await db.getAll('records'))).toMatchObject({ ok: true, checked: 3 });
  });

  it('reports a failed write as StorageUnavailableError and keeps working afterwards', async () => {
    await appendRecords([newRecord(1)]);
    // A duplicate id violates the unique index: the transaction aborts, nothing is half-written.
    await expect(appendRecords([newRecord(2), newRecord(1)])).rejects.toBeInstanceOf(StorageUnavailableError);
    const db = await dbModule.openSigiloDB();
    expect(await db.count('records')).toBe(1);
    const [next] = await appendRecords([newRecord(3)]);
    expect(next!.seq).toBe(2);
  });

  it('counts recent revealed values for the anomaly guard from the log itself', async () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    const at = (msAgo: number) => new Date(now - msAgo).toISOString();
    await appendRecords([
      newRecord(1, { requestedAt: at(2 * 3600_000), revealedAt: at(2 * 3600_000) }),
      newRecord(2, { requestedAt: at(30 * 60_000), revealedAt: at(30 * 60_000) }),
      newRecord(3, { requestedAt: at(60_000), revealedAt: null, outcome: 'refused' }),
      newRecord(4, { requestedAt: at(60_000), revealedAt: at(60_000), type: 'anomaly' }),
      newRecord(5, { requestedAt: at(10_000), revealedAt: at(10_000) }),
    ]);
    const db = await dbModule.openSigiloDB();
    expect(await revealTimesSince(db, now - 3600_000)).toEqual([now - 30 * 60_000, now - 10_000]);
  });

  it('lets each queued decision see the reveals decided before it in the same group', async () => {
    const now = Date.now();
    const seen: number[] = [];
    const jobs = Array.from({ length: 5 }, (_, i) =>
      commitRecords(async (view) => {
        seen.push((await view.revealTimesSince(now - 3600_000)).length);
        return [
          newRecord(i + 1, {
            requestedAt: new Date(now).toISOString(),
            revealedAt: new Date(now).toISOString(),
          }),
        ];
      }),
    );
    await Promise.all(jobs);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
  });

  it('fails only the job whose decision throws; the others commit', async () => {
    const ok = appendRecords([newRecord(1)]);
    const bad = commitRecords(() => {
      throw new Error('bad decision');
    });
    const ok2 = appendRecords([newRecord(2)]);
    await expect(bad).rejects.toThrow('bad decision');
    expect((await ok)[0]!.seq).toBe(1);
    expect((await ok2)[0]!.seq).toBe(2);
  });
});

describe('pruning', () => {
  it('drops only acknowledged records past retention, and anchors the stored chain', async () => {
    const old = '2025-01-01T00:00:00.000Z';
    await appendRecords([
      newRecord(1, { requestedAt: old }),
      newRecord(2, { requestedAt: old }),
      newRecord(3, { requestedAt: old }), // old but never uploaded: must stay
      newRecord(4, { requestedAt: '2026-06-01T00:00:00.000Z' }),
    ]);
    const db = await dbModule.openSigiloDB();
    await db.put('meta', 2, 'uploadedThrough');
    const pruned = await pruneUploaded(db, 30, Date.parse('2026-06-02T00:00:00Z'));
    expect(pruned).toBe(2);
    const left = await db.getAll('records');
    expect(left.map((r) => r.seq)).toEqual([3, 4]);
    const anchor = (await db.get('meta', 'anchor')) as { seq: number; hash: string };
    expect(anchor.seq).toBe(2);
    expect(await verifyChain(left, { expectedStartSeq: 3, expectedPrevHash: anchor.hash })).toMatchObject({
      ok: true,
    });
  });

  it('keeps acknowledged records that are still within retention', async () => {
    await appendRecords([newRecord(1, { requestedAt: '2026-06-01T00:00:00.000Z' })]);
    const db = await dbModule.openSigiloDB();
    await db.put('meta', 1, 'uploadedThrough');
    expect(await pruneUploaded(db, 30, Date.parse('2026-06-02T00:00:00Z'))).toBe(0);
    expect(await db.count('records')).toBe(1);
  });
});
