import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import writeCRX3File from 'crx3';
import { GECKO_ID } from '../manifest-targets';
import { readTree, type ZipEntry, zipEntries } from './deterministic-zip';
import { extensionIdFromManifestKey, extensionIdFromPem } from './extension-id';

/** File names inside the release folder; the collector serves them under /extension/. */
export const UPDATES_XML = 'updates.xml';
export const UPDATES_JSON = 'updates.json';
export const SUMS_FILE = 'SHA256SUMS';
export const releaseFileNames = (version: string) => ({
  webStoreZip: `sigilo-${version}-chrome.zip`,
  crx: `sigilo-${version}.crx`,
  firefoxXpi: `sigilo-${version}-firefox.xpi`,
});

export interface PackageOptions {
  /** The built Chrome/Edge extension (dist/). */
  chromeDir: string;
  /** The built Firefox add-on (dist-firefox/); null leaves the Firefox files out. */
  firefoxDir: string | null;
  outDir: string;
  /** Where the release folder will be served from; updates.xml and updates.json point below it. */
  baseUrl: string;
  /** The CRX signing key (PEM, PKCS#1 or PKCS#8). */
  keyPem: string;
  /** Overrides the version of the build (tests publishing "N+1"); default: the built manifest's. */
  version?: string;
  /**
   * The add-on as signed by addons.mozilla.org (Firefox installs only signed
   * add-ons): published instead of the unsigned build, and updates.json hashes it.
   */
  firefoxSignedXpi?: string;
}

export interface PackagedRelease {
  version: string;
  /** The ID the CRX installs as (the signing key's). */
  extensionId: string;
  /** The ID the manifest's `key` fixes; differs from extensionId when signed with another key. */
  manifestId: string;
  /** Absolute paths of what was written. */
  files: {
    webStoreZip: string;
    crx: string;
    updatesXml: string;
    firefoxXpi: string | null;
    updatesJson: string | null;
    sums: string;
  };
}

interface Manifest {
  version: string;
  key?: string;
  minimum_chrome_version?: string;
  update_url?: string;
  browser_specific_settings?: { gecko?: Record<string, unknown> };
  [other: string]: unknown;
}

