/**
 * Shared by the compatibility tests (one file per library): Sigilo and a plain
 * Chromium side by side on the same page, what the clipboard holds, and which
 * raw values of the shared dataset a text or a screen still carries.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type CompatCustomer, compatCustomers, SENSITIVE_FIELDS } from '../../../demo/compat/src/customers';
import { launchPlain, launchSigilo, type Sigilo } from '../harness';
import { occurrences } from '../mask-probe';

export const CUSTOMERS: CompatCustomer[] = compatCustomers();
const RAW = new Set(CUSTOMERS.flatMap((c) => SENSITIVE_FIELDS.map((f) => c[f])));
const RAW_PATTERN = /\d{3}\.\d{3}\.\d{3}-\d{2}|\(\d{2}\) \d{4,5}-\d{4}|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

/** How many raw sensitive values of the dataset `text` carries (each occurrence counted). */
export function rawValuesIn(text: string): number {
  let n = 0;
  for (const m of text.matchAll(RAW_PATTERN)) if (RAW.has(m[0])) n++;
  return n;
}

export interface Pair {
  sigilo: Sigilo;
  plain: Browser;
  plainContext: BrowserContext;
  close(): Promise<void>;
}

/** Sigilo, and the control: the same pages in a plain Chromium without the extension. */
export async function launchPair(): Promise<Pair> {
  const sigilo = await launchSigilo({ locale: 'pt-BR' });
  const plain = await launchPlain();
  const plainContext = await plain.newContext({ viewport: { width: 1280, height: 900 }, locale: 'pt-BR' });
  const origin = sigilo.demoUrl('/');
  for (const ctx of [sigilo.context, plainContext])
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  return {
    sigilo,
    plain,
    plainContext,
    close: async () => {
      await plain.close();
      await sigilo.close();
    },
  };
}

/** Opens a compatibility page and waits until its library has rendered and two frames went by. */
export async function openCompat(
  pair: Pair,
  withSigilo: boolean,
  name: string,
  init?: () => void,
): Promise<Page> {
  const page = await (withSigilo ? pair.sigilo.context : pair.plainContext).newPage();
  if (init) await page.addInitScript(init);
  await page.goto(pair.sigilo.demoUrl(`/compat/${name}.html`));
  await page.waitForSelector('html[data-demo-ready="true"]', { timeout: 30_000 });
  await nextFrames(page);
  return page;
}

export function nextFrames(page: Page): Promise<void> {
  return page.evaluate(
    () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))),
  );
}

/** Empties the clipboard, so a copy that writes nothing is not read as the previous one. */
export async function clearClipboard(page: Page): Promise<void> {
  // The clipboard answers only a focused document (the reveal frame or another tab may have had focus).
  await page.bringToFront();
  await page.evaluate(() => navigator.clipboard.writeText('(vazio)'));
}

/** The clipboard's text/plain and text/html ('' when absent). */
export async function readClipboard(page: Page): Promise<{ text: string; html: string }> {
  return page.evaluate(async () => {
    const out = { text: '', html: '' };
    for (const item of await navigator.clipboard.read()) {
      if (item.types.includes('text/plain')) out.text = await (await item.getType('text/plain')).text();
      if (item.types.includes('text/html')) out.html = await (await item.getType('text/html')).text();
    }
    return out;
  });
}

/** Waits until the clipboard no longer holds the placeholder written by clearClipboard. */
export async function copiedClipboard(page: Page): Promise<{ text: string; html: string }> {
  const until = Date.now() + 10_000;
  for (;;) {
    // A read while the app's write is still landing fails ("Clipboard data has changed"): read again.
    const got = await readClipboard(page).catch((error: unknown) => {
      if (Date.now() > until) throw error;
      return null;
    });
    if (got && (got.text !== '(vazio)' || Date.now() > until)) return got;
    await page.waitForTimeout(100);
  }
}

/** The app's data model as the library holds it (see markReady in demo/compat/src/customers.ts). */
export function model(page: Page): Promise<string> {
  return page.evaluate(() => window.compatModel?.() ?? '');
}

/**
 * What a DOM grid paints: every raw dataset value present in the page's text,
 * read back as painted (mask-probe: characters under Sigilo's highlight or
 * overlay count as hidden). `raw` counts occurrences painted exactly as the raw value.
 */
export async function paintedValues(
  page: Page,
): Promise<{ values: number; occurrences: number; raw: number }> {
  const text = await page.evaluate(() => document.body.textContent ?? '');
  const values = new Set<string>();
  for (const m of text.matchAll(RAW_PATTERN)) if (RAW.has(m[0])) values.add(m[0]);
  let total = 0;
  let raw = 0;
  for (const value of values) {
    const found = await occurrences(page, value);
    total += found.length;
    raw += found.filter((o) => o.shown === value).length;
  }
  return { values: values.size, occurrences: total, raw };
}
