import { FAR_ATTR } from './page-styles';

/**
 * How far beyond the viewport, and beyond each scroll container's visible part
 * (a chat log), an element still counts as near: a viewport's worth each way,
 * so a value reaches the highlight frames before a scroll can bring it in sight.
 */
const MARGIN = '100%';

/**
 * Why highlights are kept to the values near the viewport: Chromium rebuilds
 * the markers of EVERY range of every registered highlight whenever the DOM or
 * style changed (HighlightRegistry::ValidateHighlightMarkers, at each frame
 * after a change), so each new chat message cost time in proportion to the
 * values already masked in the whole conversation. An element holding
 * highlight-masked text that is far from sight has its ranges taken out of the
 * highlight and its whole text made transparent instead (FAR_ATTR, one
 * attribute, no range); the ranges come back when it nears the viewport. If a
 * jump (Home, a script's scrollTop) outruns the observer, the text shows blank
 * for a frame, never raw. Not used for editable text: no attribute goes there.
 */
export class NearView<T> {
  private readonly io: IntersectionObserver;
  private readonly held = new Map<Element, Set<T>>();
  private readonly far = new Set<Element>();

  private readonly marked: boolean;
  private readonly settled: () => void;

  /**
   * `marked`: a far element carries FAR_ATTR (its text made transparent). Whole-element
   * values need no such marker (their glyphs are always transparent discs): for them
   * only `moved` runs. `settled` runs after each batch of moves.
   */
  constructor(
    private readonly moved: (el: Element, entries: ReadonlySet<T>, near: boolean) => void,
    options: { marked?: boolean; settled?: () => void } = {},
  ) {
    this.marked = options.marked ?? true;
    this.settled = options.settled ?? (() => undefined);
    const init: IntersectionObserverInit & { scrollMargin?: string } = {
      rootMargin: MARGIN,
      scrollMargin: MARGIN,
    };
    this.io = new IntersectionObserver((records) => this.onRecords(records), init);
  }

  /**
   * `entry` shows values in `el`; false while `el` is far (its ranges stay out of the highlight).
   * A newly tracked element counts as near unless `assumeFar` (no marker is written then:
   * the observer's first report, after the next layout, settles it either way).
   */
  track(el: Element, entry: T, assumeFar = false): boolean {
    let set = this.held.get(el);
    if (!set) {
      set = new Set();
      this.held.set(el, set);
      this.io.observe(el);
      if (assumeFar && !this.marked) this.far.add(el);
    }
    set.add(entry);
    return !this.far.has(el);
  }

  untrack(el: Element, entry: T): void {
    const set = this.held.get(el);
    if (!set?.delete(entry) || set.size > 0) return;
    this.held.delete(el);
    this.io.unobserve(el);
    if (this.far.delete(el) && this.marked) el.removeAttribute(FAR_ATTR);
  }

  isFar(el: Element): boolean {
    return this.far.has(el);
  }

  /** The page removed or rewrote our marker on a far element: put it back. */
  heal(el: Element): void {
    if (this.marked && this.far.has(el) && el.getAttribute(FAR_ATTR) !== '') el.setAttribute(FAR_ATTR, '');
  }

  clear(): void {
    if (this.marked) for (const el of this.far) el.removeAttribute(FAR_ATTR);
    this.far.clear();
    this.held.clear();
    this.io.disconnect();
  }

  private onRecords(records: IntersectionObserverEntry[]): void {
    // The latest record per element wins (an element may move twice between callbacks).
    const latest = new Map<Element, boolean>();
    for (const r of records) latest.set(r.target, r.isIntersecting);
    for (const [el, near] of latest) {
      const entries = this.held.get(el);
      if (!entries) continue;
      if (near === !this.far.has(el)) continue;
      if (near) {
        this.far.delete(el);
        // Ranges first, then the attribute off: the text is never uncovered in between.
        this.moved(el, entries, true);
        if (this.marked) el.removeAttribute(FAR_ATTR);
      } else {
        if (this.marked) el.setAttribute(FAR_ATTR, '');
        this.far.add(el);
        this.moved(el, entries, false);
      }
    }
    this.settled();
  }
}
