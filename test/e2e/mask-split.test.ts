/**
 * A value split over adjacent text nodes (what JSX `({ddd}) {number}` renders) is
 * read as one text: painted masked, copied and printed masked, kept masked through
 * the framework's later edits of one piece, and revealed by a click on it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD } from '../../demo/data';
import { launchSigilo, revealDialog, type Sigilo } from './harness';
import { expectedShown, prepare } from './mask-probe';
import { setLocalLayer } from './policy-helpers';

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

const SENTENCE = `O CPF do titular é ${RECORD.cpf} e confere.`;

async function open(): Promise<Page> {
  const page = await sigilo.openPage('/fixtures/mask-split-text.html');
  await page.waitForSelector('html[data-demo-ready="true"]');
  await prepare(page);
  return page;
}

/**
 * Runs in the page: an element's own text as painted. A whole-element mask paints
 * its ::before text over transparent glyphs; otherwise characters covered by a
 * Sigilo highlight read "•".
 */
function painted(selector: string): string {
  const el = document.querySelector(selector)!;
  const cs = getComputedStyle(el);
  if (
    el.hasAttribute('data-sigilo-text') &&
    cs.getPropertyValue('-webkit-text-fill-color') === 'rgba(0, 0, 0, 0)'
  ) {
    const m = /^"((?:[^"\\]|\\.)*)"/.exec(getComputedStyle(el, '::before').content);
    return m ? m[1]!.replace(/\\(.)/g, '$1') : '';
  }
  const ranges = [...((CSS.highlights.get('sigilo-mask') as unknown as Set<AbstractRange>) ?? [])].map(
    (r) => {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      return range;
    },
  );
  let out = '';
  for (const node of el.childNodes) {
    if (node.nodeType !== Node.TEXT_NODE) continue;
    const data = (node as Text).data;
    for (let i = 0; i < data.length; i++) {
      const covered = ranges.some((r) => r.comparePoint(node, i) === 0 && r.comparePoint(node, i + 1) === 0);
      out += covered ? '•' : data[i];
    }
  }
  return out;
}

/** Runs in the page: every text under an element (through its inline children) as painted, "•" where a Sigilo highlight covers it. */
function paintedDeep(selector: string): string {
  const el = document.querySelector(selector)!;
  const ranges = [...((CSS.highlights.get('sigilo-mask') as unknown as Set<AbstractRange>) ?? [])].map(
    (r) => {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      return range;
    },
  );
  let out = '';
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeName === 'BR') out += '\n';
    if (node.nodeType !== Node.TEXT_NODE) continue;
    const data = (node as Text).data;
    for (let i = 0; i < data.length; i++) {
      const covered = ranges.some((r) => r.comparePoint(node, i) === 0 && r.comparePoint(node, i + 1) === 0);
      out += covered ? '•' : data[i];
    }
  }
  return out;
}

