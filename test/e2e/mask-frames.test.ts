/**
 * The zero-unmasked-frames probe: for each of hundreds of insertions, a page-world
 * requestAnimationFrame callback is registered BEFORE the page inserts the value;
 * at that next frame (before it is painted) the value must already be masked in
 * the highlight registry the frame is painted from. Covers new nodes, in-place
 * text rewrites (what React/Preact do), innerHTML, shadow-root content and
 * field values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { genCard, genCpf, genEmail, genMobile } from '../../demo/data/generators';
import { createRng } from '../../demo/data/rng';
import { launchSigilo, type Sigilo } from './harness';
import { prepare } from './mask-probe';

let sigilo: Sigilo;
beforeAll(async () => {
  sigilo = await launchSigilo();
});
afterAll(async () => {
  await sigilo?.close();
});

const INSERTIONS = 300;

/** Runs in the page world. Returns the insertions that were painted unmasked, and the total. */
async function runProbe(values: string[]): Promise<{ failures: string[]; frames: number }> {
  const hiddenAt = (node: Node, i: number): boolean => {
    const hl = (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights;
    for (const name of ['sigilo-mask', 'sigilo-pending']) {
      for (const r of hl.get(name) ?? []) {
        if (r.startContainer === node && r.endContainer === node) {
          if (r.startOffset <= i && i < r.endOffset) return true;
        } else if (name === 'sigilo-pending') {
          const range = document.createRange();
          range.setStart(r.startContainer, r.startOffset);
          range.setEnd(r.endContainer, r.endOffset);
          if (range.comparePoint(node, i) === 0 && range.comparePoint(node, i + 1) === 0) return true;
        }
      }
    }
    return false;
  };
  /** Masked = at most the last 2 letters/digits of the value are visible. */
  const isMasked = (root: Node, value: string): boolean => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let found = false;
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      const at = n.data.indexOf(value);
      if (at < 0) continue;
      found = true;
      const cs = getComputedStyle(n.parentElement!);
      if (
        cs.color === 'rgba(0, 0, 0, 0)' &&
        cs.getPropertyValue('-webkit-text-fill-color') === 'rgba(0, 0, 0, 0)'
      )
        continue; // a whole-element value: glyphs painted transparent
      // A subtree still being masked in slices is not painted at all (opacity 0 on its root).
      const pendingHost = n.parentElement!.closest('[data-sigilo-pending]');
      if (pendingHost && getComputedStyle(pendingHost).opacity === '0') continue;
      let visible = 0;
      for (let i = at; i < at + value.length; i++)
        if (/[\p{L}\p{N}]/u.test(n.data[i]!) && !hiddenAt(n, i)) visible++;
      if (visible > 2) return false;
    }
    return found;
  };
  const list = document.getElementById('list')!;
  const rewrite = document.getElementById('rewrite')!.firstChild as Text;
  const htmlBox = document.getElementById('html-box')!;
  const shadow = document.getElementById('shadow-host')!.shadowRoot!;
  const failures: string[] = [];
  let frames = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    const mode = i % 6;
    const checked = new Promise<void>((resolve) => {
      requestAnimationFrame(() => {
        frames++;
        try {
          let ok: boolean;
          if (mode === 5) {
            const input = document.getElementById(`probe-input-${i}`) as HTMLInputElement;
            // The field's own glyphs are transparent (Sigilo's mirror paints the masked form).
            ok = getComputedStyle(input).getPropertyValue('-webkit-text-fill-color') === 'rgba(0, 0, 0, 0)';
          } else ok = isMasked(mode === 3 ? shadow : document.body, value);
          if (!ok) failures.push(`#${i} mode ${mode}`);
        } catch (error) {
          failures.push(`#${i} mode ${mode}: ${String(error)}`);
        }
        resolve();
      });
    });
    // The insertion happens after the rAF callback was registered, in the same task.
    if (mode === 0) {
      const div = document.createElement('div');
      div.textContent = `Cliente informou ${value} agora`;
      list.append(div);
    } else if (mode === 1) {
      rewrite.data = `Atualizado: ${value}`; // in-place nodeValue write, as frameworks do
    } else if (mode === 2) {
      htmlBox.innerHTML = `<ul><li><b>Contato</b> <span>${value}</span></li></ul>`;
    } else if (mode === 3) {
      (shadow.getElementById('in-shadow') as HTMLElement).textContent = `Na sombra ${value}`;
    } else if (mode === 4) {
      const p = document.createElement('p');
      p.append(document.createTextNode('Valor: '), document.createTextNode(value));
      list.prepend(p);
    } else {
      const input = document.createElement('input');
      input.id = `probe-input-${i}`;
      input.value = value;
      list.append(input);
    }
    await checked;
  }
  return { failures, frames };
}

