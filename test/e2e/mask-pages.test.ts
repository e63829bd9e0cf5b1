/**
 * Masking on the demo workspace in real Chromium with the built extension:
 * initial load, SPA updates, streaming chat, shadow roots, iframes, inputs,
 * attributes. Every check reads what is painted (CSS highlight registry,
 * computed text-security), never the extension's own bookkeeping.
 */
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMERS, chatMessages, FORMS, IFRAME, RECORD, SHADOW } from '../../demo/data';
import { launchSigilo, type Sigilo } from './harness';
import {
  charBox,
  countReddish,
  expectedShown,
  maskedForms,
  occurrences,
  prepare,
  probeFieldMasked,
} from './mask-probe';

const KEEP_LAST = 2; // DEFAULT_POLICY

let sigilo: Sigilo;

beforeAll(async () => {
  sigilo = await launchSigilo({ locale: 'pt-BR' });
});
afterAll(async () => {
  await sigilo?.close();
});

async function open(path: string): Promise<Page> {
  const page = await sigilo.openPage(path);
  await page.waitForSelector('html[data-demo-ready="true"]', { timeout: 15_000 });
  return page;
}

async function expectMasked(target: Page | Frame, value: string, minCount = 1): Promise<void> {
  const found = await occurrences(target, value);
  expect(found.length, `occurrences of a ${value.length}-char value`).toBeGreaterThanOrEqual(minCount);
  for (const o of found) expect(maskedForms(value)).toContain(o.shown);
}

