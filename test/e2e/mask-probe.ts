/**
 * Page-world probes for the mask e2e tests. They read what is painted: the
 * document's CSS highlight registry (the one `::highlight(sigilo-mask)` paints
 * from) and the form fields' computed -webkit-text-security, and render each
 * occurrence of a value as the screen shows it (hidden characters as "•").
 */
import type { Frame, Page } from 'playwright-core';

export interface Occurrence {
  /** The occurrence as displayed: characters hidden by a Sigilo highlight become "•". */
  shown: string;
  /** Where it is: "light", "shadow" (open root). */
  where: string;
}

/** Runs in the page: every occurrence of `value` in text nodes (document + open shadow roots). */
export function probeOccurrences(value: string): Occurrence[] {
  // A value that is its element's whole text is painted with transparent glyphs (or discs).
  const hiddenByStyle = (cs: CSSStyleDeclaration): boolean =>
    cs.getPropertyValue('-webkit-text-security') === 'disc' ||
    (cs.color === 'rgba(0, 0, 0, 0)' &&
      cs.getPropertyValue('-webkit-text-fill-color') === 'rgba(0, 0, 0, 0)');
  const hl = (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights.get(
    'sigilo-mask',
  );
  const pending = (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights.get(
    'sigilo-pending',
  );
  const covered = (node: Node, i: number): boolean => {
    for (const set of [hl, pending]) {
      if (!set) continue;
      for (const r of set) {
        if (r.startContainer === node && r.endContainer === node && r.startOffset <= i && i < r.endOffset)
          return true;
        if (r.startContainer !== node || r.endContainer !== node) {
          try {
            const range = document.createRange();
            range.setStart(r.startContainer, r.startOffset);
            range.setEnd(r.endContainer, r.endOffset);
            if (range.comparePoint(node, i) === 0 && range.comparePoint(node, i + 1) === 0) return true;
          } catch {
            // detached or foreign node
          }
        }
      }
    }
    return false;
  };
  /** The text a generated ::before paints (Sigilo's overlay), or null when it paints none. */
  const paintedOverlay = (el: Element): string | null => {
    const content = getComputedStyle(el, '::before').content;
    const m = /^"((?:[^"\\]|\\.)*)"/.exec(content);
    return m ? m[1]!.replace(/\\(.)/g, '$1') : null;
  };
  const out: Occurrence[] = [];
  const visit = (root: Node, where: string) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let n: Node | null = walker.currentNode; n; n = walker.nextNode()) {
      if (n.nodeType === Node.ELEMENT_NODE) {
        const sr = (n as Element).shadowRoot;
        if (sr && (n as Element).localName !== 'sigilo-ui') visit(sr, 'shadow');
        continue;
      }
      if (n.nodeType !== Node.TEXT_NODE) continue;
      // Not painted as text: a textarea shows its value (checked as a field), scripts nothing.
      if (/^(TEXTAREA|SCRIPT|STYLE|TITLE|OPTION|NOSCRIPT|TEMPLATE)$/.test(n.parentElement?.tagName ?? ''))
        continue;
      const data = (n as Text).data;
      const parent = (n as Text).parentElement;
      const pendingHost = parent?.closest('[data-sigilo-pending]');
      const discs =
        data.includes(value) &&
        parent !== null &&
        (hiddenByStyle(getComputedStyle(parent)) ||
          (pendingHost !== null &&
            pendingHost !== undefined &&
            getComputedStyle(pendingHost).opacity === '0'));
      // What a whole-element mask paints over the transparent glyphs: its ::before text.
      const overlay = discs && parent ? paintedOverlay(parent) : null;
      let at = data.indexOf(value);
      while (at >= 0) {
        let shown = '';
        if (overlay !== null) {
          // The overlay is the element's text with whitespace collapsed; where it keeps
          // the text's length (full, partial) the value's own stretch is read out of it.
          const line = data.replace(/\s+/g, ' ').trim();
          const from = line.indexOf(value);
          shown =
            overlay.length === line.length && from >= 0 ? overlay.slice(from, from + value.length) : overlay;
        } else for (let i = at; i < at + value.length; i++) shown += discs || covered(n, i) ? '•' : data[i];
        out.push({ shown, where });
        at = data.indexOf(value, at + 1);
      }
    }
  };
  visit(document, 'light');
  return out;
}

/** tsx (esbuild keepNames) wraps named functions in `__name(...)`, which pages lack. */
export async function prepare(target: Page | Frame): Promise<void> {
  await target.evaluate('globalThis.__name ??= (f) => f');
}

