/**
 * An agent's shift by keyboard, mouse and screen reader: fields masked the way
 * the policy says (partial forms in inputs, only the values in a textarea, a
 * select's option in masked form), what the agent types visible while typing
 * and submitted exactly as typed, a 1,000-row queue that gets at most a handful
 * of Tab stops from Sigilo and whose row 500 is revealed and hidden in a few
 * keys, and axe-core finding nothing on the pages and Sigilo's own UI, also at
 * 200 % zoom and in every language.
 */
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMS, IFRAME, queueRows, TEXTAREA_TEXT } from '../../demo/data';
import { findChromium } from '../../scripts/lib/chromium';
import { auditRecords, launchSigilo, revealDialog, type Sigilo } from './harness';
import { axeViolations, setZoom } from './harness/axe';
import { focusedDescription, hideButton } from './harness/keyboard';
import { rawCodesIn } from './harness/raw-codes';
import { expectedShown, occurrences, probeFieldMasked, probeFieldMirror } from './mask-probe';

let sigilo: Sigilo;
let plain: Browser;
beforeAll(async () => {
  sigilo = await launchSigilo({ locale: 'pt-BR' });
  plain = await chromium.launch({ executablePath: findChromium(), headless: true, args: ['--no-sandbox'] });
});
afterAll(async () => {
  await plain?.close();
  await sigilo?.close();
});

async function ready(page: Page): Promise<Page> {
  await page.waitForSelector('html[data-demo-ready="true"]');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return page;
}

/** Tab from the top of the page until focus comes back round; every distinct stop counted. */
async function countTabStops(page: Page, max = 400): Promise<number> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    (window as unknown as { __stops: WeakSet<Element> }).__stops = new WeakSet();
  });
  let stops = 0;
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const fresh = await page.evaluate(() => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      const seen = (window as unknown as { __stops: WeakSet<Element> }).__stops;
      if (!el || el === document.body || seen.has(el)) return false;
      seen.add(el);
      return true;
    });
    if (!fresh) return stops;
    stops++;
  }
  return stops;
}

