import { FAR_ATTR } from './page-styles';

/**
 * How far beyond the viewport, and beyond each scroll container's visible part
 * (a chat log), an element still counts as near: a viewport's worth each way,
 * so a value reaches the highlight frames before a scroll can bring it in sight.
 */
const MARGIN = '100%';
/** Every far element is looked at again this often, whatever its recorded place says. */
const RECHECK_MS = 2000;
/** How soon a far element that had no box is looked at again (see unplace). */
const UNPLACED_MS = 250;

/** A rectangle in a scroll container's content coordinates (scroll offsets, CSS px). */
interface View {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** Where a scroller's content starts, in viewport coordinates (CSS px). */
interface Origin {
  top: number;
  left: number;
}

/** What one frame read of each scroll container, shared by all the elements in it. */
interface FrameReads {
  views: Map<Element | Document, View>;
  origins: Map<Element | Document, Origin>;
}

/** Where a far element was, in its scroll container's content. */
interface Spot extends View {
  scroller: Element | Document;
}

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
 *
 * Why far elements are not observed: the IntersectionObserver recomputes every
 * target at each frame in which layout or scrolling changed (a chat arrival does
 * both), and its cost, plus the commit it caused, grew with every message already
 * shown: 3,000 targets cost ≈9 ms per arrival (measured), more than the masking.
 * So only near elements are observed; a far one is dropped with the place it had
 * in its scroll container's content, and observed again when a scroll brings that
 * place near (and every RECHECK_MS, for far elements a layout change moved).
 *
 * Why places are read in an animation frame: reading a box or a scroll offset in a
 * scroll event or an observer callback forces a layout when the page changed the
 * DOM since the last frame (a chat commits arrivals between frames), and the
 * frame then lays out again. Batched into one frame callback, the reads share one
 * layout, the one the frame needs anyway.
 */
export class NearView<T> {
  private readonly io: IntersectionObserver;
  private readonly held = new Map<Element, Set<T>>();
  private readonly far = new Set<Element>();
  /** Far elements not observed, by scroll container. */
  private readonly spots = new Map<Element | Document, Map<Element, Spot>>();
  /** Far elements with no box when last seen (a subtree not rendered yet): looked at again soon. */
  private readonly unplaced = new Set<Element>();
  private unplacedTimer = 0;
  /** The scroll container of an element's parent (siblings share it: a chat's messages). */
  private scrollers = new WeakMap<Element, Element | Document>();
  private recheckTimer = 0;
  private listening = false;
  /** Shadow roots whose scrollers hold far elements: listened to themselves (see listenIn). */
  private readonly shadowRoots = new Set<ShadowRoot>();
  /** Near elements the observer reported far, moved together once farBatch of them wait. */
  private readonly goingFar = new Map<Element, IntersectionObserverEntry>();
  /** Far elements whose place is read at the next frame (see park). */
  private readonly toPark = new Set<Element>();
  /** Scroll targets since the last frame. */
  private readonly scrolledTargets = new Set<EventTarget | null>();
  private recheckDue = false;
  private frame = 0;
  private readonly onScroll = (e: Event) => {
    // Elements about to be parked count too: the scroll may bring them back before their frame.
    if (this.spots.size === 0 && this.toPark.size === 0) return;
    this.scrolledTargets.add(e.target);
    this.schedule();
  };
  private readonly onResize = () => this.recheckAll();

  private readonly marked: boolean;
  private readonly farBatch: number;
  private readonly settled: () => void;

  /**
   * `marked`: a far element carries FAR_ATTR (its text made transparent). Whole-element
   * values need no such marker (their glyphs are always transparent discs): for them
   * only `moved` runs. `settled` runs after each batch of moves. `farBatch`: how many
   * elements reported far wait to be moved out of sight together (see onRecords).
   */
  constructor(
    private readonly moved: (el: Element, entries: ReadonlySet<T>, near: boolean) => void,
    options: { marked?: boolean; farBatch?: number; settled?: () => void } = {},
  ) {
    this.marked = options.marked ?? true;
    this.farBatch = options.farBatch ?? 1;
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
      this.listen();
      if (assumeFar && !this.marked) this.far.add(el);
    } else if (this.far.has(el) && this.dropSpot(el)) {
      // A far element gets a new value (a re-mask, a re-render): where it was may be stale.
      this.io.observe(el);
    }
    set.add(entry);
    return !this.far.has(el);
  }

