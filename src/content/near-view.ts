import { FAR_ATTR } from './page-styles';
import { type Spot, SpotIndex, type View } from './spot-index';

/**
 * How far beyond the viewport, and beyond each scroll container's visible part
 * (a chat log), an element still counts as near, in viewports each way (see the
 * `margin` option): a value reaches the highlight frames before a scroll can
 * bring it in sight.
 */
const MARGIN = 1;
/** Far elements are looked at again this often (see recheckAll). */
const RECHECK_MS = 2000;
/** Every this many rechecks, each far element's place is read, whatever the samples say. */
const FULL_RECHECK_EVERY = 8;
/** Far elements per scroll container whose places are read to tell whether any moved (see anyMoved). */
const SAMPLES = 8;
/** How soon a far element that had no box is looked at again (see unplace). */
const UNPLACED_MS = 250;

/** Where a scroller's content starts, in viewport coordinates (CSS px). */
interface Origin {
  top: number;
  left: number;
}

/** What one frame read of each scroll container, shared by all the elements in it. */
interface FrameReads {
  views: Map<Element | Document, View>;
  origins: Map<Element | Document, Origin>;
  sights: Map<Element | Document, View>;
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
 * place near (and, for far elements a layout change moved, at the rechecks: see
 * recheckAll).
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
  private readonly spots = new SpotIndex();
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
  /** Far elements the observer reported near, moved together after gatherMs (see onRecords). */
  private readonly goingNear = new Set<Element>();
  private gatherTimer = 0;
  /** Far elements whose place is read at the next frame (see park). */
  private readonly toPark = new Set<Element>();
  /** Elements tracked before they had a box (see track): not observed until placeFresh places them. */
  private readonly fresh = new Set<Element>();
  private freshDue = false;
  /** Scroll targets since the last frame. */
  private readonly scrolledTargets = new Set<EventTarget | null>();
  /** Whether the next frame rechecks far elements: "sampled" (the timer) or "full" (a resize). */
  private recheckDue: 'sampled' | 'full' | null = null;
  private rechecks = 0;
  private frame = 0;
  private readonly onScroll = (e: Event) => {
    // Elements about to be parked count too: the scroll may bring them back before their frame.
    if (this.spots.size === 0 && this.toPark.size === 0) return;
    this.scrolledTargets.add(e.target);
    this.schedule();
  };
  private readonly onResize = () => this.recheckAll('full');

  private readonly marked: boolean;
  private readonly farBatch: number;
  private readonly gatherMs: number;
  private readonly margin: number;
  private readonly settled: () => void;

  /**
   * `marked`: a far element carries FAR_ATTR (its text made transparent). Whole-element
   * values need no such marker (their glyphs are always transparent discs): for them
   * only `moved` runs. `settled` runs after each batch of moves. `farBatch`: how many
   * elements reported far wait to be moved out of sight together (see onRecords).
   * `gatherMs`: moves wait up to this long, to be made together (0: at once).
   * `margin`: how far from sight an element still counts as near, in viewports.
   */
  constructor(
    private readonly moved: (el: Element, entries: ReadonlySet<T>, near: boolean) => void,
    options: {
      marked?: boolean;
      farBatch?: number;
      gatherMs?: number;
      margin?: number;
      settled?: () => void;
    } = {},
  ) {
    this.marked = options.marked ?? true;
    this.farBatch = options.farBatch ?? 1;
    this.gatherMs = options.gatherMs ?? 0;
    this.margin = options.margin ?? MARGIN;
    this.settled = options.settled ?? (() => undefined);
    const init: IntersectionObserverInit & { scrollMargin?: string } = {
      rootMargin: `${this.margin * 100}%`,
      scrollMargin: `${this.margin * 100}%`,
    };
    this.io = new IntersectionObserver((records) => this.onRecords(records), init);
  }

