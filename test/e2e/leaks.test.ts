/**
 * Leaks closed: copy, cut, drag, print and selection never carry or show a
 * masked value. Real keyboard shortcuts and the real clipboard; print through
 * Chromium's PDF output and pdftotext.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMS, RECORD } from '../../demo/data';
import { launchPlain, launchSigilo, type Sigilo } from './harness';
import { axHolding, charBox, countReddish, expectedShown, maskedForms, occurrences } from './mask-probe';

let sigilo: Sigilo;
beforeAll(async () => {
  sigilo = await launchSigilo();
  await sigilo.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: sigilo.demoUrl('/'),
  });
});
afterAll(async () => {
  await sigilo?.close();
});

async function open(p: string): Promise<Page> {
  const page = await sigilo.openPage(p);
  await page.waitForSelector('html[data-demo-ready="true"]', { timeout: 15_000 });
  return page;
}

async function selectContents(page: Page, selector: string): Promise<void> {
  await page.evaluate((sel) => {
    const r = document.createRange();
    r.selectNodeContents(document.querySelector(sel)!);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(r);
  }, selector);
}

const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

describe('leaks', () => {
  it('copy of a selection with masked values puts the masked form on the clipboard', async () => {
    const page = await open('/record.html?live=0');
    await page.evaluate(() => navigator.clipboard.writeText('before'));
    await selectContents(page, 'main');
    await page.keyboard.press('Control+C');
    const text = await clipboard(page);
    for (const v of [RECORD.cpf, RECORD.email, RECORD.phone, RECORD.card, RECORD.cnpj]) {
      expect(text).not.toContain(v);
    }
    // What is painted goes to the clipboard: the partial form, or discs for a whole-element value.
    expect(maskedForms(RECORD.cpf).some((f) => text.includes(f))).toBe(true);
    expect(text).toContain('Ana Almeida Ferreira'); // the rest of the selection is intact
    // Part of a value: only what is painted (the visible tail) survives.
    await page.evaluate(() => {
      const node = document.querySelector('[data-field="cpf"]')!.firstChild!;
      const r = document.createRange();
      r.setStart(node, 4);
      r.setEnd(node, 14);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(r);
    });
    await page.keyboard.press('Control+C');
    expect(maskedForms(RECORD.cpf).map((f) => f.slice(4))).toContain(await clipboard(page));
    await page.close();
  });

  it('cut from a masked input and from a contenteditable note: masked clipboard, text removed', async () => {
    const page = await open('/forms.html');
    await page.focus('#titular-cpf');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+X');
    const fromInput = await clipboard(page);
    expect(fromInput).not.toContain(FORMS.inputCpf);
    expect(fromInput).toMatch(/^•+$/);
    expect(await page.inputValue('#titular-cpf')).toBe('');

    await page.click('#nota');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+X');
    const fromNote = await clipboard(page);
    expect(fromNote).not.toContain(FORMS.noteEmail);
    expect(fromNote).not.toContain(FORMS.noteCard);
    expect(fromNote).toContain('Enviar 2ª via para');
    expect((await page.textContent('#nota'))?.trim()).toBe('');
    await page.close();
  });

  it('dragging selected text carries the masked form', async () => {
    const page = await open('/record.html?live=0');
    await selectContents(page, '[data-field="cpf"]');
    const dragged = await page.evaluate(() => {
      const dt = new DataTransfer();
      const target = document.querySelector('[data-field="cpf"]')!;
      target.dispatchEvent(new DragEvent('dragstart', { bubbles: true, cancelable: true, dataTransfer: dt }));
      return { text: dt.getData('text/plain'), html: dt.getData('text/html') };
    });
    expect(dragged.text).toBe(expectedShown(RECORD.cpf, 2));
    expect(dragged.html).not.toContain(RECORD.cpf);
    await page.close();
  });

  it('print (PDF, print media) shows masks: the raw values are not in the PDF text, the page is intact after', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sigilo-print-'));
    try {
      const page = await open('/record.html?live=0');
      await page.emulateMedia({ media: 'print' });
      const file = path.join(dir, 'record.pdf');
      writeFileSync(file, await page.pdf());
      const text = execFileSync('pdftotext', [file, '-']).toString();
      expect(text).toContain('Dados pessoais'); // extraction works
      for (const v of [RECORD.cpf, RECORD.email, RECORD.phone, RECORD.card, RECORD.cnpj])
        expect(text).not.toContain(v);
      expect(text).toContain(expectedShown(RECORD.cpf, 2));
      // After printing the page's own DOM holds its real values again, masked on screen.
      await page.emulateMedia({ media: 'screen' });
      expect(await page.textContent('[data-field="cpf"]')).toBe(RECORD.cpf);
      for (const o of await occurrences(page, RECORD.cpf)) expect(maskedForms(RECORD.cpf)).toContain(o.shown);
      await page.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a value only its label makes one, inside longer text, is not read aloud raw (control: a plain Chromium reads it)', async () => {
    const path = '/fixtures/a11y-labelled-value.html';
    const page = await open(path);
    for (const o of await occurrences(page, RECORD.rg)) expect(maskedForms(RECORD.rg)).toContain(o.shown);
    expect(await axHolding(page, RECORD.rg)).toEqual([]);
    await page.close();
    const plain = await launchPlain();
    try {
      const control = await (await plain.newContext()).newPage();
      await control.goto(sigilo.demoUrl(path));
      await control.waitForSelector('html[data-demo-ready="true"]');
      expect((await axHolding(control, RECORD.rg)).length).toBeGreaterThan(0);
    } finally {
      await plain.close();
    }
  });

  it("selecting masked text does not show it, even with the page's own ::selection colour", async () => {
    const page = await sigilo.openPage('/fixtures/mask-hostile-css.html');
    await page.waitForSelector('#cpf');
    await page.waitForTimeout(200);
    await selectContents(page, 'body');
    const box = await charBox(page, '#embedded', RECORD.cpf, 3);
    const png = await page.screenshot({ clip: box });
    expect(await countReddish(page, png)).toBe(0);
    // A whole-element value, selected the same way.
    expect(await countReddish(page, await page.locator('#cpf').screenshot())).toBe(0);
    // Control: the unmasked word next to it, selected the same way, IS painted red.
    const plain = await page.evaluate(() => {
      const b = document.getElementById('plain')!.getBoundingClientRect();
      return { x: b.x, y: b.y, width: 60, height: b.height };
    });
    expect(await countReddish(page, await page.screenshot({ clip: plain }))).toBeGreaterThan(10);
    await page.close();
  });
});
