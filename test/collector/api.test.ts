import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/collector/auth/password';
import { type RunningCollector, startCollector } from '../../src/collector/collector';
import type { CollectorConfig } from '../../src/collector/config';
import { FakeInstall, ORG_KEY, STORE_TARGETS } from './helpers';
import { appendShift } from './shift';

const TOKEN = 'ingest-token-0123456789abcdef';
const PASSWORD = 'correct horse battery';
// A synthetic, checksum-valid CPF used as "the value a data subject asks about".
const SUBJECT_CPF = '529.982.247-25';

function config(): CollectorConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    databaseUrl: null,
    dataDir: '',
    ingestTokens: ['other-token-00000000000', TOKEN],
    supervisorPassword: PASSWORD,
    fingerprintKey: ORG_KEY,
    maxBodyBytes: 256 * 1024,
    // These tests cover the review API with unsigned uploads (older extensions); attacks.test.ts covers signing.
    allowUnsigned: true,
  };
}

/** Raw HTTP, so tests control every header (fetch adds and forbids some). */
function request(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    chunked?: boolean;
  } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string; json: () => unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: options.method ?? 'GET', headers: options.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

for (const target of STORE_TARGETS) {
  describe.skipIf(target.skip !== null)(
    `collector HTTP API on ${target.name}${target.skip ? ` (skipped: ${target.skip})` : ''}`,
    () => {
      let collector: RunningCollector;
      let cleanup: () => Promise<void>;
      let uiDir: string;
      const logLines: string[] = [];

      beforeAll(async () => {
        uiDir = mkdtempSync(path.join(os.tmpdir(), 'sigilo-ui-'));
        writeFileSync(path.join(uiDir, 'index.html'), '<!doctype html><title>Sigilo</title>');
        const opened = await target.open();
        cleanup = opened.cleanup;
        collector = await startCollector(config(), {
          store: opened.store,
          uiDir,
          log: (level, msg, fields) => logLines.push(JSON.stringify({ level, msg, ...fields })),
        });
      });
      afterAll(async () => {
        await collector?.close();
        await cleanup?.();
        rmSync(uiDir, { recursive: true, force: true });
      });

      const upload = (body: unknown, token = TOKEN) =>
        request(`${collector.url}/api/v1/events`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        });

      async function login(): Promise<{ cookie: string; csrf: string }> {
        const res = await request(`${collector.url}/api/v1/login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Origin: collector.url },
          body: JSON.stringify({ username: 'supervisor', password: PASSWORD }),
        });
        expect(res.status).toBe(200);
        const setCookie = res.headers['set-cookie']?.[0] ?? '';
        return {
          cookie: setCookie.split(';')[0] as string,
          csrf: (res.json() as { csrfToken: string }).csrfToken,
        };
      }

      it('serves security headers on the UI and the API', async () => {
        for (const url of [
          `${collector.url}/`,
          `${collector.url}/healthz`,
          `${collector.url}/api/v1/events`,
        ]) {
          const res = await request(url);
          expect(res.headers['content-security-policy']).toContain("script-src 'self'");
          expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
          expect(res.headers['x-content-type-options']).toBe('nosniff');
          expect(res.headers['x-frame-options']).toBe('DENY');
        }
      });

      it('refuses uploads without a valid bearer token', async () => {
        const a = new FakeInstall();
        const batch = a.batch(await a.appendMany(1));
        const none = await request(`${collector.url}/api/v1/events`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(batch),
        });
        expect(none.status).toBe(401);
        expect(none.json()).toMatchObject({ error: 'bad-token' });
        expect((await upload(batch, 'wrong-token-0123456789')).status).toBe(401);
        const page = await collector.store.queryEvents({ installId: a.installId }, { offset: 0, limit: 10 });
        expect(page.total).toBe(0);
      });

      it('accepts a batch once: the same batch again is acknowledged and stored once', async () => {
        const a = new FakeInstall();
        const batch = a.batch(await a.appendMany(3));
        const first = await upload(batch);
        expect(first.status).toBe(200);
        expect(first.json()).toMatchObject({
          ok: true,
          accepted: 3,
          duplicates: 0,
          duplicateBatch: false,
          findings: [],
        });
        const again = await upload(batch);
        expect(again.status).toBe(200);
        expect(again.json()).toMatchObject({ ok: true, accepted: 0, duplicates: 3, duplicateBatch: true });
        const page = await collector.store.queryEvents({ installId: a.installId }, { offset: 0, limit: 10 });
        expect(page.total).toBe(3);
      });

      it('answers malformed, mistyped, invalid and oversized bodies with a 4xx and a reason, and keeps running', async () => {
        const broken = await upload(`{"events": ["${SUBJECT_CPF}"`);
        expect(broken.status).toBe(400);
        expect(broken.json()).toMatchObject({ error: 'malformed-json' });
        expect(broken.text).not.toContain(SUBJECT_CPF);

        const typed = await request(`${collector.url}/api/v1/events`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'text/plain' },
          body: '{}',
        });
        expect(typed.status).toBe(415);

        const a = new FakeInstall();
        const batch = a.batch(await a.appendMany(2));
        const invalid = JSON.parse(JSON.stringify(batch));
        invalid.events[1].seq = 'two';
        invalid.events[0].reasonText = SUBJECT_CPF;
        const res = await upload(invalid);
        expect(res.status).toBe(422);
        expect(res.json()).toMatchObject({
          error: 'invalid-batch',
          reason: 'body.events[1].seq must be an integer >= 1',
        });
        expect(res.text).not.toContain(SUBJECT_CPF);
        expect((await upload({ ...batch, schema: 'other' })).json()).toMatchObject({
          reason: expect.stringContaining('body.schema'),
        });
        expect((await upload([])).status).toBe(422);
        expect((await upload('null')).status).toBe(422);

        const big = JSON.stringify({ ...batch, padding: 'x'.repeat(300 * 1024) });
        const declared = await upload(big);
        expect(declared.status).toBe(413);
        expect(declared.json()).toMatchObject({ error: 'body-too-large' });
        // Without Content-Length (chunked), the limit applies while reading.
        const chunked = await new Promise<number>((resolve, reject) => {
          const req = http.request(
            `${collector.url}/api/v1/events`,
            {
              method: 'POST',
              headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
            },
            (r) => {
              r.resume();
              resolve(r.statusCode ?? 0);
            },
          );
          req.on('error', reject);
          for (let i = 0; i < 40; i++) req.write('x'.repeat(16 * 1024));
          req.end();
        });
        expect(chunked).toBe(413);

        const health = await request(`${collector.url}/healthz`);
        expect(health.json()).toEqual({ ok: true, store: target.name });
        expect(
          await collector.store.queryEvents({ installId: a.installId }, { offset: 0, limit: 1 }),
        ).toMatchObject({ total: 0 });
      });

      it('reports a gap and a break per install, and stores the good events after them', async () => {
        const a = new FakeInstall(undefined, 'agent.gap');
        const all = await a.appendMany(6);
        const first = a.batch(all.slice(0, 2));
        first.chainHead = { seq: 2, hash: all[1]?.hash as string };
        await upload(first);
        const tampered = { ...all[4], reasonId: 'other' };
        const res = await upload(a.batch([...all.slice(3, 4), tampered, ...all.slice(5)] as typeof all));
        expect(res.status).toBe(200);
        expect(res.json()).toMatchObject({
          accepted: 3,
          findings: [
            { kind: 'gap', seq: 3, toSeq: 3 },
            { kind: 'hash-mismatch', seq: 5, toSeq: 5 },
          ],
        });
        const { cookie } = await login();
        const integrity = (
          await request(`${collector.url}/api/v1/integrity`, { headers: { Cookie: cookie } })
        ).json() as {
          installs: { installId: string; status: string; openGaps: unknown[] }[];
          findings: { installId: string; kind: string }[];
        };
        const mine = integrity.installs.find((i) => i.installId === a.installId);
        expect(mine).toMatchObject({ status: 'broken', openGaps: [{ from: 3, to: 3 }] });
        expect(
          integrity.findings
            .filter((f) => f.installId === a.installId)
            .map((f) => f.kind)
            .sort(),
        ).toEqual(['gap', 'hash-mismatch']);
      });

      it('keeps the review API behind a login with an HttpOnly, SameSite=Strict session cookie', async () => {
        expect((await request(`${collector.url}/api/v1/events`)).status).toBe(401);
        expect((await request(`${collector.url}/api/v1/session`)).status).toBe(401);
        const wrong = await request(`${collector.url}/api/v1/login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ username: 'supervisor', password: 'not the password' }),
        });
        expect(wrong.status).toBe(401);
        expect(wrong.headers['set-cookie']).toBeUndefined();
        const crossSite = await request(`${collector.url}/api/v1/login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' },
          body: JSON.stringify({ username: 'supervisor', password: PASSWORD }),
        });
        expect(crossSite.status).toBe(403);

        const res = await request(`${collector.url}/api/v1/login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Origin: collector.url },
          body: JSON.stringify({ username: 'supervisor', password: PASSWORD }),
        });
        const cookie = res.headers['set-cookie']?.[0] ?? '';
        expect(cookie).toMatch(/^sigilo_session=[\w-]{40,};/);
        expect(cookie).toContain('HttpOnly');
        expect(cookie).toContain('SameSite=Strict');
        const session = cookie.split(';')[0] as string;
        const events = await request(`${collector.url}/api/v1/events?limit=5`, {
          headers: { Cookie: session },
        });
        expect(events.status).toBe(200);
        expect((events.json() as { events: unknown[] }).events.length).toBeGreaterThan(0);
        expect(
          (
            await request(`${collector.url}/api/v1/events?outcome=maybe`, { headers: { Cookie: session } })
          ).json(),
        ).toMatchObject({
          error: 'bad-filter',
          reason: expect.stringContaining('outcome'),
        });

        const csrf = (res.json() as { csrfToken: string }).csrfToken;
        const noCsrf = await request(`${collector.url}/api/v1/logout`, {
          method: 'POST',
          headers: { Cookie: session },
        });
        expect(noCsrf.status).toBe(403);
        const out = await request(`${collector.url}/api/v1/logout`, {
          method: 'POST',
          headers: { Cookie: session, 'X-CSRF-Token': csrf, Origin: collector.url },
        });
        expect(out.status).toBe(200);
        expect(
          (await request(`${collector.url}/api/v1/events`, { headers: { Cookie: session } })).status,
        ).toBe(401);
      });

      it('answers a data-subject request by fingerprint, without storing or logging the typed value', async () => {
        const a = new FakeInstall(undefined, 'agent.carla');
        await a.append({ reasonId: 'customer-request' }, SUBJECT_CPF);
        await a.append({ reasonId: 'identity-check' }, '111.444.777-35');
        await a.append({ reasonId: 'legal-obligation' }, '52998224725');
        await a.append({ fingerprint: 'c'.repeat(64), fingerprintKeyId: 'install' });
        await upload(a.batch(a.records));

        const { cookie, csrf } = await login();
        const ask = (value: string, headers: Record<string, string>) =>
          request(`${collector.url}/api/v1/subject-report`, {
            method: 'POST',
            headers: { Cookie: cookie, 'Content-Type': 'application/json', ...headers },
            body: JSON.stringify({ value }),
          });
        expect((await ask(SUBJECT_CPF, {})).status).toBe(403);
        expect(
          (await ask(SUBJECT_CPF, { 'X-CSRF-Token': csrf, Origin: 'https://evil.example' })).status,
        ).toBe(403);
        const res = await ask(SUBJECT_CPF, { 'X-CSRF-Token': csrf, Origin: collector.url });
        expect(res.status).toBe(200);
        const report = res.json() as {
          events: { record: { reasonId: string; agentId: string } }[];
          unmatchableEvents: number;
        };
        // Formatted and plain forms of the same CPF match; another CPF does not.
        expect(report.events.map((e) => e.record.reasonId).sort()).toEqual([
          'customer-request',
          'legal-obligation',
        ]);
        expect(report.events.every((e) => e.record.agentId === 'agent.carla')).toBe(true);
        expect(report.unmatchableEvents).toBeGreaterThanOrEqual(1);
        expect(res.text).not.toContain(SUBJECT_CPF);
        const access = await request(`${collector.url}/api/v1/access-log`, { headers: { Cookie: cookie } });
        const lookups = (
          access.json() as { entries: { action: string; actor: string; detail: string }[] }
        ).entries.filter((e) => e.action === 'subject-report');
        expect(lookups.at(-1)).toMatchObject({ actor: 'supervisor' });
        expect(JSON.parse(lookups.at(-1)?.detail ?? '{}')).toMatchObject({ kind: 'CPF', matches: 2 });
        expect(access.text).not.toContain('52998224725');
        expect(logLines.join('\n')).not.toContain('52998224725');
        expect(logLines.join('\n')).not.toContain(SUBJECT_CPF);
        if (target.name === 'sqlite') {
          const dbFile = collector.store.location;
          const bytes = [dbFile, `${dbFile}-wal`]
            .map((f) => {
              try {
                return readFileSync(f).toString('latin1');
              } catch {
                return '';
              }
            })
            .join('');
          expect(bytes.length).toBeGreaterThan(0);
          expect(bytes).not.toContain('52998224725');
          expect(bytes).not.toContain(SUBJECT_CPF);
        }
      });

      it('exports the filtered events as CSV and NDJSON for a SIEM, with formula injection neutralised', async () => {
        const a = new FakeInstall(undefined, 'agent.export');
        await a.append({ reasonId: 'other', reasonText: '=HYPERLINK("http://x","y"), said "hi"' });
        await a.append();
        await upload(a.batch(a.records));
        const { cookie } = await login();
        const csv = await request(`${collector.url}/api/v1/export?format=csv&agent=agent.export`, {
          headers: { Cookie: cookie },
        });
        expect(csv.status).toBe(200);
        expect(csv.headers['content-type']).toContain('text/csv');
        expect(csv.headers['content-disposition']).toMatch(/attachment; filename="sigilo-events-.*\.csv"/);
        const lines = csv.text.trim().split('\r\n');
        expect(lines).toHaveLength(3);
        expect(lines[0]).toMatch(/^id,seq,type,requestedAt/);
        expect(csv.text).toContain(`"'=HYPERLINK(""http://x"",""y""), said ""hi"""`);

        const nd = await request(`${collector.url}/api/v1/export?format=ndjson&agent=agent.export`, {
          headers: { Cookie: cookie },
        });
        expect(nd.headers['content-type']).toContain('application/x-ndjson');
        const rows = nd.text
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l));
        expect(rows).toHaveLength(2);
        const { _collector, ...record } = rows.find((r) => r.seq === 1);
        expect(record).toEqual(a.records[0]);
        expect(_collector).toMatchObject({ integrity: 'ok' });
        expect(
          (await request(`${collector.url}/api/v1/export?format=xml`, { headers: { Cookie: cookie } }))
            .status,
        ).toBe(400);
      });

      it('lists anomalies: flagged and refused reveals, anomaly records, and unusual per-agent volume', async () => {
        const busy = new FakeInstall(undefined, 'agent.busy');
        for (let i = 0; i < 14; i++)
          await busy.append({ requestedAt: `2025-01-02T10:${String(i + 10)}:00.000Z` });
        await busy.append({ requestedAt: '2025-01-02T10:40:00.000Z', flags: ['over-limit'] });
        await busy.append({
          requestedAt: '2025-01-02T10:41:00.000Z',
          type: 'anomaly',
          kind: 'limit',
          outcome: 'refused',
        });
        const calm = new FakeInstall(undefined, 'agent.calm');
        await calm.append({ requestedAt: '2025-01-02T10:05:00.000Z' });
        await calm.append({ requestedAt: '2025-01-02T11:05:00.000Z' });
        await upload(busy.batch(busy.records));
        await upload(calm.batch(calm.records));
        const { cookie } = await login();
        const res = await request(
          `${collector.url}/api/v1/anomalies?from=2025-01-01T00:00:00Z&to=2025-01-03T00:00:00Z`,
          {
            headers: { Cookie: cookie },
          },
        );
        const body = res.json() as {
          events: { record: { agentId: string; type: string; flags: string[] } }[];
          spikes: { agentId: string; bucket: string; count: number }[];
        };
        expect(body.events.map((e) => [e.record.type, e.record.flags.join()]).sort()).toEqual([
          ['anomaly', ''],
          ['reveal', 'over-limit'],
        ]);
        expect(body.spikes).toEqual([
          { agentId: 'agent.busy', bucket: '2025-01-02T10', count: 15, median: 1 },
        ]);
      });

      it('serves the console: reveals with their re-mask, series per group, the first screen; all behind the session', async () => {
        // An agent of its own: the collector is shared by this file's tests.
        const ana = new FakeInstall(undefined, 'agent.console');
        const shift = await appendShift(ana, Date.UTC(2026, 10, 28, 13, 0, 0));
        await upload(ana.batch(ana.records));
        for (const path of ['reveals', 'series', 'overview'])
          expect((await request(`${collector.url}/api/v1/${path}`)).status).toBe(401);
        const { cookie } = await login();
        const get = async (path: string) => {
          const res = await request(`${collector.url}${path}`, { headers: { Cookie: cookie } });
          return { status: res.status, body: res.json() as Record<string, unknown> };
        };
        const reveals = await get('/api/v1/reveals?agent=agent.console&limit=10');
        expect(reveals.status).toBe(200);
        const rows = reveals.body.reveals as { record: { id: string }; remask: { flags: string[] } | null }[];
        expect(rows).toHaveLength(4);
        expect(rows.find((r) => r.record.id === shift.hidden.id)?.remask?.flags).toEqual(['remask:hide']);
        const series = await get('/api/v1/series?group=kind&agent=agent.console');
        expect(series.body).toMatchObject({ group: 'kind' });
        expect((series.body.rows as unknown[]).length).toBe(3);
        expect((await get('/api/v1/series?group=site')).status).toBe(400);
        const overview = await get('/api/v1/overview?from=2026-11-28T00:00:00.000Z&agent=agent.console');
        expect(overview.body).toMatchObject({ reveals: 3, refusals: 1, anomalies: 3, attentionTotal: 5 });
        expect(
          (overview.body.attention as { record: { type: string } }[]).some((e) => e.record.type === 'remask'),
        ).toBe(false);
      });

      it('answers unknown paths and methods with JSON errors and lets CORS preflights through for uploads', async () => {
        expect((await request(`${collector.url}/api/v1/nope`)).json()).toMatchObject({ error: 'not-found' });
        expect((await request(`${collector.url}/api/v1/events`, { method: 'PUT' })).status).toBe(405);
        const pre = await request(`${collector.url}/api/v1/events`, { method: 'OPTIONS' });
        expect(pre.status).toBe(204);
        expect(pre.headers['access-control-allow-headers']).toContain('Authorization');
        expect((await request(`${collector.url}/../../etc/passwd`)).status).toBe(404);
        expect((await request(`${collector.url}/%E0%A4%A`)).status).toBe(404);
        expect((await request(`${collector.url}/assets/..%2f..%2fcollector.ts`)).status).toBe(404);
      });
    },
  );
}