describe('mask on the demo workspace', () => {
  it('masks every sensitive value of the CRM record at load, and the page logs no errors', async () => {
    const before = sigilo.pageErrors.length;
    const page = await open('/record.html?live=0');
    for (const v of [RECORD.cpf, RECORD.email, RECORD.phone, RECORD.card, RECORD.cnpj])
      await expectMasked(page, v);
    // Values whose kind only their label gives away (a <dt> beside the <dd>).
    for (const v of [RECORD.birthDate, RECORD.agencia, RECORD.conta]) await expectMasked(page, v);
    // The page itself still reads its real values (nothing was rewritten in its DOM).
    expect(await page.locator('[data-field="cpf"]').textContent()).toBe(RECORD.cpf);
    expect(sigilo.pageErrors.slice(before)).toEqual([]);
    await page.close();
  });

  it('keeps a Preact page masked through 100 re-renders of a masked value (user clicks)', async () => {
    const before = sigilo.pageErrors.length;
    const page = await open('/record.html?live=0');
    for (let i = 1; i <= 100; i++) {
      await page.click('[data-action="next-customer"]');
      const customer = CUSTOMERS[i % CUSTOMERS.length]!;
      await expect.poll(() => page.locator('[data-field="cpf"]').textContent()).toBe(customer.cpf);
      // Displayed == masked form of the CURRENT value, checked right after the click's task.
      const shown = await occurrences(page, customer.cpf);
      expect(shown.length).toBeGreaterThan(0);
      for (const o of shown) expect(maskedForms(customer.cpf)).toContain(o.shown);
      if (i % 10 === 0) await expectMasked(page, customer.email);
    }
    expect(sigilo.pageErrors.slice(before)).toEqual([]);
    await page.close();
  });

  it('keeps a value masked while the framework rewrites its text node in place (?tick)', async () => {
    const page = await open('/record.html?tick=25');
    const contacts = [RECORD.phone, RECORD.email, RECORD.phoneLandline];
    const seen = new Set<string>();
    for (let i = 0; i < 60; i++) {
      const text = (await page.locator('[data-field="preferred-contact"]').textContent()) ?? '';
      const value = contacts.find((c) => text.includes(c));
      if (value) {
        seen.add(value);
        const shown = await occurrences(page, value);
        for (const o of shown) expect(maskedForms(value)).toContain(o.shown);
      }
      await page.waitForTimeout(10);
    }
    expect(seen.size).toBeGreaterThan(1);
    await page.close();
  });

  it('masks a streaming React chat as messages arrive', async () => {
    const before = sigilo.pageErrors.length;
    const page = await open('/chat.html?initial=0&count=80&interval=10&batch=1');
    // Sample while the stream runs: every value already on screen is masked.
    const messages = chatMessages(0, 80);
    let sampled = 0;
    while ((await page.getAttribute('[data-testid="chat-log"]', 'data-done')) !== 'true') {
      const n = Number(await page.getAttribute('[data-testid="chat-log"]', 'data-count'));
      for (const m of messages.slice(Math.max(0, n - 3), n)) {
        for (const v of m.pii) {
          for (const o of await occurrences(page, v.value)) expect(maskedForms(v.value)).toContain(o.shown);
          sampled++;
        }
      }
    }
    let checked = 0;
    for (const m of messages) {
      for (const v of m.pii) {
        await expectMasked(page, v.value);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(sampled).toBeGreaterThan(0);
    expect(sigilo.pageErrors.slice(before)).toEqual([]);
    await page.close();
  });

  it('masks open, late-attached, declarative and closed shadow roots', async () => {
    const page = await open('/shadow.html?delay=300');
    await page.waitForSelector('html[data-late-shadow="attached"]');
    await expectMasked(page, SHADOW.openCpf);
    await expectMasked(page, SHADOW.lateEmail);
    await expectMasked(page, SHADOW.declarativeCnpj);
    // Closed root: unreachable from the page, so find its text node through DevTools (pierce).
    const cdp = await page.context().newCDPSession(page);
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as {
      root: CdpNode;
    };
    const textNode = findText(root, SHADOW.closedPhone);
    expect(textNode, 'closed shadow root text node').toBeTruthy();
    const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: textNode!.backendNodeId })) as {
      object: { objectId: string };
    };
    const { result } = (await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration: `function () {
        const hl = CSS.highlights.get('sigilo-mask');
        const cs = getComputedStyle(this.parentElement);
        if (cs.color === 'rgba(0, 0, 0, 0)' && cs.getPropertyValue('-webkit-text-fill-color') === 'rgba(0, 0, 0, 0)')
          return '•'.repeat(this.data.length);
        let shown = '';
        for (let i = 0; i < this.data.length; i++) {
          let hidden = false;
          for (const r of hl || []) if (r.startContainer === this && r.startOffset <= i && i < r.endOffset) hidden = true;
          shown += hidden ? '•' : this.data[i];
        }
        return shown;
      }`,
      returnByValue: true,
    })) as { result: { value: string } };
    expect(maskedForms(SHADOW.closedPhone).some((f) => result.value.includes(f))).toBe(true);
    await page.close();
  });

  it('masks same-origin, srcdoc and about:blank iframes', async () => {
    const page = await open('/iframe.html');
    await expectMasked(page, IFRAME.parentCnpj);
    const byId = async (id: string): Promise<Frame> => {
      const handle = await page.waitForSelector(`#${id}`);
      const frame = await handle.contentFrame();
      if (!frame) throw new Error(`no frame ${id}`);
      return frame;
    };
    const src = await byId('frame-src');
    await src.waitForFunction((v) => document.body?.textContent?.includes(v), IFRAME.srcCpf);
    await expectMasked(src, IFRAME.srcCpf);
    await expectMasked(src, IFRAME.srcEmail);
    await expectMasked(await byId('frame-srcdoc'), IFRAME.srcdocPhone);
    const blank = await byId('frame-blank');
    await expect
      .poll(async () =>
        (await occurrences(blank, IFRAME.blankCard)).map((o) =>
          maskedForms(IFRAME.blankCard).includes(o.shown),
        ),
      )
      .toEqual([true]);
    await page.close();
  });

  it('masks field values (also while focused), keeps them usable, including a React-controlled input', async () => {
    const before = sigilo.pageErrors.length;
    const page = await open('/forms.html');
    await prepare(page);
    for (const sel of ['#titular-cpf', '#cartao', '#observacoes', '#react-cpf']) {
      expect((await page.evaluate(probeFieldMasked, sel)).masked, sel).toBe(true);
    }
    await page.focus('#titular-cpf');
    expect((await page.evaluate(probeFieldMasked, '#titular-cpf')).masked).toBe(true);
    // The page still reads its real values.
    expect(await page.inputValue('#titular-cpf')).toBe(FORMS.inputCpf);
    // Contenteditable: text masked in place, the page's saved note is the real text.
    await expectMasked(page, FORMS.noteEmail);
    await page.click('#salvar-nota');
    const saved = await page.evaluate(() => window.__demoFormsSaved?.noteText ?? '');
    expect(saved).toContain(FORMS.noteEmail);
    // React-controlled input: clear and type still work and React sees the text.
    await page.fill('#react-cpf', '');
    expect(await page.inputValue('#react-cpf')).toBe('');
    await expect.poll(() => page.locator('#react-echo').textContent()).toContain('(0/11)');
    await page.locator('#react-cpf').pressSequentially(CUSTOMERS[2]!.cpf, { delay: 5 });
    expect(await page.inputValue('#react-cpf')).toBe(CUSTOMERS[2]!.cpf);
    await expect.poll(() => page.locator('#react-echo').textContent()).toContain(CUSTOMERS[2]!.cpf);
    // What the agent types shows while they type it (to proofread), and is masked once they leave.
    expect((await page.evaluate(probeFieldMasked, '#react-cpf')).masked).toBe(false);
    await page.keyboard.press('Tab');
    await expect.poll(async () => (await page.evaluate(probeFieldMasked, '#react-cpf')).masked).toBe(true);
    await expectMasked(page, CUSTOMERS[2]!.cpf);
    // A value typed into an empty plain field gets masked too, on leaving it.
    await page.fill('#email', RECORD.email);
    await page.locator('#email').blur();
    await expect.poll(async () => (await page.evaluate(probeFieldMasked, '#email')).masked).toBe(true);
    // A value set by script (no event, no mutation) is masked before it is painted.
    const masked = await page.evaluate(async (v) => {
      const el = document.getElementById('telefone') as HTMLInputElement;
      el.value = v;
      await new Promise(requestAnimationFrame);
      return getComputedStyle(el).getPropertyValue('-webkit-text-fill-color');
    }, RECORD.phone);
    expect(masked).toBe('rgba(0, 0, 0, 0)');
    expect(sigilo.pageErrors.slice(before)).toEqual([]);
    await page.close();
  });

  it('masks visible attributes (title, placeholder, aria-label) and keeps the page working', async () => {
    const page = await open('/forms.html');
    const attr = (sel: string, name: string) => page.getAttribute(sel, name);
    expect(await attr('#dependente-cpf', 'placeholder')).not.toContain(FORMS.placeholderCpf);
    expect(await attr('#dependente-cpf', 'placeholder')).toContain(
      expectedShown(FORMS.placeholderCpf, KEEP_LAST),
    );
    expect(await attr('#telefone', 'title')).not.toContain(FORMS.titlePhone);
    expect(await attr('#email', 'aria-label')).not.toContain(FORMS.ariaEmail);
    // A title written later by the page is masked too.
    await page.evaluate(
      (v) => document.getElementById('telefone')?.setAttribute('title', `novo ${v}`),
      RECORD.cpf,
    );
    await expect.poll(() => attr('#telefone', 'title')).toBe(`novo ${expectedShown(RECORD.cpf, KEEP_LAST)}`);
    const rec = await open('/record.html?live=0');
    expect(await rec.getAttribute('[data-field="cpf"]', 'title')).toBe(
      `CPF do titular: ${expectedShown(RECORD.cpf, KEEP_LAST)}`,
    );
    await rec.close();
    await page.close();
  });

  it('host CSS with !important cannot unmask (pixel checks)', async () => {
    const page = await sigilo.openPage('/fixtures/mask-hostile-css.html');
    await page.waitForSelector('#cpf');
    await expectMasked(page, RECORD.cpf, 2);
    await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent =
        '* { color: red !important; -webkit-text-fill-color: red !important; text-decoration: none !important; }';
      document.head.append(style);
    });
    // A value inside longer text: no red glyph pixel where its hidden characters are.
    const png = await page.screenshot({ clip: await charBox(page, '#embedded', RECORD.cpf, 3) });
    expect(await countReddish(page, png)).toBe(0);
    // A value that is a whole element's text: no red glyph pixel in its box either.
    expect(await countReddish(page, await page.locator('#cpf').screenshot())).toBe(0);
    // Control: unmasked text under the same rules IS painted red (the check can fail).
    expect(await countReddish(page, await page.locator('#plain').screenshot())).toBeGreaterThan(10);
    await page.close();
  });
});

interface CdpNode {
  nodeType: number;
  nodeValue?: string;
  backendNodeId: number;
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
  contentDocument?: CdpNode;
}

function findText(node: CdpNode, value: string): CdpNode | null {
  if (node.nodeType === 3 && node.nodeValue?.includes(value)) return node;
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
    const hit = findText(child, value);
    if (hit) return hit;
  }
  return null;
}
