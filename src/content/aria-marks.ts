/**
 * ARIA attributes Sigilo puts on page elements (see a11y.ts): remembered so that
 * they are never confused with the page's own (which are never overwritten), put
 * back if a page script strips them, and removed on reveal and on teardown.
 * One map per attribute name (a handful of names, thousands of elements).
 */
export class AriaMarks {
  /** attribute -> element -> the value we set */
  private readonly marks = new Map<string, Map<Element, string>>();

  private byName(name: string): Map<Element, string> {
    let m = this.marks.get(name);
    if (!m) {
      m = new Map();
      this.marks.set(name, m);
    }
    return m;
  }

  /** Set an ARIA attribute of ours, unless the page set its own. */
  set(el: Element, name: string, value: string): void {
    const ours = this.byName(name);
    const mine = ours.get(el);
    const current = el.getAttribute(name);
    if (current !== null && current !== mine) return;
    if (current !== value) el.setAttribute(name, value);
    ours.set(el, value);
  }

  /** Remove an ARIA attribute only if it is still the one we set. */
  clear(el: Element, name: string): void {
    const ours = this.marks.get(name);
    const mine = ours?.get(el);
    if (!ours || mine === undefined) return;
    if (el.getAttribute(name) === mine) el.removeAttribute(name);
    ours.delete(el);
  }

  /** The page removed or changed one of ours: put it back. */
  heal(el: Element, name: string): void {
    const mine = this.marks.get(name)?.get(el);
    if (mine !== undefined && el.getAttribute(name) !== mine) el.setAttribute(name, mine);
  }

  forget(el: Element): void {
    for (const m of this.marks.values()) m.delete(el);
  }

  clearAll(): void {
    for (const [name, m] of this.marks)
      for (const [el, value] of m) if (el.getAttribute(name) === value) el.removeAttribute(name);
    this.marks.clear();
  }
}