describe('forms as agents need them', () => {
  it('inputs show the partial form, a textarea hides only its values, a select shows its option masked', async () => {
    const page = await ready(await sigilo.openPage('/forms.html'));
    // The policy's partial style (last 2 kept), not all dots; the page's value untouched.
    expect(await page.evaluate(probeFieldMasked, '#titular-cpf')).toEqual({
      masked: true,
      value: FORMS.inputCpf,
    });
    expect(await page.evaluate(probeFieldMirror, '#titular-cpf')).toBe(expectedShown(FORMS.inputCpf, 2));
    expect(await page.evaluate(probeFieldMirror, '#cartao')).toBe(expectedShown(FORMS.inputCard, 2));
    // The note keeps its words; only the CPF and the phone in it are masked.
    const note = (await page.evaluate(probeFieldMirror, '#observacoes')) ?? '';
    expect(note).toContain('Cliente ligou às 10h. Confirmou CPF');
    expect(note).toContain(expectedShown(FORMS.textareaCpf, 2));
    expect(note).toContain(expectedShown(FORMS.textareaPhone, 2));
    expect(note).not.toContain(FORMS.textareaCpf);
    expect(await page.locator('#observacoes').inputValue()).toBe(TEXTAREA_TEXT);
    // The select shows "Celular: (••) •••••-••NN", for sighted and screen-reader users alike.
    const label = await page.locator('#contato option:checked').getAttribute('label');
    expect(label).toBe(`Celular: ${expectedShown(FORMS.selectPhone, 2)}`);
    expect(await page.locator('#contato').inputValue()).toBe('celular');
    await page.close();
  });

  it('what the agent types shows while typing, is masked on leaving, and is submitted exactly as typed', async () => {
    const page = await ready(await sigilo.openPage('/forms.html'));
    const typed = '529.982.247-25';
    await page.locator('#dependente-cpf').click();
    await page.keyboard.type(typed);
    // Proofreading: the agent sees what they type.
    expect(await page.evaluate(probeFieldMasked, '#dependente-cpf')).toEqual({ masked: false, value: typed });
    await page.keyboard.press('Tab');
    await expect
      .poll(() => page.evaluate(probeFieldMasked, '#dependente-cpf'))
      .toEqual({ masked: true, value: typed });
    expect(await page.evaluate(probeFieldMirror, '#dependente-cpf')).toBe(expectedShown(typed, 2));
    // A value the agent typed stays in the Tab order (it is theirs); back in the field it shows again.
    await page.keyboard.press('Shift+Tab');
    await expect
      .poll(() => page.evaluate(probeFieldMasked, '#dependente-cpf'))
      .toEqual({ masked: false, value: typed });
    // A click or Enter in the agent's own text is for editing, never a reveal.
    await page.locator('#dependente-cpf').click();
    await page.keyboard.press('End');
    await page.waitForTimeout(300);
    expect(await revealDialog(page).count()).toBe(0);
    await page.getByRole('button', { name: 'Salvar alterações' }).click();
    const saved = await page.evaluate(
      () =>
        (window as unknown as { __demoFormsSaved: { fields: Record<string, string> } }).__demoFormsSaved
          .fields,
    );
    expect(saved['dependente-cpf']).toBe(typed);
    expect(saved['titular-cpf']).toBe(FORMS.inputCpf);
    expect(saved.cartao).toBe(FORMS.inputCard);
    expect(saved.observacoes).toBe(TEXTAREA_TEXT);
    expect(saved.contato).toBe('celular');
    await page.close();
  });

  it('a value the page placed stays masked while focused; a click in its field offers the reveal', async () => {
    const page = await ready(await sigilo.openPage('/forms.html'));
    await page.locator('#titular-cpf').click();
    const dialog = revealDialog(page, 'Revelar valor protegido');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await page.evaluate(probeFieldMasked, '#titular-cpf')).toEqual({
      masked: true,
      value: FORMS.inputCpf,
    });
    await dialog.getByRole('radio', { name: 'Atendimento ao titular' }).check();
    await dialog.getByRole('button', { name: 'Revelar' }).click();
    await expect
      .poll(() => page.evaluate(probeFieldMasked, '#titular-cpf'))
      .toEqual({
        masked: false,
        value: FORMS.inputCpf,
      });
    await hideButton(page).click();
    await expect
      .poll(() => page.evaluate(probeFieldMasked, '#titular-cpf'))
      .toEqual({
        masked: true,
        value: FORMS.inputCpf,
      });
    await page.close();
  });
});

