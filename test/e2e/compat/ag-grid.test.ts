/**
 * AG Grid Community 36 on 10,000 customers: virtualised rows, sort on header
 * click, cell editing. (Community has no clipboard feature of its own: the
 * agent's copy is the browser's.) What is painted, what is copied, what the
 * grid holds, and that it keeps working; each against a plain Chromium.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CUSTOMERS,
  clearClipboard,
  copiedClipboard,
  launchPair,
  model,
  nextFrames,
  openCompat,
  type Pair,
  paintedValues,
  rawValuesIn,
} from './compat-helpers';

let pair: Pair;
beforeAll(async () => {
  pair = await launchPair();
});
afterAll(async () => {
  await pair?.close();
});

const open = (withSigilo: boolean) => openCompat(pair, withSigilo, 'ag-grid');

declare global {
  interface Window {
    gridApi?: { ensureIndexVisible(index: number, position: 'top' | 'bottom'): void };
  }
}

/** Brings `row` into view the way the grid itself scrolls (its viewport element is the library's business). */
async function scrollTo(page: Page, row: number): Promise<void> {
  await page.evaluate((r) => window.gridApi?.ensureIndexVisible(r, 'top'), row);
  await page.waitForTimeout(150);
  await nextFrames(page);
}

describe('compat: AG Grid Community', () => {
  it('paints no raw value, also after a fast scroll to the last rows; the control paints them', async () => {
    const page = await open(true);
    for (const top of [0, 2500, 9999]) {
      await scrollTo(page, top);
      const painted = await paintedValues(page);
      expect(painted.values).toBeGreaterThan(15);
      expect(painted.raw).toBe(0);
    }
    expect(await page.locator('.ag-grid-scrolling-rows').textContent()).toContain(CUSTOMERS[9999]!.name);
    await page.close();

    const control = await open(false);
    const plain = await paintedValues(control);
    expect(plain.raw).toBe(plain.occurrences);
    expect(plain.raw).toBeGreaterThan(15);
    await control.close();
  });

  it('a copy of selected rows (the browser copy) carries masked values; the control carries them raw', async () => {
    const copy = async (page: Page) => {
      await clearClipboard(page);
      await page.evaluate(() => {
        const range = document.createRange();
        range.selectNodeContents(document.querySelector('.ag-grid-scrolling-rows')!);
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(range);
      });
      await page.keyboard.press('Control+c');
      return copiedClipboard(page);
    };
    const page = await open(true);
    const copied = await copy(page);
    expect(copied.text).toContain(CUSTOMERS[0]!.name);
    expect(rawValuesIn(copied.text)).toBe(0);
    await page.close();

    const control = await open(false);
    expect(rawValuesIn((await copy(control)).text)).toBeGreaterThan(15);
    await control.close();
  });

  it('sorts, edits and holds exactly the data it holds without Sigilo', async () => {
    const run = async (withSigilo: boolean) => {
      const page = await open(withSigilo);
      const city = page.locator('[row-index="0"] [col-id="city"]');
      await city.dblclick();
      const editor = page.locator('[col-id="city"] input');
      await editor.fill('Nova Cidade');
      await editor.press('Enter');
      await page.locator('.ag-header-cell[col-id="name"] .ag-header-cell-label').click();
      await nextFrames(page);
      await page.waitForTimeout(200);
      const first = await page.locator('[row-index="0"] [col-id="name"]').textContent();
      const held = await model(page);
      if (withSigilo) expect((await paintedValues(page)).raw).toBe(0);
      await page.close();
      return { first, held };
    };
    const withSigilo = await run(true);
    const without = await run(false);
    const sorted = [...CUSTOMERS].sort((a, b) => a.name.localeCompare(b.name));
    expect(withSigilo.first).toBe(without.first);
    expect(withSigilo.first).toBe(sorted[0]!.name);
    expect(withSigilo.held).toContain('"city":"Nova Cidade"');
    expect(withSigilo.held).toBe(without.held);
    expect(pair.sigilo.pageErrors).toEqual([]);
  });
});
