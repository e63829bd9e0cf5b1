import { VISIBLE_ATTRS } from './attr-masker';
import type { Masker } from './masker';
import { BOX_ATTR, FAR_ATTR, FIELD_ATTR, HOLDER_ATTR, PENDING_ATTR, TEXT_ATTR } from './page-styles';

/** How long one slice of masking may run before yielding (the rest stays hidden meanwhile). */
const SLICE_MS = 12;
const CHECK_EVERY = 32;
/** How often the page is checked from a timer between the frames that follow activity (see Watcher.wake). */
const IDLE_CHECK_MS = 100;
/** Roots under one parent above which the parent is covered instead (see coverRemaining). */
const MANY_ROOTS = 32;
/** Elements above which a pending subtree is also kept out of rendering (see isBig). */
const BIG_SUBTREE = 2000;
const SKIP_SUBTREE = new Set(['script', 'style', 'noscript', 'template', 'link', 'meta']);
const FIELD_TAGS = new Set(['input', 'textarea', 'select']);
/** Built-in elements a page may attach a shadow root to (open or closed), besides custom elements. */
const SHADOW_HOSTS = new Set([
  'article',
  'aside',
  'blockquote',
  'body',
  'div',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'main',
  'nav',
  'p',
  'section',
  'span',
]);
/**
 * Sigilo's own markers: observed too, so that a page script (or a DOM-morphing
 * framework) that removes or rewrites one is undone in the same frame.
 */
// tabindex and label: a masked field's (FieldMasker), put back if a script strips them.
const OWN_MARKERS = [
  TEXT_ATTR,
  HOLDER_ATTR,
  FAR_ATTR,
  FIELD_ATTR,
  BOX_ATTR,
  PENDING_ATTR,
  'aria-hidden',
  'tabindex',
  'label',
];
const OBSERVE: MutationObserverInit = {
  childList: true,
  subtree: true,
  characterData: true,
  attributes: true,
};

export interface WatcherHooks {
  /** Called at the start of every flush (style/highlight guards, SPA navigation check). */
  beforeFlush(): void;
  /** Called every frame while anything is masked: what a page can undo without a DOM mutation. */
  frameGuard(): void;
  /** A new shadow root was found: give it Sigilo's style. */
  adoptRoot(root: ShadowRoot): void;
  /** Our own UI host: never scanned. */
  isOwnNode(node: Node): boolean;
  /** Called when a pass (initial or later) has fully drained. */
  drained(): void;
  openOrClosedShadowRoot(el: Element): ShadowRoot | null;
}

/**
 * Finds what to mask: one MutationObserver over the document and every shadow
 * root, and ONE code path (enqueue -> walk -> Masker) for the initial page and
 * every later change, so neither can miss what the other handles.
 *
 * Timing: the observer callback is a microtask that runs before the next
 * rendering step (MASKING-NOTES 7), so masks applied here are on screen in the
 * same frame as the change. A huge batch is masked in slices of SLICE_MS; the
 * part not yet processed is made invisible with a "pending" marker (and its
 * fields/placeholders masked up front), so yielding never shows a raw value.
 */
export class Watcher {
  private readonly mo: MutationObserver;
  readonly roots = new Set<Document | ShadowRoot>();
  private queue: Node[] = [];
  private queued = new Set<Node>();
  private cursor: { root: Node; walker: TreeWalker; next: Node | null } | null = null;
  private readonly pendingEls = new Map<Node, Element>();
  /** The PENDING_ATTR value each covered element must keep until its slice runs. */
  private readonly pendingValues = new Map<Element, string>();
  private readonly shadowCandidates = new Set<Element>();
  private readonly channel = new MessageChannel();
  private continuationScheduled = false;
  private rafId = 0;
  /** The next frame runs the checks (see wake). */
  private checkNextFrame = false;
  private idleTimer = 0;
  private running = false;
  private attributeFilter: string[] | undefined;

  constructor(
    private readonly masker: Masker,
    private readonly hooks: WatcherHooks,
  ) {
    this.mo = new MutationObserver((records) => this.onRecords(records));
    this.channel.port1.onmessage = () => {
      this.continuationScheduled = false;
      if (this.running) this.drain();
      this.dropOwnRecords();
    };
  }

