/**
 * The enterprise install path, in real Chromium with no --load-extension:
 * `npm run package`'s code packs a signed CRX3 + updates.xml into a release
 * folder, the collector serves it (SIGILO_RELEASE_DIR), a real managed policy
 * (ExtensionInstallForcelist) makes Chromium install Sigilo from it; agents
 * cannot remove it; it masks the demo page; then version N+1 is published, an
 * update check applies it, and the reveal log written by N is intact (its
 * chain verifies, N+1 appends to it) while the tab opened under N stays masked.
 *
 * The CRX is signed with a throwaway key (the organisation's key is never in
 * the repository), so the extension ID here is that key's, not the manifest's:
 * the policy names whichever ID the package reports.
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD } from '../../demo/data/record';
import { DEMO_DIST, type DemoServer, startDemoServer } from '../../demo/server';
import pkg from '../../package.json' with { type: 'json' };
import { distPath, findChromium, launchArgs } from '../../scripts/lib/chromium';
import { type PackagedRelease, packageRelease } from '../../scripts/release/package-release';
import { type RunningCollector, startCollector, UI_DIR } from '../../src/collector/collector';
import { verifyChain } from '../../src/core/audit/chain';
import type { AuditRecord } from '../../src/core/audit/types';
import { clickValueStart, revealDialog } from './harness';
import { untilShown } from './harness/again';
import { MANAGED_POLICY_DIR, managedPolicySkipReason } from './harness/managed-policy';
import { maskedForms, occurrences } from './mask-probe';

const skip = managedPolicySkipReason();
const POLICY_FILE = path.join(MANAGED_POLICY_DIR, 'sigilo-force-install-e2e.json');

interface ExtensionInfo {
  id: string;
  version: string;
  state: string;
  location: string;
  mustRemainInstalled: boolean;
  userMayModify: boolean;
  controlledInfo?: { text: string };
}

let work: string;
let releaseDir: string;
let keyPem: string;
let collector: RunningCollector;
let demo: DemoServer;
let context: BrowserContext | undefined;
let release: PackagedRelease;
let extensionsPage: Page;
let profile: string;

/**
 * Chromium with NO --load-extension: the only way Sigilo can arrive is the
 * policy. Playwright's own --disable-extensions and
 * --disable-background-networking would block policy installs and update checks.
 */
async function launch(): Promise<void> {
  const args = launchArgs('-', ['--remote-debugging-port=0']).filter(
    (a) =>
      !a.startsWith('--load-extension') &&
      !a.startsWith('--disable-extensions-except') &&
      a !== '--disable-background-networking',
  );
  context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: true,
    args,
    ignoreDefaultArgs: ['--disable-extensions', '--disable-background-networking'],
    locale: 'en-US',
    viewport: { width: 1280, height: 900 },
  });
  extensionsPage = await context.newPage();
  await extensionsPage.goto('chrome://extensions');
}

async function publish(version?: string): Promise<PackagedRelease> {
  return packageRelease({
    chromeDir: distPath(),
    firefoxDir: null,
    outDir: releaseDir,
    baseUrl: `${collector.url}/extension/`,
    keyPem,
    ...(version ? { version } : {}),
  });
}

/** chrome://extensions is where Chromium's own UI gets these facts (developerPrivate). */
async function sigiloInfo(): Promise<ExtensionInfo | undefined> {
  const all = (await extensionsPage.evaluate(() =>
    (
      chrome as unknown as { developerPrivate: { getExtensionsInfo(): Promise<unknown[]> } }
    ).developerPrivate.getExtensionsInfo(),
  )) as ExtensionInfo[];
  return all.find((e) => e.id === release.extensionId);
}

/**
 * The running version and the reveal log as stored in the extension's IndexedDB
 * (seq order), read in its service worker: the worker that reports `version`.
 */
async function installed(version: string): Promise<AuditRecord[]> {
  const ours = (w: Worker) => w.url().startsWith(`chrome-extension://${release.extensionId}/`);
  let worker: Worker | undefined;
  await expect
    .poll(
      async () => {
        for (const w of (context as BrowserContext).serviceWorkers().filter(ours)) {
          const v = await Promise.race([
            w.evaluate(() => chrome.runtime.getManifest().version).catch(() => null),
            new Promise<null>((r) => setTimeout(() => r(null), 2_000)),
          ]);
          if (v === version) worker = w;
        }
        return worker !== undefined;
      },
      { timeout: 30_000, interval: 250 },
    )
    .toBe(true);
  return (worker as Worker).evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('sigilo');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    try {
      return await new Promise<AuditRecord[]>((resolve, reject) => {
        const req = db.transaction('records').objectStore('records').getAll();
        req.onsuccess = () => resolve(req.result as AuditRecord[]);
        req.onerror = () => reject(req.error);
      });
    } finally {
      db.close();
    }
  });
}

