/**
 * Glide Data Grid (a canvas grid: every cell is drawn with fillText; the DOM
 * holds only its accessibility table, filled for the focused cells) on 10,000
 * customers. What is painted is read where it
 * is decided: a spy installed before Sigilo's page-world script sits under it and
 * records the text that reaches the browser's own fillText. Each check has its
 * control in a plain Chromium.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRecords, revealDialog } from '../harness';
import {
  CUSTOMERS,
  clearClipboard,
  copiedClipboard,
  launchPair,
  model,
  nextFrames,
  openCompat,
  type Pair,
  rawValuesIn,
} from './compat-helpers';

let pair: Pair;
beforeAll(async () => {
  pair = await launchPair();
});
afterAll(async () => {
  await pair?.close();
});

declare global {
  interface Window {
    /** Texts that reached the browser's own fillText/strokeText since the last take. */
    __painted?: string[];
    /** Whether the spy found the browser's own fillText (so it sits under any wrapper). */
    __spyUnder?: boolean;
  }
}

/** Runs before the page's scripts: records what reaches the native drawing calls. */
function canvasSpy(): void {
  const proto = CanvasRenderingContext2D.prototype;
  window.__spyUnder = /\[native code\]/.test(Function.prototype.toString.call(proto.fillText));
  window.__painted = [];
  for (const name of ['fillText', 'strokeText'] as const) {
    const native = proto[name];
    proto[name] = function (this: CanvasRenderingContext2D, text: string, ...rest: [number, number]) {
      const painted = window.__painted as string[];
      painted.push(String(text));
      if (painted.length > 100_000) painted.splice(0, 50_000);
      return native.call(this, text, ...rest);
    };
  }
}

async function open(withSigilo: boolean): Promise<Page> {
  const page = await openCompat(pair, withSigilo, 'glide', canvasSpy);
  expect(await page.evaluate(() => window.__spyUnder)).toBe(true);
  return page;
}

const takePainted = (page: Page) =>
  page.evaluate(() => {
    const out = (window.__painted ?? []).join('\n');
    window.__painted = [];
    return out;
  });

/** Scrolls the grid to `row` and waits for it to be drawn. */
async function scrollTo(page: Page, row: number): Promise<void> {
  await page.evaluate((r) => window.glide?.scrollTo(r), row);
  await page.waitForTimeout(150);
  await nextFrames(page);
}

/** Where cell (col, row) of the visible grid is on screen (header 36 px, rows 34 px, see glide.tsx widths). */
async function cellPoint(page: Page, col: number, visibleRow: number): Promise<{ x: number; y: number }> {
  const box = (await page.locator('canvas').first().boundingBox())!;
  const widths = [70, 220, 150, 170, 280, 160];
  const x = box.x + widths.slice(0, col).reduce((a, b) => a + b, 0) + 20;
  return { x, y: box.y + 36 + visibleRow * 34 + 17 };
}

/** The grid's own copy of one cell (click it, Ctrl+C). */
async function copyCell(page: Page, col: number, row: number): Promise<string> {
  // A click outside the grid first gives the document focus back (the clipboard needs it): the grid's
  // own mousedown keeps focus where it was, and after a reveal that was the removed reveal frame.
  await page.locator('h1').click();
  const p = await cellPoint(page, col, row);
  await page.mouse.click(p.x, p.y);
  await clearClipboard(page);
  await page.keyboard.press('Control+c');
  return (await copiedClipboard(page)).text;
}

