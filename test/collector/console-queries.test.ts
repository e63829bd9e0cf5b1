import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestBatch } from '../../src/collector/ingest/ingest-batch';
import type { CollectorStore } from '../../src/collector/store/types';
import { FakeInstall, STORE_TARGETS } from './helpers';
import { appendShift } from './shift';

// The supervisor console's read queries, against real SQLite and PostgreSQL.
const START = Date.UTC(2026, 10, 28, 13, 0, 0);

for (const target of STORE_TARGETS) {
  describe.skipIf(target.skip !== null)(
    `console queries: ${target.name}${target.skip ? ` (skipped: ${target.skip})` : ''}`,
    () => {
      let store: CollectorStore;
      let cleanup: () => Promise<void>;
      beforeEach(async () => {
        ({ store, cleanup } = await target.open());
      });
      afterEach(async () => {
        await cleanup();
      });

      it('one row per reveal, its re-mask joined by refId; no re-mask row of its own', async () => {
        const ana = new FakeInstall(undefined, 'agent.ana');
        const shift = await appendShift(ana, START);
        // A second install whose reveal shares the first one's time: refId, not time, joins.
        const bruno = new FakeInstall(undefined, 'agent.bruno');
        await bruno.append({ requestedAt: shift.hidden.requestedAt, revealedAt: shift.hidden.revealedAt });
        await ingestBatch(store, ana.batch(ana.records));
        await ingestBatch(store, bruno.batch(bruno.records));

        const page = await store.reveals({}, { offset: 0, limit: 50 });
        expect(page.total).toBe(5);
        expect(page.reveals.every((r) => r.record.type === 'reveal')).toBe(true);
        const byId = new Map(page.reveals.map((r) => [r.record.id, r]));
        const hidden = byId.get(shift.hidden.id);
        expect(hidden?.remask?.flags).toEqual(['remask:hide']);
        expect(hidden?.remask?.refId).toBe(shift.hidden.id);
        expect(
          (Date.parse(hidden?.remask?.remaskedAt ?? '') - Date.parse(shift.hidden.revealedAt ?? '')) / 1000,
        ).toBe(42);
        expect(byId.get(shift.timed.id)?.remask?.flags).toEqual(['remask:timer']);
        expect(byId.get(shift.flagged.id)?.remask).toBeNull();
        expect(byId.get(shift.refused.id)?.remask).toBeNull();
        expect(page.reveals.find((r) => r.record.agentId === 'agent.bruno')?.remask).toBeNull();
        // Filters apply to the reveals.
        expect((await store.reveals({ agentId: 'agent.bruno' }, { offset: 0, limit: 50 })).total).toBe(1);
      });

      it('"anomalous" means anomalies, flagged and refused reveals — never an ordinary hide', async () => {
        const ana = new FakeInstall(undefined, 'agent.ana');
        const shift = await appendShift(ana, START);
        await ingestBatch(store, ana.batch(ana.records));
        const page = await store.queryEvents({ anomalous: true }, { offset: 0, limit: 50 });
        expect(page.events.some((e) => e.record.type === 'remask')).toBe(false);
        expect(page.events.filter((e) => e.record.type === 'anomaly')).toHaveLength(3);
        const ids = page.events.map((e) => e.record.id);
        expect(ids).toContain(shift.flagged.id);
        expect(ids).toContain(shift.refused.id);
        expect(ids).not.toContain(shift.hidden.id);
        expect(page.total).toBe(5);
      });

      it('reveals per hour split by agent, kind or reason; refusals not counted as reveals', async () => {
        const ana = new FakeInstall(undefined, 'agent.ana');
        await appendShift(ana, START);
        const bruno = new FakeInstall(undefined, 'agent.bruno');
        await appendShift(bruno, START + 3 * 3600_000);
        await ingestBatch(store, ana.batch(ana.records));
        await ingestBatch(store, bruno.batch(bruno.records));
        expect(await store.series({}, 'agent')).toEqual([
          { key: 'agent.ana', bucket: '2026-11-28T13', count: 3 },
          { key: 'agent.bruno', bucket: '2026-11-28T16', count: 3 },
        ]);
        const kinds = await store.series({ agentId: 'agent.ana' }, 'kind');
        expect(kinds.map((r) => r.key)).toEqual(['BANK_ACCOUNT', 'CPF', 'DATE_OF_BIRTH']);
        const reasons = await store.series({}, 'reason');
        expect(reasons.find((r) => r.key === 'customer-request' && r.bucket === '2026-11-28T13')?.count).toBe(
          1,
        );
        expect(await store.series({ outcome: 'refused' }, 'kind')).toEqual([
          { key: 'PHONE', bucket: '2026-11-28T13', count: 1 },
          { key: 'PHONE', bucket: '2026-11-28T16', count: 1 },
        ]);
      });

      it('first-screen figures since a time, per agent, anomalies first', async () => {
        const ana = new FakeInstall(undefined, 'agent.ana');
        await ana.append({ requestedAt: new Date(START + 60_000).toISOString() });
        const bruno = new FakeInstall(undefined, 'agent.bruno');
        await appendShift(bruno, START);
        // Yesterday's records stay out.
        const old = new FakeInstall(undefined, 'agent.old');
        await appendShift(old, START - 86_400_000);
        for (const i of [ana, bruno, old]) await ingestBatch(store, i.batch(i.records));
        const figures = await store.overview({ from: new Date(START).toISOString() });
        expect(figures).toEqual({
          reveals: 4,
          refusals: 1,
          anomalies: 3,
          agents: [
            { agentId: 'agent.bruno', reveals: 3, refusals: 1, anomalies: 3 },
            { agentId: 'agent.ana', reveals: 1, refusals: 0, anomalies: 0 },
          ],
        });
      });
    },
  );
}
