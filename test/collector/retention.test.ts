import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestBatch } from '../../src/collector/ingest/ingest-batch';
import { applyRetention } from '../../src/collector/retention';
import type { CollectorStore } from '../../src/collector/store/types';
import { verifyStoredChains } from '../../src/collector/verify-chains';
import { FakeInstall, STORE_TARGETS } from './helpers';

// FakeInstall's seq n is requested at 2026-11-28T09:00Z + n minutes.
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 28, 9, minutes, 0));
const DAY = 24 * 60;

for (const target of STORE_TARGETS) {
  describe.skipIf(target.skip !== null)(
    `collector retention: ${target.name}${target.skip ? ` (skipped: ${target.skip})` : ''}`,
    () => {
      let store: CollectorStore;
      let cleanup: () => Promise<void>;
      beforeEach(async () => {
        ({ store, cleanup } = await target.open());
      });
      afterEach(async () => {
        await cleanup();
      });
      const seqs = async (installId: string) =>
        (await store.queryEvents({ installId }, { offset: 0, limit: 1000 })).events
          .map((e) => e.record.seq)
          .sort((a, b) => a - b);

      it('prunes the old prefix of each chain, records it, and the rest still verifies', async () => {
        const a = new FakeInstall();
        await ingestBatch(store, a.batch(await a.appendMany(10)));
        const b = new FakeInstall();
        await ingestBatch(store, b.batch(await b.appendMany(3)));
        // 1 day of retention, "now" = 1 day after seq 4.5: seqs 1-4 of both are older.
        const pruned = await applyRetention(store, 1, new Date(at(DAY + 4).getTime() + 30_000));
        expect(pruned).toHaveLength(2);
        expect(pruned.find((p) => p.installId === a.installId)).toMatchObject({
          fromSeq: 1,
          throughSeq: 4,
          events: 4,
          throughHash: a.records[3]?.hash,
        });
        // Every event of b was older: its whole chain went, and that is recorded too.
        expect(pruned.find((p) => p.installId === b.installId)).toMatchObject({ fromSeq: 1, throughSeq: 3 });
        expect(await seqs(a.installId)).toEqual([5, 6, 7, 8, 9, 10]);
        expect(await seqs(b.installId)).toEqual([]);
        expect(await store.prunes()).toHaveLength(2);
        const verdicts = await verifyStoredChains(store);
        expect(verdicts.find((v) => v.installId === a.installId)).toMatchObject({
          ok: true,
          fromSeq: 5,
          checked: 6,
        });
        expect(verdicts.every((v) => v.ok)).toBe(true);

        // Later uploads link to what was kept: no finding, still verifying.
        const more = await ingestBatch(store, a.batch(await a.appendMany(2)));
        expect(more.findings).toEqual([]);
        expect((await verifyStoredChains(store)).every((v) => v.ok)).toBe(true);
        // Pruning again removes nothing new.
        expect(await applyRetention(store, 1, new Date(at(DAY + 4).getTime() + 30_000))).toEqual([]);
      });

      it('keeps everything inside the window, and an event inside it keeps every later one', async () => {
        const a = new FakeInstall();
        // seq 3 is stamped far in the past (a wrong clock): it must not cut a hole.
        const records = [
          ...(await a.appendMany(2)),
          await a.append({ requestedAt: '2020-01-01T00:00:00.000Z' }),
          ...(await a.appendMany(2)),
        ];
        await ingestBatch(store, a.batch(records));
        expect(await applyRetention(store, 30, at(DAY))).toEqual([]);
        const pruned = await applyRetention(store, 1, new Date(at(DAY + 1).getTime() + 30_000));
        expect(pruned).toMatchObject([{ fromSeq: 1, throughSeq: 1 }]);
        expect(await seqs(a.installId)).toEqual([2, 3, 4, 5]);
        expect((await verifyStoredChains(store)).every((v) => v.ok)).toBe(true);
      });

      it('verification fails when records are missing without a retention record', async () => {
        const a = new FakeInstall();
        const records = await a.appendMany(6);
        await ingestBatch(store, a.batch([...records.slice(0, 2), ...records.slice(4)]));
        expect(await verifyStoredChains(store)).toMatchObject([
          { installId: a.installId, ok: false, firstBroken: { seq: 5, reason: 'seq-gap' } },
        ]);
      });
    },
  );
}
