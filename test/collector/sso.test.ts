import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEscrowKeyPair } from '../../src/collector/auth/escrow-key';
import { type RunningCollector, startCollector } from '../../src/collector/collector';
import { STORE_TARGETS } from './helpers';

/**
 * Single sign-on against a real OpenID Connect provider (oidc-provider, its
 * development login form) started here: authorization code + PKCE through
 * openid-client, roles from the "roles" claim.
 */
const ROLES: Record<string, string[]> = {
  'sofia.supervisor': ['supervisor'],
  'alice.auditor': ['auditor', 'other-app-role'],
  'nina.norole': ['viewer'],
};

type Jar = Map<string, string>;

function remember(jar: Jar, res: Response): void {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const at = (pair ?? '').indexOf('=');
    if (at > 0) jar.set((pair as string).slice(0, at).trim(), (pair as string).slice(at + 1));
  }
}

function cookieHeader(jar: Jar): string {
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

for (const target of STORE_TARGETS) {
  describe.skipIf(target.skip !== null)(`single sign-on with OpenID Connect (${target.name})`, () => {
    let collector: RunningCollector;
    let cleanup: () => Promise<void>;
    let idp: http.Server;
    let uiDir: string;

    beforeAll(async () => {
      uiDir = mkdtempSync(path.join(os.tmpdir(), 'sigilo-ui-'));
      writeFileSync(path.join(uiDir, 'index.html'), '<!doctype html><title>Sigilo</title>');
      let provider: Provider | null = null;
      idp = http.createServer((req, res) => {
        if (provider) provider.callback()(req, res);
        else res.writeHead(503).end();
      });
      await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
      const issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
      const opened = await target.open();
      cleanup = opened.cleanup;
      collector = await startCollector(
        {
          port: 0,
          host: '127.0.0.1',
          databaseUrl: null,
          dataDir: '',
          ingestTokens: [],
          supervisorPassword: null,
          fingerprintKey: null,
          maxBodyBytes: 1024 * 1024,
          escrowPrivateKey: generateEscrowKeyPair().privateKey,
          oidc: {
            issuer,
            clientId: 'sigilo',
            clientSecret: 'sigilo-test-secret',
            rolesClaim: 'roles',
            redirectUrl: null,
          },
        },
        { store: opened.store, uiDir },
      );
      provider = new Provider(issuer, {
        clients: [
          {
            client_id: 'sigilo',
            client_secret: 'sigilo-test-secret',
            redirect_uris: [`${collector.url}/api/v1/sso/callback`],
            grant_types: ['authorization_code'],
            response_types: ['code'],
          },
        ],
        claims: { openid: ['sub'], profile: ['preferred_username', 'roles'], email: ['email'] },
        conformIdTokenClaims: false,
        findAccount: async (_ctx, id) => ({
          accountId: id,
          claims: async () => ({ sub: id, preferred_username: id, roles: ROLES[id] ?? [] }),
        }),
      });
    });
    afterAll(async () => {
      await collector?.close();
      await cleanup?.();
      await new Promise<void>((resolve) => (idp ? idp.close(() => resolve()) : resolve()));
      rmSync(uiDir, { recursive: true, force: true });
    });

    /** Drive the browser's part of the flow over HTTP: the provider's login and consent forms. */
    async function signIn(login: string): Promise<{ status: number; cookie: string | null }> {
      const ours: Jar = new Map();
      const theirs: Jar = new Map();
      let url = `${collector.url}/api/v1/sso/login`;
      let form: { action: string; body: URLSearchParams } | null = null;
      for (let hop = 0; hop < 20; hop++) {
        const mine = url.startsWith(collector.url);
        const jar = mine ? ours : theirs;
        const res: Response = await fetch(url, {
          method: form ? 'POST' : 'GET',
          redirect: 'manual',
          headers: {
            Cookie: cookieHeader(jar),
            ...(form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
          },
          ...(form ? { body: form.body } : {}),
        });
        form = null;
        remember(jar, res);
        if (mine && url.includes('/sso/callback')) {
          return { status: res.status, cookie: ours.get('sigilo_session') ?? null };
        }
        const location = res.headers.get('location');
        if (location) {
          url = new URL(location, url).href;
          continue;
        }
        const html = await res.text();
        const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
        if (!action) throw new Error(`no form at hop ${hop} (HTTP ${res.status})`);
        const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1] ?? '';
        const body = new URLSearchParams({ prompt });
        if (prompt === 'login') {
          body.set('login', login);
          body.set('password', 'any');
        }
        form = { action, body };
        url = new URL(action, url).href;
      }
      throw new Error('too many hops');
    }

    const ask = async (cookie: string) => {
      const session = (await fetch(`${collector.url}/api/v1/session`, {
        headers: { Cookie: `sigilo_session=${cookie}` },
      }).then((r) => r.json())) as { csrfToken: string; role: string };
      const res = await fetch(`${collector.url}/api/v1/subject-report`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Cookie: `sigilo_session=${cookie}`,
          'X-CSRF-Token': session.csrfToken,
        },
        body: JSON.stringify({ value: '529.982.247-25' }),
      });
      return { role: session.role, status: res.status };
    };

    it('signs in with the supervisor claim, who cannot open a data-subject report; the auditor can, and it is logged', async () => {
      const sofia = await signIn('sofia.supervisor');
      expect(sofia.status).toBe(302);
      expect(sofia.cookie).not.toBeNull();
      expect(await ask(sofia.cookie as string)).toEqual({ role: 'supervisor', status: 403 });

      const alice = await signIn('alice.auditor');
      expect(alice.cookie).not.toBeNull();
      expect(await ask(alice.cookie as string)).toEqual({ role: 'auditor', status: 200 });

      const log = (await fetch(`${collector.url}/api/v1/access-log`, {
        headers: { Cookie: `sigilo_session=${alice.cookie}` },
      }).then((r) => r.json())) as {
        entries: { actor: string; action: string; detail: string }[];
        verification: { ok: boolean };
      };
      expect(log.verification.ok).toBe(true);
      expect(log.entries.map((e) => [e.actor, e.action])).toEqual(
        expect.arrayContaining([
          ['sso:sofia.supervisor', 'login'],
          ['sso:alice.auditor', 'login'],
          ['sso:alice.auditor', 'subject-report'],
        ]),
      );
      expect(
        JSON.parse(log.entries.find((e) => e.action === 'subject-report')?.detail ?? '{}'),
      ).toMatchObject({
        kind: 'CPF',
      });
    });

    it('refuses a sign-in without either role, and a callback that did not start in this browser', async () => {
      const nina = await signIn('nina.norole');
      expect(nina).toMatchObject({ status: 403, cookie: null });
      const forged = await fetch(`${collector.url}/api/v1/sso/callback?code=x&state=y`, {
        redirect: 'manual',
      });
      expect(forged.status).toBe(400);
    });
  });
}
