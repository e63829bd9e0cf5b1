/**
 * The page-world script (src/page-world/main.ts) at its edges: the page's calls
 * keep their return values and its own data outside the clipboard; what the page
 * can send it (a forged "drawn values" report, a forged configuration) never adds
 * a value the detector does not confirm, never starts a reveal or writes a
 * record, and never unmasks what the content script masks; and where it cannot
 * reach (a worker's OffscreenCanvas). Controls in a plain Chromium.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD } from '../../demo/data';
import { auditRecords, launchPlain, launchSigilo, type Sigilo } from './harness';
import { maskedForms, occurrences } from './mask-probe';
import { setLocalLayer } from './policy-helpers';

const PAGE = '/fixtures/page-world.html';
const CPF = RECORD.cpf;

let sigilo: Sigilo;
let plain: Browser;
beforeAll(async () => {
  sigilo = await launchSigilo({ locale: 'pt-BR' });
  plain = await launchPlain();
});
afterAll(async () => {
  await plain?.close();
  await sigilo?.close();
});

declare global {
  interface Window {
    results?: { offscreenNative: boolean; workerNative?: boolean };
  }
}

async function open(withSigilo: boolean): Promise<Page> {
  const page = withSigilo
    ? await sigilo.context.newPage()
    : await (await plain.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(sigilo.demoUrl(PAGE));
  await page.waitForSelector('html[data-demo-ready="true"]');
  return page;
}

/** Buttons of the masked-values list (Alt+Shift+M), then closes it. */
async function listEntries(page: Page): Promise<string[]> {
  await page.keyboard.press('Alt+Shift+M');
  const list = page.getByRole('dialog', { name: 'Valores protegidos nesta página' });
  await list.waitFor({ timeout: 10_000 });
  const names = await list.locator('[role="option"] .value').allTextContents();
  await page.keyboard.press('Escape');
  await list.waitFor({ state: 'hidden', timeout: 10_000 });
  return names;
}

