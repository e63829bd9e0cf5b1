import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { RECORD } from '../demo/data';
import { type DemoServer, startDemoServer } from '../demo/server';
import { generateEscrowKeyPair } from '../src/collector/auth/escrow-key';
import { type RunningCollector, startCollector, UI_DIR } from '../src/collector/collector';
import { distPath, findChromium, launchArgs } from './lib/chromium';

/**
 * `npm start`: build Sigilo, the demo workspace and the collector's UI, serve
 * the demo, and open Chromium with Sigilo loaded on it.
 * - With a DISPLAY: a window on the demo index, until the browser is closed.
 * - Without one (CI, SSH): headless; the tour. For each language (pt-BR, en,
 *   es: the browser's language, which Sigilo follows by default) visit every
 *   step below — demo pages with Sigilo masking, the reveal dialog, the
 *   masked-values list, popup, options, review page, and a local collector's
 *   sign-in and first screen fed by this run's own reveals — save a screenshot
 *   of each into .sigilo/screenshots/<timestamp>/<language>/, and copy the
 *   steps marked `tour` into docs/tour/ (what README.md's Tour shows), so a
 *   re-run refreshes them. Exit 0 when every step worked.
 * Flags: --headless (even with a DISPLAY), --no-build (reuse dist/, demo/dist
 * and the collector UI), --no-tour (leave docs/tour/ as it is),
 * --lang=pt-BR,en,es (languages to visit).
 * PORT picks the demo server's port in a window (default 5179).
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORKER_TIMEOUT_MS = 20_000;
const READY_TIMEOUT_MS = 15_000;

/** What a step can reach besides its page. */
export interface TourContext {
  context: BrowserContext;
  worker: Worker;
  /** chrome-extension://<id>/<path> */
  extensionUrl(pathname: string): string;
  demoUrl(pathname: string): string;
  collector: RunningCollector | null;
}

export interface ScreenshotStep {
  /** File name without extension; the number keeps the folder in visiting order. */
  name: string;
  /** Demo path (with query) to open, or a URL built from the tour's context (extension pages, the collector). */
  path: string | ((tour: TourContext) => Promise<string> | string);
  /** Whole page (default) or only the viewport (for pages thousands of pixels long). */
  fullPage?: boolean;
  /** Not a demo page: do not wait for the demo's ready mark. */
  notDemo?: boolean;
  /** Viewport for this step (default 1280×800); the tour copies are this size. */
  viewport?: { width: number; height: number };
  /**
   * Copied into docs/tour/ as <language>-<name>.png: in every language, or only
   * in the first (a screen with no text of Sigilo's own, e.g. a masked page).
   */
  tour?: 'every-language' | 'one-language';
  /** Runs once the page is ready and before the screenshot (open a dialog, reveal a value...). */
  act?(page: Page, log: (line: string) => void, tour: TourContext): Promise<void>;
}

/** The languages of the tour: Sigilo follows the browser's language unless the agent chose one. */
export const TOUR_LANGUAGES = [
  { dir: 'pt-BR', browserLocale: 'pt-BR' },
  { dir: 'en', browserLocale: 'en-US' },
  { dir: 'es', browserLocale: 'es-ES' },
] as const;

/** The local collector of the tour: this run's reveals are uploaded to it, a supervisor signs in. */
const COLLECTOR_TOKEN = 'tour-ingest-token-0123456789';
const COLLECTOR_KEY = 'tour-organisation-key-0123456789';
const SUPERVISOR_PASSWORD = 'tour supervisor password';
const TOUR_AGENT = 'ana.souza@exemplo.com.br';

/** A demo record tab and its id, for the popup (which describes a tab). */
async function recordTabId(tour: TourContext): Promise<number> {
  const tab = await tour.context.newPage();
  // Its own URL: the tour's main tab may be showing the same record.
  await tab.goto(tour.demoUrl('/record.html?live=0&for=popup'));
  await tab.waitForSelector('html[data-demo-ready="true"]', { timeout: READY_TIMEOUT_MS });
  await tab.waitForTimeout(800);
  const id = await tour.worker.evaluate(
    (url) => chrome.tabs.query({}).then((tabs) => tabs.find((t) => t.url === url)?.id ?? -1),
    tab.url(),
  );
  if (id < 0) throw new Error('the record tab has no id');
  return id;
}

