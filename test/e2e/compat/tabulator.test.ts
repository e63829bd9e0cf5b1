/**
 * Tabulator 6.5 with its own clipboard (`clipboard: true`) on 10,000 customers:
 * a click on a cell and Ctrl+C makes Tabulator write every row through the copy
 * event's clipboardData. What is painted, what is copied, what the table holds
 * and that it keeps scrolling, sorting and editing; each against a plain Chromium.
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

const open = (withSigilo: boolean) => openCompat(pair, withSigilo, 'tabulator');

async function scrollTo(page: Page, top: number): Promise<void> {
  await page.evaluate((t) => {
    document.querySelector('.tabulator-tableholder')!.scrollTop = t;
  }, top);
  await page.waitForTimeout(100);
  await nextFrames(page);
}

describe('compat: Tabulator', () => {
  it('paints no raw value, also after scrolling to the last rows; the control paints them', async () => {
    const page = await open(true);
    for (const top of [0, 150_000, 10_000_000]) {
      await scrollTo(page, top);
      const painted = await paintedValues(page);
      expect(painted.values).toBeGreaterThan(15);
      expect(painted.raw).toBe(0);
    }
    expect(await page.locator('.tabulator-row').last().textContent()).toContain(CUSTOMERS[9999]!.name);
    await page.close();

    const control = await open(false);
    const plain = await paintedValues(control);
    expect(plain.raw).toBe(plain.occurrences);
    expect(plain.raw).toBeGreaterThan(15);
    await control.close();
  });

  it("Tabulator's own copy of all rows (click a cell, Ctrl+C) carries masked values; the control carries all 30,000", async () => {
    const copy = async (page: Page) => {
      await clearClipboard(page);
      await page.locator('.tabulator-cell[tabulator-field="name"]').first().click();
      await page.keyboard.press('Control+c');
      return copiedClipboard(page);
    };
    const page = await open(true);
    const copied = await copy(page);
    expect(copied.text).toContain(CUSTOMERS[9999]!.name);
    expect(copied.text).toContain('•');
    expect(rawValuesIn(copied.text)).toBe(0);
    expect(rawValuesIn(copied.html)).toBe(0);
    await page.close();

    const control = await open(false);
    const raw = await copy(control);
    expect(rawValuesIn(raw.text)).toBe(30_000);
    await control.close();
  });

  it('sorts, edits and holds exactly the data it holds without Sigilo', async () => {
    const run = async (withSigilo: boolean) => {
      const page = await open(withSigilo);
      await page.locator('.tabulator-cell[tabulator-field="city"]').first().click();
      const editor = page.locator('.tabulator-cell[tabulator-field="city"] input');
      await editor.fill('Nova Cidade');
      await editor.press('Enter');
      await page.locator('.tabulator-col[tabulator-field="name"] .tabulator-col-title').click();
      await nextFrames(page);
      const first = await page
        .locator('.tabulator-row')
        .first()
        .locator('[tabulator-field="name"]')
        .textContent();
      const held = await model(page);
      if (withSigilo) expect((await paintedValues(page)).raw).toBe(0);
      await page.close();
      return { first, held };
    };
    const withSigilo = await run(true);
    const without = await run(false);
    const sorted = [...CUSTOMERS].sort((a, b) => a.name.localeCompare(b.name, 'pt-BR'));
    expect(withSigilo.first).toBe(without.first);
    expect([sorted[0]!.name, sorted.at(-1)!.name]).toContain(withSigilo.first);
    expect(withSigilo.held).toContain('"city":"Nova Cidade"');
    expect(withSigilo.held).toBe(without.held);
    expect(pair.sigilo.pageErrors).toEqual([]);
  });
});
