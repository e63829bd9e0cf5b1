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
      let at = data.indexOf(value);
      while (at >= 0) {
        let shown = '';
        for (let i = at; i < at + value.length; i++) shown += covered(n, i) ? '•' : data[i];
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

/** Runs in the page: is this field's value painted as discs? */
export function probeFieldMasked(selector: string): { masked: boolean; value: string | null } {
  const el = document.querySelector(selector) as HTMLInputElement | null;
  if (!el) return { masked: false, value: null };
  const style = getComputedStyle(el) as CSSStyleDeclaration & { webkitTextSecurity?: string };
  return { masked: style.webkitTextSecurity === 'disc', value: el.value };
}