/** What the headless run captures, in order. Add steps here (e.g. an open reveal dialog). */
export const STEPS: ScreenshotStep[] = [
  { name: '01-index', path: '/' },
  { name: '02-record', path: '/record.html?live=0', tour: 'one-language', fullPage: false },
  {
    name: '03-record-next-customer',
    path: '/record.html?tick=500',
    async act(page) {
      await page.getByRole('button', { name: /Próximo cliente/ }).click();
      await page.waitForTimeout(1200);
    },
  },
  { name: '04-queue', path: '/queue.html', fullPage: false },
  {
    name: '05-chat',
    path: '/chat.html?interval=150&count=8',
    async act(page, log) {
      await page.waitForSelector('[data-testid="chat-log"][data-done="true"]', { timeout: READY_TIMEOUT_MS });
      // Proof that the page runs real React (preact/compat leaves no React fibers).
      const react = await page.evaluate(() => {
        const el = document.querySelector('[data-testid="chat-log"]');
        const fiber = el ? Object.keys(el).some((k) => k.startsWith('__reactFiber$')) : false;
        return { fiber, version: document.querySelector('[data-framework]')?.getAttribute('data-framework') };
      });
      log(
        `chat.html runs ${react.version ?? 'an unknown framework'} (React fibers on DOM nodes: ${react.fiber})`,
      );
      await page.locator('#reply').fill('Bom dia! Já estou verificando.');
      await page.keyboard.press('Enter');
    },
  },
  { name: '06-forms', path: '/forms.html' },
  { name: '07-shadow', path: '/shadow.html?delay=300' },
  {
    name: '08-iframe',
    path: '/iframe.html',
    async act(page) {
      await page.waitForTimeout(500);
    },
  },
  {
    name: '09-reveal-dialog',
    path: '/record.html?live=0',
    tour: 'every-language',
    fullPage: false,
    async act(page) {
      await openRevealDialog(page);
    },
  },
  {
    name: '10-revealed',
    path: '/record.html?live=0',
    async act(page, log) {
      const dialog = await openRevealDialog(page);
      await dialog.getByRole('radio').first().check();
      await dialog.getByRole('button', { name: /^(Revelar|Reveal)$/ }).click();
      // The value is shown only once the background committed its log record.
      const status = page.getByRole('status').filter({ hasText: /CPF/ });
      await status.waitFor({ timeout: READY_TIMEOUT_MS });
      log(`reveal logged and shown: "${await status.textContent()}"`);
    },
  },
  {
    name: '11-masked-list',
    path: '/record.html?live=0',
    tour: 'every-language',
    fullPage: false,
    async act(page) {
      await page.waitForTimeout(800);
      await page.keyboard.press('Alt+Shift+M');
      await page.getByRole('dialog').first().waitFor({ timeout: READY_TIMEOUT_MS });
    },
  },
  {
    name: '12-popup',
    path: async (tour) => tour.extensionUrl(`src/ui/popup/index.html?tabId=${await recordTabId(tour)}`),
    notDemo: true,
    tour: 'every-language',
    viewport: { width: 420, height: 560 },
    async act(page) {
      await page.waitForSelector('#tab-state', { timeout: READY_TIMEOUT_MS });
    },
  },
  {
    name: '13-options',
    path: (tour) => tour.extensionUrl('src/ui/options/index.html'),
    notDemo: true,
    tour: 'every-language',
    fullPage: false,
    async act(page) {
      await page.waitForSelector('#save', { timeout: READY_TIMEOUT_MS });
    },
  },
  {
    // A loosening the policy refuses, reported beside its field.
    name: '14-options-refused',
    path: (tour) => tour.extensionUrl('src/ui/options/index.html'),
    notDemo: true,
    tour: 'one-language',
    async act(page) {
      await page.waitForSelector('#save', { timeout: READY_TIMEOUT_MS });
      await page.fill('#revealSeconds', '300');
      await page.click('#save');
      await page.waitForSelector('#save-status[data-kind="refused"]', { timeout: READY_TIMEOUT_MS });
      // The refused value stays in the saved settings (ignored by the policy): harmless to the next steps.
      await page.locator('#revealSeconds').scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollBy(0, 120));
      await page.waitForTimeout(500);
    },
    fullPage: false,
  },
  {
    name: '15-review',
    path: (tour) => tour.extensionUrl('src/ui/review/index.html'),
    notDemo: true,
    tour: 'every-language',
    fullPage: false,
    async act(page) {
      await page.waitForSelector('h1', { timeout: READY_TIMEOUT_MS });
      await page.waitForTimeout(1500);
    },
  },
  {
    name: '16-collector-login',
    path: async (tour) => {
      if (!tour.collector) throw new Error('no collector in this run');
      // This run's reveals reach the collector as an agent's upload would.
      const page = await tour.context.newPage();
      try {
        await page.goto(tour.extensionUrl('src/ui/popup/index.html'));
        const result = await page.evaluate(() =>
          chrome.runtime.sendMessage({ sigilo: 1, type: 'upload/now', req: {} }),
        );
        if (!result?.ok) throw new Error(`upload failed: ${JSON.stringify(result)}`);
      } finally {
        await page.close();
      }
      return tour.collector.url;
    },
    notDemo: true,
    tour: 'every-language',
    fullPage: false,
    async act(page) {
      await page.waitForSelector('input[type="password"]', { timeout: READY_TIMEOUT_MS });
    },
  },
  {
    name: '17-collector-home',
    path: (tour) => {
      if (!tour.collector) throw new Error('no collector in this run');
      return tour.collector.url;
    },
    notDemo: true,
    tour: 'every-language',
    fullPage: false,
    async act(page) {
      const password = page.locator('input[type="password"]');
      if (await password.isVisible().catch(() => false)) {
        await password.fill(SUPERVISOR_PASSWORD);
        await password.press('Enter');
        await password.waitFor({ state: 'detached', timeout: READY_TIMEOUT_MS });
      }
      await page.waitForTimeout(2000);
    },
  },
];