describe('compat: Glide Data Grid (canvas)', () => {
  it('paints no raw value, also after scrolling through the 10,000 rows; the control paints them', async () => {
    const page = await open(true);
    const first = await takePainted(page);
    expect(first).toContain(CUSTOMERS[0]!.name);
    expect(first).toContain('•');
    expect(rawValuesIn(first)).toBe(0);
    for (const row of [2500, 5000, 9990]) {
      await scrollTo(page, row);
      const painted = await takePainted(page);
      expect(painted).toContain(CUSTOMERS[row]!.name);
      expect(rawValuesIn(painted)).toBe(0);
    }
    // measureText answers for what is drawn, so the grid's layout fits the masked text.
    const widths = await page.evaluate((cpf) => {
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font = '13px sans-serif';
      return [ctx.measureText(cpf).width, ctx.measureText('•••.•••.•••-00').width];
    }, CUSTOMERS[0]!.cpf);
    expect(widths[0]).toBeCloseTo(widths[1]!, 0);
    await page.close();

    const control = await open(false);
    const plain = await takePainted(control);
    expect(rawValuesIn(plain)).toBeGreaterThan(20);
    await control.close();
  });

  it("the grid's own copy (Ctrl+A, Ctrl+C) carries masked values in text and HTML; the control carries all", async () => {
    const copyAll = async (page: Page) => {
      await clearClipboard(page);
      const p = await cellPoint(page, 1, 1);
      await page.mouse.click(p.x, p.y);
      // The grid takes the keyboard once its own focus target has it.
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('role') === 'gridcell'))
        .toBe(true);
      await page.keyboard.press('Control+a');
      await page.keyboard.press('Control+c');
      return copiedClipboard(page);
    };
    const page = await open(true);
    const copied = await copyAll(page);
    expect(copied.text).toContain(CUSTOMERS[9999]!.name);
    expect(copied.text).toContain('•');
    expect(rawValuesIn(copied.text)).toBe(0);
    expect(rawValuesIn(copied.html)).toBe(0);
    await page.close();

    const control = await open(false);
    const raw = await copyAll(control);
    expect(rawValuesIn(raw.text)).toBeGreaterThanOrEqual(30_000);
    await control.close();
  });

  it('sorts, edits and holds exactly the data it holds without Sigilo', async () => {
    const run = async (withSigilo: boolean) => {
      const page = await open(withSigilo);
      // Edit the first row's city, then sort by name (header click).
      const city = await cellPoint(page, 5, 0);
      await page.mouse.dblclick(city.x, city.y);
      await page.locator('textarea.gdg-input').waitFor({ timeout: 5000 });
      // The overlay editor takes focus in an effect after it appears.
      await page.waitForTimeout(300);
      await page.keyboard.press('Control+a');
      await page.keyboard.type('Nova Cidade');
      // Its Enter handler saves the value of its last render: let React render the typing first.
      await page.waitForTimeout(300);
      await page.keyboard.press('Enter');
      // The grid commits an edit on a timer, then React renders.
      await expect.poll(() => model(page), { timeout: 5000 }).toContain('"city":"Nova Cidade"');
      const header = await cellPoint(page, 1, 0);
      await page.mouse.click(header.x, header.y - 34);
      await expect.poll(async () => (await model(page)).startsWith('[{"id":1,')).toBe(false);
      const held = await model(page);
      await page.close();
      return held;
    };
    const withSigilo = await run(true);
    const without = await run(false);
    const rows = JSON.parse(withSigilo) as Array<{ id: number; name: string; city: string }>;
    const sorted = [...CUSTOMERS].sort((a, b) => a.name.localeCompare(b.name));
    expect(rows[0]!.name).toBe(sorted[0]!.name);
    expect(rows.find((r) => r.id === 1)!.city).toBe('Nova Cidade');
    expect(withSigilo).toBe(without);
    expect(pair.sigilo.pageErrors).toEqual([]);
  });

  it('a value drawn on the canvas is in the masked-values list, revealed with a record, then masked again', async () => {
    const page = await open(true);
    const cpf = CUSTOMERS[0]!.cpf;
    await page.keyboard.press('Alt+Shift+M');
    const list = page.getByRole('dialog', { name: 'Valores protegidos nesta página' });
    await expect.poll(() => list.isVisible()).toBe(true);
    expect((await list.textContent()) ?? '').not.toContain(cpf);
    const shown = `•••.•••.•••-${cpf.slice(-2)}`;
    await list
      .getByRole('option', { name: `Revelar CPF ${shown}` })
      .first()
      .click({ timeout: 10_000 });
    const dialog = revealDialog(page, 'Revelar valor protegido');
    await dialog.getByRole('radio', { name: 'Atendimento ao titular' }).check({ timeout: 10_000 });
    await dialog.getByRole('button', { name: 'Revelar' }).click({ timeout: 10_000 });
    await page.getByRole('status').filter({ hasText: 'CPF revelado' }).waitFor({ timeout: 10_000 });
    // A canvas shows the revealed value when the app next draws it (here: a scroll away and back).
    await takePainted(page);
    await scrollTo(page, 50);
    await scrollTo(page, 0);
    expect(await takePainted(page)).toContain(cpf);
    // Revealed, it copies as shown; the next row's CPF stays masked.
    expect(await copyCell(page, 2, 0)).toBe(cpf);
    expect(rawValuesIn(await copyCell(page, 2, 1))).toBe(0);
    const records = await auditRecords(pair.sigilo);
    expect(records.length).toBeGreaterThan(0);
    expect(JSON.stringify(records)).not.toContain(cpf);
    await page.getByRole('button', { name: 'Ocultar' }).click({ timeout: 10_000 });
    await takePainted(page);
    await scrollTo(page, 50);
    await scrollTo(page, 0);
    const after = await takePainted(page);
    expect(after).toContain(CUSTOMERS[0]!.name);
    expect(rawValuesIn(after)).toBe(0);
    expect(await copyCell(page, 2, 0)).toBe(`•••.•••.•••-${cpf.slice(-2)}`);
    await page.close();
  });
});
