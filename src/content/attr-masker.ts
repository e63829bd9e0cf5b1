import { maskText } from '../core/mask';
import { type MaskContext, type MaskItem, newItem } from './mask-registry';

/** Attributes whose text a person sees (tooltips, placeholders, image text, labels read aloud). */
export const VISIBLE_ATTRS = ['title', 'placeholder', 'alt', 'aria-label', 'label', 'value'] as const;

const VISIBLE_ATTR_SELECTOR = VISIBLE_ATTRS.map((a) => `[${a}]`).join(',');
const BUTTON_INPUT_TYPES = new Set(['button', 'submit', 'reset']);

interface AttrState {
  original: string;
  masked: string;
  items: MaskItem[];
}

/**
 * Visible attributes (title, placeholder, alt, aria-label, label, button value)
 * are rewritten to their masked form; the original is kept here, in memory, and
 * put back when the value is revealed or Sigilo stops.
 */
export class AttrMasker {
  private readonly attrs = new Map<Element, Map<string, AttrState>>();

  constructor(private readonly ctx: () => MaskContext) {}

  get size(): number {
    return this.attrs.size;
  }

  mask(el: Element, name: string): void {
    if (name === 'value' && !(el instanceof HTMLInputElement && BUTTON_INPUT_TYPES.has(el.type))) return;
    const ctx = this.ctx();
    const current = el.getAttribute(name);
    let states = this.attrs.get(el);
    const state = states?.get(name);
    if (current === null) {
      states?.delete(name);
      return;
    }
    // Our own rewrite coming back as a mutation: the original is still the one we keep.
    const source = state && current === state.masked ? state.original : current;
    const spans = ctx.detector.spans(source, null);
    if (spans.length === 0) {
      states?.delete(name);
      return;
    }
    const items = spans.map((s) =>
      newItem(ctx, s.kind, s.label, source.slice(s.start, s.end), { type: 'attr', el, name }),
    );
    const hiddenSpans = spans.filter((_, i) => !ctx.isRevealed(items[i]!.key));
    const masked = maskText(source, hiddenSpans, ctx.spec);
    if (!states) {
      states = new Map();
      this.attrs.set(el, states);
    }
    states.set(name, { original: source, masked, items });
    if (current !== masked) el.setAttribute(name, masked);
  }

  maskAll(el: Element): void {
    // One native selector match instead of six attribute lookups: most elements have none.
    if (!el.matches(VISIBLE_ATTR_SELECTOR)) return;
    for (const name of VISIBLE_ATTRS) if (el.hasAttribute(name)) this.mask(el, name);
  }

  items(): MaskItem[] {
    const out: MaskItem[] = [];
    for (const [el, states] of this.attrs) {
      if (!el.isConnected) continue;
      for (const s of states.values()) out.push(...s.items);
    }
    return out;
  }

  forget(el: Element): void {
    this.attrs.delete(el);
  }

  unmaskAll(): void {
    for (const [el, states] of this.attrs) {
      for (const [name, s] of states)
        if (el.getAttribute(name) === s.masked) el.setAttribute(name, s.original);
    }
    this.attrs.clear();
  }
}
