import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GECKO_ID } from '../../scripts/manifest-targets';

/**
 * The Firefox build in real Firefox ESR (puppeteer-core over WebDriver BiDi),
 * reading the same policy from policies.json. Firefox reads that file at start
 * only, so each case launches its own browser.
 */
const FIREFOX = '/usr/bin/firefox-esr';
const POLICY_DIR = '/etc/firefox/policies';
const POLICY_FILE = path.join(POLICY_DIR, 'policies.json');
const UUID = '5161a0c0-0000-4000-8000-000000000006';
const ROOT = path.resolve(__dirname, '../..');

function skipReason(): string | null {
  if (!existsSync(FIREFOX)) return `${FIREFOX} is not installed (apt-get install -y firefox-esr)`;
  if (typeof process.getuid === 'function' && process.getuid() !== 0)
    return `writing ${POLICY_DIR} needs root`;
  return null;
}
const reason = skipReason();

async function launch(policy: Record<string, unknown> | null): Promise<{ browser: Browser; options: Page }> {
  if (policy) {
    mkdirSync(POLICY_DIR, { recursive: true });
    writeFileSync(
      POLICY_FILE,
      JSON.stringify({ policies: { '3rdparty': { Extensions: { [GECKO_ID]: policy } } } }),
    );
  } else rmSync(POLICY_FILE, { force: true });
  const puppeteer = (await import('puppeteer-core')).default;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }) },
  });
  await browser.installExtension(path.join(ROOT, 'dist-firefox'));
  const options = await browser.newPage();
  // Over BiDi a moz-extension:// navigation never resolves: start it and poll.
  void options.goto(`moz-extension://${UUID}/src/ui/options/index.html`).catch(() => undefined);
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const ready = await options.evaluate(() => !!document.querySelector('#managed-state')).catch(() => false);
    if (ready) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return { browser, options };
}

interface Answer {
  managed: string;
  locked: string[];
  errors: string[];
  active: boolean;
  excludeMatches: string[];
}

function ask(options: Page, url: string): Promise<Answer> {
  return options.evaluate(async (u) => {
    const api = (globalThis as unknown as { browser: typeof chrome }).browser;
    const get = await api.runtime.sendMessage({ sigilo: 1, type: 'policy/get', req: {} });
    const content = await api.runtime.sendMessage({ sigilo: 1, type: 'policy/content', req: { url: u } });
    const [script] = await api.scripting.getRegisteredContentScripts();
    return {
      managed: get.res.managed,
      locked: get.res.locked,
      errors: get.res.errors.map((e: { path: string }) => e.path),
      active: content.res.active,
      excludeMatches: script?.excludeMatches ?? [],
    };
  }, url);
}

describe.skipIf(reason)('the Firefox build in Firefox ESR', () => {
  beforeAll(() => {
    execFileSync('npm', ['run', 'build:firefox'], { cwd: ROOT, stdio: 'ignore' });
  });
  afterAll(() => {
    rmSync(POLICY_FILE, { force: true });
  });

  it('runs with no policies.json (storage.managed rejects there): safe defaults, nothing locked', async () => {
    const { browser, options } = await launch(null);
    try {
      const a = await ask(options, 'https://crm.example.com/');
      expect(a).toMatchObject({ managed: 'none', locked: [], errors: [], active: true });
    } finally {
      await browser.close();
    }
  });

  it('reads the policy from policies.json, validates it itself and follows excludeSites', async () => {
    const { browser, options } = await launch({
      excludeSites: ['https://intranet.example.com/*'],
      revealSeconds: 'thirty', // no schema check in Firefox: Sigilo reports it
      keepLast: 1,
    });
    try {
      const a = await ask(options, 'https://intranet.example.com/page');
      expect(a.managed).toBe('loaded');
      expect(a.locked.sort()).toEqual(['excludeSites', 'keepLast', 'revealSeconds']);
      expect(a.errors).toEqual(['revealSeconds']);
      expect(a.active).toBe(false);
      expect(a.excludeMatches).toEqual(['https://intranet.example.com/*']);
      // Locked: announced and unchangeable, yet reachable by keyboard (aria-disabled, not disabled).
      expect(
        await options.evaluate(() => document.querySelector('#revealSeconds')?.getAttribute('aria-disabled')),
      ).toBe('true');
    } finally {
      await browser.close();
    }
  });
});