  /** Start (or restart, after a policy change) watching and do a full pass. */
  start(observeClassChanges: boolean): void {
    this.running = true;
    this.attributeFilter = observeClassChanges
      ? undefined
      : [...VISIBLE_ATTRS, 'type', 'contenteditable', ...OWN_MARKERS];
    this.mo.disconnect();
    const roots = [...this.roots];
    this.roots.clear();
    this.observeRoot(document);
    for (const r of roots) if (r !== document) this.observeRoot(r);
    this.enqueue(document);
    this.drain();
  }

  stop(): void {
    this.running = false;
    this.mo.disconnect();
    this.queue = [];
    this.queued.clear();
    this.cursor = null;
    this.uncoverAll();
    cancelAnimationFrame(this.rafId);
    this.rafId = 0;
    clearTimeout(this.idleTimer);
    this.idleTimer = 0;
  }

  /** Stop for good: nothing observed, queued or remembered. */
  dispose(): void {
    this.stop();
    this.roots.clear();
    this.shadowCandidates.clear();
    this.channel.port1.onmessage = null;
    this.channel.port1.close();
  }

  get busy(): boolean {
    return this.cursor !== null || this.queue.length > 0;
  }

  private observeRoot(root: Document | ShadowRoot): void {
    if (this.roots.has(root)) return;
    this.roots.add(root);
    const init = this.attributeFilter ? { ...OBSERVE, attributeFilter: this.attributeFilter } : OBSERVE;
    this.mo.observe(root, init);
  }

  private enqueue(node: Node): void {
    if (this.queued.has(node)) return;
    this.queued.add(node);
    this.queue.push(node);
  }

  /** Mask a field right away (input/change events, focus): no need to wait for a flush. */
  onFieldEvent(el: Element): void {
    if (!this.running || !this.masker.isTextField(el)) return;
    this.masker.maskField(el);
    this.wake();
  }

  /**
   * Records queued while our own code ran are of our own writes (markers,
   * attribute rewrites): page code cannot run in between. Dropping them saves a
   * second look at every marker we just set (15,000 on a big table). Called
   * only at the end of work that started with an empty record queue: the
   * observer callback, a slice continuation, a frame callback.
   */
  private dropOwnRecords(): void {
    this.mo.takeRecords();
  }

  /** The page changed a marker of ours: put it back (see Masker.heal). */
  private heal(el: Element, name: string): void {
    if (name === PENDING_ATTR) {
      const want = this.pendingValues.get(el);
      if (want !== undefined && el.getAttribute(PENDING_ATTR) !== want) el.setAttribute(PENDING_ATTR, want);
      return;
    }
    this.masker.heal(el, name);
  }

  private onRecords(records: MutationRecord[]): void {
    if (!this.running) return;
    this.handleRecords(records);
    this.dropOwnRecords();
  }

  private handleRecords(records: MutationRecord[]): void {
    this.hooks.beforeFlush();
    const m = this.masker;
    for (const r of records) {
      if (r.type === 'childList') {
        for (const n of r.removedNodes) m.forget(n);
        for (const n of r.addedNodes) if (!this.hooks.isOwnNode(n)) this.enqueue(n);
        // An element removed from between two texts makes them one text, which may
        // now hold a value. (An element inserted into a masked text splits it: its
        // mask is kept as it was, which hides more, never less, until the text changes.)
        if (r.removedNodes.length > 0)
          for (const side of [r.previousSibling, r.nextSibling])
            if (side?.nodeType === 3 && side.isConnected) m.maskTextNode(side as Text);
      } else if (r.type === 'characterData') {
        const text = r.target as Text;
        if (!text.isConnected) continue;
        const parent = text.parentElement;
        if (parent?.tagName === 'OPTION') {
          const select = parent.closest('select');
          if (select) m.maskField(select);
        } else m.maskTextNode(text);
      } else {
        const el = r.target as Element;
        const name = r.attributeName ?? '';
        if (!el.isConnected || this.hooks.isOwnNode(el)) continue;
        if (OWN_MARKERS.includes(name)) {
          this.heal(el, name);
          continue;
        }
        if ((VISIBLE_ATTRS as readonly string[]).includes(name)) m.maskAttribute(el, name);
        if ((name === 'value' || name === 'type') && m.isTextField(el)) m.maskField(el);
        else if (name === 'contenteditable') this.enqueue(el);
        else if (this.attributeFilter === undefined && !name.startsWith('data-sigilo')) this.enqueue(el); // field rules may now (not) match this subtree
      }
    }
    this.drain();
  }

