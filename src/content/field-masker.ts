import { maskValue } from '../core/mask';
import type { AriaMarks } from './aria-marks';
import type { KindSpan } from './detect';
import type { FieldMirror, MirrorPart } from './field-mirror';
import { type Field, type MaskContext, type MaskItem, maskSpec, newItem } from './mask-registry';
import { FIELD_ATTR } from './page-styles';

const TEXT_INPUT_TYPES = new Set(['', 'text', 'search', 'tel', 'email', 'url', 'number']);

interface FieldState {
  items: MaskItem[];
  /** Values the agent typed here (trusted input while focused): shown to them while they type. */
  typed: Set<string>;
  /** Values the page put here (initial value, script): masked even while the field has focus. */
  placed: Set<string>;
}

/**
 * Form fields (input, textarea, select) holding sensitive values. The page's
 * value is never touched — typing, clearing, a framework's state and the form
 * submission stay exactly the page's.
 *
 * - Input and textarea: the field's glyphs are made transparent (FIELD_ATTR)
 *   and a mirror paints the text with only the sensitive values in the policy's
 *   masked form (partial keeps the last characters), see field-mirror.ts.
 * - What the agent types shows while they type it (they must proofread a CPF)
 *   and is masked when they leave the field; a value the page placed stays
 *   masked while focused.
 * - Assistive technology reads an input's value whatever it looks like, so a
 *   field showing a value the page placed is left out of the tree and out of
 *   the Tab order (aria-hidden with tabindex=-1, which axe accepts); the
 *   masked-values list names it by its label and reveals it.
 * - Select: a sensitive option shows its masked form through its `label`
 *   attribute (what the closed select, its popup and screen readers display;
 *   the option's value and text are untouched).
 */
export class FieldMasker {
  private readonly fields = new Map<Field, FieldState>();
  /** Last value seen per field, to catch values set by script (no event, no mutation). */
  private readonly values = new Map<Field, string>();
  /** Set by the content script once its UI exists. */
  mirror: FieldMirror | null = null;
  /** Fields whose latest change is the agent's keystroke (see noteTyped). */
  private readonly typing = new WeakSet<Field>();

  constructor(
    private readonly ctx: () => MaskContext,
    private readonly aria: AriaMarks,
  ) {}

  isTextField(el: Element): el is Field {
    if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
    return el instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(el.type === 'text' ? '' : el.type);
  }

  get size(): number {
    return this.fields.size;
  }

  /** Fields watched for script-set values (the per-frame check runs while there are any). */
  get watched(): number {
    return this.values.size;
  }

  has(el: Element): boolean {
    return this.fields.has(el as Field);
  }

  /**
   * The agent's own keystroke changed `el` (a trusted input event): the values
   * in it that the page did not place are the agent's.
   */
  noteTyped(el: Element): void {
    if (!this.isTextField(el) || el instanceof HTMLSelectElement) return;
    // Read by the mask() that the same input event runs next (one scan per keystroke).
    this.typing.add(el);
    // The value changed by the agent's hand: not a script-set value.
    this.values.set(el, el.value);
  }

  mask(el: Field): void {
    if (el instanceof HTMLSelectElement) {
      this.maskSelect(el);
      return;
    }
    const ctx = this.ctx();
    const value = el.value;
    const previous = this.values.get(el);
    this.values.set(el, value);
    const rule = ctx.detector.ruleFor(el);
    // The field's label is the context a short value may need ("Data de nascimento").
    const label = () => el.labels?.[0]?.textContent?.trim() || el.getAttribute('aria-label');
    const spans: KindSpan[] = value ? ctx.detector.spans(value, rule, label) : [];
    const state = this.fields.get(el) ?? { items: [], typed: new Set<string>(), placed: new Set<string>() };
    state.items = spans.map((s) =>
      newItem(ctx, s.kind, s.label, value.slice(s.start, s.end), { type: 'field', el }),
    );
    // Values the agent's keystroke brought that the page had not placed are theirs.
    if (this.typing.delete(el))
      for (const item of state.items) if (!state.placed.has(item.key)) state.typed.add(item.key);
    // A value that appears without the agent typing it was placed by the page.
    if (previous !== value || state.placed.size === 0)
      for (const item of state.items) if (!state.typed.has(item.key)) state.placed.add(item.key);
    if (state.items.length === 0 && !rule && state.typed.size === 0) {
      this.fields.delete(el);
      this.unmask(el);
      return;
    }
    this.fields.set(el, state);

    const focused = isFocused(el);
    const hidden = (item: MaskItem) =>
      !ctx.isRevealed(item.key) && !(focused && state.typed.has(item.key) && !state.placed.has(item.key));
    const hiddenItems = state.items.filter(hidden);
    // A field rule masks its field even while empty: a value set later never shows.
    const masked = hiddenItems.length > 0 || (rule !== null && state.items.length === 0 && value.length > 0);
    if (!masked) {
      this.unmask(el);
      return;
    }
    if (!el.hasAttribute(FIELD_ATTR)) el.setAttribute(FIELD_ATTR, '');
    this.mirror?.show(el, partsOf(value, spans, state.items, hidden, ctx));
    const pagePlaced = hiddenItems.some((i) => state.placed.has(i.key));
    if (pagePlaced) {
      this.aria.set(el, 'aria-hidden', 'true');
      this.aria.set(el, 'tabindex', '-1');
    } else {
      this.aria.clear(el, 'aria-hidden');
      this.aria.clear(el, 'tabindex');
    }
  }

