import { HOLDER_ATTR } from './page-styles';

/**
 * HOLDER_ATTR on the elements whose own text holds masked values near the
 * viewport: see its rules in page-styles.ts.
 *
 * Why only there: an element carrying highlight-pseudo styles (our ::highlight
 * and ::selection rules) passes them on to every element below it, and each such
 * element made every later frame's layout, pre-paint and compositing-inputs passes
 * slower. Marked up to the root, a chat log carried them to all its messages; kept
 * on every masked message, the cost of one more message grew with the conversation
 * (5,000 shown: ≈9 ms more per arrival, measured in thread time; ≈0 with the marks
 * kept to the messages near the viewport). So no ancestor is marked (the selection
 * rules say `currentcolor`, which needs no inheritance), and far text is covered by
 * FAR_ATTR instead (see near-view.ts): its marks go when it goes far and come back
 * when it nears. Runs sharing an element share its mark: each mark counts its users.
 */
export class HolderMarks {
  private readonly counts = new Map<Element, number>();

  mark(el: Element): void {
    const n = this.counts.get(el) ?? 0;
    this.counts.set(el, n + 1);
    if (n === 0) el.setAttribute(HOLDER_ATTR, '');
  }

  /** One user fewer; an element left with none loses the mark. */
  unmark(el: Element): void {
    const n = this.counts.get(el);
    if (n === undefined) return;
    if (n > 1) this.counts.set(el, n - 1);
    else {
      this.counts.delete(el);
      el.removeAttribute(HOLDER_ATTR);
    }
  }

  /** Whether `el` must carry the mark (a page that removes it gets it back). */
  has(el: Element): boolean {
    return this.counts.has(el);
  }

  /** An element left the page: nothing of it to count. */
  forget(el: Element): void {
    this.counts.delete(el);
  }

  clear(): void {
    this.counts.clear();
  }
}
