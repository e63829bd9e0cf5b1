import { spokenName } from './a11y';
import type { AriaMarks } from './aria-marks';
import type { KindSpan } from './detect';
import { type Field, itemKey, type MaskContext, type MaskItem, maskSpec, newItem } from './mask-registry';
import { FIELD_ATTR } from './page-styles';

const TEXT_INPUT_TYPES = new Set(['', 'text', 'search', 'tel', 'email', 'url', 'number']);

/**
 * Form fields (input, textarea, select): a field whose value is sensitive shows
 * discs (a marker attribute + -webkit-text-security), focused or not, until
 * revealed; the page's value is untouched so typing, clearing and a framework's
 * own state keep working.
 */
export class FieldMasker {
  private readonly fields = new Map<Field, MaskItem[]>();
  /** Last value seen per field, to catch values set by script (no event, no mutation). */
  private readonly values = new Map<Field, string>();

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

  mask(el: Field): void {
    const ctx = this.ctx();
    const value = fieldDisplayValue(el);
    this.values.set(el, el instanceof HTMLSelectElement ? `${el.selectedIndex}` : el.value);
    const rule = ctx.detector.ruleFor(el);
    const spans: KindSpan[] = value ? ctx.detector.spans(value, rule) : [];
    const items = spans.map((s) =>
      newItem(ctx, s.kind, s.label, value.slice(s.start, s.end), { type: 'field', el }),
    );
    if (items.length === 0 && !rule) this.fields.delete(el);
    else this.fields.set(el, items);
    // A field rule masks its field even while empty: a value typed or set later never shows.
    const allRevealed = items.length > 0 && items.every((i) => ctx.isRevealed(i.key));
    const fieldMasked = rule ? !allRevealed : items.length > 0 && !allRevealed;
    if (fieldMasked) {
      if (!el.hasAttribute(FIELD_ATTR)) el.setAttribute(FIELD_ATTR, '');
    } else if (el.hasAttribute(FIELD_ATTR)) el.removeAttribute(FIELD_ATTR);
    // Chromium exposes an input's value to assistive technology whatever it looks like:
    // while masked, the field is left out of the tree (the masked-values list reveals it).
    if (fieldMasked && !(el instanceof HTMLSelectElement)) this.aria.set(el, 'aria-hidden', 'true');
    else this.aria.clear(el, 'aria-hidden');
    if (el instanceof HTMLSelectElement) this.maskOptions(el);
  }

  private maskOptions(select: HTMLSelectElement): void {
    const ctx = this.ctx();
    for (const option of Array.from(select.options)) {
      const spans = ctx.detector.spans(option.text, ctx.detector.ruleFor(select));
      const hidden = spans.some((s) => !ctx.isRevealed(itemKey(s.kind, option.text.slice(s.start, s.end))));
      if (hidden) {
        option.setAttribute(FIELD_ATTR, '');
        const names = spans.map((s) =>
          spokenName(ctx.lang, s.label, option.text.slice(s.start, s.end), maskSpec(ctx, s.label)),
        );
        this.aria.set(option, 'aria-label', names.join('; '));
      } else {
        if (option.hasAttribute(FIELD_ATTR)) option.removeAttribute(FIELD_ATTR);
        this.aria.clear(option, 'aria-label');
      }
    }
  }

  /** The page removed a field's marker: mask it again as it stands. */
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
        continue;
      }
      const now = el instanceof HTMLSelectElement ? `${el.selectedIndex}` : el.value;
      if (now !== last) this.mask(el);
    }
  }

  itemsOf(el: Element): MaskItem[] {
    return this.fields.get(el as Field) ?? [];
  }

  items(): MaskItem[] {
    const out: MaskItem[] = [];
    for (const [el, items] of this.fields) if (el.isConnected) out.push(...items);
    return out;
  }

  forget(el: Element): void {
    this.fields.delete(el as Field);
    this.values.delete(el as Field);
  }

  unmaskAll(): void {
    for (const el of this.fields.keys()) el.removeAttribute(FIELD_ATTR);
    for (const el of document.querySelectorAll(`[${FIELD_ATTR}]`)) el.removeAttribute(FIELD_ATTR);
    this.fields.clear();
    this.values.clear();
  }
}

function fieldDisplayValue(el: Field): string {
  if (el instanceof HTMLSelectElement) return el.selectedOptions[0]?.text ?? '';
  return el.value;
}
