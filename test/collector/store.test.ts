import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestBatch } from '../../src/collector/ingest/ingest-batch';
import type { CollectorStore } from '../../src/collector/store/types';
import { GENESIS_HASH } from '../../src/core/audit/types';
import { FakeInstall, STORE_TARGETS } from './helpers';

// The same suite against real SQLite and real PostgreSQL (issue 7).
for (const target of STORE_TARGETS) {
  describe.skipIf(target.skip !== null)(
    `collector store: ${target.name}${target.skip ? ` (skipped: ${target.skip})` : ''}`,
    () => {
      let store: CollectorStore;
      let cleanup: () => Promise<void>;

      beforeEach(async () => {
        ({ store, cleanup } = await target.open());
      });
      afterEach(async () => {
        await cleanup();
      });

      const install = async (installId: string) =>
        (await store.installs()).find((i) => i.installId === installId);
      const count = async (filter = {}) => (await store.queryEvents(filter, { offset: 0, limit: 0 })).total;

      it('stores a clean chain and keeps each record exactly as uploaded', async () => {
        const a = new FakeInstall();
        const records = await a.appendMany(5);
        // A field a newer extension adds is part of the hash and must survive.
        const extra = await a.append({ ...({ futureField: 'x' } as object) });
        const result = await ingestBatch(store, a.batch([...records, extra]));
        expect(result).toMatchObject({ duplicateBatch: false, accepted: 6, duplicates: 0, findings: [] });
        const page = await store.queryEvents({}, { offset: 0, limit: 100 });
        expect(page.total).toBe(6);
        expect(page.events.map((e) => e.record.seq)).toEqual([6, 5, 4, 3, 2, 1]);
        expect(page.events.every((e) => e.integrity === 'ok')).toBe(true);
        expect(page.events.find((e) => e.record.seq === 6)?.record).toEqual(extra);
        expect(await install(a.installId)).toMatchObject({
          status: 'ok',
          events: 6,
          maxSeq: 6,
          openGaps: [],
          breaks: 0,
          reportedHead: a.head,
        });
      });

      it('is idempotent: the same batch, or the same events in another batch, are stored once', async () => {
        const a = new FakeInstall();
        const batch = a.batch(await a.appendMany(4));
        await ingestBatch(store, batch);
        const again = await ingestBatch(store, batch);
        expect(again).toMatchObject({ duplicateBatch: true, accepted: 0, duplicates: 4 });
        const resent = await ingestBatch(store, a.batch(batch.events, 'another-batch-id'));
        expect(resent).toMatchObject({ duplicateBatch: false, accepted: 0, duplicates: 4, findings: [] });
        const overlapping = await ingestBatch(
          store,
          a.batch([...batch.events.slice(2), ...(await a.appendMany(2))]),
        );
        expect(overlapping).toMatchObject({ accepted: 2, duplicates: 2, findings: [] });
        expect(await count()).toBe(6);
        expect((await install(a.installId))?.events).toBe(6);
      });

      it('flags a gap, stores the events after it, and closes the gap when the late records arrive', async () => {
        const a = new FakeInstall();
        const all = await a.appendMany(8);
        // Each batch reports its own last record as head: the hole 4-5 is found between records.
        const upTo = (records: typeof all) => {
          const batch = a.batch(records);
          batch.chainHead = { seq: records.at(-1)?.seq ?? 0, hash: records.at(-1)?.hash ?? '' };
          return batch;
        };
        await ingestBatch(store, upTo(all.slice(0, 3)));
        const afterGap = await ingestBatch(store, upTo(all.slice(5)));
        expect(afterGap.accepted).toBe(3);
        expect(afterGap.findings.map((f) => [f.kind, f.seq, f.toSeq])).toEqual([['gap', 4, 5]]);
        expect(await install(a.installId)).toMatchObject({
          status: 'gaps',
          openGaps: [{ from: 4, to: 5 }],
          maxSeq: 8,
        });
        expect(await count()).toBe(6);

        const late = await ingestBatch(store, upTo(all.slice(3, 4)));
        expect(late.findings.map((f) => f.kind)).toEqual(['gap-filled']);
        expect((await install(a.installId))?.openGaps).toEqual([{ from: 5, to: 5 }]);
        await ingestBatch(store, upTo(all.slice(4, 5)));
        expect(await install(a.installId)).toMatchObject({
          status: 'ok',
          openGaps: [],
          breaks: 0,
          events: 8,
        });
        const kinds = (await store.findings(a.installId, { offset: 0, limit: 100 })).findings
          .map((f) => f.kind)
          .sort();
        expect(kinds).toEqual(['gap', 'gap-filled', 'gap-filled']);
      });

      it('a record deleted from the middle of a chain stays an open gap', async () => {
        const a = new FakeInstall();
        const all = await a.appendMany(4);
        const result = await ingestBatch(
          store,
          a.batch([all[0], all[1], all[3]].filter((r) => r !== undefined)),
        );
        expect(result.findings.map((f) => [f.kind, f.seq, f.toSeq])).toEqual([['gap', 3, 3]]);
        expect((await install(a.installId))?.status).toBe('gaps');
      });

      it('detects a record edited after sealing (hash mismatch) and keeps it as evidence', async () => {
        const a = new FakeInstall();
        const all = await a.appendMany(3);
        const edited = { ...all[1], reasonId: 'legal-obligation' } as (typeof all)[number];
        const result = await ingestBatch(store, a.batch([all[0], edited, all[2]] as typeof all));
        expect(result.accepted).toBe(3);
        expect(result.findings.map((f) => [f.kind, f.seq])).toEqual([['hash-mismatch', 2]]);
        const stored = await store.queryEvents({ installId: a.installId }, { offset: 0, limit: 10 });
        expect(stored.events.find((e) => e.record.seq === 2)?.integrity).toBe('hash-mismatch');
        expect(await install(a.installId)).toMatchObject({ status: 'broken', breaks: 1 });
      });

      it('detects a record re-sealed on a wrong predecessor (removed/inserted/reordered records)', async () => {
        const a = new FakeInstall();
        const first = await a.appendMany(3);
        await ingestBatch(store, a.batch(first));
        // A forger drops record 3 and re-seals a new seq 3 after record 2: a different id on an occupied seq.
        const b = new FakeInstall(a.installId);
        b.head = { seq: 2, hash: first[1]?.hash as string };
        const forged = await b.append({ id: 'forged-3', reasonId: 'other' });
        const fork = await ingestBatch(store, b.batch([forged]));
        // The forger's head 3 also differs from the head 3 the install reported before.
        expect(fork.findings.map((f) => [f.kind, f.seq])).toEqual([
          ['head-rewritten', 3],
          ['seq-reused', 3],
        ]);
        // A record whose own hash is right but whose prevHash points to nothing that came before it.
        const c = new FakeInstall(a.installId);
        c.head = { seq: 3, hash: 'f'.repeat(64) };
        const misLinked = await c.append({ id: 'mislinked-4' });
        const result = await ingestBatch(store, c.batch([misLinked]));
        expect(result.findings.map((f) => [f.kind, f.seq])).toEqual([['prev-hash-mismatch', 4]]);
        const stored = await store.queryEvents({ installId: a.installId }, { offset: 0, limit: 10 });
        expect(stored.events.find((e) => e.record.id === 'mislinked-4')?.integrity).toBe('link-broken');
        expect(await install(a.installId)).toMatchObject({ status: 'broken', breaks: 3, events: 5 });
      });

      it('checks a late record against a successor that arrived first, and seq 1 against genesis', async () => {
        const a = new FakeInstall();
        const all = await a.appendMany(4);
        await ingestBatch(store, a.batch([all[0], all[1], all[3]] as typeof all));
        // Record 3 replaced by one sealed with different content: its hash is not what record 4 links to.
        const forger = new FakeInstall(a.installId);
        forger.head = { seq: 2, hash: all[1]?.hash as string };
        const replaced = await forger.append({ id: all[2]?.id, kind: 'CARD' });
        const result = await ingestBatch(store, forger.batch([replaced]));
        expect(result.findings.map((f) => [f.kind, f.seq])).toEqual([
          ['prev-hash-mismatch', 4],
          ['gap-filled', 3],
        ]);

        const b = new FakeInstall(undefined, 'agent.other');
        b.head = { seq: 0, hash: 'a'.repeat(64) };
        const notGenesis = await b.append();
        expect(notGenesis.prevHash).not.toBe(GENESIS_HASH);
        const genesis = await ingestBatch(store, b.batch([notGenesis]));
        expect(genesis.findings.map((f) => f.kind)).toEqual(['genesis-mismatch']);
      });

      it('ends consistent under concurrent, out-of-order and repeated uploads of one install', async () => {
        const a = new FakeInstall();
        const all = await a.appendMany(60);
        const batches = [0, 1, 2, 3, 4, 5].map((i) => a.batch(all.slice(i * 10, i * 10 + 10)));
        // Retries of the same batch, overlapping re-sends and reversed order, all at once.
        const overlap = a.batch(all.slice(5, 25));
        const results = await Promise.all(
          [...batches.slice().reverse(), batches[2], overlap, batches[0]].map((b) =>
            ingestBatch(store, b as (typeof batches)[number]),
          ),
        );
        expect(results.reduce((n, r) => n + r.accepted, 0)).toBe(60);
        const kinds = new Set(results.flatMap((r) => r.findings.map((f) => f.kind)));
        for (const k of kinds) expect(['gap', 'gap-filled']).toContain(k);
        expect(await install(a.installId)).toMatchObject({
          status: 'ok',
          events: 60,
          maxSeq: 60,
          openGaps: [],
          breaks: 0,
        });
        expect(await count({ installId: a.installId })).toBe(60);
      });

      it('keeps installs apart and reports a chain head that disagrees with the records', async () => {
        const a = new FakeInstall();
        const b = new FakeInstall(undefined, 'agent.bruno');
        await ingestBatch(store, a.batch(await a.appendMany(3)));
        await ingestBatch(store, b.batch(await b.appendMany(2)));
        const batch = a.batch(await a.appendMany(1));
        batch.chainHead = { seq: 4, hash: 'b'.repeat(64) };
        const result = await ingestBatch(store, batch);
        expect(result.findings.map((f) => f.kind)).toEqual(['head-mismatch']);
        expect((await install(b.installId))?.status).toBe('ok');
        expect((await store.installs()).length).toBe(2);
      });

      it('filters, pages and counts events across agents', async () => {
        const a = new FakeInstall(undefined, 'agent.ana');
        const b = new FakeInstall(undefined, 'agent.bruno');
        await a.appendMany(3);
        await a.append({ kind: 'CARD', origin: 'https://Billing.Example.com', reasonId: 'identity-check' });
        await a.append({ outcome: 'refused', refusedReason: 'limit-per-hour', revealedAt: null });
        await b.appendMany(2, { origin: 'https://chat.example.org' });
        await b.append({ type: 'anomaly', kind: 'limit', reasonId: null, outcome: 'refused' });
        await b.append({ flags: ['over-limit'] });
        await ingestBatch(store, a.batch(a.records));
        await ingestBatch(store, b.batch(b.records));

        expect(await count()).toBe(9);
        expect(await count({ agentId: 'agent.bruno' })).toBe(4);
        expect(await count({ site: 'billing.EXAMPLE' })).toBe(1);
        expect(await count({ site: '100%_' })).toBe(0);
        expect(await count({ kind: 'CARD' })).toBe(1);
        expect(await count({ reasonId: 'identity-check' })).toBe(1);
        expect(await count({ outcome: 'refused' })).toBe(2);
        expect(await count({ type: 'anomaly' })).toBe(1);
        expect(await count({ anomalous: true })).toBe(3);
        // a's records are 1 minute apart from 09:01; b's likewise: 09:02..09:03 holds 2 of each.
        expect(await count({ from: '2026-11-28T09:02:00Z', to: '2026-11-28T09:03:00.000Z' })).toBe(4);

        const first = await store.queryEvents({}, { offset: 0, limit: 4 });
        const second = await store.queryEvents({}, { offset: 4, limit: 4 });
        expect(first.total).toBe(9);
        expect(first.events).toHaveLength(4);
        const ids = [...first.events, ...second.events].map((e) => e.record.id);
        expect(new Set(ids).size).toBe(8);
        const times = [...first.events, ...second.events].map((e) => e.record.requestedAt);
        expect([...times].sort().reverse()).toEqual(times);

        const facets = await store.facets();
        expect(facets.agents).toEqual(['agent.ana', 'agent.bruno']);
        expect(facets.kinds).toEqual(['CARD', 'CPF', 'limit']);
        expect(facets.sites).toContain('https://chat.example.org');
        expect(facets.reasons).toEqual(['customer-request', 'identity-check']);
      });

      it('counts volume per agent per hour and per day', async () => {
        const a = new FakeInstall(undefined, 'agent.ana');
        const b = new FakeInstall(undefined, 'agent.bruno');
        await a.append({ requestedAt: '2026-11-28T09:10:00.000Z' });
        await a.append({ requestedAt: '2026-11-28T09:50:00.000Z' });
        await a.append({ requestedAt: '2026-11-28T11:05:00.000Z' });
        await b.append({ requestedAt: '2026-11-28T09:30:00.000Z' });
        await b.append({ requestedAt: '2026-11-29T00:30:00.000Z' });
        await ingestBatch(store, a.batch(a.records));
        await ingestBatch(store, b.batch(b.records));
        expect(await store.volume({}, 'hour')).toEqual([
          { agentId: 'agent.ana', bucket: '2026-11-28T09', count: 2 },
          { agentId: 'agent.bruno', bucket: '2026-11-28T09', count: 1 },
          { agentId: 'agent.ana', bucket: '2026-11-28T11', count: 1 },
          { agentId: 'agent.bruno', bucket: '2026-11-29T00', count: 1 },
        ]);
        expect(await store.volume({ agentId: 'agent.bruno' }, 'day')).toEqual([
          { agentId: 'agent.bruno', bucket: '2026-11-28', count: 1 },
          { agentId: 'agent.bruno', bucket: '2026-11-29', count: 1 },
        ]);
      });

      it('keeps accounts and expiring sessions; a new password ends the sessions', async () => {
        expect(await store.getAccount('supervisor')).toBeNull();
        const account = { username: 'supervisor', role: 'auditor', source: 'bootstrap' } as const;
        await store.putAccount({ ...account, passwordHash: 'hash-1' });
        expect(await store.getAccount('supervisor')).toMatchObject({ ...account, passwordHash: 'hash-1' });
        const later = new Date(Date.now() + 3600_000).toISOString();
        await store.createSession({
          tokenHash: 't1',
          username: 'supervisor',
          csrfToken: 'c1',
          expiresAt: later,
        });
        expect(await store.getSession('t1', new Date().toISOString())).toMatchObject({ csrfToken: 'c1' });
        expect(await store.getSession('t1', new Date(Date.now() + 7200_000).toISOString())).toBeNull();
        await store.deleteSession('t1');
        expect(await store.getSession('t1', new Date().toISOString())).toBeNull();
        await store.createSession({
          tokenHash: 't2',
          username: 'supervisor',
          csrfToken: 'c2',
          expiresAt: later,
        });
        await store.putAccount({ ...account, passwordHash: 'hash-1' });
        expect(await store.getSession('t2', new Date().toISOString())).toMatchObject({ role: 'auditor' });
        await store.putAccount({ ...account, passwordHash: 'hash-2' });
        expect(await store.getSession('t2', new Date().toISOString())).toBeNull();
      });

      it('keeps records announced by a head owed until they arrive; only a batch with records running short is a finding', async () => {
        const a = new FakeInstall(undefined, 'agent.tail');
        const all = await a.appendMany(6);
        const upTo = (records: typeof all) => {
          const batch = a.batch(records);
          batch.chainHead = { seq: records.at(-1)?.seq ?? 0, hash: records.at(-1)?.hash ?? '' };
          return batch;
        };
        expect((await ingestBatch(store, upTo(all.slice(0, 2)))).findings).toEqual([]);
        // A heartbeat: head 4, no records. Owed, not news.
        const beat = a.batch([]);
        beat.chainHead = { seq: 4, hash: all[3]?.hash as string };
        expect((await ingestBatch(store, beat)).findings).toEqual([]);
        expect(await install(a.installId)).toMatchObject({
          status: 'gaps',
          openGaps: [{ from: 3, to: 4, tail: true }],
        });
        // The upload of 3-4 (head 6, the true head): the tail fills quietly, 5-6 are owed and reported short.
        const short = await ingestBatch(store, a.batch(all.slice(2, 4)));
        expect(short.findings.map((f) => [f.kind, f.seq, f.toSeq])).toEqual([['head-ahead', 5, 6]]);
        await ingestBatch(store, a.batch(all.slice(4)));
        expect(await install(a.installId)).toMatchObject({ status: 'ok', openGaps: [], events: 6 });
      });

      it('pins the key of an install enrolled unsigned at its first signed batch, then refuses unsigned ones', async () => {
        const a = new FakeInstall(undefined, 'agent.legacy');
        const signedOnly = { tokenValid: true, requireSignature: true };
        expect((await ingestBatch(store, a.batch(await a.appendMany(2)))).refused).toBeNull();
        // Control: while the key is not pinned, the token alone still speaks for it (unsigned mode).
        expect((await ingestBatch(store, a.batch([await a.append()]))).refused).toBeNull();
        const signed = await ingestBatch(store, await a.signed(a.batch([await a.append()])), signedOnly);
        expect(signed).toMatchObject({ refused: null, accepted: 1 });
        const unsigned = await ingestBatch(store, a.batch([await a.append()]), signedOnly);
        expect(unsigned.refused).toMatchObject({ status: 403, code: 'bad-signature' });
        expect(unsigned.findings.map((f) => f.kind)).toEqual(['signature-invalid']);
        expect((await store.installs()).find((i) => i.installId === a.installId)?.signed).toBe(true);
      });

      it('an install enrolled as "unknown" adopts its first real agent; another agent after that is a finding', async () => {
        const a = new FakeInstall(undefined, 'unknown');
        const access = { tokenValid: true, requireSignature: true };
        expect(
          (await ingestBatch(store, await a.signed(a.batch([await a.append()])), access)).findings,
        ).toEqual([]);
        const named = a.batch([await a.append({ agentId: 'agent.late' })]);
        named.agentId = 'agent.late';
        expect((await ingestBatch(store, await a.signed(named), access)).findings).toEqual([]);
        const other = a.batch([await a.append({ agentId: 'agent.other' })]);
        other.agentId = 'agent.other';
        const result = await ingestBatch(store, await a.signed(other), access);
        expect(result.findings.map((f) => f.kind)).toEqual(['agent-mismatch']);
      });
    },
  );
}