  untrack(el: Element, entry: T): void {
    const set = this.held.get(el);
    if (!set?.delete(entry) || set.size > 0) return;
    this.held.delete(el);
    this.goingFar.delete(el);
    this.io.unobserve(el);
    this.dropSpot(el);
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
    this.spots.clear();
    this.unplaced.clear();
    clearTimeout(this.unplacedTimer);
    this.unplacedTimer = 0;
    this.scrollers = new WeakMap();
    this.toPark.clear();
    this.goingFar.clear();
    this.scrolledTargets.clear();
    this.recheckDue = false;
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.io.disconnect();
    if (this.listening) {
      this.listening = false;
      removeEventListener('scroll', this.onScroll, { capture: true });
      removeEventListener('resize', this.onResize);
      clearInterval(this.recheckTimer);
    }
    for (const root of this.shadowRoots) root.removeEventListener('scroll', this.onScroll, { capture: true });
    this.shadowRoots.clear();
  }

  /** A scroller's scroll events are not composed: one inside a shadow root is heard from its root. */
  private listenIn(scroller: Element): void {
    const root = scroller.getRootNode();
    if (!(root instanceof ShadowRoot) || this.shadowRoots.has(root)) return;
    this.shadowRoots.add(root);
    root.addEventListener('scroll', this.onScroll, { capture: true, passive: true });
  }

  private listen(): void {
    if (this.listening) return;
    this.listening = true;
    // Capture on the window: scroll events of inner containers do not bubble. (Those of a
    // scroller inside a shadow root do not reach the window: see listenIn.)
    addEventListener('scroll', this.onScroll, { capture: true, passive: true });
    addEventListener('resize', this.onResize, { passive: true });
    this.recheckTimer = window.setInterval(() => this.recheckAll(), RECHECK_MS);
  }

  /**
   * Why near elements reported far may wait for `farBatch` of them: moving one out
   * of sight changes its style (FAR_ATTR), and the observer reports after the
   * frame, so each move cost a frame of its own: a style pass and a repaint of the
   * scroller's content. In a chat, every arrival pushes one message out of the
   * margin: one extra frame per message (measured: 85 paints for 50 arrivals, 50
   * without Sigilo). Waiting, they stay near (masked by the highlight, as before);
   * the highlight holds at most `farBatch` more of them.
   */
  private onRecords(records: IntersectionObserverEntry[]): void {
    // The latest record per element wins (an element may move twice between callbacks).
    const latest = new Map<Element, IntersectionObserverEntry>();
    for (const r of records) latest.set(r.target, r);
    for (const [el, record] of latest) {
      const entries = this.held.get(el);
      if (!entries) continue;
      if (record.isIntersecting) {
        this.goingFar.delete(el);
        this.toPark.delete(el);
        if (!this.far.delete(el)) continue;
        // Ranges first, then the attribute off: the text is never uncovered in between.
        this.moved(el, entries, true);
        if (this.marked) el.removeAttribute(FAR_ATTR);
      } else if (!this.far.has(el)) this.goingFar.set(el, record);
      else this.placeFar(el, record);
    }
    if (this.goingFar.size >= this.farBatch) {
      for (const [el, record] of this.goingFar) {
        const entries = this.held.get(el);
        if (!entries) continue;
        if (this.marked) el.setAttribute(FAR_ATTR, '');
        this.far.add(el);
        this.moved(el, entries, false);
        this.placeFar(el, record);
      }
      this.goingFar.clear();
    }
    this.settled();
  }

  /** A far element's place is read at the next frame; one with no box is looked at again soon. */
  private placeFar(el: Element, record: IntersectionObserverEntry): void {
    const rect = record.boundingClientRect;
    if (rect.width === 0 && rect.height === 0) {
      // No box (see unplace): reading one now would render a subtree kept out of rendering.
      this.toPark.delete(el);
      this.unplace(el);
    } else {
      this.toPark.add(el);
      this.schedule();
    }
  }

  private schedule(): void {
    this.frame ||= requestAnimationFrame(() => this.onFrame());
  }

  /** Once per frame: park the elements reported far, then look at what the scrolls brought near. */
  private onFrame(): void {
    this.frame = 0;
    const reads: FrameReads = { views: new Map(), origins: new Map() };
    if (this.recheckDue) {
      this.recheckDue = false;
      const parked = [...this.spots.values()].flatMap((map) => [...map.keys()]);
      for (const el of parked) this.park(el, reads, true);
    }
    for (const el of this.toPark) if (this.far.has(el) && this.held.has(el)) this.park(el, reads, false);
    this.toPark.clear();
    for (const target of this.scrolledTargets) this.scrolled(target, reads);
    this.scrolledTargets.clear();
  }