  private unmask(el: Field): void {
    if (el.hasAttribute(FIELD_ATTR)) el.removeAttribute(FIELD_ATTR);
    this.mirror?.hide(el);
    this.aria.clear(el, 'aria-hidden');
    this.aria.clear(el, 'tabindex');
  }

  private maskSelect(select: HTMLSelectElement): void {
    const ctx = this.ctx();
    this.values.set(select, `${select.selectedIndex}`);
    const rule = ctx.detector.ruleFor(select);
    const items: MaskItem[] = [];
    for (const option of Array.from(select.options)) {
      const text = option.text;
      const spans = text ? ctx.detector.spans(text, rule) : [];
      const optionItems = spans.map((s) =>
        newItem(ctx, s.kind, s.label, text.slice(s.start, s.end), { type: 'field', el: select }),
      );
      // Only the selected option is a value on screen; the others show when the list opens.
      if (option.selected) items.push(...optionItems);
      const hidden = optionItems.filter((i) => !ctx.isRevealed(i.key));
      if (hidden.length === 0) {
        this.aria.clear(option, 'label');
        if (option.hasAttribute(FIELD_ATTR)) option.removeAttribute(FIELD_ATTR);
        continue;
      }
      const shown = partsOf(text, spans, optionItems, (i) => !ctx.isRevealed(i.key), ctx)
        .map((p) => p.text)
        .join('');
      this.aria.set(option, 'label', shown);
      // The page labelled the option itself (rare): then its text cannot be replaced, only covered.
      if (option.getAttribute('label') !== shown) option.setAttribute(FIELD_ATTR, '');
      else if (option.hasAttribute(FIELD_ATTR)) option.removeAttribute(FIELD_ATTR);
    }
    if (items.length > 0) this.fields.set(select, { items, typed: new Set(), placed: new Set() });
    else this.fields.delete(select);
  }

  /** The page removed a marker of ours: mask it again as it stands. */
  heal(el: Element): void {
    const field = el instanceof HTMLOptionElement ? el.closest('select') : el;
    if (field && this.fields.has(field as Field)) this.mask(field as Field);
  }

  /** Called every frame: a script can set `.value` without any event or mutation. */
  checkValues(): void {
    for (const [el, last] of this.values) {
      if (!el.isConnected) {
        this.values.delete(el);
        this.fields.delete(el);
        this.mirror?.hide(el);
        continue;
      }
      const now = el instanceof HTMLSelectElement ? `${el.selectedIndex}` : el.value;
      if (now !== last) this.mask(el);
    }
    this.mirror?.follow();
  }

  /**
   * The values of `el` the agent has not seen: not those they typed there
   * themselves (a click back into their own text is for editing, and Enter in a
   * search box they typed a CPF into searches).
   */
  itemsOf(el: Element): MaskItem[] {
    const state = this.fields.get(el as Field);
    if (!state) return [];
    return state.typed.size === 0
      ? state.items
      : state.items.filter((i) => !state.typed.has(i.key) || state.placed.has(i.key));
  }

  /** Items still masked on screen (a value the agent is typing is not listed while they type it). */
  items(): MaskItem[] {
    const out: MaskItem[] = [];
    for (const [el, state] of this.fields) if (el.isConnected) out.push(...state.items);
    return out;
  }

  forget(el: Element): void {
    this.fields.delete(el as Field);
    this.values.delete(el as Field);
    if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) this.mirror?.hide(el);
  }

  unmaskAll(): void {
    for (const el of this.fields.keys()) el.removeAttribute(FIELD_ATTR);
    for (const el of document.querySelectorAll(`[${FIELD_ATTR}]`)) el.removeAttribute(FIELD_ATTR);
    this.mirror?.dispose();
    this.fields.clear();
    this.values.clear();
  }
}

function isFocused(el: Element): boolean {
  const root = el.getRootNode() as Document | ShadowRoot;
  return root.activeElement === el;
}

/** The field's text cut at its values: each hidden value in its masked form, the rest as it is. */
function partsOf(
  value: string,
  spans: readonly KindSpan[],
  items: readonly MaskItem[],
  hidden: (item: MaskItem) => boolean,
  ctx: MaskContext,
): MirrorPart[] {
  const parts: MirrorPart[] = [];
  let at = 0;
  spans.forEach((s, i) => {
    const item = items[i];
    if (!item || !hidden(item)) return;
    if (s.start > at) parts.push({ text: value.slice(at, s.start), masked: false });
    parts.push({ text: maskValue(item.value, maskSpec(ctx, s.label)).display, masked: true });
    at = s.end;
  });
  if (at < value.length) parts.push({ text: value.slice(at), masked: false });
  return parts;
}