  /** Process the queue for one slice; cover what is left with the pending marker. */
  private drain(): void {
    const deadline = performance.now() + SLICE_MS;
    // Drop queued nodes inside another queued node: the ancestor's walk covers them.
    if (this.queue.length > 1) this.queue = this.queue.filter((n) => !this.hasQueuedAncestor(n));
    while (this.cursor || this.queue.length > 0) {
      if (!this.cursor) {
        // Thousands of small roots (innerHTML of a list: one record, every row added)
        // never reach the walk's own deadline check: the slice ends here too.
        if (performance.now() > deadline) {
          this.yieldSlice();
          return;
        }
        const root = this.queue.shift()!;
        this.queued.delete(root);
        if (!root.isConnected) continue;
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
        this.cursor = { root, walker, next: root };
      }
      if (!this.walk(deadline)) {
        this.yieldSlice();
        return;
      }
      this.uncover(this.cursor.root);
      this.cursor = null;
    }
    this.queued.clear();
    this.uncoverAll();
    this.masker.passDone();
    this.hooks.drained();
    this.wake();
  }

  /** End this slice: hide what is left, finish what is visible, continue in a new task. */
  private yieldSlice(): void {
    // A pass that needs slices is a big fresh insertion: see Masker.fitWidths.
    this.masker.slicedPass = true;
    this.coverRemaining();
    this.masker.settleOverlays(true);
    if (!this.continuationScheduled) {
      this.continuationScheduled = true;
      this.channel.port2.postMessage(0);
    }
  }

  private uncover(root: Node): void {
    const el = this.pendingEls.get(root);
    if (!el) return;
    el.removeAttribute(PENDING_ATTR);
    this.pendingEls.delete(root);
    this.pendingValues.delete(el);
  }

  private uncoverAll(): void {
    for (const el of this.pendingEls.values()) el.removeAttribute(PENDING_ATTR);
    this.pendingEls.clear();
    this.pendingValues.clear();
  }

  private hasQueuedAncestor(node: Node): boolean {
    for (let p = node.parentNode; p; p = p.parentNode) if (this.queued.has(p)) return true;
    return false;
  }

  /**
   * Resumable pre-order walk of the cursor's subtree; false when the slice ran out.
   * A native TreeWalker: one binding call per node instead of the three or four
   * (firstChild, nextSibling, parentNode) of a hand-written walk, which on a
   * 5,000-row table cost as much as the masking itself.
   */
  private walk(deadline: number): boolean {
    const cursor = this.cursor!;
    const walker = cursor.walker;
    let n = cursor.next;
    // The page may have moved or removed the node we stopped at: a walk resumed
    // there would leave the rest of the subtree unvisited, so start it again
    // (masking is idempotent; only time is lost).
    if (n !== cursor.root && n && !(n.isConnected && cursor.root.contains(n))) n = cursor.root;
    let count = 0;
    // Set once: each step leaves the walker on the node it returns (setting it at
    // every node was one more binding call per node: ≈100,000 on a 5,000-row table).
    if (n) walker.currentNode = n;
    while (n) {
      n = this.visit(n) ? skipChildren(walker) : walker.nextNode();
      if (++count % CHECK_EVERY === 0 && n && performance.now() > deadline) {
        cursor.next = n;
        return false;
      }
    }
    return true;
  }