describe('page world', () => {
  it("keeps the page's return values, and its own data outside the clipboard (a DataTransfer it reads back)", async () => {
    const page = await open(true);
    const checks = await page.evaluate(async (cpf) => {
      const dt = new DataTransfer();
      const set = dt.setData('text/plain', cpf);
      const ctx = document.createElement('canvas').getContext('2d')!;
      const written = navigator.clipboard.writeText('x').catch(() => undefined);
      return {
        dataTransfer: dt.getData('text/plain'),
        setDataReturns: set === undefined,
        measureIsMetrics: ctx.measureText(cpf) instanceof TextMetrics,
        fillTextReturns: ctx.fillText(cpf, 0, 10) === undefined,
        writeTextIsPromise: written instanceof Promise,
        itemIsItem: new ClipboardItem({ 'text/plain': 'x' }) instanceof ClipboardItem,
        names: [DataTransfer.prototype.setData.name, CanvasRenderingContext2D.prototype.fillText.name],
      };
    }, CPF);
    expect(checks).toEqual({
      dataTransfer: CPF,
      setDataReturns: true,
      measureIsMetrics: true,
      fillTextReturns: true,
      writeTextIsPromise: true,
      itemIsItem: true,
      names: ['setData', 'fillText'],
    });
    await page.close();
  });

  it("reaches this window's OffscreenCanvas but not a worker's (evidence for what stays out of reach)", async () => {
    const page = await open(true);
    expect(await page.evaluate(() => window.results)).toEqual({ offscreenNative: false, workerNative: true });
    await page.close();
    const control = await open(false);
    expect(await control.evaluate(() => window.results)).toEqual({
      offscreenNative: true,
      workerNative: true,
    });
    await control.close();
  });

  it('a forged "drawn values" report adds only values the detector confirms, of the kind it finds', async () => {
    const page = await open(true);
    const before = await listEntries(page);
    expect(before.some((n) => n.startsWith('Revelar CPF'))).toBe(true);
    await page.evaluate(() => {
      const forged = [
        { kind: 'CPF', value: 'not a value at all' },
        { kind: 'EMAIL', value: '111.444.777-35' },
        { kind: 'CPF', value: '111.444.777-35 and more' },
        { kind: 'CPF', value: '111.444.777-35' },
      ];
      document.dispatchEvent(new CustomEvent('sigilo:canvas-drawn', { detail: JSON.stringify(forged) }));
      document.dispatchEvent(new CustomEvent('sigilo:canvas-drawn', { detail: '{not json' }));
    });
    const after = await listEntries(page);
    expect(after.length).toBe(before.length + 1);
    expect(after.join('\n')).not.toContain('111.444.777-35');
    expect(after.filter((n) => n.startsWith('Revelar E-mail')).length).toBe(
      before.filter((n) => n.startsWith('Revelar E-mail')).length,
    );
    await page.close();
  });

  it('a forged configuration cannot reveal: no record, the value stays masked on screen', async () => {
    const page = await open(true);
    const recordsBefore = (await auditRecords(sigilo)).length;
    await page.evaluate((cpf) => {
      const config = {
        active: false,
        types: [],
        minConfidence: {},
        style: 'full',
        keepLast: 0,
        revealed: [['CPF', cpf]],
      };
      document.dispatchEvent(new CustomEvent('sigilo:page-config', { detail: JSON.stringify(config) }));
      document.dispatchEvent(new CustomEvent('sigilo:page-hello'));
    }, CPF);
    await page.waitForTimeout(500);
    const shown = await occurrences(page, CPF);
    expect(shown.length).toBeGreaterThan(0);
    for (const o of shown) expect(maskedForms(CPF)).toContain(o.shown);
    expect((await auditRecords(sigilo)).length).toBe(recordsBefore);
    // The hello made the content script send its own configuration again: the canvas masks again.
    const drawn = await page.evaluate((cpf) => {
      const ctx = document.createElement('canvas').getContext('2d')!;
      return { width: ctx.measureText(cpf).width, bullets: ctx.measureText('•••.•••.•••-97').width };
    }, CPF);
    expect(drawn.width).toBeCloseTo(drawn.bullets, 0);
    await page.close();
  });

  it("an app's copy masks values masked on screen by a field rule too, not only what the detectors find", async () => {
    const PROTOCOL = 'PRT-88231-XK'; // test/fixtures/pages/policy-rule.html: masked only by the rule
    const appCopy = async (page: Page) => {
      await page.evaluate((text) => navigator.clipboard.writeText(text), `Protocolo ${PROTOCOL}, CPF ${CPF}`);
      return page.evaluate(() => navigator.clipboard.readText());
    };
    const origin = sigilo.demoUrl('/');
    await sigilo.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    await setLocalLayer(sigilo, {
      fieldRules: [{ id: 'protocolo', selector: '.protocolo', kind: 'PROTOCOLO' }],
    });
    try {
      const page = await sigilo.context.newPage();
      await page.goto(sigilo.demoUrl('/fixtures/policy-rule.html'));
      await expect
        .poll(async () => (await occurrences(page, PROTOCOL)).map((o) => o.shown !== PROTOCOL), {
          timeout: 10_000,
        })
        .toEqual([true]);
      const copied = await appCopy(page);
      expect(copied).not.toContain(PROTOCOL);
      expect(copied).not.toContain(CPF);
      expect(copied).toContain('Protocolo ');
      await page.close();
    } finally {
      await setLocalLayer(sigilo, {});
    }
    const context = await plain.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    const control = await context.newPage();
    await control.goto(sigilo.demoUrl('/fixtures/policy-rule.html'));
    expect(await appCopy(control)).toBe(`Protocolo ${PROTOCOL}, CPF ${CPF}`);
    await context.close();
  });

  it('a copy handler writing through clipboardData.items.add carries the masked form; the control the raw value', async () => {
    const copy = async (page: Page) => {
      await page.evaluate((cpf) => {
        document.addEventListener('copy', (e) => {
          e.clipboardData!.items.add(`CPF ${cpf}`, 'text/plain');
          e.preventDefault();
        });
      }, CPF);
      await page.locator('canvas').click();
      await page.keyboard.press('Control+c');
      return page.evaluate(() => navigator.clipboard.readText());
    };
    const origin = sigilo.demoUrl('/');
    await sigilo.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    const page = await open(true);
    expect(await copy(page)).toBe(`CPF •••.•••.•••-${CPF.slice(-2)}`);
    await page.close();
    const context = await plain.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    const control = await context.newPage();
    await control.goto(sigilo.demoUrl(PAGE));
    await control.waitForSelector('html[data-demo-ready="true"]');
    expect(await copy(control)).toBe(`CPF ${CPF}`);
    await context.close();
  });
});
