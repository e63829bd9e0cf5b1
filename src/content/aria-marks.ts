/**
 * ARIA attributes Sigilo puts on page elements (see a11y.ts): remembered so that
 * they are never confused with the page's own (which are never overwritten), put
 * back if a page script strips them, and removed on reveal and on teardown.
 */
export class AriaMarks {
  /** element -> attribute -> the value we set */
  private readonly marks = new Map<Element, Map<string, string>>();

  /** Set an ARIA attribute of ours, unless the page set its own. */
  set(el: Element, name: string, value: string): void {
    const ours = this.marks.get(el);
    const mine = ours?.get(name);
    const current = el.getAttribute(name);
    if (current !== null && current !== mine) return;
    if (current !== value) el.setAttribute(name, value);
    if (ours) ours.set(name, value);
    else this.marks.set(el, new Map([[name, value]]));
  }

  /** Remove an ARIA attribute only if it is still the one we set. */
  clear(el: Element, name: string): void {
    const ours = this.marks.get(el);
    const mine = ours?.get(name);
    if (!ours || mine === undefined) return;
    if (el.getAttribute(name) === mine) el.removeAttribute(name);
    ours.delete(name);
    if (ours.size === 0) this.marks.delete(el);
  }

  /** The page removed or changed one of ours: put it back. */
  heal(el: Element, name: string): void {
    const mine = this.marks.get(el)?.get(name);
    if (mine !== undefined && el.getAttribute(name) !== mine) el.setAttribute(name, mine);
  }

  forget(el: Element): void {
    this.marks.delete(el);
  }

  clearAll(): void {
    for (const [el, attrs] of this.marks)
      for (const [name, value] of attrs) if (el.getAttribute(name) === value) el.removeAttribute(name);
    this.marks.clear();
  }
}