  /** Mask one node; true to skip its children. */
  private visit(n: Node): boolean {
    const type = n.nodeType;
    if (type === 3 /* TEXT_NODE */) {
      this.masker.maskTextNode(n as Text);
      return false; // no children: the walker's plain next step is the cheapest
    }
    if (type !== 1 /* ELEMENT_NODE */) return false; // document, fragment, shadow root: descend
    const el = n as Element;
    const name = el.localName;
    if (SKIP_SUBTREE.has(name) || this.hooks.isOwnNode(el)) return true;
    const ignore = this.masker.detector.ignoreSelector;
    if (ignore && el.matches(ignore)) return true;
    if (el.hasAttributes()) this.masker.maskAttributes(el);
    if (FIELD_TAGS.has(name) && this.masker.isTextField(el)) this.masker.maskField(el);
    const custom = name.includes('-');
    // A closed root is invisible to el.shadowRoot: asked of every element that can host one.
    const root =
      el.shadowRoot ?? (custom || SHADOW_HOSTS.has(name) ? this.hooks.openOrClosedShadowRoot(el) : null);
    if (root) this.adopt(root);
    else if (custom) {
      // A custom element may attach its shadow root later, with no mutation we could see.
      this.shadowCandidates.add(el);
      this.ensureFrameLoop();
    }
    return false;
  }

  /**
   * Shadow roots attached to built-in elements (div, span...) after we visited
   * them leave no trace we can observe; a sweep when parsing ends and at load
   * catches those a page attaches from its inline scripts (custom elements are
   * covered continuously by the per-frame candidate check).
   */
  sweepShadowRoots(): void {
    if (!this.running) return;
    let found = false;
    const sweep = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        const name = el.localName;
        const sr =
          el.shadowRoot ??
          (name.includes('-') || SHADOW_HOSTS.has(name) ? this.hooks.openOrClosedShadowRoot(el) : null);
        if (sr && !this.roots.has(sr)) {
          this.adopt(sr);
          found = true;
          sweep(sr);
        }
      }
    };
    sweep(document);
    if (found) this.drain();
  }

  private adopt(root: ShadowRoot): void {
    if (this.roots.has(root)) return;
    this.hooks.adoptRoot(root);
    this.observeRoot(root);
    this.enqueue(root);
  }

  /**
   * The not-yet-masked rest: invisible (opacity 0 on its root element, layout
   * unchanged) until its slice runs; its fields and placeholders masked now.
   * Not a highlight: a highlight range spanning a big subtree puts a marker on
   * every text node in it and Chromium re-validates them all on each frame
   * (measured: seconds per frame on a 3,000-row table).
   */
  private coverRemaining(): void {
    const roots = this.cursor ? [this.cursor.root, ...this.queue] : this.queue;
    // Many roots under one parent (every row of a list added at once) are covered
    // through that parent: one marker instead of thousands; it is lifted when the
    // whole queue is done.
    const siblings = new Map<Node, number>();
    if (roots.length > MANY_ROOTS)
      for (const r of roots)
        if (r.parentNode) siblings.set(r.parentNode, (siblings.get(r.parentNode) ?? 0) + 1);
    for (const queued of roots) {
      const parent = queued.parentNode;
      const root = parent && (siblings.get(parent) ?? 0) > MANY_ROOTS ? parent : queued;
      if (this.pendingEls.has(root)) continue;
      const found =
        root instanceof Element
          ? root
          : root instanceof ShadowRoot
            ? root.host
            : root.nodeType === Node.TEXT_NODE
              ? root.parentElement
              : null;
      // An editor saves its root's HTML and reads attribute changes as edits: the
      // marker goes on the element holding the editor, never inside it.
      const el = found ? outsideEditor(found) : null;
      if (!el || el === document.documentElement) continue; // the document itself is hidden by the boot style
      this.pendingEls.set(root, el);
      // Only a freshly inserted subtree is taken out of rendering: a parent covering
      // many roots was already laid out, maybe scrolled, and must keep its size.
      const value = root === queued && isBig(el) ? 'big' : '';
      if (value) this.masker.bigPass = true;
      el.setAttribute(PENDING_ATTR, value);
      this.pendingValues.set(el, value);
      if (root instanceof Element || root instanceof DocumentFragment || root instanceof Document) {
        for (const f of root.querySelectorAll('input, textarea, select, [placeholder]')) {
          if (this.masker.isTextField(f)) this.masker.maskField(f);
          if (f.hasAttribute('placeholder')) this.masker.maskAttribute(f, 'placeholder');
        }
      }
    }
  }

  /**
   * Something happened that may have changed what is painted (a mutation, a field
   * event, a page call that can undo a mask without one: see page-world/main.ts):
   * the checks run in the next frame, before it is painted (a frame the change
   * brings anyway). Between such frames they run every IDLE_CHECK_MS from a timer.
   *
   * Why not at every frame: a frame callback requested at every frame keeps the
   * browser producing frames on a page that would otherwise be idle, ≈30 ms of
   * main-thread time per second on any page holding a masked value (measured, against
   * ≈0.1 ms without Sigilo), and a third of the cost of each chat message. The timer
   * asks for no frame; it is there for what the page world cannot hear (a page calling
   * the originals through another frame).
   */
  wake(): void {
    this.checkNextFrame = true;
    this.ensureFrameLoop();
  }

  /**
   * Checks for what no event or mutation reports: a field's value set by script, a
   * shadow root attached after insertion, our sheets and highlight dropped.
   * requestAnimationFrame callbacks run before the frame is painted, so a hit is
   * masked in that frame.
   */
  private ensureFrameLoop(): void {
    if (this.rafId || !this.running) return;
    const m = this.masker;
    if (m.watchedFields === 0 && this.shadowCandidates.size === 0 && !m.hasMasks) return;
    if (!this.checkNextFrame && !this.busy) {
      this.idleTimer ||= window.setTimeout(() => {
        this.idleTimer = 0;
        if (!this.running) return;
        this.check();
        this.ensureFrameLoop();
      }, IDLE_CHECK_MS);
      return;
    }
    clearTimeout(this.idleTimer);
    this.idleTimer = 0;
    this.rafId = requestAnimationFrame(() => {
      this.rafId = 0;
      this.checkNextFrame = false;
      if (!this.running) return;
      this.check();
      this.ensureFrameLoop();
    });
  }

  private check(): void {
    this.hooks.frameGuard();
    this.frameCheck();
    this.dropOwnRecords();
  }

  frameCheck(): void {
    this.masker.checkFieldValues();
    for (const el of this.shadowCandidates) {
      if (!el.isConnected) {
        this.shadowCandidates.delete(el);
        continue;
      }
      const root = el.shadowRoot ?? this.hooks.openOrClosedShadowRoot(el);
      if (root) {
        this.shadowCandidates.delete(el);
        this.adopt(root);
      }
    }
    if (this.queue.length > 0 || this.cursor) this.drain();
  }
}