describe('collector login throttling', () => {
  it('backs an account off after 5 failed logins, even with the right password, and counts concurrent guesses', async () => {
    const { store, cleanup } = await (STORE_TARGETS[0] as (typeof STORE_TARGETS)[number]).open();
    const uiDir = mkdtempSync(path.join(os.tmpdir(), 'sigilo-ui-'));
    const collector = await startCollector(config(), { store, uiDir });
    try {
      const attempt = (password: string) =>
        request(`${collector.url}/api/v1/login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ username: 'supervisor', password }),
        });
      // Control: the right password works before any failure.
      expect((await attempt(PASSWORD)).status).toBe(200);
      // 40 concurrent wrong guesses: only the 5 free ones are checked, the rest are refused unchecked.
      const statuses = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(`guess ${i}`)));
      expect(statuses.filter((r) => r.status === 401)).toHaveLength(5);
      expect(statuses.filter((r) => r.status === 429)).toHaveLength(35);
      const blocked = await attempt(PASSWORD);
      expect(blocked.status).toBe(429);
      expect(blocked.headers['set-cookie']).toBeUndefined();
      // Another account is not locked out by this one's guesses (no global lock-out).
      await store.putAccount({
        username: 'ana',
        role: 'supervisor',
        passwordHash: await hashPassword('ana password 1'),
        source: 'local',
      });
      const ana = await request(`${collector.url}/api/v1/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'ana', password: 'ana password 1' }),
      });
      expect(ana.status).toBe(200);
    } finally {
      await collector.close();
      await cleanup();
      rmSync(uiDir, { recursive: true, force: true });
    }
  });
});
