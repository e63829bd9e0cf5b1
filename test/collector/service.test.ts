/**
 * The collector as a service, through the built JavaScript an admin runs
 * (docs/collector.md: "Running as a service", "Retention", "Backup and
 * restore", "Serving extension updates"): `node dist-collector/main.js` serves
 * uploads and the release folder and stops on SIGTERM; `admin.js backup`
 * copies the SQLite database while it runs; the copy, put back, verifies with
 * `admin.js verify` (and a changed record makes it fail); retention prunes at
 * start; PostgreSQL goes through pg_dump / pg_restore and verifies too.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestBatch } from '../../src/collector/ingest/ingest-batch';
import { openPgStore } from '../../src/collector/store/pg-store';
import { verifyStoredChains } from '../../src/collector/verify-chains';
import { FakeInstall, PG_SKIP_REASON } from './helpers';

const ROOT = path.resolve(import.meta.dirname, '../..');
const MAIN = path.join(ROOT, 'dist-collector/main.js');
const ADMIN = path.join(ROOT, 'dist-collector/admin.js');
const TOKEN = 'service-test-upload-token-0123456789';

let work: string;

function admin(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [ADMIN, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

/** `node dist-collector/main.js` with this environment; resolves with its URL once it listens. */
async function startService(
  env: Record<string, string>,
): Promise<{ url: string; proc: ChildProcess; output: () => string }> {
  // Fails (does not skip): the service test must prove the built entry.
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build:collector" first`);
  const proc = spawn(process.execPath, [MAIN], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout?.on('data', (d) => {
    output += String(d);
  });
  proc.stderr?.on('data', (d) => {
    output += String(d);
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the collector did not start:\n${output}`)), 15_000);
    const check = () => {
      const m = /listening on (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] as string);
      }
    };
    proc.stdout?.on('data', check);
    proc.once('exit', (code) => reject(new Error(`the collector exited (${code}):\n${output}`)));
  });
  return { url, proc, output: () => output };
}

function stop(proc: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    proc.once('exit', (code) => resolve(code));
    proc.kill('SIGTERM');
  });
}

async function upload(url: string, install: FakeInstall, n: number): Promise<void> {
  const res = await fetch(`${url}/api/v1/events`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    // Signed by the install's own key, as the extension signs every batch.
    body: JSON.stringify(await install.signed(install.batch(await install.appendMany(n)))),
  });
  expect(res.status).toBe(200);
}

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'sigilo-service-'));
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('collector service (built entry), SQLite', () => {
  it('serves uploads and the release folder, backs up while running, restores, verifies', async () => {
    const data = path.join(work, 'data');
    const release = path.join(work, 'release');
    mkdirSync(release);
    writeFileSync(path.join(release, 'updates.xml'), '<gupdate/>');
    writeFileSync(path.join(release, 'notes.txt'), 'not a release file');
    const service = await startService({
      SIGILO_DATA_DIR: data,
      SIGILO_INGEST_TOKENS: TOKEN,
      SIGILO_RELEASE_DIR: release,
      SIGILO_RETENTION_DAYS: '3650',
    });
    try {
      const xml = await fetch(`${service.url}/extension/updates.xml`);
      expect(xml.status).toBe(200);
      expect(xml.headers.get('content-type')).toMatch(/^application\/xml/);
      expect(await xml.text()).toBe('<gupdate/>');
      expect((await fetch(`${service.url}/extension/notes.txt`)).status).toBe(404);
      expect((await fetch(`${service.url}/extension/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);

      const agent = new FakeInstall();
      await upload(service.url, agent, 20);
      // The documented online backup, with the collector running.
      const backup = path.join(work, 'backups', 'collector-1.db');
      const made = admin(['backup', backup], { SIGILO_DATA_DIR: data });
      expect(made.out).toMatch(/^backup: /);
      expect(made.code).toBe(0);
      await upload(service.url, agent, 5);
      expect(await stop(service.proc)).toBe(0);

      // Restore = the copy put back as collector.db in a data folder.
      const restored = path.join(work, 'restored');
      mkdirSync(restored);
      copyFileSync(backup, path.join(restored, 'collector.db'));
      const verified = admin(['verify'], { SIGILO_DATA_DIR: restored });
      expect(verified.out).toContain(`ok      ${agent.installId}: 20 records from seq 1`);
      expect(verified.code).toBe(0);

      // The check can fail: one record edited in the restored copy.
      const db = new Database(path.join(restored, 'collector.db'));
      db.prepare(
        "UPDATE events SET record = replace(record, 'customer-request', 'legal-obligation') WHERE seq = 7",
      ).run();
      db.close();
      const tampered = admin(['verify'], { SIGILO_DATA_DIR: restored });
      expect(tampered.out).toContain(`BROKEN  ${agent.installId}: seq 7 hash-mismatch`);
      expect(tampered.code).toBe(1);
    } finally {
      if (service.proc.exitCode === null) await stop(service.proc);
    }
  });

  it('enforces SIGILO_RETENTION_DAYS at start and logs what it pruned', async () => {
    const data = path.join(work, 'retention');
    const first = await startService({ SIGILO_DATA_DIR: data, SIGILO_INGEST_TOKENS: TOKEN });
    const agent = new FakeInstall(); // events requested on 2026-11-28
    await upload(first.url, agent, 4);
    expect(await stop(first.proc)).toBe(0);
    const daysSince = Math.floor((Date.now() - Date.UTC(2026, 10, 28, 9, 10)) / 86_400_000);
    const second = await startService({
      SIGILO_DATA_DIR: data,
      SIGILO_RETENTION_DAYS: String(Math.max(1, daysSince)),
    });
    try {
      await expect
        .poll(() => second.output(), { timeout: 10_000 })
        .toContain(`retention: pruned 4 events of install ${agent.installId} (seq 1-4`);
    } finally {
      await stop(second.proc);
    }
    expect(admin(['verify'], { SIGILO_DATA_DIR: data }).code).toBe(0);

    // The same, on demand, with the collector stopped or running.
    const more = path.join(work, 'retention-cli');
    const third = await startService({ SIGILO_DATA_DIR: more, SIGILO_INGEST_TOKENS: TOKEN });
    await upload(third.url, new FakeInstall(), 3);
    expect(await stop(third.proc)).toBe(0);
    const pruned = admin(['prune'], {
      SIGILO_DATA_DIR: more,
      SIGILO_RETENTION_DAYS: String(Math.max(1, daysSince)),
    });
    expect(pruned.out).toMatch(/prune: 3 events older than \d+ days/);
    expect(pruned.code).toBe(0);
    expect(admin(['prune'], { SIGILO_DATA_DIR: more }).code).toBe(2);
  });
});

