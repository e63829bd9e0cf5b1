/**
 * Reveal with a reason, end to end with the real background and reveal log:
 * mouse and keyboard, the accessible dialog (role, name, Escape, focus return,
 * "other" needs text), the value shown only after the record is stored, the
 * visible countdown, "hide", the re-mask timer, navigation, the masked-values
 * list, and a refused reveal when the record cannot be stored.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD } from '../../demo/data';
import { auditRecords, clickValueStart, launchSigilo, revealDialog, type Sigilo } from './harness';
import { focusedDescription, hideButton, revealFromList, secondsLeft } from './harness/keyboard';
import { expectedShown, maskedForms, occurrences } from './mask-probe';

let sigilo: Sigilo;
beforeAll(async () => {
  sigilo = await launchSigilo({ locale: 'pt-BR' });
});
afterAll(async () => {
  await sigilo?.close();
});

async function open(p: string): Promise<Page> {
  const page = await sigilo.openPage(p);
  await page.waitForSelector('html[data-demo-ready="true"]', { timeout: 15_000 });
  return page;
}

const masked = async (page: Page, v: string) =>
  (await occurrences(page, v)).every((o) => maskedForms(v).includes(o.shown));
const shownRaw = async (page: Page, v: string) => {
  const found = await occurrences(page, v);
  return found.length > 0 && found.every((o) => o.shown === v);
};

/** Click the first hidden characters of the record's CPF, like an agent would. */
const clickMaskedCpf = (page: Page) => clickValueStart(page, '[data-field="cpf"]');
const records = () => auditRecords(sigilo);