const masked = async (page: Page, v: string) => {
  const found = await occurrences(page, v);
  return found.length > 0 && found.every((o) => maskedForms(v).includes(o.shown));
};

/** An agent reveals the record's CPF with a reason and hides it again (one audit record). */
async function revealCpf(page: Page): Promise<void> {
  const dialog = revealDialog(page, 'Reveal protected value');
  // Now and then a first click on this freshly installed (or updated) extension's page
  // opens nothing, cause not found yet: the agent clicks again, as a person would.
  await untilShown(() => clickValueStart(page, '[data-field="cpf"]'), dialog, { timeout: 6000 });
  await dialog.getByRole('radio').first().check();
  await dialog.getByRole('button', { name: 'Reveal' }).click();
  await expect.poll(() => dialog.count()).toBe(0);
  await page.getByRole('button', { name: 'Hide' }).click();
  await expect.poll(() => masked(page, RECORD.cpf)).toBe(true);
}

describe.skipIf(skip !== null)(
  `force-install and update by enterprise policy${skip ? ` (skipped: ${skip})` : ''}`,
  () => {
    beforeAll(async () => {
      // The pages around the extension under test: built here when missing, so a
      // fresh clone can run this file right after `npm run package` (which builds
      // the extension itself, from which every package here is made).
      if (!existsSync(path.join(DEMO_DIST, 'index.html'))) execFileSync('npm', ['run', '-s', 'build:demo']);
      if (!existsSync(path.join(UI_DIR, 'index.html')))
        execFileSync('npm', ['run', '-s', 'build:collector-ui']);
      work = mkdtempSync(path.join(os.tmpdir(), 'sigilo-force-install-'));
      releaseDir = path.join(work, 'release');
      // A throwaway signing key (2048 bits: fast to make; the real one is the organisation's).
      keyPem = generateKeyPairSync('rsa', { modulusLength: 2048 })
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString();
      collector = await startCollector({
        port: 0,
        host: '127.0.0.1',
        databaseUrl: null,
        dataDir: path.join(work, 'collector'),
        ingestTokens: [],
        supervisorPassword: null,
        fingerprintKey: null,
        maxBodyBytes: 1024 * 1024,
        releaseDir,
      });
      release = await publish();
      demo = await startDemoServer({ port: 0 });
      rmSync(POLICY_FILE, { force: true });
      profile = path.join(work, 'profile');
      mkdirSync(profile);
      await launch();
    });

    afterAll(async () => {
      await context?.close();
      rmSync(POLICY_FILE, { force: true });
      await demo?.close();
      await collector?.close();
      if (work) rmSync(work, { recursive: true, force: true });
    });

    let tab: Page;

    it('serves the packaged release from the collector, whose UI shows its version', async () => {
      const ui = await (context as BrowserContext).newPage();
      await ui.goto(collector.url);
      await expect.poll(() => ui.locator('footer.sg-version').textContent()).toBe(`Sigilo ${pkg.version}`);
      await ui.close();
      const xml = await (await fetch(`${collector.url}/extension/updates.xml`)).text();
      expect(xml).toContain(`appid="${release.extensionId}"`);
      expect(xml).toContain(`version="${release.version}"`);
      const crx = Buffer.from(
        await (await fetch(`${collector.url}/extension/sigilo-${release.version}.crx`)).arrayBuffer(),
      );
      expect(crx.subarray(0, 4).toString('latin1')).toBe('Cr24');
      expect(crx.readUInt32LE(4)).toBe(3);
      expect(crx.equals(readFileSync(release.files.crx))).toBe(true);
    });

    it('is not there before the policy, then installed by it, unremovable, and masking', async () => {
      expect(await sigiloInfo()).toBeUndefined();
      tab = await context!.newPage();
      await tab.goto(new URL('/record.html?live=0', demo.url).toString());
      await tab.waitForSelector('html[data-demo-ready="true"]');
      // Without Sigilo the page shows the CPF as it is.
      expect((await occurrences(tab, RECORD.cpf)).every((o) => o.shown === RECORD.cpf)).toBe(true);
      await tab.close();
      await context?.close();

      // A policy file written while Chromium runs, in a folder that was empty at
      // its start, was not picked up within 40 s here; at the next start it is
      // (as on an agent's machine after the admin's rollout and a restart).
      mkdirSync(MANAGED_POLICY_DIR, { recursive: true });
      writeFileSync(
        POLICY_FILE,
        JSON.stringify({
          // Default 0 keeps DevTools (so the test's reads of the log in the
          // service worker) off force-installed extensions; agents get 2 (none).
          DeveloperToolsAvailability: 1,
          ExtensionInstallForcelist: [`${release.extensionId};${collector.url}/extension/updates.xml`],
        }),
      );
      const started = Date.now();
      await launch();
      await expect
        .poll(async () => (await sigiloInfo())?.state, { timeout: 30_000, interval: 250 })
        .toBe('ENABLED');
      console.log(`force-install: installed ${Date.now() - started} ms after the start`);
      const info = (await sigiloInfo()) as ExtensionInfo;
      expect(info.version).toBe(release.version);
      expect(info.mustRemainInstalled).toBe(true);
      expect(info.userMayModify).toBe(false);
      expect(info.controlledInfo?.text).toMatch(/enterprise policy/i);
      // What an agent would try: remove it from chrome://extensions.
      const removal = await extensionsPage.evaluate(
        (id) =>
          new Promise<string>((resolve) => {
            chrome.management.uninstall(id, { showConfirmDialog: false }, () =>
              resolve(chrome.runtime.lastError?.message ?? 'removed'),
            );
          }),
        release.extensionId,
      );
      expect(removal).toMatch(/cannot be modified by user/);
      expect((await sigiloInfo())?.state).toBe('ENABLED');

      await installed(release.version);
      tab = await context!.newPage();
      await tab.goto(new URL('/record.html?live=0', demo.url).toString());
      await tab.waitForSelector('html[data-demo-ready="true"]');
      await expect.poll(() => masked(tab, RECORD.cpf), { timeout: 15_000 }).toBe(true);
      expect(await masked(tab, RECORD.email)).toBe(true);
    });

    it('updates to N+1 from the release folder: log intact, open tab still masked', async () => {
      // Two reveals under version N.
      await revealCpf(tab);
      await revealCpf(tab);
      const before = await installed(release.version);
      expect(before.length).toBeGreaterThanOrEqual(2);
      expect((await verifyChain(before)).ok).toBe(true);

      const first = release;
      const [major, minor, patch] = first.version.split('.').map(Number) as [number, number, number];
      release = await publish(`${major}.${minor}.${patch + 1}`);
      expect(release.extensionId).toBe(first.extensionId);
      // What applies an update in this Chromium: the Update button of chrome://extensions.
      await extensionsPage.evaluate(() =>
        (
          chrome as unknown as { developerPrivate: { autoUpdate(): Promise<void> } }
        ).developerPrivate.autoUpdate(),
      );
      await expect
        .poll(async () => (await sigiloInfo())?.version, { timeout: 60_000, interval: 500 })
        .toBe(release.version);
      // The worker now answering is N+1's, and reads the log N wrote.
      const after = await installed(release.version);
      expect(after.slice(0, before.length)).toEqual(before);
      expect(await verifyChain(after)).toMatchObject({ ok: true });

      // The tab opened under N is still masked. (Both polled: N+1's first pass over the page may
      // still be running, under its boot style that keeps the page unpainted, which this probe
      // of text and styles does not see.)
      await expect.poll(() => masked(tab, RECORD.cpf), { timeout: 15_000 }).toBe(true);
      await expect.poll(() => masked(tab, RECORD.email), { timeout: 15_000 }).toBe(true);
      // In the tab opened under N, N+1's content script took over from N's orphaned
      // one: a reveal works there without a reload and appends to the same chain.
      await revealCpf(tab);
      const fresh = await (context as BrowserContext).newPage();
      await fresh.goto(new URL('/record.html?live=0', demo.url).toString());
      await fresh.waitForSelector('html[data-demo-ready="true"]');
      await expect.poll(() => masked(fresh, RECORD.cpf), { timeout: 15_000 }).toBe(true);
      await revealCpf(fresh);
      const appended = await installed(release.version);
      expect(appended.length).toBeGreaterThan(after.length);
      expect(await verifyChain(appended)).toMatchObject({ ok: true });
      expect(appended.slice(0, before.length)).toEqual(before);

      // The release an agent is running, shown in the popup and the options page.
      for (const page of ['src/ui/popup/index.html', 'src/ui/options/index.html']) {
        const shown = await (context as BrowserContext).newPage();
        await shown.goto(`chrome-extension://${release.extensionId}/${page}`);
        await expect
          .poll(() => shown.locator('footer.sg-version').textContent())
          .toBe(`Sigilo ${release.version}`);
        await shown.close();
      }
    });
  },
);
