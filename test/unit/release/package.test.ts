/**
 * `npm run package`'s output: byte-identical zips from two builds of one
 * commit, a CRX3 signed for the key's extension ID (the manifest's ID when the
 * key matches it), update manifests pointing below the base URL, and a
 * SHA256SUMS that `sha256sum -c` accepts (the check docs/admin tells admins to run).
 */
import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../../package.json' with { type: 'json' };
import { extensionIdFromPem, manifestKeyFromPem } from '../../../scripts/release/extension-id';
import {
  normaliseBaseUrl,
  type PackagedRelease,
  packageRelease,
} from '../../../scripts/release/package-release';
import { crxPayload, readZip } from './read-zip';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const BASE = 'https://intranet.example.com.br/sigilo/extension/';
let work: string;
let keyPem: string;

function build(outDir: string, target: 'chrome' | 'firefox'): void {
  const vite = path.join(ROOT, 'node_modules/.bin/vite');
  const env = { ...process.env, SIGILO_OUT_DIR: outDir, SIGILO_TARGET: target };
  execFileSync(vite, ['build', '--logLevel', 'error'], { cwd: ROOT, env, stdio: 'pipe' });
  execFileSync(vite, ['build', '--logLevel', 'error', '-c', 'vite.content.config.ts'], {
    cwd: ROOT,
    env,
    stdio: 'pipe',
  });
}

const manifestIn = (zip: Buffer) =>
  JSON.parse((readZip(zip).get('manifest.json') as Buffer).toString('utf8')) as Record<string, unknown>;

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('npm run package', () => {
  const releases: PackagedRelease[] = [];
  beforeAll(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), 'sigilo-package-'));
    keyPem = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    // Two independent builds of this commit, each packaged on its own.
    for (const n of [1, 2]) {
      build(path.join(work, `chrome-${n}`), 'chrome');
      build(path.join(work, `firefox-${n}`), 'firefox');
      releases.push(
        await packageRelease({
          chromeDir: path.join(work, `chrome-${n}`),
          firefoxDir: path.join(work, `firefox-${n}`),
          outDir: path.join(work, `release-${n}`),
          baseUrl: BASE,
          keyPem,
        }),
      );
    }
  }, 120_000);

  it('gives byte-identical files from two builds of the same commit', () => {
    const [a, b] = releases as [PackagedRelease, PackagedRelease];
    for (const key of ['webStoreZip', 'crx', 'updatesXml', 'firefoxXpi', 'updatesJson', 'sums'] as const) {
      const fa = readFileSync(a.files[key] as string);
      expect(fa.equals(readFileSync(b.files[key] as string)), key).toBe(true);
    }
    // Entries sorted, one fixed time: nothing of the build machine leaks in.
    const names = [...readZip(readFileSync(a.files.webStoreZip)).keys()];
    expect(names).toEqual([...names].sort());
  });

  it('takes the version from package.json', () => {
    const release = releases[0] as PackagedRelease;
    expect(release.version).toBe(pkg.version);
    expect(path.basename(release.files.crx)).toBe(`sigilo-${pkg.version}.crx`);
  });

  it('Web Store zip: no "key" or update_url (the store refuses the one, assigns the other)', () => {
    const manifest = manifestIn(readFileSync((releases[0] as PackagedRelease).files.webStoreZip));
    expect(manifest.key).toBeUndefined();
    expect(manifest.update_url).toBeUndefined();
    expect(manifest.version).toBe(pkg.version);
  });

  it('CRX3 signed with the key, naming the update URL, with updates.xml for its ID', () => {
    const release = releases[0] as PackagedRelease;
    const crx = crxPayload(readFileSync(release.files.crx));
    expect(crx.version).toBe(3);
    const manifest = manifestIn(crx.zip);
    expect(manifest.update_url).toBe(`${BASE}updates.xml`);
    expect(release.extensionId).toBe(extensionIdFromPem(keyPem));
    // A throwaway key: not the manifest's ID, and the package says so.
    expect(release.extensionId).not.toBe(release.manifestId);
    const xml = readFileSync(release.files.updatesXml, 'utf8');
    expect(xml).toContain('<gupdate xmlns="http://www.google.com/update2/response" protocol="2.0">');
    expect(xml).toContain(`<app appid="${release.extensionId}">`);
    expect(xml).toContain(`codebase="${BASE}sigilo-${pkg.version}.crx" version="${pkg.version}"`);
  });

  it('keeps the manifest ID when signed with the key that matches the manifest', async () => {
    // Stand-in for the organisation's key: a build whose manifest key is this key's.
    const dir = path.join(work, 'chrome-1');
    const manifestFile = path.join(dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, unknown>;
    writeFileSync(manifestFile, JSON.stringify({ ...manifest, key: manifestKeyFromPem(keyPem) }));
    const release = await packageRelease({
      chromeDir: dir,
      firefoxDir: null,
      outDir: path.join(work, 'release-own-key'),
      baseUrl: BASE,
      keyPem,
    });
    expect(release.extensionId).toBe(release.manifestId);
  });

  it('Firefox package with its update URL, and updates.json with its hash', () => {
    const release = releases[0] as PackagedRelease;
    const xpi = readFileSync(release.files.firefoxXpi as string);
    const manifest = manifestIn(xpi) as {
      browser_specific_settings: { gecko: { id: string; update_url: string } };
    };
    expect(manifest.browser_specific_settings.gecko.update_url).toBe(`${BASE}updates.json`);
    const updates = JSON.parse(readFileSync(release.files.updatesJson as string, 'utf8'));
    const entry = updates.addons[manifest.browser_specific_settings.gecko.id].updates[0];
    expect(entry.version).toBe(pkg.version);
    expect(entry.update_link).toBe(`${BASE}sigilo-${pkg.version}-firefox.xpi`);
    expect(entry.update_hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('SHA256SUMS verifies with sha256sum -c, and fails on a changed file', () => {
    const dir = path.dirname((releases[0] as PackagedRelease).files.sums);
    expect(execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' })).toMatch(
      /updates\.xml: OK/,
    );
    writeFileSync(path.join(dir, 'updates.xml'), 'changed');
    expect(() => execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir, stdio: 'pipe' })).toThrow();
  });

  it('refuses a base URL it cannot append file names to', () => {
    expect(normaliseBaseUrl('https://x.example/sigilo')).toBe('https://x.example/sigilo/');
    expect(() => normaliseBaseUrl('ftp://x.example/')).toThrow();
    expect(() => normaliseBaseUrl('https://x.example/?a=1')).toThrow();
  });
});

