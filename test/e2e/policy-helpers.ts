import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { EXTENSION_ID, type Sigilo } from './harness';
import { MANAGED_POLICY_DIR } from './harness/managed-policy';
import { sendFromPage } from './harness/send-from-page';

/**
 * How many of Sigilo's masks cover the element. The content script hides a value
 * inside longer text with the CSS highlight "sigilo-mask" (the registry is per
 * document, so the page's main world sees the isolated world's ranges), and an
 * element whose whole text is a value with a marker attribute. Counts only: the
 * test never reads a value back.
 */
export function maskedRangesIn(page: Page, selector: string): Promise<number> {
  return page.evaluate((sel) => {
    let n = 0;
    for (const el of document.querySelectorAll(sel)) {
      if (el.closest('[data-sigilo-text], [data-sigilo-masked]')) n++;
      n += el.querySelectorAll('[data-sigilo-text], [data-sigilo-masked]').length;
      const h = CSS.highlights.get('sigilo-mask');
      if (h) for (const r of h as unknown as Iterable<AbstractRange>) if (el.contains(r.startContainer)) n++;
    }
    return n;
  }, selector);
}

/** Any trace of Sigilo in the page: its style element, marker attributes, highlights. */
export function sigiloTraces(page: Page): Promise<number> {
  return page.evaluate(() => {
    let n = document.querySelectorAll(
      '[data-sigilo], [data-sigilo-masked], [data-sigilo-text], [data-sigilo-pending], [data-sigilo-focus]',
    ).length;
    for (const name of ['sigilo-mask', 'sigilo-pending']) {
      const h = CSS.highlights.get(name);
      if (h) n += h.size;
    }
    return n;
  });
}

export async function poll(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/**
 * Install a managed policy under a file name of our own. The harness's
 * `managedPolicy` option writes one shared file that every other launch
 * (another engineer's e2e run on this machine) deletes on start; Chromium merges
 * every file of the folder, so a separate file survives those launches.
 * Values chosen so that the policy is harmless to other tests' pages.
 */
export function installOwnManagedPolicy(name: string, policy: Record<string, unknown>): () => void {
  const file = path.join(MANAGED_POLICY_DIR, `sigilo-${name}.json`);
  mkdirSync(MANAGED_POLICY_DIR, { recursive: true });
  writeFileSync(file, JSON.stringify({ '3rdparty': { extensions: { [EXTENSION_ID]: policy } } }, null, 2));
  return () => rmSync(file, { force: true });
}

/**
 * Set the agent's local policy layer (what the options page saves) through the
 * protocol, from the options page; throws when the background refuses it.
 */
export async function setLocalLayer(sigilo: Sigilo, layer: Record<string, unknown>): Promise<void> {
  const options = await sigilo.openExtensionPage('src/ui/options/index.html');
  try {
    await sendFromPage(options, 'policy/set-local', { layer });
  } finally {
    await options.close();
  }
}
