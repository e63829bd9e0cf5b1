/**
 * Page scripts (third-party widgets, an XSS, the agent's own bookmarklet) as
 * adversaries of the mask and of the reveal log, scripted as a reviewer would:
 * each attack ends with no raw value on screen (red-glyph pixel check: every
 * glyph of the target page is red), none in the accessibility tree (CDP
 * Accessibility.getFullAXTree) and no record the agent did not cause. The
 * controls run the same page in a plain Chromium without Sigilo, or the same
 * act by the agent's real input, so no check can pass vacuously.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD } from '../../demo/data';
import { auditRecords, launchPlain, launchSigilo, revealDialog, type Sigilo } from './harness';
import { revealFromList } from './harness/keyboard';
import { axHolding, axNodes, countPixels, countReddish } from './mask-probe';

const VALUE = RECORD.cpf; // the value of test/fixtures/pages/attack-target.html
const PAGE = '/fixtures/attack-target.html';

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

async function open(target: Page, hash = ''): Promise<Page> {
  await target.goto(sigilo.demoUrl(PAGE) + hash);
  await target.waitForSelector('html[data-demo-ready="true"]');
  // Two frames: whatever Sigilo does, it has done it before the second paint.
  await nextFrames(target);
  return target;
}

async function openWithSigilo(hash = ''): Promise<Page> {
  return open(await sigilo.context.newPage(), hash);
}

async function openPlain(hash = ''): Promise<Page> {
  return open(await (await plain.newContext({ viewport: { width: 1280, height: 900 } })).newPage(), hash);
}

function nextFrames(page: Page): Promise<void> {
  return page.evaluate(
    () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))),
  );
}

/**
 * Red glyph pixels where the value is painted: as a whole element (#cpf) and
 * inside a sentence (#embedded; its first three digits, which the default
 * partial style hides: the last two stay visible by design).
 */
async function redPixels(page: Page): Promise<{ whole: number; inline: number }> {
  const box = await page.evaluate((value) => {
    const node = document.getElementById('embedded')!.firstChild as Text;
    const at = node.data.indexOf(value);
    const r = document.createRange();
    r.setStart(node, at);
    r.setEnd(node, at + 3);
    const b = r.getBoundingClientRect();
    return { x: b.x, y: b.y, width: b.width, height: b.height };
  }, VALUE);
  return {
    whole: await countReddish(page, await page.locator('#cpf').screenshot()),
    inline: await countReddish(page, await page.screenshot({ clip: box })),
  };
}

/** Accessibility-tree nodes (not ignored) whose name, value or description holds the raw value. */
const axLeaks = (page: Page) => axHolding(page, VALUE);

const records = () => auditRecords(sigilo);

const frameCount = (page: Page) => page.locator('sigilo-ui iframe.reveal-frame').count();

async function valueCenter(page: Page): Promise<{ x: number; y: number }> {
  const b = (await page.locator('#cpf').boundingBox())!;
  return { x: b.x + 10, y: b.y + b.height / 2 };
}

describe('control: the target page without Sigilo', () => {
  it('shows the value on screen and in the accessibility tree (the checks below can fail)', async () => {
    const page = await openPlain();
    const red = await redPixels(page);
    expect(red.whole).toBeGreaterThan(50);
    expect(red.inline).toBeGreaterThan(50);
    expect((await axLeaks(page)).length).toBeGreaterThanOrEqual(3);
    await page.context().close();
  });
});

