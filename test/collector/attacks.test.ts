import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntegrityResponse, SubjectReportResponse } from '../../src/collector/api-types';
import { generateEscrowKeyPair } from '../../src/collector/auth/escrow-key';
import { hashPassword } from '../../src/collector/auth/password';
import { type RunningCollector, startCollector } from '../../src/collector/collector';
import type { CollectorConfig } from '../../src/collector/config';
import { importEscrowPrivateKey, openEscrow } from '../../src/core/audit/escrow';
import type { EscrowBox, UploadBatch } from '../../src/core/audit/types';
import { FakeInstall, STORE_TARGETS } from './helpers';

/**
 * The attacks an agent machine can mount (it holds the organisation's ingest
 * token), each scripted against a real collector on SQLite and on PostgreSQL.
 * Each is refused or leaves a finding on the integrity view, and each has a
 * control showing the same request goes through without the attack, so no
 * test passes vacuously.
 */
const TOKEN = 'attack-tests-ingest-token-0123';
const SUBJECT_CPF = '529.982.247-25';
const escrow = generateEscrowKeyPair();

function config(): CollectorConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    databaseUrl: null,
    dataDir: '',
    ingestTokens: [TOKEN],
    supervisorPassword: null,
    fingerprintKey: null,
    maxBodyBytes: 8 * 1024 * 1024,
    escrowPrivateKey: escrow.privateKey,
  };
}