/** A base URL with exactly one trailing slash, so file names can be appended. */
export function normaliseBaseUrl(raw: string): string {
  const url = new URL(raw);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('the base URL must be http(s)');
  if (url.search || url.hash) throw new Error('the base URL must have no query string or fragment');
  return url.toString().replace(/\/*$/, '/');
}

const VERSION = /^\d{1,9}(\.\d{1,9}){0,3}$/;

/**
 * Builds the release folder from built extension folders: the Web Store zip,
 * the signed CRX3 with its Google-update-protocol updates.xml, the Firefox
 * package with its updates.json, and SHA256SUMS over them. Deterministic: the
 * same builds, key and base URL give the same bytes (RSA PKCS#1 v1.5
 * signatures are deterministic too).
 */
export async function packageRelease(options: PackageOptions): Promise<PackagedRelease> {
  const baseUrl = normaliseBaseUrl(options.baseUrl);
  const chrome = readBuild(options.chromeDir);
  const version = options.version ?? chrome.manifest.version;
  if (!VERSION.test(version)) throw new Error(`version "${version}" is not 1 to 4 dot-separated integers`);
  if (!chrome.manifest.key) throw new Error(`${options.chromeDir}/manifest.json has no "key"`);
  const manifestId = extensionIdFromManifestKey(chrome.manifest.key);
  const extensionId = extensionIdFromPem(options.keyPem);
  const names = releaseFileNames(version);
  mkdirSync(options.outDir, { recursive: true });
  const out = (name: string) => path.resolve(options.outDir, name);

  // The Web Store refuses a manifest with "key" and assigns update_url itself.
  const { key: _key, update_url: _u, ...storeManifest } = { ...chrome.manifest, version };
  writeFileSync(out(names.webStoreZip), await zipEntries(withManifest(chrome.entries, storeManifest)));

  // Self-hosted: the CRX header carries the public key (it fixes the ID), and
  // the manifest must name the update URL or Chromium never asks it for updates.
  const crxManifest = { ...storeManifest, update_url: `${baseUrl}${UPDATES_XML}` };
  const crxZip = await zipEntries(withManifest(chrome.entries, crxManifest));
  await writeCrx(crxZip, options.keyPem, out(names.crx));
  writeFileSync(
    out(UPDATES_XML),
    updatesXml(extensionId, version, `${baseUrl}${names.crx}`, chrome.manifest.minimum_chrome_version),
  );

  let firefoxXpi: string | null = null;
  let updatesJsonFile: string | null = null;
  if (options.firefoxDir) {
    const firefox = readBuild(options.firefoxDir);
    const gecko = firefox.manifest.browser_specific_settings?.gecko ?? {};
    const ffManifest: Manifest = {
      ...firefox.manifest,
      version,
      browser_specific_settings: {
        ...firefox.manifest.browser_specific_settings,
        gecko: { ...gecko, update_url: `${baseUrl}${UPDATES_JSON}` },
      },
    };
    const xpi = options.firefoxSignedXpi
      ? readFileSync(options.firefoxSignedXpi)
      : await zipEntries(withManifest(firefox.entries, ffManifest));
    firefoxXpi = out(names.firefoxXpi);
    writeFileSync(firefoxXpi, xpi);
    updatesJsonFile = out(UPDATES_JSON);
    writeFileSync(
      updatesJsonFile,
      `${JSON.stringify(updatesJson(version, `${baseUrl}${names.firefoxXpi}`, sha256(xpi)), null, 2)}\n`,
    );
  }

  const listed = [names.webStoreZip, names.crx, UPDATES_XML];
  if (firefoxXpi) listed.push(names.firefoxXpi, UPDATES_JSON);
  const sums = listed
    .sort()
    .map((name) => `${sha256(readFileSync(out(name)))}  ${name}\n`)
    .join('');
  writeFileSync(out(SUMS_FILE), sums);

  return {
    version,
    extensionId,
    manifestId,
    files: {
      webStoreZip: out(names.webStoreZip),
      crx: out(names.crx),
      updatesXml: out(UPDATES_XML),
      firefoxXpi,
      updatesJson: updatesJsonFile,
      sums: out(SUMS_FILE),
    },
  };
}

function readBuild(dir: string): { manifest: Manifest; entries: ZipEntry[] } {
  const manifestFile = path.join(dir, 'manifest.json');
  if (!existsSync(manifestFile)) throw new Error(`no build in ${dir}: ${manifestFile} is missing`);
  return {
    manifest: JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest,
    entries: readTree(dir).filter((e) => e.name !== 'manifest.json'),
  };
}

function withManifest(entries: ZipEntry[], manifest: Manifest | Omit<Manifest, 'key'>): ZipEntry[] {
  return [...entries, { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) }];
}

async function writeCrx(zip: Buffer, keyPem: string, crxPath: string): Promise<void> {
  // crx3 reads the key from a file and, when that file is missing, silently
  // signs with a NEW key (a different extension ID): hand it a file we just wrote.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sigilo-crx-key-'));
  const keyPath = path.join(dir, 'key.pem');
  try {
    writeFileSync(keyPath, keyPem, { mode: 0o600 });
    chmodSync(keyPath, 0o600);
    await writeCRX3File(Readable.from([zip]), { crxPath, keyPath });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const xmlAttr = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** Google's update protocol (the answer Chrome/Edge expect from an extension's update_url). */
export function updatesXml(appId: string, version: string, crxUrl: string, minChrome?: string): string {
  const min = minChrome ? ` prodversionmin="${xmlAttr(minChrome)}"` : '';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gupdate xmlns="http://www.google.com/update2/response" protocol="2.0">',
    `  <app appid="${xmlAttr(appId)}">`,
    `    <updatecheck codebase="${xmlAttr(crxUrl)}" version="${xmlAttr(version)}"${min} />`,
    '  </app>',
    '</gupdate>',
    '',
  ].join('\n');
}

/** Firefox's update manifest for a self-distributed add-on. */
export function updatesJson(version: string, xpiUrl: string, xpiSha256: string) {
  return {
    addons: {
      [GECKO_ID]: { updates: [{ version, update_link: xpiUrl, update_hash: `sha256:${xpiSha256}` }] },
    },
  };
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
