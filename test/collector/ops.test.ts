import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/collector/auth/password';
import { type RunningCollector, startCollector } from '../../src/collector/collector';
import type { CollectorConfig } from '../../src/collector/config';
import { openSqliteStore } from '../../src/collector/store/sqlite-store';
import type { CollectorStore } from '../../src/collector/store/types';
import { FakeInstall, STORE_TARGETS } from './helpers';

const TOKEN = 'ops-tests-ingest-token-012345';
const sqlite = STORE_TARGETS[0] as (typeof STORE_TARGETS)[number];

function config(overrides: Partial<CollectorConfig> = {}): CollectorConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    databaseUrl: null,
    dataDir: '',
    ingestTokens: [TOKEN],
    supervisorPassword: 'ops bootstrap password',
    fingerprintKey: null,
    maxBodyBytes: 4 * 1024 * 1024,
    ...overrides,
  };
}

describe('collector operations', () => {
  let uiDir: string;
  const opened: { store: CollectorStore; cleanup(): Promise<void> }[] = [];
  const running: RunningCollector[] = [];
  const start = async (
    overrides: Partial<CollectorConfig> = {},
    wrap?: (s: CollectorStore) => CollectorStore,
  ) => {
    const o = await sqlite.open();
    opened.push(o);
    const lines: string[] = [];
    const collector = await startCollector(config(overrides), {
      store: wrap ? wrap(o.store) : o.store,
      uiDir,
      log: (level, msg, fields) => lines.push(JSON.stringify({ level, msg, ...fields })),
    });
    running.push(collector);
    return { collector, lines };
  };
  const upload = (url: string, body: unknown) =>
    fetch(`${url}/api/v1/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(body),
    });

  beforeAll(() => {
    uiDir = mkdtempSync(path.join(os.tmpdir(), 'sigilo-ui-'));
    writeFileSync(path.join(uiDir, 'index.html'), '<!doctype html><title>Sigilo</title>');
  });
  afterAll(async () => {
    for (const c of running) await c.close().catch(() => undefined);
    for (const o of opened) await o.cleanup();
    rmSync(uiDir, { recursive: true, force: true });
  });

  it('GET /healthz says whether the database answers', async () => {
    const { collector } = await start();
    expect(await (await fetch(`${collector.url}/healthz`)).json()).toEqual({ ok: true, store: 'sqlite' });
    const broken = await start({}, (s) => ({ ...s, ping: () => Promise.reject(new Error('down')) }));
    const res = await fetch(`${broken.collector.url}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: 'database-unreachable' });
  });

  it('GET /metrics counts events, batches, refusals, findings and latency, naming no install or agent', async () => {
    const { collector, lines } = await start();
    const a = new FakeInstall(undefined, 'agent.metrics');
    const records = await a.appendMany(4);
    expect((await upload(collector.url, await a.signed(a.batch(records.slice(0, 2))))).status).toBe(200);
    expect((await upload(collector.url, await a.signed(a.batch([records[3]!])))).status).toBe(200);
    expect((await upload(collector.url, a.batch([]))).status).toBe(403);
    const text = await (await fetch(`${collector.url}/metrics`)).text();
    expect(text).toMatch(/sigilo_ingested_events_total\{result="accepted"\} 3/);
    expect(text).toMatch(/sigilo_ingested_batches_total\{result="stored"\} 2/);
    expect(text).toMatch(/sigilo_ingest_refusals_total\{reason="bad-signature"\} 1/);
    expect(text).toMatch(/sigilo_integrity_findings_total\{kind="signature-invalid"\} 1/);
    expect(text).toMatch(
      /sigilo_http_request_duration_seconds_count\{route="POST \/api\/v1\/events",status="200"\} 2/,
    );
    expect(text).not.toContain(a.installId);
    expect(text).not.toContain('agent.metrics');
    // Structured logs: one JSON object per line, without tokens or ids.
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(lines.join('\n')).not.toContain(TOKEN);
    expect(lines.some((l) => JSON.parse(l).msg === 'upload refused')).toBe(true);
  });

  it('SIGILO_COOKIE_SECURE marks the session cookie Secure on plain http (control: off, it is not)', async () => {
    for (const cookieSecure of [false, true]) {
      const { collector } = await start({ cookieSecure });
      const res = await fetch(`${collector.url}/api/v1/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'supervisor', password: 'ops bootstrap password' }),
      });
      expect(res.status).toBe(200);
      expect(/;\s*Secure/.test(res.headers.getSetCookie()[0] ?? '')).toBe(cookieSecure);
    }
  });

  it('limits uploads per token per minute (control: the first ones pass)', async () => {
    const { collector } = await start({ ingestRatePerMinute: 3 });
    const a = new FakeInstall(undefined, 'agent.rate');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await upload(collector.url, await a.signed(a.batch([await a.append()])))).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('a graceful shutdown finishes the upload in flight, then refuses new connections', async () => {
    const { collector } = await start();
    const a = new FakeInstall(undefined, 'agent.drain');
    const body = Buffer.from(JSON.stringify(await a.signed(a.batch(await a.appendMany(50)))));
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        `${collector.url}/api/v1/events`,
        {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Authorization: `Bearer ${TOKEN}`,
            'Content-Length': body.length,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
          );
        },
      );
      req.on('error', reject);
      // Half the body now, the rest after the shutdown has begun.
      req.write(body.subarray(0, body.length / 2));
      setTimeout(() => req.end(body.subarray(body.length / 2)), 300);
    });
    await new Promise((r) => setTimeout(r, 100));
    const store = collector.store;
    const closing = collector.close();
    const res = await answer;
    await closing;
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({ accepted: 50 });
    await expect(fetch(`${collector.url}/healthz`)).rejects.toThrow();
    // The batch committed before the database closed.
    const reopened = openSqliteStore(store.location);
    expect((await reopened.queryEvents({ installId: a.installId }, { offset: 0, limit: 0 })).total).toBe(50);
    await reopened.close();
  });

  it('collector:users adds, lists and disables accounts (password from standard input), in the access log', async () => {
    const o = await sqlite.open();
    opened.push(o);
    const env = { ...process.env, SIGILO_DATA_DIR: path.dirname(o.store.location), DATABASE_URL: '' };
    const cli = (args: string[], input = '') =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/collector/users-cli.ts', ...args], {
        input,
        env,
        encoding: 'utf8',
      });
    const added = cli(['add', 'rita', '--role', 'auditor'], 'rita long password\n');
    expect(added.stderr).toBe('');
    expect(added.stdout.trim()).toBe('added rita (auditor)');
    expect(
      await verifyPassword('rita long password', (await o.store.getAccount('rita'))?.passwordHash ?? ''),
    ).toBe(true);
    expect(cli(['add', 'bad', '--role', 'boss'], 'long enough password').status).toBe(2);
    expect(cli(['add', 'short', '--role', 'auditor'], 'short').status).toBe(2);
    expect(cli(['disable', 'rita']).stdout).toContain('disabled rita');
    expect(cli(['list']).stdout.trim()).toBe('rita\tauditor\tlocal\tdisabled');
    const log = await o.store.accessLog({ offset: 0, limit: 10 });
    expect(log.entries.map((e) => e.action)).toEqual(['account-add', 'account-disable']);
  });
});

describe('escrow key rotation', () => {
  it('opens boxes sealed to an earlier key listed after the current one (control: the new key alone cannot)', async () => {
    const { loadEscrowKeys, generateEscrowKeyPair } = await import('../../src/collector/auth/escrow-key');
    const { readConfig } = await import('../../src/collector/config');
    const { importEscrowPublicKey, sealEscrow, openEscrow } = await import('../../src/core/audit/escrow');
    const old = generateEscrowKeyPair();
    const fresh = generateEscrowKeyPair();
    const box = await sealEscrow('install-key', await importEscrowPublicKey(old.publicKey), 'inst-1');
    const config = readConfig({ SIGILO_ESCROW_PRIVATE_KEY: `${fresh.privateKey},${old.privateKey}` });
    const keys = await loadEscrowKeys(config.escrowPrivateKey as string);
    // New installs seal to the first key.
    expect(keys.publicKey).toBe(fresh.publicKey);
    await expect(openEscrow(box, keys.privateKeys[0] as CryptoKey, 'inst-1')).rejects.toThrow();
    expect(await openEscrow(box, keys.privateKeys[1] as CryptoKey, 'inst-1')).toBe('install-key');
    expect(() => readConfig({ SIGILO_ESCROW_PRIVATE_KEY: `${fresh.privateKey},not-a-key` })).toThrow(
      /SIGILO_ESCROW_PRIVATE_KEY/,
    );
  });
});