/** Click the masked CPF where it is displayed, as an agent would; returns the reason dialog. */
async function openRevealDialog(page: Page) {
  const point = await page.evaluate((cpf) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = (n as Text).data.indexOf(cpf);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(n, at);
      range.setEnd(n, at + 3);
      const box = range.getBoundingClientRect();
      if (box.width > 0) return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    }
    return null;
  }, RECORD.cpf);
  if (!point) throw new Error('the CPF is not displayed on the record page');
  await page.mouse.click(point.x, point.y);
  // The reason dialog is the extension's reveal frame over the page (src/ui/reveal/).
  const dialog = page
    .frameLocator('sigilo-ui iframe.reveal-frame')
    .getByRole('dialog', { name: /Revelar valor protegido|Reveal protected value/ });
  await dialog.waitFor({ timeout: READY_TIMEOUT_MS });
  return dialog;
}

function run(command: string, args: string[]): void {
  console.log(`\n$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0)
    throw new Error(`"${command} ${args.join(' ')}" failed (exit ${result.status ?? result.signal})`);
}

async function waitForSigilo(context: BrowserContext): Promise<Worker> {
  const isOurs = (w: Worker) => w.url().startsWith('chrome-extension://');
  const worker =
    context.serviceWorkers().find(isOurs) ??
    (await context
      .waitForEvent('serviceworker', { timeout: WORKER_TIMEOUT_MS, predicate: isOurs })
      .catch(() => null));
  if (!worker) {
    throw new Error(
      `Sigilo did not load: no extension service worker within ${WORKER_TIMEOUT_MS / 1000} s. ` +
        'Check that "npm run build" produced dist/manifest.json.',
    );
  }
  // The first managed.get() waits for Chromium's policy service; pages opened
  // before it answers could hang for minutes (shared/docs/TOOLCHAIN.md).
  await worker.evaluate(() => chrome.storage.managed.get(null).catch(() => ({})));
  // Pages opened before the content script is registered would not be masked.
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const registered = await worker.evaluate(() =>
      chrome.scripting.getRegisteredContentScripts().then((s) => s.length),
    );
    if (registered > 0) return worker;
    await new Promise((r) => setTimeout(r, 200));
  }
  console.warn('Warning: Sigilo registered no content script within 10 s; pages may show unmasked values.');
  return worker;
}

const DEFAULT_VIEWPORT = { width: 1280, height: 800 };

async function captureAll(
  tour: TourContext,
  dir: string,
  firstLanguage: boolean,
): Promise<{ failed: number; tourFiles: { file: string; name: string }[] }> {
  mkdirSync(dir, { recursive: true });
  const page = tour.context.pages()[0] ?? (await tour.context.newPage());
  let failed = 0;
  const tourFiles: { file: string; name: string }[] = [];
  for (const step of STEPS) {
    const started = Date.now();
    const log = (line: string) =>
      console.log(`  ${step.name}: ${line} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    try {
      await page.setViewportSize(step.viewport ?? DEFAULT_VIEWPORT);
      const url = typeof step.path === 'string' ? tour.demoUrl(step.path) : await step.path(tour);
      await page.goto(url);
      if (!step.notDemo)
        await page.waitForSelector('html[data-demo-ready="true"]', { timeout: READY_TIMEOUT_MS });
      await step.act?.(page, log, tour);
      // Two frames, so what the last mutation changed has been painted.
      await page.evaluate(
        () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))),
      );
      const file = path.join(dir, `${step.name}.png`);
      await page.screenshot({ path: file, fullPage: step.fullPage ?? true });
      if (step.tour === 'every-language' || (step.tour === 'one-language' && firstLanguage))
        tourFiles.push({ file, name: step.name });
      log(path.relative(ROOT, file));
    } catch (error) {
      failed++;
      log(`FAILED: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    } finally {
      // Steps may open tabs of their own (the popup's record tab): close them.
      for (const other of tour.context.pages())
        if (other !== page) await other.close().catch(() => undefined);
    }
  }
  return { failed, tourFiles };
}

/** A collector on a free loopback port with a fresh SQLite folder, for the tour's supervisor screens. */
async function startTourCollector(): Promise<{ collector: RunningCollector; close(): Promise<void> } | null> {
  if (!existsSync(path.join(UI_DIR, 'index.html'))) {
    console.warn(`The collector UI is not built (${UI_DIR}): skipping the collector screens.`);
    return null;
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sigilo-tour-collector-'));
  const collector = await startCollector({
    port: 0,
    host: '127.0.0.1',
    databaseUrl: null,
    dataDir,
    ingestTokens: [COLLECTOR_TOKEN],
    supervisorPassword: SUPERVISOR_PASSWORD,
    fingerprintKey: COLLECTOR_KEY,
    maxBodyBytes: 1024 * 1024,
    escrowPrivateKey: generateEscrowKeyPair().privateKey,
  });
  return {
    collector,
    async close() {
      await collector.close().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** docs/tour/<language>-<step>.png: what README.md's Tour section shows. */
function refreshTour(files: { lang: string; file: string; name: string }[]): void {
  const tourDir = path.join(ROOT, 'docs', 'tour');
  mkdirSync(tourDir, { recursive: true });
  const wanted = new Set(files.map((f) => `${f.lang}-${f.name}.png`));
  // Only steps that worked replace their picture; a step that failed keeps the old one.
  for (const f of files) copyFileSync(f.file, path.join(tourDir, `${f.lang}-${f.name}.png`));
  const stale = readdirSync(tourDir).filter(
    (n) => n.endsWith('.png') && !wanted.has(n) && !STEPS.some((s) => s.tour && n.endsWith(`-${s.name}.png`)),
  );
  for (const n of stale) rmSync(path.join(tourDir, n));
  console.log(`\nTour: ${files.length} screenshots in ${path.relative(ROOT, tourDir)}/`);
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const headless = argv.includes('--headless') || !process.env.DISPLAY;
  if (!argv.includes('--no-build')) {
    run('npm', ['run', 'build']);
    run('npm', ['run', 'build:demo']);
    if (headless) run('npm', ['run', 'build:collector-ui']);
  }
  const langArg = argv.find((a) => a.startsWith('--lang='))?.slice('--lang='.length);
  const languages = langArg
    ? TOUR_LANGUAGES.filter((l) => langArg.split(',').includes(l.dir))
    : [...TOUR_LANGUAGES];
  const extensionDir = distPath(ROOT);
  const executablePath = findChromium();

  let server: DemoServer;
  const wanted = headless ? 0 : Number(process.env.PORT ?? 5179);
  try {
    server = await startDemoServer({ port: wanted });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.warn(`Port ${wanted} is busy; using a free one.`);
    server = await startDemoServer({ port: 0 });
  }
  console.log(`\nDemo workspace: ${server.url}/`);

  if (!headless) {
    const profile = mkdtempSync(path.join(os.tmpdir(), 'sigilo-start-'));
    let context: BrowserContext | undefined;
    const cleanup = async () => {
      await context?.close().catch(() => undefined);
      await server.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    };
    process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
    process.once('SIGTERM', () => void cleanup().then(() => process.exit(143)));
    const launchedAt = Date.now();
    try {
      context = await chromium.launchPersistentContext(profile, {
        executablePath,
        headless: false,
        args: launchArgs(extensionDir),
        viewport: null,
      });
      const worker = await waitForSigilo(context);
      console.log(
        `Sigilo loaded after ${((Date.now() - launchedAt) / 1000).toFixed(1)} s (${new URL(worker.url()).host}) in a window.`,
      );
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`${server.url}/`);
      console.log('Close the browser window to stop.');
      await new Promise<void>((resolve) => context?.once('close', () => resolve()));
      return 0;
    } finally {
      await cleanup();
    }
  }

  console.log('No DISPLAY: taking the tour (screenshots of every surface in each language)…');
  const collector = await startTourCollector();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const root = path.join(ROOT, '.sigilo', 'screenshots', stamp);
  let failed = 0;
  const tourFiles: { lang: string; file: string; name: string }[] = [];
  try {
    for (const lang of languages) {
      console.log(`\n${lang.dir}:`);
      const profile = mkdtempSync(path.join(os.tmpdir(), 'sigilo-start-'));
      let context: BrowserContext | undefined;
      try {
        const launchedAt = Date.now();
        context = await chromium.launchPersistentContext(profile, {
          executablePath,
          headless: true,
          // --lang for the browser's own widgets (date inputs), `locale` for navigator.language.
          args: launchArgs(extensionDir, [`--lang=${lang.browserLocale}`]),
          locale: lang.browserLocale,
          viewport: DEFAULT_VIEWPORT,
        });
        const worker = await waitForSigilo(context);
        const host = new URL(worker.url()).host;
        console.log(`  Sigilo loaded after ${((Date.now() - launchedAt) / 1000).toFixed(1)} s (${host}).`);
        // The agent's settings: who they are and where the log goes (the tour's collector).
        await worker.evaluate(
          (local) => chrome.storage.local.set({ 'policy.local': local, 'ui.locale': 'auto' }),
          {
            agentId: TOUR_AGENT,
            ...(collector
              ? {
                  upload: {
                    url: `${collector.collector.url}/api/v1/events`,
                    token: COLLECTOR_TOKEN,
                    intervalMinutes: 60,
                    format: 'sigilo',
                  },
                }
              : {}),
          },
        );
        const tour: TourContext = {
          context,
          worker,
          extensionUrl: (p) => `chrome-extension://${host}/${p.replace(/^\//, '')}`,
          demoUrl: (p) => new URL(p, server.url).toString(),
          collector: collector?.collector ?? null,
        };
        const result = await captureAll(tour, path.join(root, lang.dir), lang === languages[0]);
        failed += result.failed;
        tourFiles.push(...result.tourFiles.map((f) => ({ ...f, lang: lang.dir })));
      } finally {
        await context?.close().catch(() => undefined);
        rmSync(profile, { recursive: true, force: true });
      }
    }
  } finally {
    await collector?.close();
    await server.close().catch(() => undefined);
  }
  console.log(`\nScreenshots: ${root}`);
  if (!argv.includes('--no-tour')) refreshTour(tourFiles);
  if (failed > 0) console.error(`${failed} step(s) failed.`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`\nnpm start failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
