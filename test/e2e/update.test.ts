/**
 * Extension updates with CRM tabs open: the content script left from the old
 * version is orphaned; the new version's script takes over from it (the old one
 * tears itself down completely), the page stays masked at every frame, a reveal
 * works without reloading the page, and values added afterwards are masked.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD } from '../../demo/data';
import { clickValueStart, EXTENSION_ID, launchSigilo, revealDialog, type Sigilo, waitFor } from './harness';
import { maskedForms, occurrences } from './mask-probe';

let sigilo: Sigilo;
beforeAll(async () => {
  sigilo = await launchSigilo({ locale: 'pt-BR' });
});
afterAll(async () => {
  await sigilo?.close();
});

const masked = async (page: Page, v: string) => {
  const found = await occurrences(page, v);
  return found.length > 0 && found.every((o) => maskedForms(v).includes(o.shown));
};

/**
 * Reload the extension as chrome://extensions does. Chromium disables a
 * command-line unpacked extension on reload outside developer mode
 * ("unsupportedDeveloperExtension"), so developer mode is turned on first.
 */
async function reloadExtension(): Promise<void> {
  const page = await sigilo.context.newPage();
  try {
    await page.goto('chrome://extensions');
    await page.evaluate(async (id) => {
      const dev = (chrome as unknown as { developerPrivate: DeveloperPrivate }).developerPrivate;
      await new Promise((resolve) => dev.updateProfileConfiguration({ inDeveloperMode: true }, resolve));
      await new Promise((resolve) => dev.reload(id, { failQuietly: true }, resolve));
    }, EXTENSION_ID);
  } finally {
    await page.close();
  }
  await waitFor(
    async () =>
      (await sigilo
        .evalInWorker(() => chrome.scripting.getRegisteredContentScripts().then((s) => s.length))
        .catch(() => 0)) > 0,
    'the reloaded extension',
  );
}

interface DeveloperPrivate {
  updateProfileConfiguration(update: { inDeveloperMode: boolean }, done: (v?: unknown) => void): void;
  reload(id: string, options: { failQuietly: boolean }, done: (v?: unknown) => void): void;
}

/** Page world: count frames where the record's CPF is painted (page shown, element not masked). */
async function watchFrames(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { rawFrames: number; paintedFrames: number };
    w.rawFrames = 0;
    w.paintedFrames = 0;
    const el = document.querySelector('[data-field="cpf"]')!;
    const tick = () => {
      w.paintedFrames += 1;
      const pageHidden = getComputedStyle(document.documentElement).opacity === '0';
      const cellMasked =
        el.hasAttribute('data-sigilo-text') &&
        getComputedStyle(el).getPropertyValue('-webkit-text-fill-color') === 'rgba(0, 0, 0, 0)';
      if (!pageHidden && !cellMasked) w.rawFrames += 1;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

async function ownedByOneInstance(page: Page) {
  return page.evaluate(() => ({
    hosts: document.querySelectorAll('sigilo-ui').length,
    styles: document.querySelectorAll('style[data-sigilo]').length,
    sheets: [...document.adoptedStyleSheets].filter((s) =>
      [...s.cssRules].some((r) => r.cssText.includes('sigilo-mask')),
    ).length,
  }));
}

describe('extension update with a tab open', () => {
  it('the new content script takes over: masked at every frame, reveal works without a reload, new values masked', async () => {
    const page = await sigilo.openPage('/record.html?live=0');
    await page.waitForSelector('html[data-demo-ready="true"]');
    expect(await masked(page, RECORD.cpf)).toBe(true);
    await watchFrames(page);
    // As an enterprise auto-update does: the extension is replaced while the tab stays open.
    await reloadExtension();
    // The new instance is in: exactly one UI host, one style element, one mask sheet.
    await waitFor(async () => {
      const own = await ownedByOneInstance(page);
      return own.styles === 1 && own.sheets === 1;
    }, 'the new content script');
    expect(await masked(page, RECORD.cpf)).toBe(true);
    const frames = await page.evaluate(() => {
      const w = window as unknown as { paintedFrames: number; rawFrames: number };
      return { frames: w.paintedFrames, rawFrames: w.rawFrames };
    });
    expect(frames.frames).toBeGreaterThan(5);
    expect(frames.rawFrames).toBe(0);

    // A value the page adds now is masked by the new instance.
    await page.evaluate((cpf) => {
      const p = document.createElement('p');
      p.id = 'late';
      p.textContent = cpf;
      document.body.append(p);
    }, '620.190.597-97');
    await expect.poll(() => masked(page, '620.190.597-97')).toBe(true);

    // A reveal works without reloading the page.
    await clickValueStart(page, '[data-field="cpf"]');
    const dialog = revealDialog(page, 'Revelar valor protegido');
    await dialog.getByRole('radio', { name: 'Atendimento ao titular' }).check();
    await dialog.getByRole('button', { name: 'Revelar' }).click();
    await expect
      .poll(async () => (await occurrences(page, RECORD.cpf)).some((o) => o.shown === RECORD.cpf))
      .toBe(true);
    expect((await ownedByOneInstance(page)).hosts).toBe(1);
    expect(sigilo.pageErrors, sigilo.pageErrors.join('\n')).toEqual([]);
    expect(EXTENSION_ID).toBe(new URL((await sigilo.worker()).url()).host);
    await page.close();
  });
});
