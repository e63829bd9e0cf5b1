/**
 * A React 19 list virtualised with TanStack Virtual on 10,000 customers (rows
 * re-rendered by React on every scroll), with the app's own copy buttons
 * (navigator.clipboard.writeText, and a ClipboardItem with text/plain and
 * text/html). What is painted, what is copied (browser and app), what the app
 * holds, and that it keeps working; each against a plain Chromium.
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

const open = (withSigilo: boolean) => openCompat(pair, withSigilo, 'react-virtual');

async function scrollTo(page: Page, top: number): Promise<void> {
  await page.evaluate((t) => {
    document.getElementById('list')!.scrollTop = t;
  }, top);
  await page.waitForTimeout(100);
  await nextFrames(page);
}

describe('compat: TanStack Virtual (React)', () => {
  it('paints no raw value while React re-renders rows on scroll; the control paints them', async () => {
    const page = await open(true);
    for (const top of [0, 40_000, 160_000, 10_000_000]) {
      await scrollTo(page, top);
      const painted = await paintedValues(page);
      expect(painted.values).toBeGreaterThan(15);
      expect(painted.raw).toBe(0);
    }
    expect(await page.locator('#list').textContent()).toContain(CUSTOMERS[9999]!.name);
    await page.close();

    const control = await open(false);
    const plain = await paintedValues(control);
    expect(plain.raw).toBe(plain.occurrences);
    expect(plain.raw).toBeGreaterThan(15);
    await control.close();
  });

  it("the app's own copy (writeText, and a text/html ClipboardItem) carries masked values; the control carries all", async () => {
    const copy = async (page: Page, button: string) => {
      await clearClipboard(page);
      await page.locator(button).click();
      return copiedClipboard(page);
    };
    const page = await open(true);
    const text = await copy(page, '#copy-text');
    expect(text.text).toContain(CUSTOMERS[9999]!.name);
    expect(rawValuesIn(text.text)).toBe(0);
    const table = await copy(page, '#copy-html');
    expect(table.html).toContain(CUSTOMERS[9999]!.name);
    expect(table.html).toContain('<td>');
    expect(rawValuesIn(table.text)).toBe(0);
    expect(rawValuesIn(table.html)).toBe(0);
    await page.close();

    const control = await open(false);
    expect(rawValuesIn((await copy(control, '#copy-text')).text)).toBe(30_000);
    const raw = await copy(control, '#copy-html');
    expect(rawValuesIn(raw.html)).toBe(30_000);
    await control.close();
  });

  it('a browser copy of the visible rows carries masked values; the control carries them raw', async () => {
    const copy = async (page: Page) => {
      await clearClipboard(page);
      await page.evaluate(() => {
        const range = document.createRange();
        range.selectNodeContents(document.getElementById('list')!);
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
      await page.locator('.row[data-id="1"] .city').click();
      const editor = page.locator('.city-editor');
      await editor.fill('Nova Cidade');
      await editor.press('Enter');
      await page.locator('#sort').click();
      await nextFrames(page);
      await scrollTo(page, 80_000);
      const first = await page.locator('.row .name').first().textContent();
      const held = await model(page);
      if (withSigilo) expect((await paintedValues(page)).raw).toBe(0);
      await page.close();
      return { first, held };
    };
    const withSigilo = await run(true);
    const without = await run(false);
    const sorted = [...CUSTOMERS].sort((a, b) => a.name.localeCompare(b.name));
    expect(withSigilo.first).toBe(without.first);
    expect(JSON.parse(withSigilo.held)[0].name).toBe(sorted[0]!.name);
    expect(withSigilo.held).toContain('"city":"Nova Cidade"');
    expect(withSigilo.held).toBe(without.held);
    expect(pair.sigilo.pageErrors).toEqual([]);
  });
});
