import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/collector/auth/password';
import { type RunningCollector, startCollector } from '../../src/collector/collector';
import type { CollectorConfig } from '../../src/collector/config';
import { openPgStore } from '../../src/collector/store/pg-store';
import type { CollectorStore } from '../../src/collector/store/types';
import type { UploadBatch } from '../../src/core/audit/types';
import { FakeInstall, PG_SKIP_REASON } from './helpers';

/**
 * Two collector instances on one PostgreSQL behave as one: uploads from many
 * installs alternate between them (concurrently across installs), and the
 * result — events, findings — equals a single instance's run of the same
 * uploads. Sessions and login counters are shared too.
 */
const url = process.env.SIGILO_TEST_PG_URL;
const TOKEN = 'scale-out-ingest-token-0123';
const INSTALLS = 30;
const BATCHES = 8;
const PER_BATCH = 25;

function config(): CollectorConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    databaseUrl: null,
    dataDir: '',
    ingestTokens: [TOKEN],
    supervisorPassword: null,
    fingerprintKey: null,
    maxBodyBytes: 4 * 1024 * 1024,
  };
}

/** Each install's uploads in order; some installs misbehave so there are findings to compare. */
async function workload(): Promise<UploadBatch[][]> {
  const plans: UploadBatch[][] = [];
  for (let i = 0; i < INSTALLS; i++) {
    const a = new FakeInstall(`scale-${i}-${randomUUID()}`, `agent.${i % 12}`);
    const records = await a.appendMany(BATCHES * PER_BATCH, { requestedAt: '2026-11-28T09:00:00.000Z' });
    const batches: UploadBatch[] = [];
    for (let b = 0; b < BATCHES; b++) {
      if (i % 5 === 1 && b === 3) continue; // a batch never sent: a gap
      const slice = records.slice(b * PER_BATCH, (b + 1) * PER_BATCH);
      const batch = a.batch(slice);
      batch.chainHead = { seq: slice.at(-1)?.seq ?? 0, hash: slice.at(-1)?.hash ?? '' };
      if (i % 7 === 2 && b === 5) batch.chainHead = { seq: batch.chainHead.seq + 10, hash: 'a'.repeat(64) };
      const signed = await a.signed(batch);
      batches.push(signed);
      if (b === 2) batches.push(signed); // a re-send of the same batch
    }
    plans.push(batches);
  }
  return plans;
}

async function run(targets: RunningCollector[], plans: UploadBatch[][]): Promise<void> {
  let turn = 0;
  await Promise.all(
    plans.map(async (batches) => {
      for (const batch of batches) {
        const target = targets[turn++ % targets.length] as RunningCollector;
        const res = await fetch(`${target.url}/api/v1/events`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
          body: JSON.stringify(batch),
        });
        expect(res.status).toBe(200);
      }
    }),
  );
}

async function snapshot(store: CollectorStore) {
  const events = await store.queryEvents({}, { offset: 0, limit: INSTALLS * BATCHES * PER_BATCH + 10 });
  const findings = await store.findings(null, { offset: 0, limit: 10_000 });
  const installs = await store.installs();
  return {
    eventCount: events.total,
    ids: new Set(events.events.map((e) => e.record.id)).size,
    findings: findings.findings.map((f) => `${f.installId}:${f.kind}:${f.seq}-${f.toSeq}`).sort(),
    installs: installs
      .map(
        (i) => `${i.installId}:${i.events}:${i.maxSeq}:${i.status}:${JSON.stringify(i.openGaps)}:${i.breaks}`,
      )
      .sort(),
  };
}

describe.skipIf(!url)(
  `two collector instances on one PostgreSQL${url ? '' : ` (skipped: ${PG_SKIP_REASON})`}`,
  () => {
    const schemas: string[] = [];
    const running: RunningCollector[] = [];
    let uiDir: string;

    const instance = async (schema: string) => {
      const store = openPgStore(url as string, { schema });
      await store.migrate();
      const collector = await startCollector(config(), { store, uiDir });
      running.push(collector);
      return collector;
    };

    beforeAll(() => {
      uiDir = mkdtempSync(path.join(os.tmpdir(), 'sigilo-ui-'));
      writeFileSync(path.join(uiDir, 'index.html'), '<!doctype html><title>Sigilo</title>');
    });
    afterAll(async () => {
      for (const c of running) await c.close().catch(() => undefined);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
      await client.end();
      rmSync(uiDir, { recursive: true, force: true });
    });

    it('stores every event once and raises the same findings as one instance; sessions and login counters are shared', async () => {
      const shared = `sigilo_t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
      const single = `sigilo_t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
      schemas.push(shared, single);
      const a = await instance(shared);
      const b = await instance(shared);
      const alone = await instance(single);
      const plans = await workload();

      await run([a, b], plans);
      await run([alone], plans);
      const two = await snapshot(a.store);
      const one = await snapshot(alone.store);
      const expected = INSTALLS * BATCHES * PER_BATCH - Math.ceil(INSTALLS / 5) * PER_BATCH;
      expect(two.eventCount).toBe(expected);
      expect(two.ids).toBe(expected);
      expect(two.findings.length).toBeGreaterThan(0);
      expect(two.findings).toEqual(one.findings);
      expect(two.installs).toEqual(one.installs);

      // A session made on one instance works on the other; a failed-login count is one count.
      await a.store.putAccount({
        username: 'olga',
        role: 'supervisor',
        passwordHash: await hashPassword('olga password'),
        source: 'local',
      });
      const login = (target: RunningCollector, password: string) =>
        fetch(`${target.url}/api/v1/login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ username: 'olga', password }),
        });
      const ok = await login(a, 'olga password');
      const cookie = (ok.headers.getSetCookie()[0] ?? '').split(';')[0] as string;
      expect((await fetch(`${b.url}/api/v1/session`, { headers: { Cookie: cookie } })).status).toBe(200);
      const guesses = await Promise.all(
        Array.from({ length: 20 }, (_, i) => login(i % 2 ? a : b, `guess ${i}`)),
      );
      expect(guesses.filter((r) => r.status === 401)).toHaveLength(5);
      expect((await login(b, 'olga password')).status).toBe(429);
    });
  },
);
