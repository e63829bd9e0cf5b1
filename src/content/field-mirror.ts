import type { Field } from './mask-registry';
import { h } from './ui/dom';
import type { UiHost } from './ui/host';

/** A field's text as it is to be painted: plain runs and masked forms. */
export interface MirrorPart {
  text: string;
  masked: boolean;
}

/** Styles that decide where a field's glyphs fall, copied onto its mirror. */
const COPIED = [
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'font-stretch',
  'font-variant',
  'letter-spacing',
  'word-spacing',
  'text-align',
  'text-indent',
  'text-transform',
  'line-height',
  'direction',
  'tab-size',
  'padding-top',
  'padding-right',
  'padding-bottom',
  'padding-left',
  'border-top-width',
  'border-right-width',
  'border-bottom-width',
  'border-left-width',
  'color',
] as const;

interface Mirror {
  layer: HTMLElement;
  text: HTMLElement;
  key: string;
  /** The field's size when its styles were last copied: copied again only when it changes. */
  styled: string;
}

/**
 * What a masked form field shows, painted over it from Sigilo's UI: the field's
 * own glyphs are made transparent (a marker attribute; its value, caret and
 * selection are untouched) and this mirror, in the same font, box and scroll
 * position, paints the text with only the sensitive values in masked form —
 * "•••.•••.•••-97" in an input, a note with just its CPF hidden in a textarea.
 * If the mirror cannot be drawn, the field shows nothing: never the value.
 */
export class FieldMirror {
  private readonly mirrors = new Map<Field, Mirror>();

  constructor(private readonly ui: UiHost) {}

  get size(): number {
    return this.mirrors.size;
  }

  show(el: Field, parts: readonly MirrorPart[]): void {
    let mirror = this.mirrors.get(el);
    if (!mirror) {
      const text = h('div', { class: 'mirror-text' });
      const layer = h('div', { class: 'field-mirror', 'aria-hidden': 'true' }, text);
      mirror = { layer, text, key: '', styled: '' };
      this.mirrors.set(el, mirror);
      this.ui.ensureAttached();
      this.ui.root.append(layer);
    }
    const key = parts.map((p) => `${p.masked ? 1 : 0}${p.text}`).join('\u0000');
    if (key !== mirror.key) {
      mirror.key = key;
      mirror.text.replaceChildren(
        ...parts.map((p) =>
          p.masked ? h('span', { class: 'masked' }, p.text) : document.createTextNode(p.text),
        ),
      );
    }
    mirror.styled = '';
    this.place(el, mirror);
  }

  hide(el: Field): void {
    const mirror = this.mirrors.get(el);
    if (!mirror) return;
    mirror.layer.remove();
    this.mirrors.delete(el);
  }

  /** Keep every mirror on its field (scroll, layout, the field's own scrolling). */
  follow(): void {
    for (const [el, mirror] of this.mirrors) {
      if (!el.isConnected) this.hide(el);
      else this.place(el, mirror);
    }
  }

  private place(el: Field, mirror: Mirror): void {
    const rect = el.getBoundingClientRect();
    const layer = mirror.layer;
    const s = layer.style;
    if (rect.width === 0 || rect.height === 0) {
      layer.hidden = true;
      mirror.styled = '';
      return;
    }
    s.left = `${rect.left}px`;
    s.top = `${rect.top}px`;
    // Per frame only the position is followed; the field's styles are read again when its
    // content or size changed (reading them every frame would force a style pass each frame).
    const size = `${rect.width}x${rect.height}`;
    if (mirror.styled !== size) {
      mirror.styled = size;
      const style = getComputedStyle(el);
      layer.hidden = style.visibility === 'hidden';
      s.width = `${rect.width}px`;
      s.height = `${rect.height}px`;
      for (const name of COPIED) s.setProperty(name, style.getPropertyValue(name));
      this.styleLines(el, mirror, style);
    }
    this.scroll(el, mirror);
  }

  private styleLines(el: Field, mirror: Mirror, style: CSSStyleDeclaration): void {
    const s = mirror.layer.style;
    const multiline = el instanceof HTMLTextAreaElement;
    mirror.layer.classList.toggle('multiline', multiline);
    if (multiline) {
      // A vertical scrollbar narrows the textarea's lines: the mirror wraps at the same width.
      const bar =
        el.offsetWidth -
        el.clientWidth -
        parseFloat(style.borderLeftWidth) -
        parseFloat(style.borderRightWidth);
      if (bar > 0) s.paddingRight = `${parseFloat(style.paddingRight) + bar}px`;
    }
  }

  private scroll(el: Field, mirror: Mirror): void {
    // An input's text sits centred in its box; a textarea's flows from the top.
    mirror.text.style.transform =
      el instanceof HTMLTextAreaElement
        ? `translateY(${-el.scrollTop}px)`
        : `translateX(${-(el as HTMLInputElement).scrollLeft}px)`;
  }

  dispose(): void {
    for (const mirror of this.mirrors.values()) mirror.layer.remove();
    this.mirrors.clear();
  }
}
