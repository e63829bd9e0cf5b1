import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { startCollector } from '../src/collector/collector';
import { openPgStore } from '../src/collector/store/pg-store';
import { EVENT_COLUMNS, insertSql, type SqlValue } from '../src/collector/store/sql';
import { openSqliteStore } from '../src/collector/store/sqlite-store';
import type { CollectorStore } from '../src/collector/store/types';
import { generateSigningKey, signBatch } from '../src/core/audit/batch-signature';
import { appendToChain, EMPTY_HEAD } from '../src/core/audit/chain';
import type { AuditRecord, UploadBatch } from '../src/core/audit/types';
import { type Bench, type BenchRow, ratio } from './table';

/**
 * Collector ingest throughput: events/s through the real HTTP endpoint (auth,
 * JSON parsing, validation, per-install signature check, hash recomputation,
 * chain checks, one transaction per batch), side by side with the unsigned
 * path (SIGILO_ALLOW_UNSIGNED) and with raw multi-row INSERTs of the same rows
 * into the same database without any of that, in this process.
 * Goal: >= 5,000 events/s on SQLite with signature checks on.
 */
const INSTALLS = 8;
const PER_INSTALL = 2_500;
const BATCH = 500;
const TOKEN = 'bench-ingest-token-0123456789';

async function makeBatches(): Promise<UploadBatch[]> {
  const batches: UploadBatch[] = [];
  for (let i = 0; i < INSTALLS; i++) {
    const installId = `bench-${randomUUID()}`;
    let head = EMPTY_HEAD;
    const records: AuditRecord[] = [];
    for (let seq = 1; seq <= PER_INSTALL; seq++) {
      const at = new Date(Date.UTC(2026, 10, 28, 8) + seq * 7_000).toISOString();
      const record = await appendToChain(head, {
        id: `${installId}-${seq}`,
        seq,
        type: 'reveal',
        requestedAt: at,
        revealedAt: at,
        remaskedAt: null,
        agentId: `agent.${i}`,
        agentSource: 'policy',
        installId,
        extensionVersion: '0.1.0',
        policyVersion: 'bench',
        origin: 'https://crm.example.com',
        path: `/customers/${seq % 97}`,
        kind: seq % 3 === 0 ? 'CARD' : 'CPF',
        fingerprint: (seq % 16).toString(16).repeat(64),
        fingerprintKeyId: 'policy',
        reasonId: 'customer-request',
        reasonText: null,
        outcome: 'revealed',
        refusedReason: null,
        flags: [],
        refId: null,
      });
      head = { seq: record.seq, hash: record.hash };
      records.push(record);
    }
    const keys = await generateSigningKey();
    for (let start = 0; start < records.length; start += BATCH) {
      const events = records.slice(start, start + BATCH);
      const last = events[events.length - 1] as AuditRecord;
      const batch: UploadBatch = {
        schema: 'sigilo.events/v1',
        batchId: randomUUID(),
        installId,
        agentId: `agent.${i}`,
        extensionVersion: '0.1.0',
        sentAt: new Date().toISOString(),
        chainHead: { seq: last.seq, hash: last.hash },
        events,
      };
      batches.push(await signBatch(batch, keys));
    }
  }
  return batches;
}

function unsigned(batches: UploadBatch[]): UploadBatch[] {
  return batches.map(({ auth: _auth, ...batch }) => batch);
}

function rawRows(batch: UploadBatch): SqlValue[][] {
  const now = new Date().toISOString();
  return batch.events.map((r) => [
    r.id,
    r.installId,
    r.seq,
    r.type,
    r.requestedAt,
    r.agentId,
    r.origin,
    r.kind,
    r.fingerprint,
    r.fingerprintKeyId,
    r.reasonId,
    r.outcome,
    JSON.stringify(r.flags),
    r.hash,
    r.prevHash,
    'ok',
    batch.batchId,
    now,
    JSON.stringify(r),
  ]);
}

/** POST every batch to a running collector, installs in parallel (as many agents upload at once). */
interface Rate {
  /** events per wall-clock second */
  wall: number;
  /** events per CPU-second of this process (client + server): steadier on shared, loaded cores */
  cpu: number;
}

function measure(started: number, cpuStarted: NodeJS.CpuUsage, events: number): Rate {
  const wall = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpuStarted);
  return { wall: events / wall, cpu: events / ((used.user + used.system) / 1e6) };
}

async function viaHttp(store: CollectorStore, batches: UploadBatch[], allowUnsigned = false): Promise<Rate> {
  const collector = await startCollector(
    {
      port: 0,
      host: '127.0.0.1',
      databaseUrl: null,
      dataDir: '',
      ingestTokens: [TOKEN],
      supervisorPassword: null,
      fingerprintKey: null,
      maxBodyBytes: 16 * 1024 * 1024,
      allowUnsigned,
    },
    { store },
  );
  const bodies = batches.map((b) => ({ installId: b.installId, body: JSON.stringify(b) }));
  const byInstall = new Map<string, string[]>();
  for (const { installId, body } of bodies)
    byInstall.set(installId, [...(byInstall.get(installId) ?? []), body]);
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  await Promise.all(
    [...byInstall.values()].map(async (list) => {
      for (const body of list) {
        const res = await fetch(`${collector.url}/api/v1/events`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
          body,
        });
        if (res.status !== 200) throw new Error(`upload answered ${res.status}`);
        await res.arrayBuffer();
      }
    }),
  );
  const rate = measure(started, cpuStarted, INSTALLS * PER_INSTALL);
  const stored = (await store.queryEvents({}, { offset: 0, limit: 0 })).total;
  await collector.close();
  if (stored !== INSTALLS * PER_INSTALL)
    throw new Error(`stored ${stored} events, expected ${INSTALLS * PER_INSTALL}`);
  return rate;
}

