/**
 * docs/collector.md, "Running as a service", as an admin would deploy it: the
 * environment file, the systemd unit and the nginx TLS block are read out of
 * the doc itself (so the doc and this test cannot drift apart), then
 * - the unit goes through `systemd-analyze verify` and is checked against the
 *   env file and the install steps it depends on;
 * - `node dist-collector/main.js` starts with exactly the env file's variables
 *   (paths moved under a temporary root, a free port);
 * - Debian's nginx runs the documented server block (a self-signed certificate
 *   and free loopback ports substituted) as a child of this test, in front of
 *   that collector: over https the review UI loads, a 1.8 MB upload passes, the
 *   update manifest is served and the session cookie is `Secure`; the same
 *   login straight to the collector over http gets no `Secure`.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEscrowKeyPair } from '../../src/collector/auth/escrow-key';
import { FakeInstall } from './helpers';

const ROOT = path.resolve(import.meta.dirname, '../..');
const MAIN = path.join(ROOT, 'dist-collector/main.js');
const DOC = readFileSync(path.join(ROOT, 'docs/collector.md'), 'utf8');
const SECTION = (() => {
  const start = DOC.indexOf('\n## Running as a service\n');
  const end = DOC.indexOf('\n## ', start + 1);
  if (start < 0) throw new Error('docs/collector.md has no "Running as a service" section');
  return DOC.slice(start, end < 0 ? undefined : end);
})();

/** The fenced block of language `lang` that directly follows `marker` in the section. */
function fencedAfter(marker: string, lang: string): string {
  const at = SECTION.indexOf(marker);
  if (at < 0) throw new Error(`docs/collector.md: "${marker}" not found in "Running as a service"`);
  const open = SECTION.indexOf(`\n\`\`\`${lang}\n`, at);
  if (open < 0 || SECTION.slice(at, open).includes('```'))
    throw new Error(`docs/collector.md: no \`\`\`${lang} block right after "${marker}"`);
  const start = open + lang.length + 5;
  const close = SECTION.indexOf('\n```\n', start - 1);
  return SECTION.slice(start, close + 1);
}

const ENV_PATH = '/etc/sigilo/collector.env';
const UNIT_NAME = 'sigilo-collector.service';
const ENV_TEXT = fencedAfter(`\`${ENV_PATH}\``, 'ini');
const UNIT_TEXT = fencedAfter(`\`/etc/systemd/system/${UNIT_NAME}\`:`, 'ini');
const INSTALL_TEXT = fencedAfter('On the server', 'bash');
const NGINX_TEXT = fencedAfter('**TLS in front.**', 'nginx');

/** An EnvironmentFile as systemd reads it: KEY=VALUE lines, `#`/`;` comments, optional quotes. */
function parseEnvFile(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) throw new Error(`${ENV_PATH}: not a KEY=VALUE line: ${line}`);
    const value = (m[2] as string).trim();
    vars[m[1] as string] = /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value;
  }
  return vars;
}

/** `[Section]` -> key -> values (a key may repeat). */
function parseUnit(text: string): Map<string, Map<string, string[]>> {
  const sections = new Map<string, Map<string, string[]>>();
  let current: Map<string, string[]> | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      current = new Map();
      sections.set(header[1] as string, current);
      continue;
    }
    const eq = line.indexOf('=');
    if (!current || eq < 0) throw new Error(`${UNIT_NAME}: unexpected line: ${line}`);
    const key = line.slice(0, eq).trim();
    current.set(key, [...(current.get(key) ?? []), line.slice(eq + 1).trim()]);
  }
  return sections;
}

function one(unit: Map<string, Map<string, string[]>>, section: string, key: string): string {
  const values = unit.get(section)?.get(key) ?? [];
  expect(values, `[${section}] ${key}=`).toHaveLength(1);
  return values[0] as string;
}

/** Replaces `from` in `text`, which must occur exactly once (the doc changed otherwise). */
function replaceOnce(text: string, from: string, to: string): string {
  const parts = text.split(from);
  if (parts.length !== 2)
    throw new Error(`expected "${from}" once in the doc's block, found ${parts.length - 1}`);
  return parts.join(to);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string; socket: unknown };