describe('with Sigilo', () => {
  it('at rest: nothing on screen, nothing in the accessibility tree (text, field, option), names say how to reveal', async () => {
    const page = await openWithSigilo();
    expect(await redPixels(page)).toEqual({ whole: 0, inline: 0 });
    expect(await axLeaks(page)).toEqual([]);
    const names = (await axNodes(page)).map((n) => String(n.name?.value ?? ''));
    expect(names).toContain('CPF protegido, final 97 — Enter para revelar');
    expect(names.some((n) => n.includes('O CPF do cliente é CPF protegido, final 97'))).toBe(true);
    await page.close();
  });

  it('a URL text fragment (#:~:text=) does not paint masked values', async () => {
    const hash = `#:~:text=${encodeURIComponent(VALUE)}&text=${encodeURIComponent(`cliente é ${VALUE}`)}&text=Texto%20comum`;
    const page = await openWithSigilo(hash);
    expect(await redPixels(page)).toEqual({ whole: 0, inline: 0 });
    // Control: the fragment is applied (the plain text is marked in yellow) ...
    const yellow = await countPixels(page, await page.locator('#plain').screenshot(), 'yellow');
    expect(yellow).toBeGreaterThan(50);
    // ... and without Sigilo the same address paints the values.
    const control = await openPlain(hash);
    const red = await redPixels(control);
    expect(red.whole + red.inline).toBeGreaterThan(100);
    await control.context().close();
    await page.close();
  });

  it('page scripts cannot start a reveal: synthetic click, Enter or .click() do nothing and write nothing', async () => {
    const page = await openWithSigilo();
    const before = (await records()).length;
    const at = await valueCenter(page);
    await page.evaluate(({ x, y }) => {
      const el = document.getElementById('cpf')!;
      for (let i = 0; i < 200; i++) {
        el.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, clientX: x, clientY: y }));
        el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
      }
      el.focus();
      el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
      el.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'M', code: 'KeyM', altKey: true, shiftKey: true, bubbles: true }),
      );
      el.click();
    }, at);
    await page.waitForTimeout(500);
    expect(await frameCount(page)).toBe(0);
    expect(await page.locator('sigilo-ui [role=dialog]').count()).toBe(0);
    expect((await records()).length).toBe(before);
    expect(await redPixels(page)).toEqual({ whole: 0, inline: 0 });
    // Control: the agent's real click at the same point opens the reveal frame.
    await page.mouse.click(at.x, at.y);
    await revealDialog(page).getByRole('button', { name: 'Cancelar' }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => frameCount(page)).toBe(0);
    await page.close();
  });

  it('the reason is out of the page reach: no script access to the frame, a page keylogger reads nothing; the reveal writes one record', async () => {
    const page = await openWithSigilo();
    await page.evaluate(() => {
      const w = window as unknown as { logged: string[] };
      w.logged = [];
      for (const type of ['keydown', 'keypress', 'keyup', 'input', 'beforeinput'])
        window.addEventListener(
          type,
          (e) => w.logged.push((e as KeyboardEvent).key ?? (e as InputEvent).data ?? ''),
          true,
        );
    });
    // Control: what the agent types in the page itself is captured by that keylogger.
    await page.locator('#note').click();
    await page.keyboard.type('xyz');
    const seen = await page.evaluate(() => (window as unknown as { logged: string[] }).logged);
    for (const c of 'xyz') expect(seen).toContain(c);
    await page.evaluate(() => {
      (window as unknown as { logged: string[] }).logged = [];
    });
    const before = await records();
    const at = await valueCenter(page);
    await page.mouse.click(at.x, at.y);
    const dialog = revealDialog(page, 'Revelar valor protegido');
    await dialog.waitFor();
    // The frame's document cannot be reached from the page.
    const reach = await page.evaluate(() => {
      const frame = [...document.querySelectorAll('*')]
        .map((e) => e.shadowRoot?.querySelector('iframe'))
        .find(Boolean) as HTMLIFrameElement | undefined;
      if (!frame) return 'no frame found';
      try {
        return frame.contentDocument === null ? 'blocked' : 'READ';
      } catch {
        return 'blocked';
      }
    });
    expect(reach).toBe('blocked');
    await dialog.getByRole('radio', { name: 'Outro' }).check();
    await dialog.getByLabel('Descreva o motivo').click();
    await page.keyboard.type('Titular pediu confirmacao');
    await dialog.getByRole('button', { name: 'Revelar' }).click();
    await expect.poll(async () => (await redPixels(page)).whole).toBeGreaterThan(50);
    const logged = await page.evaluate(() => (window as unknown as { logged: string[] }).logged);
    expect(logged).toEqual([]);
    // Exactly one new record, the agent's reveal, with the reason they typed.
    const added = (await records()).slice(before.length);
    expect(added.map((r) => r.outcome)).toEqual(['revealed']);
    expect(added[0]!.reasonText).toBe('Titular pediu confirmacao');
    expect(added[0]!.origin).toBe(new URL(sigilo.demoUrl('/')).origin);
    // While revealed the real value is exposed to assistive technology; after "hide" it is gone.
    expect((await axLeaks(page)).length).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Ocultar' }).click();
    await expect.poll(async () => (await axLeaks(page)).length).toBe(0);
    expect(await redPixels(page)).toEqual({ whole: 0, inline: 0 });
    await page.close();
  });

  it('page JavaScript cannot unmask: markers stripped, highlight cleared or deleted, specificity, layers, priority, sheets dropped', async () => {
    const page = await openWithSigilo();
    const before = (await records()).length;
    // Each attack returns whether it took effect at once (before the next frame): it did,
    // so what the checks below see is Sigilo undoing it, not an attack that missed.
    const attacks: Array<[string, () => boolean]> = [
      [
        'strip every data-sigilo-* and aria attribute (as a DOM-morphing framework does)',
        () => {
          for (const el of document.querySelectorAll('*'))
            for (const a of [...el.attributes])
              if (a.name.startsWith('data-sigilo') || a.name.startsWith('aria-')) el.removeAttribute(a.name);
          return document.querySelectorAll('[data-sigilo-text], [aria-hidden]').length === 0;
        },
      ],
      [
        'clear the highlight',
        () => {
          const h = CSS.highlights.get('sigilo-mask');
          h?.clear();
          return h?.size === 0;
        },
      ],
      [
        'delete the highlight',
        () => CSS.highlights.delete('sigilo-mask') && !CSS.highlights.has('sigilo-mask'),
      ],
      [
        'clear the registry',
        () => {
          CSS.highlights.clear();
          return CSS.highlights.size === 0;
        },
      ],
      [
        'a page highlight of top priority registered last',
        () => {
          const node = document.getElementById('embedded')!.firstChild as Text;
          const r = new Range();
          r.setStart(node, 0);
          r.setEnd(node, node.length);
          const h = new Highlight(r);
          h.priority = 2 ** 31 - 1;
          CSS.highlights.set('page-mark', h);
          return [...CSS.highlights.keys()].at(-1) === 'page-mark';
        },
      ],
      [
        'rules of higher specificity and an earlier cascade layer',
        () => {
          const s = document.createElement('style');
          s.textContent = `@layer early { [data-sigilo-text] { color: #c00 !important; -webkit-text-fill-color: #c00 !important; -webkit-text-security: none !important; } }
            [data-sigilo-text]:not(#a#b#c#d#e) { color: #c00 !important; -webkit-text-fill-color: #c00 !important; -webkit-text-security: none !important; }
            [data-sigilo-holds]:not(#a#b#c#d#e)::selection { color: #c00 !important; }`;
          document.head.prepend(s);
          return s.sheet !== null;
        },
      ],
      [
        'drop the adopted sheets and the style element',
        () => {
          document.adoptedStyleSheets = [];
          for (const s of document.querySelectorAll('style[data-sigilo]')) s.remove();
          return document.adoptedStyleSheets.length === 0 && !document.querySelector('style[data-sigilo]');
        },
      ],
    ];
    // Quiet: the content script checks from its 0.1 s timer only (Watcher.wake in
    // src/content/watcher.ts); what undoes each attack within two frames is the
    // page's own call waking it (src/page-world/main.ts).
    await page.waitForTimeout(1500);
    for (const [name, attack] of attacks) {
      expect(await page.evaluate(`(${attack.toString()})()`), name).toBe(true);
      await nextFrames(page);
      expect(await redPixels(page), name).toEqual({ whole: 0, inline: 0 });
      expect(await axLeaks(page), name).toEqual([]);
    }
    expect((await records()).length).toBe(before);
    expect(sigilo.pageErrors).toEqual([]);
    await page.close();
  });

  it("the registry cleared through another frame's original, on a quiet page, is put back by the timer check (every 0.1 s)", async () => {
    const page = await openWithSigilo();
    await page.evaluate(() => {
      const frame = document.createElement('iframe');
      frame.id = 'other-realm';
      document.body.append(frame);
    });
    // Quiet: no mutation, no call the page world hears.
    await page.waitForTimeout(1500);
    const cleared = await page.evaluate(() => {
      const other = (document.getElementById('other-realm') as HTMLIFrameElement).contentWindow as Window & {
        HighlightRegistry: { prototype: { clear(this: unknown): void } };
      };
      other.HighlightRegistry.prototype.clear.call(CSS.highlights);
      return CSS.highlights.size === 0;
    });
    // The attack took effect (the control): nothing was left registered.
    expect(cleared).toBe(true);
    await expect
      .poll(() => page.evaluate(() => CSS.highlights.has('sigilo-mask')), { timeout: 500, interval: 20 })
      .toBe(true);
    expect(await redPixels(page)).toEqual({ whole: 0, inline: 0 });
    await page.close();
  });

  it('a closed shadow root on a plain <div> is masked (control: painted without Sigilo)', async () => {
    const attach = (page: Page, value: string) =>
      page.evaluate((v) => {
        const host = document.createElement('div');
        const root = host.attachShadow({ mode: 'closed' });
        root.innerHTML = `<p style="color:#c00;font:22px sans-serif">Documento ${v} do titular</p>`;
        document.getElementById('shadow-slot')!.append(host);
        (window as unknown as { closedRoot: ShadowRoot }).closedRoot = root;
        return new Promise<{ x: number; y: number; width: number; height: number }>((resolve) =>
          requestAnimationFrame(() =>
            requestAnimationFrame(() => {
              const node = root.querySelector('p')!.firstChild as Text;
              const r = document.createRange();
              r.setStart(node, node.data.indexOf(v));
              r.setEnd(node, node.data.indexOf(v) + 3);
              const b = r.getBoundingClientRect();
              resolve({ x: b.x, y: b.y, width: b.width, height: b.height });
            }),
          ),
        );
      }, value);
    const control = await openPlain();
    const controlBox = await attach(control, VALUE);
    expect(await countReddish(control, await control.screenshot({ clip: controlBox }))).toBeGreaterThan(50);
    await control.context().close();
    const page = await openWithSigilo();
    const box = await attach(page, VALUE);
    expect(await countReddish(page, await page.screenshot({ clip: box }))).toBe(0);
    expect(await axLeaks(page)).toEqual([]);
    await page.close();
  });

  it('a stuck key (Enter, Escape, again and again) cannot flood the log nor lock the agent out', async () => {
    const page = await openWithSigilo();
    const before = (await records()).length;
    // 20 recorded, the 21st becomes the anomaly, the 22nd is not recorded at all.
    for (let i = 0; i < 22; i++) {
      await revealFromList(page, 'cpf');
      // The dialog has focus once its first control has it: Escape then reaches it.
      await expect
        .poll(() => revealDialog(page).evaluate(() => document.activeElement?.tagName ?? ''), {
          timeout: 10_000,
        })
        .toBe('INPUT');
      await page.keyboard.press('Escape');
      await expect.poll(() => frameCount(page)).toBe(0);
    }
    // attemptLimit(DEFAULT_POLICY.limits) = 20 cancelled records in five minutes (this profile's
    // whole life, earlier tests included), then one anomaly for the rest, then nothing.
    const all = await records();
    expect(all.filter((r) => r.outcome === 'cancelled').length).toBe(20);
    expect(all.filter((r) => r.type === 'anomaly').map((r) => r.flags)).toEqual([['attempts-over-20']]);
    expect(all.length - before).toBeLessThan(22);
    // The agent can still reveal.
    await revealFromList(page, 'cpf');
    const dialog = revealDialog(page);
    await dialog.getByRole('radio', { name: 'Atendimento ao titular' }).check();
    await dialog.getByRole('button', { name: 'Revelar' }).click();
    await expect.poll(async () => (await redPixels(page)).whole).toBeGreaterThan(50);
    await page.close();
  }, 240_000);
});
