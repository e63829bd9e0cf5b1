/**
 * Live policy: a policy change reaches open pages without a reload (the
 * background pushes `policy/changed`, the content script re-fetches and
 * re-applies): a new field rule masks at once; removing it unmasks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD } from '../../demo/data';
import { launchSigilo, type Sigilo } from './harness';
import { expectedShown, maskedForms, occurrences } from './mask-probe';
import { setLocalLayer } from './policy-helpers';

let sigilo: Sigilo;
beforeAll(async () => {
  sigilo = await launchSigilo();
});
afterAll(async () => {
  await sigilo?.close();
});

describe('live policy', () => {
  it('a field rule added while the page is open masks its element; removing it unmasks', async () => {
    const page = await sigilo.openPage('/record.html?live=0');
    await page.waitForSelector('html[data-demo-ready="true"]');
    const name = RECORD.name; // no detector flags a name in a <dd> of its own
    // The name is in the page title (<h1>) and in the rule's element (<dd data-field="name-full">).
    const shown = async () =>
      (await occurrences(page, name)).map((o) =>
        o.shown === name ? 'raw' : maskedForms(name).includes(o.shown) ? 'masked' : o.shown,
      );
    expect(await shown()).toEqual(['raw', 'raw']);
    await setLocalLayer(sigilo, {
      fieldRules: [{ id: 'nome-cliente', selector: '[data-field="name-full"]', kind: 'NOME' }],
    });
    await expect.poll(shown, { timeout: 10_000 }).toEqual(['raw', 'masked']);
    // Still the same page (no reload), and the CPF stays masked throughout.
    expect(
      (await occurrences(page, RECORD.cpf)).every((o) => maskedForms(RECORD.cpf).includes(o.shown)),
    ).toBe(true);
    await setLocalLayer(sigilo, {});
    await expect
      .poll(async () => (await occurrences(page, name)).filter((o) => o.shown === name).length)
      .toBe(2);
    expect(sigilo.pageErrors).toEqual([]);
    await page.close();
  });

  it("a whole-element value shows the policy's mask form (partial, chip, full) painted over it; layout stays put", async () => {
    const page = await sigilo.openPage('/record.html?live=0');
    await page.waitForSelector('html[data-demo-ready="true"]');
    const cell = page.locator('dd[data-field="cpf"]');
    const shownInCell = async () => {
      const found = await occurrences(page, RECORD.cpf);
      return found.map((o) => o.shown);
    };
    const box = await cell.boundingBox();
    // Default policy: partial, last 2 kept: the overlay reads •••.•••.•••-97.
    await expect.poll(shownInCell).toContain(expectedShown(RECORD.cpf, 2));
    const partialPng = await cell.screenshot();
    await setLocalLayer(sigilo, { maskStyle: 'chip' });
    await expect.poll(shownInCell, { timeout: 10_000 }).toContain('CPF •••');
    const chipPng = await cell.screenshot();
    await setLocalLayer(sigilo, { maskStyle: 'full' });
    await expect.poll(shownInCell, { timeout: 10_000 }).toContain('•'.repeat(Array.from(RECORD.cpf).length));
    // The overlay is really painted (the three forms look different) and the cell never moved or resized.
    expect(partialPng.equals(chipPng)).toBe(false);
    expect(await cell.boundingBox()).toEqual(box);
    // The page's own text is untouched: the masks are paint only.
    expect(await cell.textContent()).toBe(RECORD.cpf);
    await setLocalLayer(sigilo, {});
    await expect.poll(shownInCell, { timeout: 10_000 }).toContain(expectedShown(RECORD.cpf, 2));
    expect(sigilo.pageErrors).toEqual([]);
    await page.close();
  });

  it('a value element that is a flex or grid container keeps its size and its text where it was', async () => {
    const page = await sigilo.openPage('/fixtures/mask-layout.html');
    await page.waitForSelector('html[data-demo-ready="true"]');
    const geometry = () =>
      page.evaluate(() =>
        ['between', 'gap', 'end', 'grid', 'abs'].map((name) => {
          const measure = (el: Element) => {
            const box = el.getBoundingClientRect();
            const r = document.createRange();
            r.selectNodeContents(el);
            const text = r.getBoundingClientRect();
            return { w: box.width, h: box.height, dx: text.x - box.x, dy: text.y - box.y };
          };
          const value = document.getElementById(`${name}-v`)!;
          return {
            name,
            masked: value.hasAttribute('data-sigilo-text'),
            value: measure(value),
            control: measure(document.getElementById(`${name}-c`)!),
          };
        }),
      );
    await expect.poll(async () => (await geometry()).every((g) => g.masked)).toBe(true);
    for (const g of await geometry()) expect(g.value, g.name).toEqual(g.control);
    // The masked form is painted there (not only hidden): partial, last two digits kept.
    const shown = (await occurrences(page, RECORD.cpf)).map((o) => o.shown);
    expect(shown).toEqual(Array(5).fill(expectedShown(RECORD.cpf, 2)));
    await page.close();
  });
});