describe('a value split over inline elements', () => {
  const shown = () => expectedShown(RECORD.cpf, 2);
  it('is masked on screen as one value: bold part, search hit, a span per digit group; a <br> ends it', async () => {
    const page = await open();
    expect(await page.evaluate(paintedDeep, '#bold')).toBe(`Titular: ${shown()} confere.`);
    expect(await page.evaluate(paintedDeep, '#hit')).toBe(`Busca: ${shown()}`);
    expect(await page.evaluate(paintedDeep, '#groups')).toBe(shown());
    // Control: two lines are two texts, neither a value (111.444.777-35 is a valid CPF).
    expect(await page.evaluate(paintedDeep, '#lines')).toBe('111.444\n.777-35');
    // The page's nodes and text are as it wrote them (markers aside: see page-styles.ts).
    expect(
      await page.evaluate(() =>
        document.getElementById('groups')!.innerHTML.replaceAll(' data-sigilo-holds=""', ''),
      ),
    ).toBe('<span>620</span>.<span>190</span>.<span>597</span>-<span>97</span>');
    await page.close();
  });

  it('stays masked when the page edits a piece, and is copied masked', async () => {
    const page = await open();
    // Search highlighting moves: the hit now covers another part of the value.
    await page.evaluate(() => {
      document.getElementById('hit')!.innerHTML = 'Busca: 620.190.<mark>597</mark>-97';
    });
    await expect.poll(() => page.evaluate(paintedDeep, '#hit')).toBe(`Busca: ${shown()}`);
    // A digit group rewritten by the framework: another valid CPF, still one value.
    await page.evaluate(() => {
      document.querySelector('#groups span:last-child')!.firstChild!.nodeValue = '97';
    });
    await expect.poll(() => page.evaluate(paintedDeep, '#groups')).toBe(shown());
    await page.evaluate(() => {
      const r = document.createRange();
      r.selectNodeContents(document.getElementById('bold')!);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(r);
    });
    await page.keyboard.press('Control+C');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(`Titular: ${shown()} confere.`);
    expect(copied).not.toContain('190');
    expect(sigilo.pageErrors).toEqual([]);
    await page.close();
  });

  it('a click on the bold part opens the reveal dialog for the whole value', async () => {
    const page = await open();
    const box = (await page.locator('#bold b').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const dialog = revealDialog(page);
    await expect.poll(() => dialog.count()).toBe(1);
    await page.keyboard.press('Escape');
    await page.close();
  });
});

describe('a value split over adjacent text nodes', () => {
  it('is masked on screen as one value, whole cell or inside a sentence', async () => {
    const page = await open();
    // The pieces really are separate nodes, none of them a value on its own.
    expect(await page.evaluate(() => document.getElementById('cell')!.childNodes.length)).toBe(4);
    expect(await page.evaluate(painted, '#cell')).toBe(expectedShown(RECORD.phone, 2));
    expect(await page.evaluate(painted, '#sentence')).toBe(
      SENTENCE.replace(RECORD.cpf, expectedShown(RECORD.cpf, 2)),
    );
    expect(await page.evaluate(painted, '#plain')).toBe('Texto comum');
    await page.close();
  });

  it("stays masked through the framework's edits: a piece rewritten, a piece added and removed", async () => {
    const page = await open();
    const other = '(48) 99123-4567';
    await page.evaluate(() => {
      (document.getElementById('cell')!.lastChild as Text).data = '99123-4567';
    });
    await expect.poll(() => page.evaluate(painted, '#cell')).toBe(expectedShown(other, 2));
    await page.evaluate(() => document.getElementById('cell')!.append(document.createTextNode(' (recado)')));
    await expect.poll(() => page.evaluate(painted, '#cell')).toBe(`${expectedShown(other, 2)} (recado)`);
    await page.evaluate(() => document.getElementById('cell')!.lastChild!.remove());
    await expect.poll(() => page.evaluate(painted, '#cell')).toBe(expectedShown(other, 2));
    // The page's own text is what the page wrote: Sigilo changed no node.
    expect(await page.textContent('#cell')).toBe(other);
    // A line break between two pieces keeps them apart (two lines are two texts);
    // removing it makes them one text again, and the value is masked at once.
    await page.evaluate(() => {
      const sentence = document.getElementById('sentence')!;
      sentence.replaceChildren(
        document.createTextNode('Anotado: 620.190'),
        document.createElement('br'),
        document.createTextNode('.597-97 ok'),
      );
    });
    await expect.poll(() => page.evaluate(painted, '#sentence')).toBe('Anotado: 620.190.597-97 ok');
    await page.evaluate(() => document.querySelector('#sentence br')!.remove());
    await expect
      .poll(() => page.evaluate(painted, '#sentence'))
      .toBe(`Anotado: ${expectedShown(RECORD.cpf, 2)} ok`);
    expect(sigilo.pageErrors).toEqual([]);
    await page.close();
  });

  it('copies and prints as painted', async () => {
    const page = await open();
    for (const [selector, expected] of [
      // A whole-element value is text-secured for assistive technology (see a11y.ts), and
      // the browser serialises a selection as laid out: every character is a disc.
      ['#cell', '•'.repeat(Array.from(RECORD.phone).length)],
      ['#sentence', SENTENCE.replace(RECORD.cpf, expectedShown(RECORD.cpf, 2))],
    ] as const) {
      await page.evaluate((sel) => {
        const r = document.createRange();
        r.selectNodeContents(document.querySelector(sel)!);
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(r);
      }, selector);
      await page.keyboard.press('Control+C');
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);
    }
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sigilo-split-'));
    try {
      await page.emulateMedia({ media: 'print' });
      const file = path.join(dir, 'split.pdf');
      writeFileSync(file, await page.pdf());
      const text = execFileSync('pdftotext', [file, '-']).toString();
      expect(text).toContain('Texto comum'); // extraction works
      for (const raw of ['98011-6596', '620.190', '.597']) expect(text).not.toContain(raw);
      await page.emulateMedia({ media: 'screen' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await page.close();
  });

  it('a click on it opens the reveal dialog for the whole value', async () => {
    const page = await open();
    const box = (await page.locator('#cell').boundingBox())!;
    await page.mouse.click(box.x + 12, box.y + box.height / 2);
    const dialog = revealDialog(page);
    await expect.poll(() => dialog.count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await page.evaluate(painted, '#cell')).toBe(expectedShown(RECORD.phone, 2));
    await page.close();
  });

  it('follows a policy change (mask style) without a reload', async () => {
    const page = await open();
    await setLocalLayer(sigilo, { maskStyle: 'chip' });
    await expect.poll(() => page.evaluate(painted, '#cell'), { timeout: 10_000 }).toBe('PHONE •••');
    await setLocalLayer(sigilo, {});
    await expect
      .poll(() => page.evaluate(painted, '#cell'), { timeout: 10_000 })
      .toBe(expectedShown(RECORD.phone, 2));
    await page.close();
  });
});

describe('cells that abut with no space between them (a virtual list row of spans)', () => {
  it('are masked cell by cell when no value crosses them: each its masked form and name, the row left to screen readers', async () => {
    const page = await open();
    // Joined, "98011-6596ana.almeida63@example.comFlorian" reads as one e-mail across
    // three cells; each cell's own values are the real ones.
    await page.evaluate((r) => {
      const row = document.createElement('div');
      row.id = 'abut';
      row.style.display = 'flex';
      const cells: Array<[string, string]> = [
        ['id', '1'],
        ['name', r.name],
        ['cpf', r.cpf],
        ['phone', r.phone],
        ['email', r.email],
        ['city', 'Florianópolis'],
      ];
      for (const [cls, text] of cells) {
        const span = document.createElement('span');
        span.className = cls;
        span.textContent = text;
        row.append(span);
      }
      document.body.append(row);
    }, RECORD);
    const cell = (cls: string) =>
      page.evaluate((c) => {
        const el = document.querySelector(`#abut .${c}`)!;
        return { form: el.getAttribute('data-sigilo-text'), name: el.getAttribute('aria-label') };
      }, cls);
    await expect.poll(async () => (await cell('email')).form).not.toBeNull();
    expect((await cell('email')).form).toMatch(/^[^a-z0-9]*•[^@]*@.*om$/);
    for (const [cls, value] of [
      ['cpf', RECORD.cpf],
      ['phone', RECORD.phone],
    ] as const) {
      expect((await cell(cls)).form).toBe(expectedShown(value, 2));
      expect(await page.evaluate(painted, `#abut .${cls}`)).toBe(expectedShown(value, 2));
    }
    for (const cls of ['cpf', 'phone', 'email']) expect((await cell(cls)).name).toMatch(/\S/);
    // Masked as one run, the row was hidden from screen readers behind a mirror, and its
    // cells carried highlight ranges and holder marks.
    expect(
      await page.evaluate(() => ({
        hidden: document.getElementById('abut')!.getAttribute('aria-hidden'),
        holders: document.querySelectorAll('#abut [data-sigilo-holds]').length,
        name: document.querySelector('#abut .name')!.getAttribute('data-sigilo-text'),
      })),
    ).toEqual({ hidden: null, holders: 0, name: null });
    expect(sigilo.pageErrors).toEqual([]);
    await page.close();
  });
});