describe('npm run package (the command line)', () => {
  let dir: string;
  let keyFile: string;
  const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
  const cli = path.join(ROOT, 'scripts/package-release.ts');
  const run = (args: string[], env: Record<string, string> = {}) => {
    try {
      return {
        code: 0,
        out: execFileSync(tsx, [cli, ...args], {
          cwd: dir,
          env: { ...process.env, ...env },
          encoding: 'utf8',
          stdio: 'pipe',
        }),
      };
    } catch (error) {
      const e = error as { status: number; stdout: string; stderr: string };
      return { code: e.status, out: `${e.stdout}${e.stderr}` };
    }
  };
  beforeAll(() => {
    // The CLI packages ./dist and ./dist-firefox of the folder it runs in.
    dir = path.join(work, 'cli');
    execFileSync('mkdir', ['-p', dir]);
    symlinkSync(path.join(work, 'chrome-2'), path.join(dir, 'dist'));
    symlinkSync(path.join(work, 'firefox-2'), path.join(dir, 'dist-firefox'));
    keyFile = path.join(work, 'org-key.pem');
    writeFileSync(keyFile, keyPem);
  });

  it('makes a new signing key, never over an existing one', () => {
    const made = run(['--generate-key', 'new-key.pem']);
    expect(made.code).toBe(0);
    const pem = readFileSync(path.join(dir, 'new-key.pem'), 'utf8');
    expect(made.out).toContain(`extension ID ${extensionIdFromPem(pem)}`);
    expect(run(['--generate-key', 'new-key.pem']).code).toBe(2);
  });

  it('refuses a key that would change the extension ID unless told so', () => {
    const refused = run(['--base-url', BASE, '--key', keyFile]);
    expect(refused.code).toBe(2);
    expect(refused.out).toMatch(/not baccbjmclojglbemmmnkcnohhkdejlcg/);
    expect(refused.out).toContain('--allow-new-id');
  });

  it('signs with SIGILO_CRX_KEY (a PEM file path) and publishes a signed Firefox add-on when given', () => {
    const signed = path.join(work, 'signed.xpi');
    writeFileSync(signed, 'stand-in for the add-on as signed by AMO');
    const done = run(['--base-url', BASE, '--allow-new-id', '--firefox-signed', signed], {
      SIGILO_CRX_KEY: keyFile,
    });
    expect(done.code).toBe(0);
    expect(done.out).toContain(`extension ID ${extensionIdFromPem(keyPem)}`);
    const updates = JSON.parse(readFileSync(path.join(dir, 'release/updates.json'), 'utf8'));
    const hash = createHash('sha256').update(readFileSync(signed)).digest('hex');
    expect(JSON.stringify(updates)).toContain(`sha256:${hash}`);
    expect(
      execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: path.join(dir, 'release'), encoding: 'utf8' }),
    ).toContain('-firefox.xpi: OK');
  });
});