/**
 * A subtree too big to re-paint after every slice. Why not every pending subtree:
 * content-visibility also takes it out of layout, so a page measuring it meanwhile
 * (a chat scrolling to its newest message) would read zero sizes; a few hundred
 * elements mask within a frame or two, so only big renders pay that trade.
 */
function isBig(el: Element): boolean {
  // Content taken out of rendering cannot keep focus: a subtree holding it stays rendered.
  const active = el.ownerDocument.activeElement;
  if (active && active !== el.ownerDocument.body && el.contains(active)) return false;
  return el.getElementsByTagName('*').length > BIG_SUBTREE;
}

/** `el`, or the parent of the editing host (contenteditable, designMode body) `el` is in. */
function outsideEditor(el: Element): Element | null {
  const doc = el.ownerDocument;
  if (doc.designMode === 'on') return doc.documentElement;
  let host: Element | null = null;
  for (
    let e = el.closest('[contenteditable]');
    e;
    e = e.parentElement?.closest('[contenteditable]') ?? null
  ) {
    const mode = e.getAttribute('contenteditable')?.toLowerCase() ?? '';
    if (mode === '' || mode === 'true' || mode === 'plaintext-only') host = e;
  }
  return host ? host.parentElement : el;
}

/** The node after the walker's current one, not descending into it. */
function skipChildren(walker: TreeWalker): Node | null {
  for (;;) {
    const sibling = walker.nextSibling();
    if (sibling) return sibling;
    if (!walker.parentNode()) return null;
  }
}
