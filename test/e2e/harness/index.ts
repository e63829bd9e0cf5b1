import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { startDemoServer } from '../../../demo/server';
import { distPath, findChromium, launchArgs } from '../../../scripts/lib/chromium';
import { EXTENSION_ID } from './extension-id';
import { installManagedPolicy, removeManagedPolicy } from './managed-policy';

export { EXTENSION_ID } from './extension-id';
export { installManagedPolicy, managedPolicySkipReason, removeManagedPolicy } from './managed-policy';

export interface LaunchOptions {
  /** Enterprise policy for Sigilo, written where Chromium reads it (root only; see managedPolicySkipReason). */
  managedPolicy?: Record<string, unknown>;
  /** Browser UI language, e.g. "pt-BR" or "en-US" (sets navigator.language). */
  locale?: string;
  /** Reuse a profile folder (e.g. to prove something survives a browser restart). */
  userDataDir?: string;
  /** Load another build than dist/ (e.g. a deliberately broken copy). */
  extensionDir?: string;
  /** Keep the profile folder on close. */
  keepProfile?: boolean;
}

export interface Sigilo {
  context: BrowserContext;
  extensionId: string;
  userDataDir: string;
  /** Console lines from pages and the service worker, for privacy checks. */
  consoleLines: string[];
  /** Errors thrown in pages (pageerror), to prove the host page never breaks. */
  pageErrors: string[];
  /** The current service worker (a new one after a restart). */
  worker(): Promise<Worker>;
  demoUrl(pathname: string): string;
  openPage(pathname: string): Promise<Page>;
  openExtensionPage(pathname: string): Promise<Page>;
  evalInWorker<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  storage(area: 'local' | 'session' | 'managed' | 'sync'): Promise<Record<string, unknown>>;
  /** Every IndexedDB database of the extension: {db: {store: rows}}. */
  idbDump(): Promise<Record<string, Record<string, unknown[]>>>;
  /** Stop the service worker (as Chromium does when idle) and wait for a fresh one. */
  restartServiceWorker(): Promise<Worker>;
  close(): Promise<void>;
}

const WORKER_TIMEOUT_MS = 20_000;