function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; ca?: string } = {},
): Promise<Answer> {
  const target = new URL(url);
  const lib = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      target,
      {
        method: options.method ?? 'GET',
        headers: options.body
          ? { 'Content-Length': String(Buffer.byteLength(options.body)), ...options.headers }
          : options.headers,
        ...(options.ca ? { ca: options.ca, servername: target.hostname } : {}),
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            socket: res.socket,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function killed(proc: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve(proc.exitCode);
  return new Promise((resolve) => {
    proc.once('exit', (code) => resolve(code));
    proc.kill(signal);
  });
}

const SYSTEMD_ANALYZE = '/usr/bin/systemd-analyze';
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
const analyzeSkip = existsSync(SYSTEMD_ANALYZE)
  ? null
  : `${SYSTEMD_ANALYZE} is missing (./scripts/setup.sh installs Debian's systemd)`;
const nginxSkip = NGINX ? null : "nginx is not installed (./scripts/setup.sh installs Debian's nginx)";

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'sigilo-deploy-'));
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('docs/collector.md "Running as a service": the systemd unit', () => {
  const env = parseEnvFile(ENV_TEXT);
  const unit = parseUnit(UNIT_TEXT);

  it('agrees with the env file and the install steps', () => {
    // The unit reads the file the doc tells the admin to write...
    expect(one(unit, 'Service', 'EnvironmentFile')).toBe(ENV_PATH);
    // ...runs the built entry from the clone made by the install steps, as the user they create.
    const clone = /^git clone \S.* (\/\S+) && cd \1$/m.exec(INSTALL_TEXT)?.[1];
    expect(clone).toBe('/opt/sigilo');
    expect(one(unit, 'Service', 'WorkingDirectory')).toBe(clone);
    expect(one(unit, 'Service', 'ExecStart')).toBe('/usr/bin/node dist-collector/main.js');
    const user = one(unit, 'Service', 'User');
    expect(INSTALL_TEXT).toMatch(new RegExp(`^useradd --system .* ${user}$`, 'm'));
    expect(one(unit, 'Service', 'Group')).toBe(user);
    // ProtectSystem=strict makes everything read-only: the data folder and the
    // backup folder the install steps create must be the writable ones.
    expect(one(unit, 'Service', 'ProtectSystem')).toBe('strict');
    const writable = one(unit, 'Service', 'ReadWritePaths').split(/\s+/);
    const created = /^install -d -o sigilo -m 700 (.+)$/m.exec(INSTALL_TEXT)?.[1]?.split(/\s+/) ?? [];
    expect(created).toContain(env.SIGILO_DATA_DIR);
    expect(writable.sort()).toEqual(created.sort());
    // The release folder is only read: inside the clone, which the unit keeps read-only.
    expect(env.SIGILO_RELEASE_DIR?.startsWith(`${clone}/`)).toBe(true);
    expect(one(unit, 'Service', 'ReadOnlyPaths')).toBe(clone);
    // main.js stops cleanly on SIGTERM (service.test.ts checks the exit code).
    expect(one(unit, 'Service', 'KillSignal')).toBe('SIGTERM');
    expect(one(unit, 'Install', 'WantedBy')).toBe('multi-user.target');
  });

  it.skipIf(analyzeSkip)(
    `passes systemd-analyze verify${analyzeSkip ? ` (skipped: ${analyzeSkip})` : ''}`,
    () => {
      const dir = path.join(work, 'units');
      mkdirSync(dir, { recursive: true });
      // verify checks that ExecStart's program exists. The doc names Debian's
      // /usr/bin/node; a test machine with Node elsewhere checks its own.
      const text = existsSync('/usr/bin/node')
        ? UNIT_TEXT
        : replaceOnce(UNIT_TEXT, 'ExecStart=/usr/bin/node ', `ExecStart=${process.execPath} `);
      const verify = (name: string, body: string) => {
        const file = path.join(dir, name);
        writeFileSync(file, body);
        const r = spawnSync(SYSTEMD_ANALYZE, ['verify', '--man=no', file], { encoding: 'utf8' });
        // Only lines about this unit: verify also loads the host's targets and
        // may comment on those.
        const about = `${r.stdout}${r.stderr}`.split('\n').filter((l) => l.includes(name));
        return { code: r.status, about };
      };
      expect(verify(UNIT_NAME, text)).toEqual({ code: 0, about: [] });

      // Controls: verify does report mistakes of the kind a unit file can hide.
      const typo = verify('typo-collector.service', replaceOnce(text, '\nRestart=', '\nRestrt='));
      expect(typo.about.join('\n')).toMatch(/Unknown key 'Restrt'/);
      const signal = verify(
        'signal-collector.service',
        replaceOnce(text, 'KillSignal=SIGTERM', 'KillSignal=SIGTREM'),
      );
      expect(signal.about.join('\n')).toMatch(/signal/i);
      const exec = verify(
        'exec-collector.service',
        text.replace(/^ExecStart=\S+/m, 'ExecStart=/nonexistent/bin/node'),
      );
      expect(exec.code).not.toBe(0);
      expect(exec.about.join('\n')).toMatch(/not executable/);
    },
  );
});