for (const target of STORE_TARGETS) {
  describe.skipIf(target.skip !== null)(`attacks on the collector (${target.name})`, () => {
    let collector: RunningCollector;
    let cleanup: () => Promise<void>;
    let uiDir: string;
    const cookies: Record<string, { cookie: string; csrf: string }> = {};

    beforeAll(async () => {
      uiDir = mkdtempSync(path.join(os.tmpdir(), 'sigilo-ui-'));
      writeFileSync(path.join(uiDir, 'index.html'), '<!doctype html><title>Sigilo</title>');
      const opened = await target.open();
      cleanup = opened.cleanup;
      collector = await startCollector(config(), { store: opened.store, uiDir });
      for (const [username, role] of [
        ['sam', 'supervisor'],
        ['audra', 'auditor'],
      ] as const) {
        await opened.store.putAccount({
          username,
          role,
          passwordHash: await hashPassword(`${username} password`),
          source: 'local',
        });
        const res = await fetch(`${collector.url}/api/v1/login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ username, password: `${username} password` }),
        });
        expect(res.status).toBe(200);
        cookies[username] = {
          cookie: (res.headers.getSetCookie()[0] ?? '').split(';')[0] as string,
          csrf: ((await res.json()) as { csrfToken: string }).csrfToken,
        };
      }
    });
    afterAll(async () => {
      await collector?.close();
      await cleanup?.();
      rmSync(uiDir, { recursive: true, force: true });
    });

    const post = async (batch: UploadBatch | unknown, token: string | null = TOKEN) => {
      const res = await fetch(`${collector.url}/api/v1/events`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(batch),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const integrity = async (): Promise<IntegrityResponse> =>
      (await fetch(`${collector.url}/api/v1/integrity`, {
        headers: { Cookie: cookies.sam?.cookie ?? '' },
      }).then((r) => r.json())) as IntegrityResponse;
    const findingsOf = async (installId: string) =>
      (await integrity()).findings
        .filter((f) => f.installId === installId)
        .map((f) => [f.kind, f.seq, f.toSeq])
        .sort();
    /** A real install that enrolled and delivered `n` records. */
    const enrolled = async (agent: string, n = 3) => {
      const a = new FakeInstall(undefined, agent);
      await a.appendMany(n);
      const res = await post(await a.signed(a.batch(a.records), { escrowTo: escrow.publicKey }));
      expect(res.status).toBe(200);
      return a;
    };

    it('a batch for an enrolled install not signed by its key is refused and recorded; the signed one passes', async () => {
      const real = await enrolled('agent.ana');
      // The attacker holds the org token and knows the install id; it forges a CARD reveal.
      const forger = new FakeInstall(real.installId, 'agent.ana');
      forger.head = { ...real.head };
      const forged = forger.batch([await forger.append({ kind: 'CARD' })]);
      const unsigned = await post(forged);
      expect(unsigned).toMatchObject({ status: 403, body: { error: 'bad-signature' } });
      const ownKey = await post(await forger.signed(forged));
      expect(ownKey).toMatchObject({ status: 403, body: { error: 'key-mismatch' } });
      expect(await findingsOf(real.installId)).toEqual([
        ['key-mismatch', 4, 4],
        ['signature-invalid', 4, 4],
      ]);
      const stored = await collector.store.queryEvents(
        { installId: real.installId },
        { offset: 0, limit: 10 },
      );
      expect(stored.total).toBe(3);
      // Control: the same records, signed by the install's own key, are accepted.
      const control = await post(await real.signed(real.batch([await real.append({ kind: 'CARD' })])), null);
      expect(control).toMatchObject({ status: 200, body: { accepted: 1 } });
    });

    it("pushing a real install's head to 2^31-1 is refused without its key (the signed control is accepted, as owed records)", async () => {
      const real = await enrolled('agent.head');
      const push = real.batch([]);
      push.chainHead = { seq: 2 ** 31 - 1, hash: 'e'.repeat(64) };
      expect(await post(push)).toMatchObject({ status: 403, body: { error: 'bad-signature' } });
      expect((await integrity()).installs.find((i) => i.installId === real.installId)?.reportedHead.seq).toBe(
        3,
      );
      // Control: the install itself may report any head; the records it announces are then owed.
      expect((await post(await real.signed(push))).status).toBe(200);
      // (Its status is "broken" already: the refused forgery is on record.)
      expect((await integrity()).installs.find((i) => i.installId === real.installId)).toMatchObject({
        status: 'broken',
        openGaps: [{ from: 4, to: 2 ** 31 - 1 }],
      });
    });

    it('a new install for an agent who already has one is a finding; the first install of an agent is not', async () => {
      const first = await enrolled('agent.bia');
      expect(await findingsOf(first.installId)).toEqual([]);
      // The attacker enrols "a brand-new install for bia" with a forged CARD reveal.
      const fake = new FakeInstall(undefined, 'agent.bia');
      await fake.append({ kind: 'CARD' });
      expect((await post(await fake.signed(fake.batch(fake.records)))).status).toBe(200);
      expect(await findingsOf(fake.installId)).toEqual([['new-install', 0, 0]]);
      // Enrolment needs the org token: without it the same batch is refused outright.
      const tokenless = new FakeInstall(undefined, 'agent.bia');
      await tokenless.append();
      expect(await post(await tokenless.signed(tokenless.batch(tokenless.records)), null)).toMatchObject({
        status: 401,
        body: { error: 'bad-token' },
      });
    });

    it('records of another agent in an install are a finding (control: its own agent raises none)', async () => {
      const a = await enrolled('agent.caio');
      await post(await a.signed(a.batch([await a.append()])));
      expect(await findingsOf(a.installId)).toEqual([]);
      const mixed = a.batch([await a.append({ agentId: 'agent.dora' })]);
      expect((await post(await a.signed(mixed))).status).toBe(200);
      expect(await findingsOf(a.installId)).toEqual([['agent-mismatch', 5, 5]]);
    });

    it('a head of 10 with seqs 1-3 received is owed records (control: head 3 is ok)', async () => {
      const control = await enrolled('agent.eva');
      expect((await integrity()).installs.find((i) => i.installId === control.installId)?.status).toBe('ok');
      const a = new FakeInstall(undefined, 'agent.fabio');
      const all = await a.appendMany(10);
      expect((await post(await a.signed(a.batch(all.slice(0, 3))))).status).toBe(200);
      const summary = (await integrity()).installs.find((i) => i.installId === a.installId);
      expect(summary).toMatchObject({ status: 'gaps', openGaps: [{ from: 4, to: 10 }] });
      expect(await findingsOf(a.installId)).toEqual([['head-ahead', 4, 10]]);
    });

    it('a rewritten unsent tail shows as a changed head hash (control: the original tail does not)', async () => {
      for (const rewrite of [false, true]) {
        const a = new FakeInstall(undefined, `agent.tail.${rewrite}`);
        const all = await a.appendMany(5);
        // Records 1-3 uploaded; the heartbeat reported head 5 (records 4-5 not sent yet).
        expect((await post(await a.signed(a.batch(all.slice(0, 3))))).status).toBe(200);
        let tail = all.slice(3);
        if (rewrite) {
          // The agent rewrites 4-5 locally (new content, re-sealed on record 3) before the upload.
          const b = new FakeInstall(a.installId, a.agentId);
          b.head = { seq: 3, hash: all[2]?.hash as string };
          tail = [await b.append({ reasonId: 'rewritten' }), await b.append({ reasonId: 'rewritten' })];
          const upload = b.batch(tail);
          expect((await post(await a.signed(upload))).status).toBe(200);
        } else {
          expect((await post(await a.signed(a.batch(tail)))).status).toBe(200);
        }
        const kinds = (await findingsOf(a.installId)).map((f) => f[0]);
        if (rewrite) expect(kinds).toContain('head-rewritten');
        else expect(kinds).not.toContain('head-rewritten');
      }
    });

    it('an install replaced on the same profile with records never received is a finding (control: a clean replacement is not)', async () => {
      for (const owed of [false, true]) {
        const old = new FakeInstall(undefined, `agent.replaced.${owed}`);
        const all = await old.appendMany(5);
        // owed: records 4-5 exist (the heartbeat said so) but never arrive.
        expect((await post(await old.signed(old.batch(owed ? all.slice(0, 3) : all)))).status).toBe(200);
        // The IndexedDB is deleted: a new install enrols for the same agent.
        const fresh = new FakeInstall(undefined, old.agentId);
        await fresh.append();
        expect((await post(await fresh.signed(fresh.batch(fresh.records)))).status).toBe(200);
        const oldFindings = await findingsOf(old.installId);
        if (owed) expect(oldFindings).toContainEqual(['install-replaced', 4, 5]);
        else expect(oldFindings.map((f) => f[0])).not.toContain('install-replaced');
        expect(await findingsOf(fresh.installId)).toEqual([['new-install', 0, 0]]);
      }
    });

    it('one batch with 10,000 spread seqs cannot bury the other installs: findings are capped per batch and per install', async () => {
      const victim = await enrolled('agent.victim');
      // The victim's own finding: a batch whose head runs past its records.
      const victimBatch = victim.batch([await victim.append()]);
      victimBatch.chainHead = { seq: 9, hash: 'd'.repeat(64) };
      await post(await victim.signed(victimBatch));
      const hostile = new FakeInstall(undefined, 'agent.hostile');
      const spread = [];
      for (let i = 0; i < 10_000; i++) {
        hostile.head = { seq: i * 2, hash: hostile.head.hash };
        spread.push(
          await hostile.append({
            requestedAt: '2026-11-28T09:00:00.000Z',
            revealedAt: '2026-11-28T09:00:00.000Z',
          }),
        );
      }
      expect((await post(await hostile.signed(hostile.batch(spread)))).status).toBe(200);
      const view = await integrity();
      const mine = view.installs.find((i) => i.installId === hostile.installId);
      // Control: the planner saw every one of the 9,999 holes...
      expect(mine?.openGaps.length).toBe(9_999);
      // ...but kept 50 findings, the last one summing up the rest.
      expect(mine?.findings).toBe(50);
      expect(view.findings.filter((f) => f.installId === hostile.installId).length).toBeLessThanOrEqual(20);
      expect(view.findings.filter((f) => f.installId === victim.installId).map((f) => f.kind)).toContain(
        'head-ahead',
      );
      const paged = (await fetch(
        `${collector.url}/api/v1/integrity/findings?install=${hostile.installId}&offset=40&limit=20`,
        { headers: { Cookie: cookies.sam?.cookie ?? '' } },
      ).then((r) => r.json())) as { total: number; findings: { kind: string }[] };
      expect(paged.total).toBe(50);
      expect(paged.findings).toHaveLength(10);
    });

    it('refuses timestamps outside strict ISO-8601 UTC and a sane window, naming the field (control: a normal one passes)', async () => {
      const a = new FakeInstall(undefined, 'agent.time');
      const good = await a.append();
      const far = { ...good, requestedAt: '+275760-09-13T00:00:00.000Z' };
      const res = await post(await a.signed(a.batch([far])));
      expect(res).toMatchObject({ status: 422, body: { error: 'invalid-batch' } });
      expect(String(res.body.reason)).toContain('body.events[0].requestedAt');
      const future = { ...good, requestedAt: '2999-01-01T00:00:00.000Z' };
      expect((await post(await a.signed(a.batch([future])))).status).toBe(422);
      expect((await post(await a.signed(a.batch([good])))).status).toBe(200);
    });

    it('a supervisor cannot open a data-subject report; an auditor finds every install’s reveals and the lookup is logged', async () => {
      const installs = [new FakeInstall(undefined, 'agent.gil'), new FakeInstall(undefined, 'agent.hana')];
      for (const a of installs) {
        a.fingerprintMode = 'install';
        await a.append({ reasonId: 'customer-request' }, SUBJECT_CPF);
        await a.append({ reasonId: 'other' }, '111.444.777-35');
        expect((await post(await a.signed(a.batch(a.records), { escrowTo: escrow.publicKey }))).status).toBe(
          200,
        );
      }
      // Different per-install keys: the same CPF has a different fingerprint in each install.
      expect(installs[0]?.records[0]?.fingerprint).not.toBe(installs[1]?.records[0]?.fingerprint);
      const ask = (who: 'sam' | 'audra') =>
        fetch(`${collector.url}/api/v1/subject-report`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Cookie: cookies[who]?.cookie ?? '',
            'X-CSRF-Token': cookies[who]?.csrf ?? '',
          },
          body: JSON.stringify({ value: SUBJECT_CPF }),
        });
      expect((await ask('sam')).status).toBe(403);
      const res = await ask('audra');
      expect(res.status).toBe(200);
      const report = (await res.json()) as SubjectReportResponse;
      expect(report.events.map((e) => e.record.agentId).sort()).toEqual(['agent.gil', 'agent.hana']);
      expect(report).toMatchObject({ truncated: false, total: 2 });
      const log = (await fetch(`${collector.url}/api/v1/access-log`, {
        headers: { Cookie: cookies.audra?.cookie ?? '' },
      }).then((r) => r.json())) as {
        entries: { actor: string; action: string; detail: string }[];
        verification: { ok: boolean };
      };
      expect(log.verification.ok).toBe(true);
      expect(log.entries.at(-1)).toMatchObject({ actor: 'audra', action: 'subject-report' });
      expect(JSON.stringify(log)).not.toContain('52998224725');
      expect(JSON.stringify(log)).not.toContain(SUBJECT_CPF);
      // Supervisors cannot read the access log either.
      expect(
        (
          await fetch(`${collector.url}/api/v1/access-log`, {
            headers: { Cookie: cookies.sam?.cookie ?? '' },
          })
        ).status,
      ).toBe(403);
      // The database alone cannot open the escrowed keys: another key pair's private half fails.
      const [stored] = await collector.store.escrows();
      const box = JSON.parse(stored?.escrow ?? '{}') as EscrowBox;
      const other = await importEscrowPrivateKey(
        new Uint8Array(Buffer.from(generateEscrowKeyPair().privateKey, 'base64url')),
      );
      await expect(openEscrow(box, other, stored?.installId ?? '')).rejects.toThrow();
      const right = await importEscrowPrivateKey(new Uint8Array(Buffer.from(escrow.privateKey, 'base64url')));
      expect((await openEscrow(box, right, stored?.installId ?? '')).length).toBe(64);
      // Nor can a box be moved to another install (the install id is bound in).
      await expect(openEscrow(box, right, 'another-install')).rejects.toThrow();
    });

    it('the data-subject report says when it was cut (control: under the limit it is not)', async () => {
      const a = new FakeInstall(undefined, 'agent.many');
      a.fingerprintMode = 'install';
      const value = '123.456.789-09';
      for (let i = 0; i < 1001; i++) {
        await a.append({ requestedAt: '2026-11-28T10:00:00.000Z', revealedAt: null }, value);
      }
      expect((await post(await a.signed(a.batch(a.records), { escrowTo: escrow.publicKey }))).status).toBe(
        200,
      );
      const ask = async (v: string) =>
        (await fetch(`${collector.url}/api/v1/subject-report`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Cookie: cookies.audra?.cookie ?? '',
            'X-CSRF-Token': cookies.audra?.csrf ?? '',
          },
          body: JSON.stringify({ value: v }),
        }).then((r) => r.json())) as SubjectReportResponse;
      const cut = await ask(value);
      expect(cut).toMatchObject({ truncated: true, total: 1001, limit: 1000 });
      expect(cut.events).toHaveLength(1000);
      const whole = await ask(SUBJECT_CPF);
      expect(whole.truncated).toBe(false);
      expect(whole.events.length).toBe(whole.total);
    });

    it('a disabled account loses its session at once (control: before, the session works)', async () => {
      const { store } = collector;
      await store.putAccount({
        username: 'tmp',
        role: 'supervisor',
        passwordHash: await hashPassword('tmp password'),
        source: 'local',
      });
      const res = await fetch(`${collector.url}/api/v1/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'tmp', password: 'tmp password' }),
      });
      const cookie = (res.headers.getSetCookie()[0] ?? '').split(';')[0] as string;
      const session = () => fetch(`${collector.url}/api/v1/session`, { headers: { Cookie: cookie } });
      expect((await session()).status).toBe(200);
      await store.setDisabled('tmp', true);
      expect((await session()).status).toBe(401);
    });
  });
}
