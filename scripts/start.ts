import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { RECORD } from '../demo/data';
import { type DemoServer, startDemoServer } from '../demo/server';
import { distPath, findChromium, launchArgs } from './lib/chromium';

/**
 * `npm start`: build Sigilo and the demo workspace, serve the demo, and open
 * Chromium with Sigilo loaded on it.
 * - With a DISPLAY: a window on the demo index, until the browser is closed.
 * - Without one (CI, SSH): headless; visit every step below, save a screenshot
 *   of each into .sigilo/screenshots/<timestamp>/, print the folder, exit 0.
 * Flags: --headless (even with a DISPLAY), --no-build (reuse dist/ and demo/dist).
 * PORT picks the demo server's port in a window (default 5179).
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORKER_TIMEOUT_MS = 20_000;
const READY_TIMEOUT_MS = 15_000;

export interface ScreenshotStep {
  /** File name without extension; the number keeps the folder in visiting order. */
  name: string;
  /** Demo path (with query) to open. */
  path: string;
  /** Whole page (default) or only the viewport (for pages thousands of pixels long). */
  fullPage?: boolean;
  /** Runs once the page is ready and before the screenshot (open a dialog, reveal a value...). */
  act?(page: Page, log: (line: string) => void): Promise<void>;
}

/** What the headless run captures, in order. Add steps here (e.g. an open reveal dialog). */
export const STEPS: ScreenshotStep[] = [
  { name: '01-index', path: '/' },
  { name: '02-record', path: '/record.html?live=0' },
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

async function captureAll(
  context: BrowserContext,
  baseUrl: string,
): Promise<{ dir: string; failed: number }> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dir = path.join(ROOT, '.sigilo', 'screenshots', stamp);
  mkdirSync(dir, { recursive: true });
  const page = context.pages()[0] ?? (await context.newPage());
  let failed = 0;
  for (const step of STEPS) {
    const started = Date.now();
    const log = (line: string) =>
      console.log(`  ${step.name}: ${line} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    try {
      await page.goto(new URL(step.path, baseUrl).toString());
      await page.waitForSelector('html[data-demo-ready="true"]', { timeout: READY_TIMEOUT_MS });
      await step.act?.(page, log);
      // Two frames, so what the last mutation changed has been painted.
      await page.evaluate(
        () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))),
      );
      const file = path.join(dir, `${step.name}.png`);
      await page.screenshot({ path: file, fullPage: step.fullPage ?? true });
      log(path.relative(ROOT, file));
    } catch (error) {
      failed++;
      log(`FAILED: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  }
  return { dir, failed };
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const headless = argv.includes('--headless') || !process.env.DISPLAY;
  if (!argv.includes('--no-build')) {
    run('npm', ['run', 'build']);
    run('npm', ['run', 'build:demo']);
  }
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
      headless,
      args: launchArgs(extensionDir),
      viewport: headless ? { width: 1366, height: 900 } : null,
    });
    const worker = await waitForSigilo(context);
    console.log(
      `Sigilo loaded after ${((Date.now() - launchedAt) / 1000).toFixed(1)} s (${new URL(worker.url()).host}) in ${headless ? 'headless' : 'a window'}.`,
    );

    if (!headless) {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`${server.url}/`);
      console.log('Close the browser window to stop.');
      await new Promise<void>((resolve) => context?.once('close', () => resolve()));
      return 0;
    }

    console.log('No DISPLAY: taking screenshots of the demo workspace…');
    const { dir, failed } = await captureAll(context, server.url);
    console.log(`\nScreenshots: ${dir}`);
    if (failed > 0) console.error(`${failed} step(s) failed.`);
    return failed > 0 ? 1 : 0;
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`\nnpm start failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