describe('reveal', () => {
  it('by mouse: accessible dialog, value shown only after the record is stored, countdown, hide', async () => {
    const page = await open('/record.html?live=0');
    expect(await masked(page, RECORD.cpf)).toBe(true);
    await clickMaskedCpf(page);
    const dialog = revealDialog(page, 'Revelar valor protegido');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    // Nothing is shown while the dialog is open.
    expect(await masked(page, RECORD.cpf)).toBe(true);
    await dialog.getByRole('radio', { name: 'Atendimento ao titular' }).check();
    await dialog.getByRole('button', { name: 'Revelar' }).click();
    await expect.poll(() => shownRaw(page, RECORD.cpf)).toBe(true);
    await expect.poll(() => dialog.count()).toBe(0);
    // Announced once; "Ocultar" is beside the value and has focus.
    await expect
      .poll(() => page.locator('sigilo-ui .announcer').textContent())
      .toMatch(/CPF revelado por 30 segundos/);
    await expect.poll(() => focusedDescription(page)).toBe('button:Ocultar');
    const value = await page.locator('[data-field="cpf"]').boundingBox();
    const pill = await page.locator('sigilo-ui .pill').boundingBox();
    expect(Math.abs(pill!.y + pill!.height / 2 - (value!.y + value!.height / 2))).toBeLessThan(20);
    expect(pill!.x).toBeGreaterThanOrEqual(value!.x);
    // The record exists, with the reason and without the raw value.
    const revealed = (await records()).filter((r) => r.outcome === 'revealed' && r.kind === 'CPF');
    expect(revealed.length).toBeGreaterThanOrEqual(1);
    expect(revealed.at(-1)!.reasonId).toBe('customer-request');
    expect(JSON.stringify(await sigilo.idbDump())).not.toContain(RECORD.cpf);
    // Other values stay masked.
    expect(await masked(page, RECORD.email)).toBe(true);
    await page.getByRole('button', { name: 'Ocultar' }).click();
    await expect.poll(() => masked(page, RECORD.cpf)).toBe(true);
    await expect
      .poll(async () => (await records()).some((r) => r.type === 'remask' && r.refId === revealed.at(-1)!.id))
      .toBe(true);
    await page.close();
  });

  it('by keyboard: the list opens the dialog, which traps focus; Escape cancels and returns focus; "other" requires text', async () => {
    const page = await open('/record.html?live=0');
    await page.locator('#confirm-cpf').focus();
    await revealFromList(page, 'cpf');
    const dialog = revealDialog(page, 'Revelar valor protegido');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    // A true modal: Shift+Tab and Tab cycle inside it, the page behind is inert.
    for (const key of ['Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab']) {
      await page.keyboard.press(key);
      expect(await page.evaluate(() => document.activeElement?.localName)).toBe('sigilo-ui');
    }
    expect(await page.evaluate(() => document.body.inert)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    // The frame goes once the background has recorded the cancel; focus is then back where the agent was.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('confirm-cpf');
    expect(await page.evaluate(() => document.body.inert)).toBe(false);
    expect(await masked(page, RECORD.cpf)).toBe(true);
    await expect.poll(async () => (await records()).some((r) => r.outcome === 'cancelled')).toBe(true);

    await revealFromList(page, 'cpf');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByRole('radio', { name: 'Outro' }).check();
    await dialog.getByRole('button', { name: 'Revelar' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('"Outro" exige uma descrição');
    expect(await masked(page, RECORD.cpf)).toBe(true);
    await dialog.getByLabel('Descreva o motivo').fill('Conferência solicitada pela ouvidoria');
    await dialog.getByRole('button', { name: 'Revelar' }).press('Enter');
    await expect.poll(() => shownRaw(page, RECORD.cpf)).toBe(true);
    // Hide is beside the value and focused; Enter hides, and focus returns to where the agent was.
    await expect.poll(() => focusedDescription(page)).toBe('button:Ocultar');
    await page.keyboard.press('Enter');
    await expect.poll(() => masked(page, RECORD.cpf)).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('confirm-cpf');
    await page.close();
  });

  it('re-masks on navigation (SPA history change) and records the re-mask', async () => {
    const page = await open('/record.html?live=0');
    await clickMaskedCpf(page);
    const dialog = revealDialog(page);
    await dialog.getByRole('radio', { name: 'Confirmação de identidade' }).check();
    await dialog.getByRole('button', { name: 'Revelar' }).click();
    await expect.poll(() => shownRaw(page, RECORD.cpf)).toBe(true);
    const remasksBefore = (await records()).filter((r) => r.type === 'remask').length;
    await page.evaluate(() => history.pushState({}, '', '/record.html?live=0&view=2'));
    await expect.poll(() => masked(page, RECORD.cpf)).toBe(true);
    await expect
      .poll(async () => (await records()).filter((r) => r.type === 'remask').length)
      .toBe(remasksBefore + 1);
    await page.close();
  });

  it('the masked-values list (Alt+Shift+M) reveals through the same flow', async () => {
    const page = await open('/record.html?live=0');
    await page.keyboard.press('Alt+Shift+M');
    const list = page.getByRole('dialog', { name: 'Valores protegidos nesta página' });
    await expect.poll(() => list.isVisible()).toBe(true);
    const items = list.getByRole('option', { name: /^Revelar / });
    expect(await items.count()).toBeGreaterThanOrEqual(5);
    const listText = (await list.textContent()) ?? '';
    expect(listText).not.toContain(RECORD.email);
    expect(listText).toContain(expectedShown(RECORD.email, 2));
    await list
      .getByRole('option', { name: `Revelar E-mail ${expectedShown(RECORD.email, 2)}` })
      .first()
      .click();
    const dialog = revealDialog(page, 'Revelar valor protegido');
    await dialog.getByRole('radio', { name: 'Obrigação legal' }).check();
    await dialog.getByRole('button', { name: 'Revelar' }).click();
    await expect.poll(() => shownRaw(page, RECORD.email)).toBe(true);
    expect(await masked(page, RECORD.cpf)).toBe(true);
    await page.close();
  });

  it('re-masks when the reveal time runs out (default 30 s), with a visible countdown', async () => {
    const page = await open('/record.html?live=0');
    await clickMaskedCpf(page);
    const dialog = revealDialog(page);
    await dialog.getByRole('radio', { name: 'Atendimento ao titular' }).check();
    await dialog.getByRole('button', { name: 'Revelar' }).click();
    await expect.poll(() => shownRaw(page, RECORD.cpf)).toBe(true);
    const seconds = () => secondsLeft(page);
    const first = await seconds();
    expect(first).toBeGreaterThan(20);
    expect(first).toBeLessThanOrEqual(30);
    await page.waitForTimeout(2200);
    expect(await seconds()).toBeLessThan(first);
    await expect.poll(() => masked(page, RECORD.cpf), { timeout: 35_000, interval: 500 }).toBe(true);
    await expect.poll(() => hideButton(page).count()).toBe(0);
    await page.close();
  }, 60_000);

  it('the dialog is isolated from host CSS that hides dialogs', async () => {
    const page = await sigilo.openPage('/fixtures/mask-hostile-css.html');
    await page.waitForSelector('#cpf');
    await page.waitForTimeout(200);
    const box = await page.evaluate(() => {
      const r = document.createRange();
      r.setStart(document.getElementById('cpf')!.firstChild!, 0);
      r.setEnd(document.getElementById('cpf')!.firstChild!, 3);
      const b = r.getBoundingClientRect();
      return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    });
    await page.mouse.click(box.x, box.y);
    const dialog = revealDialog(page, /Reveal protected value|Revelar valor protegido/);
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await page.close();
  });

  it('refuses and shows why when the record cannot be stored; nothing is revealed', async () => {
    const page = await open('/record.html?live=0');
    // Make every IndexedDB write in the service worker fail, as a full or broken disk would.
    await sigilo.evalInWorker(() => {
      const fail = () => {
        throw new DOMException('simulated write failure', 'QuotaExceededError');
      };
      IDBObjectStore.prototype.put = fail;
      IDBObjectStore.prototype.add = fail;
    });
    await clickMaskedCpf(page);
    const dialog = revealDialog(page);
    await dialog.getByRole('radio', { name: 'Atendimento ao titular' }).check();
    await dialog.getByRole('button', { name: 'Revelar' }).click();
    const alert = dialog.getByRole('alert');
    await expect.poll(() => alert.textContent(), { timeout: 15_000 }).toContain('Nada foi revelado');
    expect((await alert.textContent())!.length).toBeGreaterThan('Nada foi revelado: '.length);
    expect(await masked(page, RECORD.cpf)).toBe(true);
    await page.waitForTimeout(500);
    expect(await masked(page, RECORD.cpf)).toBe(true);
    await dialog.getByRole('button', { name: 'Fechar' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await masked(page, RECORD.cpf)).toBe(true);
    await page.close();
  });
});
