import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pkg from '../package.json' with { type: 'json' };
import { extensionIdFromPem } from './release/extension-id';
import { packageRelease } from './release/package-release';

/**
 * `npm run package -- --base-url https://sigilo-collector.example.com.br/extension/`
 * (after `npm run build` and `npm run build:firefox`, which the npm script runs first).
 *
 * The signing key: SIGILO_CRX_KEY (the PEM text, or the path of a PEM file) or
 * --key FILE. Without either, a development key is made once in
 * .sigilo/release/dev-signing-key.pem: fine for trying the install path, but
 * it gives another extension ID than the manifest's.
 *
 * Other options: --out DIR (default release/), --no-firefox, --firefox-signed
 * FILE (the .xpi addons.mozilla.org signed, published in place of the unsigned
 * one), --allow-new-id (sign with a key that does not match the manifest's),
 * --generate-key FILE (make a new signing key and print its extension ID).
 */
const DEV_KEY = path.resolve('.sigilo/release/dev-signing-key.pem');
const DEFAULT_BASE_URL = 'http://127.0.0.1:8787/extension/';

const { values } = parseArgs({
  options: {
    'base-url': { type: 'string' },
    key: { type: 'string' },
    out: { type: 'string', default: 'release' },
    'allow-new-id': { type: 'boolean', default: false },
    'no-firefox': { type: 'boolean', default: false },
    'firefox-signed': { type: 'string' },
    'generate-key': { type: 'string' },
  },
});

function fail(message: string): never {
  console.error(`package: ${message}`);
  process.exit(2);
}

// A new signing key for an organisation that publishes under its own ID; kept
// secret, it must sign every later release or browsers refuse the update.
if (values['generate-key']) {
  const file = values['generate-key'];
  if (existsSync(file)) fail(`${file} exists already: a signing key is never overwritten`);
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  writeFileSync(file, pem, { mode: 0o600 });
  console.log(`package: new signing key in ${file}: extension ID ${extensionIdFromPem(pem)}`);
  process.exit(0);
}

function loadKey(): { pem: string; source: string; dev: boolean } {
  const fromEnv = process.env.SIGILO_CRX_KEY?.trim();
  const file = values.key ?? (fromEnv && !fromEnv.startsWith('-----BEGIN') ? fromEnv : undefined);
  if (file) {
    if (!existsSync(file)) fail(`the signing key file ${file} does not exist`);
    return { pem: readFileSync(file, 'utf8'), source: file, dev: false };
  }
  if (fromEnv) return { pem: fromEnv, source: 'SIGILO_CRX_KEY', dev: false };
  if (!existsSync(DEV_KEY)) {
    mkdirSync(path.dirname(DEV_KEY), { recursive: true });
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(DEV_KEY, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  }
  return { pem: readFileSync(DEV_KEY, 'utf8'), source: DEV_KEY, dev: true };
}

const baseUrl = values['base-url'] ?? DEFAULT_BASE_URL;
if (!values['base-url']) {
  console.warn(
    `package: no --base-url given: the update manifests point at ${DEFAULT_BASE_URL} (a local collector)`,
  );
}
const key = loadKey();
const firefoxDir = values['no-firefox'] ? null : path.resolve('dist-firefox');
const built = JSON.parse(readFileSync('dist/manifest.json', 'utf8')) as { version: string };
if (built.version !== pkg.version) {
  fail(`dist/ was built as ${built.version} but package.json says ${pkg.version}: run "npm run build"`);
}

try {
  const release = await packageRelease({
    chromeDir: path.resolve('dist'),
    firefoxDir,
    outDir: path.resolve(values.out),
    baseUrl,
    keyPem: key.pem,
    ...(values['firefox-signed'] ? { firefoxSignedXpi: path.resolve(values['firefox-signed']) } : {}),
  });
  if (release.extensionId !== release.manifestId) {
    const note =
      `the key (${key.source}) signs for extension ID ${release.extensionId}, ` +
      `not ${release.manifestId} (the manifest's key): policies must then name ${release.extensionId}`;
    if (!key.dev && !values['allow-new-id'])
      fail(`${note}. Use the organisation's key, or pass --allow-new-id on purpose.`);
    console.warn(`package: WARNING ${note}${key.dev ? ' (development key: never deploy this)' : ''}`);
  }
  console.log(`package: Sigilo ${release.version}, extension ID ${release.extensionId}, in ${values.out}/`);
  for (const file of Object.values(release.files))
    if (file) console.log(`  ${path.relative(process.cwd(), file)}`);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
