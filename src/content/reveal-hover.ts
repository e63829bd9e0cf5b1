import { kindVars, type Lang, t } from './i18n';
import type { MaskItem, MaskRegistry } from './mask-registry';
import { h } from './ui/dom';
import type { UiHost } from './ui/host';

/**
 * Masked values look clickable and say how to reveal them: while the pointer is
 * over one, a transparent target of the value's size sits over it in Sigilo's
 * UI (pointer cursor, the hint as its tooltip). A click on it is the agent's
 * own click on the value. The page's nodes get no cursor, title or listener.
 */
export class RevealHover {
  private readonly target: HTMLElement;
  private current: { item: MaskItem; el: Element } | null = null;
  private frame = 0;
  private last: { x: number; y: number; el: Element } | null = null;
  /** A button is down (see onPress). */
  private pressed = false;

  constructor(
    private readonly registry: MaskRegistry,
    private readonly ui: UiHost,
    private readonly lang: () => Lang,
    private readonly activate: (item: MaskItem, el: Element) => void,
    private readonly itemAt: (el: Element, x: number, y: number) => MaskItem | null,
  ) {
    this.target = h('div', { class: 'hover-target', 'aria-hidden': 'true', hidden: true });
    this.target.addEventListener('click', (e) => {
      // Only the agent's own click, never a page script's.
      if (!e.isTrusted || !this.current) return;
      e.preventDefault();
      e.stopPropagation();
      const { item, el } = this.current;
      this.hide();
      this.activate(item, el);
    });
    this.target.addEventListener('mouseleave', () => this.hide());
  }

  /** Pointer moved over the page (rAF-throttled: at most one lookup per frame). */
  onPointerMove(e: PointerEvent): void {
    if (e.pointerType === 'touch') return;
    const el = e.composedPath()[0];
    if (!(el instanceof Element) || this.ui.contains(el)) return;
    this.last = { x: e.clientX, y: e.clientY, el };
    this.frame ||= requestAnimationFrame(() => this.lookup());
  }

  /**
   * A button went down or up. While it is down the target does not appear: shown
   * between a press on the value and its release, it would take the release, and
   * the click would go to neither (a click fires on what both share, the document).
   */
  onPress(pressed: boolean): void {
    this.pressed = pressed;
  }

  /** Scrolling moves the value from under a still pointer. */
  onScroll(): void {
    if (this.current) this.hide();
  }

  private lookup(): void {
    this.frame = 0;
    const last = this.last;
    if (!last || (this.pressed && this.target.hidden)) return;
    const item = (last.el as HTMLElement).isContentEditable ? null : this.itemAt(last.el, last.x, last.y);
    const rect = item && this.rectOf(item, last.el, last.x, last.y);
    if (!item || !rect) {
      this.hide();
      return;
    }
    this.current = { item, el: last.el };
    const style = this.target.style;
    style.left = `${rect.left}px`;
    style.top = `${rect.top}px`;
    style.width = `${rect.width}px`;
    style.height = `${rect.height}px`;
    this.target.title = t(this.lang(), 'hoverHint', kindVars(this.lang(), item.label));
    this.ui.ensureAttached();
    if (this.target.parentNode !== this.ui.root) this.ui.root.append(this.target);
    this.target.hidden = false;
  }

  /** The box under the pointer: the value's line box for text, the element for a field. */
  private rectOf(item: MaskItem, el: Element, x: number, y: number): DOMRect | null {
    const range = this.registry.rangeOf(item);
    if (!range) return el.getBoundingClientRect();
    for (const r of range.getClientRects())
      if (x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1) return r;
    return null;
  }

  hide(): void {
    this.current = null;
    this.target.hidden = true;
  }

  dispose(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.target.remove();
    this.current = null;
  }
}