  /**
   * Stop observing a far element; remember where it is in its scroll container's
   * content. One with no box is looked at again soon (see unplace). `recheck`: its
   * place is read again, and if a layout change brought it near it is observed (not
   * for one the observer just reported far: the observer decides, and the two
   * disagreeing, on a scroller outside the viewport, would hand it back and forth).
   */
  private park(el: Element, reads: FrameReads, recheck: boolean): void {
    this.dropSpot(el);
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) {
      this.unplace(el);
      return;
    }
    const scroller = this.scrollerOf(el);
    const origin = this.originIn(scroller, reads);
    const top = rect.top - origin.top;
    const left = rect.left - origin.left;
    const spot = { scroller, top, bottom: top + rect.height, left, right: left + rect.width };
    if (recheck && within(spot, this.viewIn(scroller, reads))) {
      this.io.observe(el);
      return;
    }
    this.io.unobserve(el);
    let map = this.spots.get(scroller);
    if (!map) {
      map = new Map();
      this.spots.set(scroller, map);
    }
    map.set(el, spot);
  }

  /**
   * An element without a box (in a subtree still kept out of rendering while it is
   * masked, or hidden) has no place to remember, and an observer that saw it far
   * reports nothing more while it stays far: it is observed again shortly.
   */
  private unplace(el: Element): void {
    this.io.unobserve(el);
    this.unplaced.add(el);
    this.unplacedTimer ||= window.setTimeout(() => {
      this.unplacedTimer = 0;
      for (const u of this.unplaced) this.io.observe(u);
      this.unplaced.clear();
    }, UNPLACED_MS);
  }

  /** Forget where a parked (or unplaced) element was; false if it was neither. */
  private dropSpot(el: Element): boolean {
    if (this.unplaced.delete(el)) return true;
    for (const [scroller, map] of this.spots)
      if (map.delete(el)) {
        if (map.size === 0) this.spots.delete(scroller);
        return true;
      }
    return false;
  }

  /**
   * A scroll moved `target`'s content (or, for an outer scroller, the containers in it):
   * far elements whose place is now within a viewport's worth of sight are observed again.
   */
  private scrolled(target: EventTarget | null, reads: FrameReads): void {
    const outer = target instanceof Element ? target : document;
    for (const [scroller, map] of this.spots) {
      if (
        scroller !== outer &&
        !(outer === document || (scroller instanceof Element && outer.contains(scroller)))
      )
        continue;
      const view = this.viewIn(scroller, reads);
      for (const [el, s] of map)
        if (within(s, view)) {
          map.delete(el);
          this.io.observe(el);
        }
      if (map.size === 0) this.spots.delete(scroller);
    }
  }

  /** A scroller's view, read once per frame. */
  private viewIn(scroller: Element | Document, reads: FrameReads): View {
    let view = reads.views.get(scroller);
    if (!view) {
      view = viewOf(scroller);
      reads.views.set(scroller, view);
    }
    return view;
  }

  /**
   * Where a scroller's content starts, in viewport coordinates, read once per frame
   * (a batch of far chat messages shares one log: its box and offsets were read per message).
   */
  private originIn(scroller: Element | Document, reads: FrameReads): Origin {
    let origin = reads.origins.get(scroller);
    if (!origin) {
      if (scroller instanceof Element) {
        this.listenIn(scroller);
        const box = scroller.getBoundingClientRect();
        origin = {
          top: box.top + scroller.clientTop - scroller.scrollTop,
          left: box.left + scroller.clientLeft - scroller.scrollLeft,
        };
      } else origin = { top: -scrollY, left: -scrollX };
      reads.origins.set(scroller, origin);
    }
    return origin;
  }

  /**
   * A layout change may have moved far elements, a resize their views: each one's
   * place is read again at the next frame (one layout for all, no observer round).
   */
  private recheckAll(): void {
    if (this.spots.size === 0) return;
    this.recheckDue = true;
    this.schedule();
  }

  /** The nearest ancestor (across shadow roots) that scrolls, or the document. */
  private scrollerOf(el: Element): Element | Document {
    const parent = el.parentElement ?? (el.parentNode instanceof ShadowRoot ? el.parentNode.host : null);
    if (!parent) return document;
    const known = this.scrollers.get(parent);
    if (known) return known;
    let found: Element | Document = document;
    for (let p: Element | null = parent; p && p !== document.documentElement && p !== document.body; ) {
      const cs = getComputedStyle(p);
      if (scrolls(cs.overflowY) || scrolls(cs.overflowX)) {
        found = p;
        break;
      }
      const up: Node | null = p.parentNode;
      p = up instanceof ShadowRoot ? up.host : (p.parentElement ?? null);
    }
    this.scrollers.set(parent, found);
    return found;
  }
}

function scrolls(overflow: string): boolean {
  return overflow === 'auto' || overflow === 'scroll' || overflow === 'overlay';
}

function within(s: View, view: View): boolean {
  return s.bottom >= view.top && s.top <= view.bottom && s.right >= view.left && s.left <= view.right;
}

/** The part of a scroller's content in sight, widened by a viewport's worth each way (MARGIN). */
function viewOf(scroller: Element | Document): View {
  const [y, x, h, w] =
    scroller instanceof Element
      ? [scroller.scrollTop, scroller.scrollLeft, scroller.clientHeight, scroller.clientWidth]
      : [scrollY, scrollX, innerHeight, innerWidth];
  return { top: y - h, bottom: y + 2 * h, left: x - w, right: x + 2 * w };
}