describe('docs/collector.md "Running as a service": the env file and the nginx TLS block', () => {
  const docEnv = parseEnvFile(ENV_TEXT);
  let serverRoot: string;
  let collector: ChildProcess | undefined;
  let collectorUrl: string;
  let collectorOutput = '';
  let nginx: ChildProcess | undefined;

  /** A path of the doc, moved under the temporary server root. */
  const onServer = (p: string) => path.join(serverRoot, p);

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build:collector" first`);
    serverRoot = path.join(work, 'server');
    // What the install steps create (install -d), under the temporary root.
    mkdirSync(onServer(docEnv.SIGILO_DATA_DIR as string), { recursive: true, mode: 0o700 });
    mkdirSync(onServer(docEnv.SIGILO_RELEASE_DIR as string), { recursive: true });
    writeFileSync(path.join(onServer(docEnv.SIGILO_RELEASE_DIR as string), 'updates.xml'), '<gupdate/>');

    // Exactly the env file's variables (systemd passes only those, plus its
    // own PATH-like basics); absolute paths moved, the port a free one.
    const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
    for (const [key, value] of Object.entries(docEnv))
      env[key] = value.startsWith('/') ? onServer(value) : value;
    // The doc's placeholder for the escrow key: what its command prints.
    expect(docEnv.SIGILO_ESCROW_PRIVATE_KEY).toMatch(/escrow-keygen/);
    env.SIGILO_ESCROW_PRIVATE_KEY = generateEscrowKeyPair().privateKey;
    env.PORT = '0';
    // WorkingDirectory=/opt/sigilo is the clone: here, this checkout.
    collector = spawn(process.execPath, ['dist-collector/main.js'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    collector.stdout?.on('data', (d) => {
      collectorOutput += String(d);
    });
    collector.stderr?.on('data', (d) => {
      collectorOutput += String(d);
    });
    const proc = collector;
    collectorUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the collector did not start:\n${collectorOutput}`)),
        15_000,
      );
      proc.stdout?.on('data', () => {
        const m = /listening on (http:\/\/\S+)/.exec(collectorOutput);
        if (m) {
          clearTimeout(timer);
          resolve(m[1] as string);
        }
      });
      proc.once('exit', (code) => reject(new Error(`the collector exited (${code}):\n${collectorOutput}`)));
    });
  });

  afterAll(async () => {
    if (nginx?.pid !== undefined && nginx.exitCode === null && nginx.signalCode === null) {
      // The master and its workers form their own process group.
      const exited = new Promise((resolve) => nginx?.once('exit', resolve));
      process.kill(-nginx.pid, 'SIGTERM');
      await exited;
    }
    if (collector) await killed(collector);
  });

  it('boots with the documented environment: every variable read, none missing', async () => {
    await expect.poll(() => collectorOutput).toContain('events older than 1825 days are pruned');
    const out = collectorOutput;
    expect(collectorUrl).toMatch(new RegExp(`^http://${docEnv.HOST?.replace(/\./g, '\\.')}:\\d+$`));
    expect(out).toContain(`data folder ${onServer(docEnv.SIGILO_DATA_DIR as string)}`);
    expect(out).toContain(`(${onServer(docEnv.SIGILO_RELEASE_DIR as string)})`);
    // The warnings main.js prints when a secret is unset do not appear.
    expect(out).not.toMatch(/is not set/);
    expect(existsSync(path.join(onServer(docEnv.SIGILO_DATA_DIR as string), 'collector.db'))).toBe(true);
  });

  it.skipIf(nginxSkip)(
    `nginx terminates TLS in front of it: UI, upload, updates, Secure session cookie${nginxSkip ? ` (skipped: ${nginxSkip})` : ''}`,
    async () => {
      // The doc's proxy points at the address the env file makes the collector listen on.
      expect(NGINX_TEXT).toContain(`proxy_pass http://${docEnv.HOST}:${docEnv.PORT};`);

      const prefix = path.join(work, 'nginx');
      mkdirSync(prefix);
      // nginx, as root, runs its workers as www-data: they must reach their temp folders.
      chmodSync(work, 0o711);
      chmodSync(prefix, 0o711);
      const crt = path.join(prefix, 'collector.crt');
      const key = path.join(prefix, 'collector.key');
      execFileSync(
        'openssl',
        ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '1'].concat([
          '-keyout',
          key,
          '-out',
          crt,
        ]),
        { stdio: 'ignore' },
      );
      const ca = readFileSync(crt, 'utf8');
      const port = await freePort();
      let server = NGINX_TEXT;
      server = replaceOnce(server, 'listen 443 ssl;', `listen 127.0.0.1:${port} ssl;`);
      server = replaceOnce(server, '/etc/ssl/sigilo-collector.crt', crt);
      server = replaceOnce(server, '/etc/ssl/private/sigilo-collector.key', key);
      server = replaceOnce(server, `http://${docEnv.HOST}:${docEnv.PORT}`, collectorUrl);
      const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
        .map((t) => `  ${t}_temp_path ${path.join(prefix, t)};`)
        .join('\n');
      const conf = path.join(prefix, 'nginx.conf');
      writeFileSync(
        conf,
        `worker_processes 1;\nevents { worker_connections 64; }\nhttp {\n  access_log ${path.join(prefix, 'access.log')};\n${temp}\n${server}}\n`,
      );
      const errorLog = path.join(prefix, 'error.log');
      let nginxOutput = '';
      nginx = spawn(
        NGINX as string,
        [
          '-c',
          conf,
          '-p',
          prefix,
          '-g',
          `daemon off; pid ${path.join(prefix, 'nginx.pid')}; error_log ${errorLog};`,
        ],
        { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      nginx.stdout?.on('data', (d) => {
        nginxOutput += String(d);
      });
      nginx.stderr?.on('data', (d) => {
        nginxOutput += String(d);
      });
      const base = `https://localhost:${port}`;
      const nginxLog = () =>
        `nginx output:\n${nginxOutput}\nerror.log:\n${existsSync(errorLog) ? readFileSync(errorLog, 'utf8') : ''}`;
      await expect
        .poll(
          async () => {
            if (nginx?.exitCode !== null) throw new Error(`nginx exited (${nginx?.exitCode})\n${nginxLog()}`);
            return request(`${base}/`, { ca }).then(
              (r) => r.status,
              () => 0,
            );
          },
          { timeout: 5_000, interval: 100 },
        )
        .toBe(200);

      // TLS: our certificate, checked against it as the CA (no verification switched off).
      const ui = await request(`${base}/`, { ca });
      const cert = (ui.socket as TLSSocket).getPeerCertificate();
      expect(cert.fingerprint256).toBe(new X509Certificate(ca).fingerprint256);
      // The review UI and its script, through the proxy, with the collector's headers.
      expect(ui.headers['content-type']).toMatch(/^text\/html/);
      expect(ui.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      const script = /<script type="module"[^>]* src="(\/assets\/[^"]+\.js)"/.exec(ui.body)?.[1];
      expect(script).toBeDefined();
      const js = await request(`${base}${script}`, { ca });
      expect(js.status).toBe(200);
      expect(js.headers['content-type']).toMatch(/javascript/);

      // An upload above nginx's default 1 MiB body limit: client_max_body_size lets it through.
      const agent = new FakeInstall();
      const batch = JSON.stringify(await agent.signed(agent.batch(await agent.appendMany(2500))));
      expect(Buffer.byteLength(batch)).toBeGreaterThan(1024 * 1024);
      const uploaded = await request(`${base}/api/v1/events`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${docEnv.SIGILO_INGEST_TOKENS}`,
          'Content-Type': 'application/json',
        },
        body: batch,
        ca,
      });
      expect(uploaded.status, uploaded.body).toBe(200);
      expect(JSON.parse(uploaded.body)).toMatchObject({ ok: true, accepted: 2500, findings: [] });

      // The update manifest browsers fetch through the proxy.
      const xml = await request(`${base}/extension/updates.xml`, { ca });
      expect([xml.status, xml.body]).toEqual([200, '<gupdate/>']);

      // Sign in as a browser on that page would (same Origin): the cookie is Secure.
      const credentials = JSON.stringify({
        username: 'supervisor',
        password: docEnv.SIGILO_SUPERVISOR_PASSWORD,
      });
      const login = await request(`${base}/api/v1/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: base },
        body: credentials,
        ca,
      });
      expect(login.status, login.body).toBe(200);
      const cookie = String(login.headers['set-cookie']);
      expect(cookie).toMatch(/^sigilo_session=[^;]+;/);
      expect(cookie.split('; ')).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Secure']));
      const session = cookie.split(';')[0] as string;
      const me = await request(`${base}/api/v1/session`, { headers: { Cookie: session }, ca });
      expect(me.status).toBe(200);
      const { csrfToken, username } = JSON.parse(me.body) as { csrfToken: string; username: string };
      expect(username).toBe('supervisor');
      const logout = await request(`${base}/api/v1/logout`, {
        method: 'POST',
        headers: { Cookie: session, Origin: base, 'X-CSRF-Token': csrfToken },
        ca,
      });
      expect(logout.status, logout.body).toBe(200);

      // Control: the same sign-in straight to the collector over plain http gets no Secure.
      const direct = await request(`${collectorUrl}/api/v1/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: collectorUrl },
        body: credentials,
      });
      expect(direct.status).toBe(200);
      const plain = String(direct.headers['set-cookie']).split('; ');
      expect(plain).toContain('HttpOnly');
      expect(plain).not.toContain('Secure');

      // nginx logged each request; the collector saw them as coming through it.
      expect(readFileSync(path.join(prefix, 'access.log'), 'utf8')).toMatch(
        /"POST \/api\/v1\/events HTTP\/1\.1" 200/,
      );
    },
  );
});