export async function launchSigilo(options: LaunchOptions = {}): Promise<Sigilo> {
  // Fails (does not skip) without a build: an e2e run must prove the built extension.
  const extensionDir = options.extensionDir ?? distPath();
  const executablePath = findChromium();
  removeManagedPolicy();
  const cleanupPolicy = options.managedPolicy ? installManagedPolicy(options.managedPolicy) : () => undefined;
  const demo = await startDemoServer({ port: 0 });
  const userDataDir = options.userDataDir ?? mkdtempSync(path.join(os.tmpdir(), 'sigilo-e2e-'));
  const consoleLines: string[] = [];
  const pageErrors: string[] = [];
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      // A DevTools port gives tests a browser-level CDP session (service-worker control).
      args: launchArgs(extensionDir, ['--remote-debugging-port=0']),
      ...(options.locale ? { locale: options.locale } : {}),
      viewport: { width: 1280, height: 900 },
    });
  } catch (error) {
    cleanupPolicy();
    await demo.close();
    throw error;
  }
  const watchPage = (page: Page) => {
    page.on('console', (msg) => consoleLines.push(`[page] ${msg.text()}`));
    page.on('pageerror', (err) => pageErrors.push(err.message));
  };
  context.pages().forEach(watchPage);
  context.on('page', watchPage);
  const watchWorker = (worker: Worker) => {
    worker.on('console', (msg) => consoleLines.push(`[worker] ${msg.text()}`));
  };

  const ours = (w: Worker) => w.url().startsWith(`chrome-extension://${EXTENSION_ID}/`);
  // The newest worker Playwright announced: after a restart, its list may still
  // hold the stopped one for a while.
  let latest: Worker | undefined;
  const closedWorkers = new WeakSet<Worker>();
  const track = (w: Worker) => {
    if (!ours(w)) return;
    latest = w;
    w.once('close', () => closedWorkers.add(w));
  };
  context.serviceWorkers().forEach(track);
  context.on('serviceworker', track);
  const findWorker = (): Worker | undefined => {
    if (latest && !closedWorkers.has(latest)) return latest;
    return context.serviceWorkers().find((w) => ours(w) && !closedWorkers.has(w));
  };

  async function worker(): Promise<Worker> {
    const existing = findWorker();
    if (existing) return existing;
    return context.waitForEvent('serviceworker', { timeout: WORKER_TIMEOUT_MS, predicate: ours });
  }

  let first: Worker;
  try {
    first = await worker();
  } catch {
    await context.close();
    cleanupPolicy();
    await demo.close();
    throw new Error(
      `Sigilo did not load from ${extensionDir}: no service worker for ${EXTENSION_ID} within ${WORKER_TIMEOUT_MS} ms ` +
        '(a manifest or managed_schema.json error makes Chromium refuse the extension silently).',
    );
  }
  watchWorker(first);
  context.on('serviceworker', (w) => {
    if (w !== first) watchWorker(w);
  });

  const evalInWorker = async <R, A>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> => {
    const w = await worker();
    return (w.evaluate as (f: (a: A) => R | Promise<R>, a: A) => Promise<R>)(fn, arg as A);
  };

  // Chromium's policy service answers the first managed.get() only once it is
  // ready; pages opened before that made it hang for minutes (TOOLCHAIN.md).
  await evalInWorker(() => chrome.storage.managed.get(null).catch(() => ({})));
  // The content script is registered by the worker at start: wait for it so the
  // first page a test opens already gets it at document_start.
  await waitFor(
    async () =>
      (await evalInWorker(() => chrome.scripting.getRegisteredContentScripts().then((s) => s.length))) > 0,
    'the content script registration',
  );

  const sigilo: Sigilo = {
    context,
    extensionId: EXTENSION_ID,
    userDataDir,
    consoleLines,
    pageErrors,
    worker,
    demoUrl: (pathname) => new URL(pathname, demo.url).toString(),
    async openPage(pathname) {
      const page = await context.newPage();
      await page.goto(sigilo.demoUrl(pathname));
      return page;
    },
    async openExtensionPage(pathname) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${EXTENSION_ID}/${pathname.replace(/^\//, '')}`);
      return page;
    },
    evalInWorker,
    storage: (area) =>
      evalInWorker((a) => (chrome.storage[a] as chrome.storage.StorageArea).get(null), area) as Promise<
        Record<string, unknown>
      >,
    idbDump: () => evalInWorker(dumpAllDatabases),
    async restartServiceWorker() {
      const before = await worker();
      // Playwright may keep one Worker object across a stop and restart (same
      // target), so "restarted" is proven by a fresh global scope, not by identity.
      const epoch = `epoch-${Date.now()}-${Math.random()}`;
      await before.evaluate((e) => {
        (globalThis as { sigiloHarnessEpoch?: string }).sigiloHarnessEpoch = e;
      }, epoch);
      // Playwright's own pipe has no browser-level session for a persistent
      // context; the DevTools port does. Closing the worker's target stops it as
      // Chromium does for an idle worker (state in memory is lost).
      const port = readFileSync(path.join(userDataDir, 'DevToolsActivePort'), 'utf8').split('\n')[0];
      const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
      try {
        const cdp = await browser.newBrowserCDPSession();
        const targets = async () =>
          (await cdp.send('Target.getTargets')).targetInfos.filter(
            (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${EXTENSION_ID}/`),
          );
        for (const target of await targets())
          await cdp.send('Target.closeTarget', { targetId: target.targetId });
        await waitFor(async () => (await targets()).length === 0, 'the service worker to stop');
        await cdp.detach();
      } finally {
        // Disconnects this second client only; the browser keeps running.
        await browser.close().catch(() => undefined);
      }
      // A runtime message is an event that starts the worker again.
      const waker = await context.newPage();
      try {
        await waker.goto(`chrome-extension://${EXTENSION_ID}/src/ui/popup/index.html`);
        await waker.evaluate(() =>
          chrome.runtime.sendMessage({ sigilo: 1, type: 'ping', req: { from: 'ui', href: location.href } }),
        );
      } finally {
        await waker.close();
      }
      let fresh: Worker | undefined;
      await waitFor(async () => {
        for (const candidate of [latest, ...context.serviceWorkers()]) {
          if (!candidate || !ours(candidate)) continue;
          const seen = await Promise.race([
            candidate.evaluate(
              () => (globalThis as { sigiloHarnessEpoch?: string }).sigiloHarnessEpoch ?? 'fresh',
            ),
            new Promise<string>((resolve) => setTimeout(() => resolve('unreachable'), 2_000)),
          ]).catch(() => 'unreachable');
          if (seen === 'fresh') {
            fresh = candidate;
            return true;
          }
        }
        return false;
      }, 'a fresh service worker');
      latest = fresh;
      return fresh as Worker;
    },
    async close() {
      try {
        await context.close();
      } finally {
        cleanupPolicy();
        await demo.close();
        if (!options.keepProfile && !options.userDataDir)
          rmSync(userDataDir, { recursive: true, force: true });
      }
    },
  };
  return sigilo;
}

/** Poll until `check` holds; throws naming what was awaited. */
/** A plain Chromium without the extension: the control every attack and compatibility test compares with. */
export function launchPlain(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
}

export async function waitFor(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // The worker may be restarting: keep polling until the deadline.
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Runs inside the service worker: must be self-contained.
async function dumpAllDatabases(): Promise<Record<string, Record<string, unknown[]>>> {
  const out: Record<string, Record<string, unknown[]>> = {};
  for (const info of await indexedDB.databases()) {
    if (!info.name) continue;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(info.name as string);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const stores: Record<string, unknown[]> = {};
    for (const name of Array.from(db.objectStoreNames)) {
      stores[name] = await new Promise<unknown[]>((resolve, reject) => {
        const req = db.transaction(name).objectStore(name).getAll();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    }
    db.close();
    out[info.name] = stores;
  }
  return out;
}

/**
 * The reason dialog lives in the extension's reveal frame (out of the page's
 * reach), inside Sigilo's UI host: this is where an agent finds it.
 */
export function revealDialog(page: Page, name?: string | RegExp) {
  return page
    .frameLocator('sigilo-ui iframe.reveal-frame')
    .getByRole('dialog', name === undefined ? {} : { name });
}

/** Click the first characters of the value shown by `selector`, as an agent clicks a masked value. */
export async function clickValueStart(page: Page, selector: string): Promise<void> {
  const box = await page.evaluate((sel) => {
    const node = document.querySelector(sel)!.firstChild!;
    const r = document.createRange();
    r.setStart(node, 0);
    r.setEnd(node, 3);
    const b = r.getBoundingClientRect();
    return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  }, selector);
  await page.mouse.click(box.x, box.y);
}

/** Every reveal-log record in the extension's IndexedDB (any store holding records). */
export async function auditRecords(sigilo: Sigilo): Promise<Array<Record<string, unknown>>> {
  const dump = await sigilo.idbDump();
  const out: Array<Record<string, unknown>> = [];
  for (const stores of Object.values(dump))
    for (const rows of Object.values(stores))
      for (const r of rows)
        if (r && typeof r === 'object' && 'outcome' in r) out.push(r as Record<string, unknown>);
  return out;
}