describe('keyboard at any page size', () => {
  it('the 1,000-row queue gets at most 5 Tab stops from Sigilo (control: the same page without it)', async () => {
    const page = await ready(await sigilo.openPage('/queue.html'));
    // Row 1,000 is far below the viewport: its cell shows transparent discs (no overlay there).
    const last = queueRows(1000)[999]!.cpf;
    await expect.poll(async () => (await occurrences(page, last))[0]?.shown).toBe('•'.repeat(last.length));
    const withSigilo = await countTabStops(page);
    const control = await (await plain.newContext()).newPage();
    await ready(await control.goto(sigilo.demoUrl('/queue.html')).then(() => control));
    const without = await countTabStops(control);
    await control.context().close();
    expect(without).toBeGreaterThan(5);
    expect(withSigilo - without).toBeLessThanOrEqual(5);
    expect(withSigilo - without).toBeGreaterThanOrEqual(1); // the list's entry point
    await page.close();
  });

  it('a keyboard-only agent reveals the CPF of row 500 and hides it again in under 15 key presses', async () => {
    const page = await ready(await sigilo.openPage('/queue.html'));
    const row = queueRows(1000)[499]!;
    // Far from the viewport until the agent gets there: transparent discs, no overlay.
    await expect
      .poll(async () => (await occurrences(page, row.cpf))[0]?.shown)
      .toBe('•'.repeat(row.cpf.length));
    let presses = 0;
    const press = async (key: string) => {
      presses++;
      await page.keyboard.press(key);
    };
    await press('Alt+Shift+M');
    await page.locator('sigilo-ui [role="combobox"]').waitFor();
    for (const key of '500') await press(key);
    // The first match is row 500's CPF, named by its column and row.
    const first = page.locator('sigilo-ui [role="option"][aria-selected="true"]');
    await expect.poll(() => first.textContent()).toContain('linha 500');
    expect(await first.textContent()).toContain('CPF');
    await press('Enter');
    const dialog = revealDialog(page, 'Revelar valor protegido');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await expect
      .poll(() =>
        dialog
          .getByRole('radio')
          .first()
          .evaluate((el) => el === document.activeElement),
      )
      .toBe(true);
    await press('Space');
    await press('Enter');
    await expect.poll(async () => (await occurrences(page, row.cpf))[0]?.shown).toBe(row.cpf);
    await expect.poll(() => focusedDescription(page)).toBe('button:Ocultar');
    await press('Enter');
    await expect
      .poll(async () => (await occurrences(page, row.cpf))[0]?.shown)
      .toBe(expectedShown(row.cpf, 2));
    expect(presses).toBeLessThan(15);
    const records = await auditRecords(sigilo);
    expect(records.filter((r) => r.type === 'remask').length).toBeGreaterThanOrEqual(1);
    await page.close();
  });
});