const pgUrl = process.env.SIGILO_TEST_PG_URL;
describe.skipIf(!pgUrl)(`collector backup, PostgreSQL${pgUrl ? '' : ` (skipped: ${PG_SKIP_REASON})`}`, () => {
  it('pg_dump, pg_restore into a new database, and the chains verify there', async () => {
    const url = pgUrl as string;
    const schema = `sigilo_t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const source = openPgStore(url, { schema });
    const target = new URL(url);
    const restoredDb = `${target.pathname.slice(1)}_restore_${randomUUID().replace(/-/g, '').slice(0, 8)}`;
    target.pathname = `/${restoredDb}`;
    const admin0 = new pg.Client({ connectionString: url });
    await admin0.connect();
    try {
      await source.migrate();
      const agent = new FakeInstall();
      await ingestBatch(source, agent.batch(await agent.appendMany(12)));
      // The documented commands (docs/collector.md), limited to this run's schema.
      const dump = path.join(work, 'sigilo.dump');
      execFileSync('pg_dump', ['--format=custom', `--schema=${schema}`, `--file=${dump}`, url]);
      execFileSync('psql', [url, '-q', '-c', `CREATE DATABASE ${restoredDb}`]);
      execFileSync('pg_restore', ['--no-owner', `--dbname=${target.toString()}`, dump]);
      // The collector uses the default schema: make the restored one the default.
      const restoredClient = new pg.Client({ connectionString: target.toString() });
      await restoredClient.connect();
      await restoredClient.query(`DROP SCHEMA public CASCADE; ALTER SCHEMA ${schema} RENAME TO public`);
      await restoredClient.end();
      const verified = admin(['verify'], { DATABASE_URL: target.toString() });
      expect(verified.out).toContain(`ok      ${agent.installId}: 12 records from seq 1`);
      expect(verified.code).toBe(0);
      // Same answer through the library, against the source.
      expect(await verifyStoredChains(source)).toMatchObject([{ installId: agent.installId, ok: true }]);
    } finally {
      await source.close();
      await admin0.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin0.query(`DROP DATABASE IF EXISTS ${restoredDb}`);
      await admin0.end();
    }
  });
});
