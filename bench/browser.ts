import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { startDemoServer } from '../demo/server';
import { distPath, findChromium, launchArgs } from '../scripts/lib/chromium';

export interface BenchBrowser {
  context: BrowserContext;
  /** The throwaway profile folder (the caller removes it). */
  dir: string;
}

/**
 * Chromium for a bench, with the built extension or without it (the baseline),
 * in a fresh profile. With the extension it returns once the service worker
 * answered its first managed-storage read and registered the content script, so
 * the first page opened already gets it at document_start.
 */
export async function launchBench(
  withExtension: boolean,
  options: { locale?: string } = {},
): Promise<BenchBrowser> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sigilo-bench-'));
  const ext = distPath();
  const args = withExtension
    ? launchArgs(ext)
    : launchArgs(ext).filter(
        (a) => !a.startsWith('--load-extension') && !a.startsWith('--disable-extensions-except'),
      );
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: findChromium(),
    headless: true,
    args,
    viewport: { width: 1280, height: 900 },
    ...(options.locale ? { locale: options.locale } : {}),
  });
  if (withExtension) {
    const sw =
      context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
    await sw.evaluate(() => chrome.storage.managed.get(null).catch(() => ({})));
    for (let i = 0; i < 100; i++) {
      // The content script and the page-world script (src/page-world/main.ts).
      const n = await sw.evaluate(() => chrome.scripting.getRegisteredContentScripts().then((s) => s.length));
      if (n > 1) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { context, dir };
}

/** What an A/B bench runs against: the demo server, a browser with the built extension and one without. */
export interface AbPair {
  demoUrl: string;
  withExt: BenchBrowser;
  without: BenchBrowser;
}

/** Start the demo server and both browsers, run `use`, then close and remove them all, whatever happened. */
export async function withAbPair<T>(use: (ab: AbPair) => Promise<T>): Promise<T> {
  const demo = await startDemoServer({ port: 0 });
  const withExt = await launchBench(true);
  const without = await launchBench(false);
  try {
    return await use({ demoUrl: demo.url, withExt, without });
  } finally {
    for (const b of [withExt, without]) {
      await b.context.close();
      rmSync(b.dir, { recursive: true, force: true });
    }
    await demo.close();
  }
}