export async function occurrences(target: Page | Frame, value: string): Promise<Occurrence[]> {
  await prepare(target);
  return target.evaluate(probeOccurrences, value);
}

/** The on-screen form of `value` under partial masking with keepLast (what probeOccurrences returns). */
export function expectedShown(value: string, keepLast: number): string {
  const chars = Array.from(value);
  const alnum = chars.filter((c) => /[\p{L}\p{N}]/u.test(c)).length;
  const keep = Math.min(keepLast, Math.floor(alnum / 2));
  let seen = 0;
  return chars
    .map((c) => {
      if (!/[\p{L}\p{N}]/u.test(c)) return c;
      seen += 1;
      return seen > alnum - keep ? c : '•';
    })
    .join('');
}

/**
 * The ways a masked value may be painted: inside longer text, all but the last
 * `keepLast` letters/digits hidden (highlight); as an element's whole text, its
 * glyphs transparent under the overlay of its masked form (the same partial form),
 * or all hidden ("•" each) where nothing is painted over them. Anything else (the raw value) fails.
 */
export function maskedForms(value: string, keepLast = 2): string[] {
  return [expectedShown(value, keepLast), '•'.repeat(value.length)];
}

/** Runs in the page: are this field's own glyphs hidden (transparent, or discs)? */
export function probeFieldMasked(selector: string): { masked: boolean; value: string | null } {
  const el = document.querySelector(selector) as HTMLInputElement | null;
  if (!el) return { masked: false, value: null };
  const style = getComputedStyle(el) as CSSStyleDeclaration & { webkitTextSecurity?: string };
  const transparent = style.getPropertyValue('-webkit-text-fill-color') === 'rgba(0, 0, 0, 0)';
  return { masked: transparent || style.webkitTextSecurity === 'disc', value: el.value };
}

/** Runs in the page: the text Sigilo's mirror paints over a masked field (null when none). */
export function probeFieldMirror(selector: string): string | null {
  const el = document.querySelector(selector);
  const root = document.querySelector('sigilo-ui')?.shadowRoot;
  if (!el || !root) return null;
  const box = el.getBoundingClientRect();
  for (const m of root.querySelectorAll<HTMLElement>('.field-mirror')) {
    const r = m.getBoundingClientRect();
    if (!m.hidden && Math.abs(r.left - box.left) < 1 && Math.abs(r.top - box.top) < 1) return m.textContent;
  }
  return null;
}

/** Box of the first `count` characters of `value` inside the element `selector`. */
export async function charBox(page: Page, selector: string, value: string, count: number) {
  return page.evaluate(
    ({ selector, value, count }) => {
      const node = [...document.querySelector(selector)!.childNodes].find((n) =>
        n.textContent?.includes(value),
      )!;
      const at = node.textContent!.indexOf(value);
      const r = document.createRange();
      r.setStart(node, at);
      r.setEnd(node, at + count);
      const b = r.getBoundingClientRect();
      return { x: b.x, y: b.y, width: b.width, height: b.height };
    },
    { selector, value, count },
  );
}

/** Count strongly red (or yellow) pixels of a PNG by decoding it in the page (no image library needed). */
export async function countPixels(page: Page, png: Buffer, colour: 'red' | 'yellow'): Promise<number> {
  return page.evaluate(
    async ({ b64, colour }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = new OffscreenCanvas(img.width, img.height);
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(0, 0, img.width, img.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) {
        const [r, g, b] = [d[i]!, d[i + 1]!, d[i + 2]!];
        if (colour === 'red' ? r > 150 && g < 90 && b < 90 : r > 200 && g > 200 && b < 80) n++;
      }
      return n;
    },
    { b64: png.toString('base64'), colour },
  );
}

export function countReddish(page: Page, png: Buffer): Promise<number> {
  return countPixels(page, png, 'red');
}

interface AxNode {
  ignored: boolean;
  role?: { value?: string };
  name?: { value?: unknown };
  value?: { value?: unknown };
  description?: { value?: unknown };
}

/** The accessibility tree's nodes that are not ignored (CDP getFullAXTree). */
export async function axNodes(page: Page): Promise<AxNode[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] };
    return nodes.filter((n) => !n.ignored);
  } finally {
    await cdp.detach();
  }
}

/** Accessibility-tree nodes (not ignored) whose name, value or description holds `value`. */
export async function axHolding(page: Page, value: string): Promise<string[]> {
  return (await axNodes(page))
    .map((n) => `${n.role?.value}: ${[n.name?.value, n.value?.value, n.description?.value].join(' | ')}`)
    .filter((line) => line.includes(value));
}