describe('zero unmasked frames', () => {
  it(`every one of ${INSERTIONS} insertions is masked at the first frame after it`, async () => {
    const rng = createRng('mask-frames-probe');
    const makers = [
      () => genCpf(rng),
      () => genCard(rng, 'Visa'),
      () => genMobile(rng),
      () => genEmail(rng, 'Joana Prado'),
    ];
    const values = Array.from({ length: INSERTIONS }, (_, i) => makers[i % makers.length]!());
    const page = await sigilo.openPage('/fixtures/mask-frames.html');
    await page.waitForSelector('#shadow-host');
    await page.waitForTimeout(300);
    await prepare(page);
    const result = await page.evaluate(runProbe, values);
    expect(result.frames).toBe(INSERTIONS);
    expect(result.failures).toEqual([]);
    await page.close();
  });

  it('the probe catches a value painted unmasked (control: text Sigilo does not mask)', async () => {
    // The same probe over values Sigilo leaves alone (no digits, nothing sensitive):
    // every insertion must be reported, which proves the probe can fail.
    const page = await sigilo.openPage('/fixtures/mask-frames.html');
    await page.waitForSelector('#shadow-host');
    await page.waitForTimeout(300);
    await prepare(page);
    const plain = ['alfa', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'].flatMap((w) => [
      `${w}-quadro`,
      `${w}-linha`,
    ]);
    const result = await page.evaluate(runProbe, plain);
    expect(result.frames).toBe(plain.length);
    expect(result.failures.length).toBe(plain.length);
    await page.close();
  });

  it('a 3,000-row table inserted at once is never painted raw, and rows removed while it is masked in slices leave none unmasked', async () => {
    const rng = createRng('mask-frames-big');
    const cpfs = Array.from({ length: 3000 }, () => genCpf(rng));
    const page = await sigilo.openPage('/fixtures/mask-frames.html');
    await page.waitForSelector('#shadow-host');
    await page.waitForTimeout(300);
    const result = await page.evaluate(async (values) => {
      /** A cell is off screen as raw text: hidden glyphs, or inside a subtree not painted yet. */
      const hidden = (td: Element): boolean => {
        const cs = getComputedStyle(td);
        if (cs.getPropertyValue('-webkit-text-fill-color') === 'rgba(0, 0, 0, 0)') return true;
        const pending = td.closest('[data-sigilo-pending]');
        return pending !== null && getComputedStyle(pending).opacity === '0';
      };
      const table = document.createElement('table');
      const firstFrame = new Promise<number>((resolve) =>
        requestAnimationFrame(() =>
          resolve([...table.querySelectorAll('td.cpf')].filter((td) => !hidden(td)).length),
        ),
      );
      table.innerHTML = values
        .map((v, i) => `<tr><td>Cliente ${i}</td><td class="cpf">${v}</td><td>fila ${i % 7}</td></tr>`)
        .join('');
      document.getElementById('list')!.append(table);
      const rawAtFirstFrame = await firstFrame;
      // While it is still being masked, the page keeps removing rows (as a filter or a virtual list would).
      let frames = 0;
      let removed = 0;
      let rawWhileMasking = 0;
      while (frames < 600) {
        await new Promise(requestAnimationFrame);
        frames++;
        for (const td of table.querySelectorAll('td.cpf')) if (!hidden(td)) rawWhileMasking++;
        if (!table.closest('[data-sigilo-pending]') && !table.querySelector('[data-sigilo-pending]')) break;
        const rows = table.rows;
        for (let i = rows.length - 1 - (frames % 3); i >= 0; i -= 9) {
          rows[i]!.remove();
          removed++;
        }
      }
      const left = [...table.querySelectorAll('td.cpf')];
      return {
        rawAtFirstFrame,
        rawWhileMasking,
        frames,
        removed,
        left: left.length,
        unmaskedLeft: left.filter((td) => !td.hasAttribute('data-sigilo-text')).length,
      };
    }, cpfs);
    // The slicing really happened (several frames, rows removed meanwhile) ...
    expect(result.frames).toBeGreaterThan(1);
    expect(result.removed).toBeGreaterThan(0);
    // ... and no CPF was painted raw at any frame, nor left unmasked at the end.
    expect(result.rawAtFirstFrame).toBe(0);
    expect(result.rawWhileMasking).toBe(0);
    expect(result.left).toBeGreaterThan(0);
    expect(result.unmaskedLeft).toBe(0);
    expect(sigilo.pageErrors).toEqual([]);
    await page.close();
  });

  it('3,000 rows added as 3,000 roots (innerHTML of a list) are masked in slices, never painted raw', async () => {
    const rng = createRng('mask-frames-roots');
    const cpfs = Array.from({ length: 3000 }, () => genCpf(rng));
    const page = await sigilo.openPage('/fixtures/mask-frames.html');
    await page.waitForSelector('#shadow-host');
    await page.waitForTimeout(300);
    const result = await page.evaluate(async (values) => {
      const hidden = (el: Element): boolean => {
        if (getComputedStyle(el).getPropertyValue('-webkit-text-fill-color') === 'rgba(0, 0, 0, 0)')
          return true;
        const pending = el.closest('[data-sigilo-pending]');
        return pending !== null && getComputedStyle(pending).opacity === '0';
      };
      const box = document.createElement('section');
      document.getElementById('list')!.append(box);
      // The box is masked (empty) first, so the rows arrive as roots of their own.
      await new Promise(requestAnimationFrame);
      await new Promise(requestAnimationFrame);
      const firstFrame = new Promise<{ raw: number; sliced: boolean }>((resolve) =>
        requestAnimationFrame(() =>
          resolve({
            raw: [...box.querySelectorAll('span.cpf')].filter((s) => !hidden(s)).length,
            // Still being masked at the first frame: the work was cut into slices.
            sliced:
              box.closest('[data-sigilo-pending]') !== null ||
              box.querySelector('[data-sigilo-pending]') !== null,
          }),
        ),
      );
      // One mutation record, 3,000 added roots.
      box.innerHTML = values.map((v, i) => `<div>Cliente ${i} <span class="cpf">${v}</span></div>`).join('');
      const first = await firstFrame;
      for (let i = 0; i < 600 && document.querySelector('[data-sigilo-pending]'); i++)
        await new Promise(requestAnimationFrame);
      const spans = [...box.querySelectorAll('span.cpf')];
      return {
        ...first,
        unmasked: spans.filter((s) => !s.hasAttribute('data-sigilo-text')).length,
        total: spans.length,
      };
    }, cpfs);
    expect(result.sliced).toBe(true);
    expect(result.raw).toBe(0);
    expect(result.total).toBe(3000);
    expect(result.unmasked).toBe(0);
    expect(sigilo.pageErrors).toEqual([]);
    await page.close();
  });
});