describe('the masked-values list as a tool', () => {
  it("includes the frames' values, agrees with the popup's count, and reveals a frame's value in its frame", async () => {
    const page = await ready(await sigilo.openPage('/iframe.html'));
    const srcdoc = () => page.frames().find((f) => f.url() === 'about:srcdoc');
    await expect
      .poll(async () => {
        const f = srcdoc();
        return f ? (await occurrences(f, IFRAME.srcdocPhone))[0]?.shown : undefined;
      })
      .toBe(expectedShown(IFRAME.srcdocPhone, 2));
    await page.keyboard.press('Alt+Shift+M');
    const list = page.getByRole('dialog', { name: 'Valores protegidos nesta página' });
    await expect.poll(() => list.isVisible()).toBe(true);
    // The frames answer after the list opens: their values join it.
    await expect.poll(() => list.textContent()).toContain(expectedShown(IFRAME.srcdocPhone, 2));
    const text = (await list.textContent()) ?? '';
    for (const v of [IFRAME.parentCnpj, IFRAME.srcCpf, IFRAME.srcEmail, IFRAME.blankCard])
      expect(text).toContain(expectedShown(v, 2));
    const options = await list.getByRole('option').count();
    const status = await sigilo.evalInWorker(async () => {
      const [tab] = await chrome.tabs.query({ url: '*://*/iframe.html' });
      return chrome.tabs.sendMessage(
        tab!.id!,
        { sigiloPush: 1, type: 'content/status', req: {} },
        { frameId: 0 },
      );
    });
    expect((status as { maskedCount: number }).maskedCount).toBe(options);
    // Reveal the phone shown in the srcdoc frame, from the top frame's list.
    await page.keyboard.type('telefone quadro');
    await page.keyboard.press('Enter');
    const frame = srcdoc()!;
    const dialog = frame
      .frameLocator('sigilo-ui iframe.reveal-frame')
      .getByRole('dialog', { name: 'Revelar valor protegido' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByRole('radio', { name: 'Atendimento ao titular' }).check();
    await dialog.getByRole('button', { name: 'Revelar' }).click();
    await expect
      .poll(async () => (await occurrences(frame, IFRAME.srcdocPhone))[0]?.shown)
      .toBe(IFRAME.srcdocPhone);
    await page.close();
  });
});

describe('axe-core finds nothing, at 100 % and 200 %', () => {
  const PAGES = [
    '/index.html',
    '/record.html?live=0',
    '/queue.html?rows=200',
    '/chat.html',
    '/forms.html',
    '/shadow.html',
    '/iframe.html',
  ];
  for (const zoom of [100, 200]) {
    it(`demo pages with Sigilo at ${zoom} %`, async () => {
      for (const path of PAGES) {
        const page = await ready(await sigilo.openPage(path));
        if (zoom !== 100) await setZoom(page, zoom);
        expect(await axeViolations(page), `${path} @ ${zoom} %`).toEqual([]);
        await page.close();
      }
    }, 120_000);

    it(`the list, the reveal dialog and the revealed value's control at ${zoom} %`, async () => {
      const page = await ready(await sigilo.openPage('/record.html?live=0'));
      if (zoom !== 100) await setZoom(page, zoom);
      await page.keyboard.press('Alt+Shift+M');
      await page.locator('sigilo-ui [role="combobox"]').waitFor();
      expect(await axeViolations(page), 'list').toEqual([]);
      await page.keyboard.type('cpf');
      await page.keyboard.press('Enter');
      const dialog = revealDialog(page, 'Revelar valor protegido');
      await expect.poll(() => dialog.isVisible()).toBe(true);
      const frame = page.frames().find((f) => f.url().includes('/src/ui/reveal/'));
      expect(frame).toBeDefined();
      expect(await axeViolations(frame!), 'reveal dialog').toEqual([]);
      await dialog.getByRole('radio', { name: 'Atendimento ao titular' }).check();
      await dialog.getByRole('button', { name: 'Revelar' }).click();
      await hideButton(page).waitFor();
      expect(await axeViolations(page), 'revealed value').toEqual([]);
      await page.close();
    }, 60_000);
  }
});

describe("in pt-BR, en and es, from the browser or the agent's setting", () => {
  const LISTS = {
    pt: 'Valores protegidos nesta página',
    en: 'Protected values on this page',
    es: 'Valores protegidos en esta página',
  };
  const DIALOGS = {
    pt: 'Revelar valor protegido',
    en: 'Reveal protected value',
    es: 'Revelar valor protegido',
  };
  for (const locale of ['en', 'es', 'pt'] as const) {
    it(`${locale}: the list and the reveal dialog speak it, with no internal code`, async () => {
      await sigilo.evalInWorker((l) => chrome.storage.local.set({ 'ui.locale': l }), locale);
      const page = await ready(await sigilo.openPage('/record.html?live=0'));
      await page.keyboard.press('Alt+Shift+M');
      const list = page.getByRole('dialog', { name: LISTS[locale] });
      await expect.poll(() => list.isVisible()).toBe(true);
      const listText = (await list.textContent()) ?? '';
      expect(rawCodesIn(listText)).toEqual([]);
      // Kinds by their names: "Conta bancária" / "Bank account" / "Cuenta bancaria", not BANK_ACCOUNT.
      expect(listText).toMatch(
        { pt: /Data de nascimento/, en: /Date of birth/, es: /Fecha de nacimiento/ }[locale],
      );
      await page.keyboard.type(locale === 'en' ? 'bank' : 'banc');
      await page.keyboard.press('Enter');
      const dialog = revealDialog(page, DIALOGS[locale]);
      await expect.poll(() => dialog.isVisible()).toBe(true);
      const frame = page.frames().find((f) => f.url().includes('/src/ui/reveal/'))!;
      const dialogText = (await frame.locator('body').textContent()) ?? '';
      expect(rawCodesIn(dialogText)).toEqual([]);
      expect(dialogText).toMatch({ pt: /Conta bancária/, en: /Bank account/, es: /Cuenta bancaria/ }[locale]);
      expect(await frame.evaluate(() => document.documentElement.lang)).toBe(
        locale === 'pt' ? 'pt-BR' : locale,
      );
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.count()).toBe(0);
      await page.close();
    });
  }
  afterAll(async () => {
    await sigilo.evalInWorker(() => chrome.storage.local.remove('ui.locale'));
  });
});