  /**
   * `entry` shows values in `el`; false while `el` is far (its ranges stay out of the highlight).
   * A newly tracked element counts as near unless `assumeFar`: an element of a big fresh
   * subtree, kept out of rendering while it is masked. It is not observed (the observer
   * would report thousands of box-less elements at every frame of the pass); placeFresh,
   * called when the pass is done, places them all in the frame that first paints them.
   */
  track(el: Element, entry: T, assumeFar = false): boolean {
    let set = this.held.get(el);
    if (!set) {
      set = new Set();
      this.held.set(el, set);
      this.listen();
      if (assumeFar && !this.marked) {
        this.far.add(el);
        this.fresh.add(el);
      } else this.io.observe(el);
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
    this.goingNear.delete(el);
    this.fresh.delete(el);
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
    this.fresh.clear();
    this.freshDue = false;
    this.goingFar.clear();
    this.goingNear.clear();
    clearTimeout(this.gatherTimer);
    this.gatherTimer = 0;
    this.scrolledTargets.clear();
    this.recheckDue = null;
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
    this.recheckTimer = window.setInterval(
      () => this.recheckAll(++this.rechecks % FULL_RECHECK_EVERY === 0 ? 'full' : 'sampled'),
      RECHECK_MS,
    );
  }

  /**
   * Why near elements reported far may wait for `farBatch` of them: moving one out
   * of sight changes its style (FAR_ATTR), and the observer reports after the
   * frame, so each move cost a frame of its own: a style pass and a repaint of the
   * scroller's content. In a chat, every arrival pushes one message out of the
   * margin: one extra frame per message (measured: 85 paints for 50 arrivals, 50
   * without Sigilo). Waiting, they stay near (masked by the highlight, as before);
   * the highlight holds at most `farBatch` more of them.
   *
   * Why moves may also wait `gatherMs` (whole-element values): in a table, giving a
   * row its overlay or taking it away lays out and repaints the whole table (≈150 ms
   * for 5,000 rows, however few rows changed), and a scroll brings a row near and
   * takes one far at nearly every frame: scrolling such a table ran at a few frames
   * per second. Gathered, it costs one layout and paint per gatherMs while the
   * scroll lasts; a row reported near, a viewport's worth ahead, shows its
   * transparent discs (never the value) if it comes in sight before that.
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
        if (!this.far.has(el)) continue;
        if (this.gatherMs > 0) this.goingNear.add(el);
        else this.moveNear(el, entries);
      } else if (!this.far.has(el)) this.goingFar.set(el, record);
      else {
        this.goingNear.delete(el);
        this.placeFar(el, record);
      }
    }
    if (this.gatherMs > 0) {
      if (this.goingNear.size > 0 || this.goingFar.size >= this.farBatch)
        this.gatherTimer ||= window.setTimeout(() => this.moveGathered(), this.gatherMs);
      return;
    }
    if (this.goingFar.size >= this.farBatch) this.moveFar();
    this.settled();
  }

  private moveNear(el: Element, entries: ReadonlySet<T>): void {
    this.far.delete(el);
    // Ranges first, then the attribute off: the text is never uncovered in between.
    this.moved(el, entries, true);
    if (this.marked) el.removeAttribute(FAR_ATTR);
  }

  private moveFar(): void {
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

  private moveGathered(): void {
    this.gatherTimer = 0;
    for (const el of this.goingNear) {
      const entries = this.held.get(el);
      if (entries && this.far.has(el)) this.moveNear(el, entries);
    }
    this.goingNear.clear();
    // The near ones cost a layout and paint anyway: the far ones waiting share them.
    this.moveFar();
    this.settled();
  }

  /** A far element's place is read at the next frame; one with no box is looked at again soon. */
  private placeFar(el: Element, record: IntersectionObserverEntry): void {
    const rect = record.boundingClientRect;
    if (rect.width === 0 && rect.height === 0) {
      // No box (see unplace): reading one now would render a subtree kept out of rendering.
      this.toPark.delete(el);
      if (this.fresh.size > 0) {
        // A pass of fresh elements is under way (this one was masked before it began to
        // be sliced): it is placed with them.
        this.io.unobserve(el);
        this.fresh.add(el);
      } else this.unplace(el);
    } else {
      this.toPark.add(el);
      this.schedule();
    }
  }

  private schedule(): void {
    this.frame ||= requestAnimationFrame(() => this.onFrame());
  }

  /**
   * Place the elements tracked as fresh (see track) in the next frame: before its
   * layout, so the first reads lay out the subtree now rendered (the frame's own
   * layout, brought forward) and the near ones are moved before its first paint.
   * Left to the observer, its first report came after that paint: the table was
   * painted, then laid out and painted again with the near rows' overlays.
   */
  placeFresh(): void {
    // Elements the observer saw without a box during the pass are placed with them.
    for (const el of this.unplaced) this.fresh.add(el);
    this.unplaced.clear();
    if (this.fresh.size === 0) return;
    this.freshDue = true;
    this.schedule();
  }

  /** Once per frame: place fresh elements, park the elements reported far, then look at what the scrolls brought near. */
  private onFrame(): void {
    this.frame = 0;
    const reads: FrameReads = { views: new Map(), origins: new Map(), sights: new Map() };
    if (this.freshDue) {
      this.freshDue = false;
      this.placeAll(reads);
    }
    if (this.recheckDue) {
      const full = this.recheckDue === 'full';
      this.recheckDue = null;
      for (const scroller of this.spots.scrollers()) {
        const map = this.spots.spotsIn(scroller);
        if (!full && !this.anyMoved(scroller, map, reads)) continue;
        for (const el of [...map.keys()]) this.park(el, reads, true);
      }
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
    const spot = this.spotOf(el, reads);
    if (!spot) {
      this.unplace(el);
      return;
    }
    if (recheck && this.isNear(spot, reads)) {
      this.io.observe(el);
      return;
    }
    this.io.unobserve(el);
    this.spots.add(el, spot);
  }

  /**
   * The fresh elements: all places read first (one layout), then the near ones (see
   * isNear) moved and observed, the far ones parked where they are; one with no box
   * (hidden) is looked at again soon. A misjudged element is set right by the observer
   * (near ones are observed) or by the next recheck (far ones).
   */
  private placeAll(reads: FrameReads): void {
    const near: Element[] = [];
    for (const el of this.fresh) {
      const spot = this.spotOf(el, reads);
      if (!spot) this.unplace(el);
      else if (this.isNear(spot, reads)) near.push(el);
      else this.spots.add(el, spot);
    }
    this.fresh.clear();
    for (const el of near) {
      const entries = this.held.get(el);
      if (!entries || !this.far.has(el)) continue;
      this.moveNear(el, entries);
      this.io.observe(el);
    }
    if (near.length > 0) this.settled();
  }

  /**
   * Within `margin` viewports of its scroll container's visible part and of the
   * viewport. Both: a container as tall as its content (a table in a card) shows all
   * of it, so every scroll of the page and every recheck had each of its far rows
   * observed again.
   */
  private isNear(spot: Spot, reads: FrameReads): boolean {
    return (
      within(spot, this.viewIn(spot.scroller, reads)) &&
      (spot.scroller === document || within(spot, this.sightIn(spot.scroller, reads)))
    );
  }

  /**
   * The viewport widened by `margin` viewports each way, in a scroller's content
   * coordinates (for the document, its view), read once per frame.
   */
  private sightIn(scroller: Element | Document, reads: FrameReads): View {
    let sight = reads.sights.get(scroller);
    if (!sight) {
      const origin = this.originIn(scroller, reads);
      const m = this.margin;
      sight = {
        top: -m * innerHeight - origin.top,
        bottom: (1 + m) * innerHeight - origin.top,
        left: -m * innerWidth - origin.left,
        right: (1 + m) * innerWidth - origin.left,
      };
      reads.sights.set(scroller, sight);
    }
    return sight;
  }

  /** Where `el` is in its scroll container's content; null if it has no box. */
  private spotOf(el: Element, reads: FrameReads): Spot | null {
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) return null;
    const scroller = this.scrollerOf(el);
    const origin = this.originIn(scroller, reads);
    const top = rect.top - origin.top;
    const left = rect.left - origin.left;
    return { scroller, top, bottom: top + rect.height, left, right: left + rect.width };
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
    return this.spots.delete(el);
  }

  /**
   * A scroll moved `target`'s content (or, for an outer scroller, the containers in it):
   * far elements whose place is now within a viewport's worth of sight are observed again.
   */
  private scrolled(target: EventTarget | null, reads: FrameReads): void {
    const outer = target instanceof Element ? target : document;
    for (const scroller of this.spots.scrollers()) {
      if (
        scroller !== outer &&
        !(outer === document || (scroller instanceof Element && outer.contains(scroller)))
      )
        continue;
      // Only the bands of its content that can be near (see isNear) are looked at.
      const view = this.viewIn(scroller, reads);
      const sight = this.sightIn(scroller, reads);
      const top = Math.max(view.top, sight.top);
      const bottom = Math.min(view.bottom, sight.bottom);
      for (const [el, s] of this.spots.between(scroller, top, bottom))
        if (this.isNear(s, reads)) {
          this.spots.delete(el);
          this.io.observe(el);
        }
    }
  }

  /** A scroller's view, read once per frame. */
  private viewIn(scroller: Element | Document, reads: FrameReads): View {
    let view = reads.views.get(scroller);
    if (!view) {
      view = viewOf(scroller, this.margin);
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
   * A layout change may have moved far elements, a resize their views: their places
   * are read again at the next frame (one layout for all, no observer round). Reading
   * every place every RECHECK_MS cost a page holding a 5,000-row table ≈16 ms of
   * main-thread time per second while nobody touched it; so the timer reads a few
   * places per scroll container first (see anyMoved), and every place only when one
   * moved, on a resize and every FULL_RECHECK_EVERY rechecks.
   */
  private recheckAll(kind: 'sampled' | 'full'): void {
    if (this.spots.size === 0) return;
    if (this.recheckDue !== 'full') this.recheckDue = kind;
    this.schedule();
  }

  /**
   * Whether any of SAMPLES far elements spread over the container's list (in the order
   * they were parked, the last one included) is no longer where it was. A change that
   * moves far elements (a row added, grown or removed above them) moves every later
   * element too; one that moves only the elements between two samples waits for the
   * next full recheck.
   */
  private anyMoved(
    scroller: Element | Document,
    map: ReadonlyMap<Element, Spot>,
    reads: FrameReads,
  ): boolean {
    const stride = Math.max(1, Math.floor(map.size / SAMPLES));
    let i = 0;
    for (const [el, spot] of map) {
      i += 1;
      if (i % stride !== 0 && i !== map.size) continue;
      const now = this.spotOf(el, reads);
      if (!now || now.scroller !== scroller) return true;
      if (Math.abs(now.top - spot.top) > 1 || Math.abs(now.left - spot.left) > 1) return true;
    }
    return false;
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

/** The part of a scroller's content in sight, widened by `margin` of its size each way. */
function viewOf(scroller: Element | Document, margin: number): View {
  const [y, x, h, w] =
    scroller instanceof Element
      ? [scroller.scrollTop, scroller.scrollLeft, scroller.clientHeight, scroller.clientWidth]
      : [scrollY, scrollX, innerHeight, innerWidth];
  return {
    top: y - margin * h,
    bottom: y + (1 + margin) * h,
    left: x - margin * w,
    right: x + (1 + margin) * w,
  };
}