async function sqliteRows(): Promise<BenchRow[]> {
  const batches = await makeBatches();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sigilo-bench-'));
  try {
    const sigilo = await viaHttp(await migrated(openSqliteStore(path.join(dir, 'http.db'))), batches);
    const plain = await viaHttp(
      await migrated(openSqliteStore(path.join(dir, 'unsigned.db'))),
      unsigned(batches),
      true,
    );
    // Baseline: the same rows, same schema and pragmas, one transaction per batch, no HTTP/validation/chain.
    const rawStore = await migrated(openSqliteStore(path.join(dir, 'raw.db')));
    await rawStore.close();
    const db = new Database(path.join(dir, 'raw.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const insert = db.prepare(insertSql('events', EVENT_COLUMNS, BATCH, ''));
    const tx = db.transaction((rows: SqlValue[][]) => insert.run(rows.flat()));
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    for (const batch of batches) tx(rawRows(batch));
    const baseline = measure(started, cpuStarted, INSTALLS * PER_INSTALL);
    db.close();
    return [...signedRows(sigilo, plain), ...rows('SQLite', sigilo, baseline)];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function pgRows(): Promise<BenchRow[]> {
  const url = process.env.SIGILO_TEST_PG_URL || process.env.DATABASE_URL;
  if (!url) {
    return [
      {
        section: 'collector ingest',
        metric: 'PostgreSQL events/s',
        sigilo: 'skipped',
        baseline: 'set SIGILO_TEST_PG_URL',
        ratio: '',
        goal: '',
      },
    ];
  }
  const batches = await makeBatches();
  const schemas = [`sigilo_bench_${Date.now()}_a`, `sigilo_bench_${Date.now()}_b`];
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const sigilo = await viaHttp(await migrated(openPgStore(url, { schema: schemas[0] })), batches);
    const rawStore = await migrated(openPgStore(url, { schema: schemas[1] }));
    await rawStore.close();
    const client = new pg.Client({ connectionString: url, options: `-c search_path=${schemas[1]}` });
    await client.connect();
    let n = 0;
    const sql = insertSql('events', EVENT_COLUMNS, BATCH, '').replace(/\?/g, () => `$${++n}`);
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    for (const batch of batches) {
      await client.query('BEGIN');
      await client.query(sql, rawRows(batch).flat());
      await client.query('COMMIT');
    }
    // PostgreSQL's own CPU is in other processes: only the wall-clock figure compares here.
    const baseline = measure(started, cpuStarted, INSTALLS * PER_INSTALL);
    await client.end();
    return rows('PostgreSQL', sigilo, baseline).slice(0, 1);
  } finally {
    for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
}

async function migrated(store: CollectorStore): Promise<CollectorStore> {
  await store.migrate();
  return store;
}

function signedRows(signed: Rate, plain: Rate): BenchRow[] {
  const n = (v: number) => Math.round(v).toLocaleString('en-US');
  return [
    {
      section: 'collector ingest',
      metric: 'SQLite events/s, signed batches (vs the unsigned path)',
      sigilo: n(signed.wall),
      baseline: n(plain.wall),
      ratio: ratio(signed.wall, plain.wall),
      goal: '>= 5,000 ev/s',
    },
    {
      section: 'collector ingest',
      metric: 'SQLite events per CPU-second, signed (vs unsigned)',
      sigilo: n(signed.cpu),
      baseline: n(plain.cpu),
      ratio: ratio(signed.cpu, plain.cpu),
      goal: '>= 5,000 (one core)',
    },
  ];
}

function rows(database: string, sigilo: Rate, baseline: Rate): BenchRow[] {
  const n = (v: number) => Math.round(v).toLocaleString('en-US');
  return [
    {
      section: 'collector ingest',
      metric: `${database} events/s, signed (HTTP+verify vs raw INSERT)`,
      sigilo: n(sigilo.wall),
      baseline: n(baseline.wall),
      ratio: ratio(sigilo.wall, baseline.wall),
      goal: database === 'SQLite' ? '>= 5,000 ev/s' : '',
    },
    {
      section: 'collector ingest',
      metric: `${database} events per CPU-second of this process`,
      sigilo: n(sigilo.cpu),
      baseline: n(baseline.cpu),
      ratio: ratio(sigilo.cpu, baseline.cpu),
      goal: database === 'SQLite' ? '>= 5,000 (one core)' : '',
    },
  ];
}

const bench: Bench = {
  name: 'collector',
  async run() {
    const rows = [...(await sqliteRows()), ...(await pgRows())];
    // Absolute events/s swing with what else runs on these 2 shared cores; the ratio to the raw baseline does not.
    rows.push({
      section: 'collector ingest',
      metric: 'machine load (1-min avg) at end',
      sigilo: os.loadavg()[0]?.toFixed(1) ?? '',
      baseline: `${os.cpus().length} cores`,
      ratio: '',
      goal: '',
    });
    return rows;
  },
};
export default bench;
