import { type CharRange, type MaskSpec, maskedLine, maskValue } from '../core/mask';
import type { ContentPolicy } from '../core/policy/types';
import { A11Y_ATTR, InlineCover, spokenName, TextWidthKeeper } from './a11y';
import { AriaMarks } from './aria-marks';
import { AttrMasker } from './attr-masker';
import type { Detector, KindSpan } from './detect';
import { labelFor } from './field-label';
import { FieldMasker } from './field-masker';
import { HolderMarks } from './holder-marks';
import type { Lang } from './i18n';
import {
  type Field,
  itemKey,
  type MaskContext,
  type MaskItem,
  type MaskRegistry,
  maskSpec,
  newItem,
  type Target,
  type TextRun,
} from './mask-registry';
import { NearView } from './near-view';
import {
  BOX_ATTR,
  FAR_ATTR,
  FIELD_ATTR,
  HIGHLIGHT_MASK,
  HOLDER_ATTR,
  PENDING_ATTR,
  TEXT_ATTR,
} from './page-styles';

export interface TextEntry {
  /** The policy it was masked under (see Masker.gen). */
  gen: number;
  items: MaskItem[];
  ranges: StaticRange[];
  whole: Element | null;
  /** The marker value `whole` must carry (null: nothing of it hidden right now). */
  overlay: string | null;
  /** The element this run's text keeps out of the accessibility tree (see InlineCover). */
  covered: Element | null;
  /** The elements of the run's hidden text, which carry HOLDER_ATTR while it is near (see HolderMarks). */
  holders: Element[];
  /** Whether `holders` carry their marks now. */
  marked: boolean;
  /** The element whose nearness to the viewport decides whether `ranges` are in the highlight (see NearView). */
  near: Element | null;
  /** The element whose nearness decides whether `whole` paints its overlay: its row for a cell. */
  nearRow: Element | null;
  run: TextRun;
}

const SKIP_TEXT_PARENTS = new Set(['script', 'style', 'noscript', 'textarea', 'template', 'option', 'title']);
/**
 * Where a whole-element value's nearness is observed: a table or grid cell shares
 * its row's observation (a 5,000-row table: 5,000 targets, not 15,000, for the
 * observer to compute at each frame), anything else is observed itself (a list's
 * parent would be near as long as any item is).
 */
function rowOf(el: Element): Element {
  const row = el.parentElement;
  return row && (row.localName === 'tr' || row.getAttribute('role') === 'row') ? row : el;
}

/** Elements whose display cannot usefully be flex or grid (their overlay needs no check). */
const CELL_TAGS = new Set(['td', 'th']);

/**
 * Applies masks to text nodes (CSS highlights and whole-element overlays: the
 * page's nodes are never touched) and composes the field and attribute maskers
 * behind one registry (reveal, remask, isRevealed, itemsIn). Every method is
 * idempotent: the initial pass and every later mutation go through the same calls.
 */
export class Masker implements MaskRegistry, MaskContext {
  readonly highlight = new Highlight();
  /** Every node of a run maps to the run's one entry. */
  private readonly texts = new Map<Text, TextEntry>();
  /** Keys of values currently revealed. */
  private readonly revealed = new Set<string>();
  spec: Omit<MaskSpec, 'label'>;
  /** Bumped on each policy change: a run masked under an older policy is not current. */
  private gen = 0;
  /** Whole-element overlays written since the last settleOverlays(). */
  private readonly overlaysToSettle = new Set<Element>();
  /** HOLDER_ATTR on the elements of near highlight-masked text. */
  private readonly holders = new HolderMarks();
  /** Ranges we put in the highlight: a page that clears or edits it is noticed by the count. */
  private rangeCount = 0;
  /** Whole-element values whose text-security width is to be fitted (see settleOverlays). */
  private readonly toFit = new Set<Element>();
  /** Set by the watcher while a pass is masked in slices (a big fresh insertion). */
  slicedPass = false;
  /**
   * Set by the watcher while a pass keeps a big fresh subtree out of rendering:
   * reading any style there would compute the whole subtree in our task.
   */
  bigPass = false;
  /** A spacing value is about to be used: its rule must exist (see spacingRule). */
  onSpacing: (value: string) => void = () => undefined;
  private readonly widthKeeper = new TextWidthKeeper();
  /** Which highlight-masked texts are near the viewport: only theirs are in the highlight. */
  private readonly nearView = new NearView<TextEntry>(
    (_el, entries, near) => this.moveRanges(entries, near),
    {
      // A chat pushes one message out of the margin per arrival: moved out one by one, each
      // cost a frame of its own (see NearView.onRecords).
      farBatch: 8,
    },
  );
  /** Which whole-element values are near the viewport: only theirs paint the masked form (see page-styles). */
  private readonly nearWhole = new NearView<TextEntry>((_row, entries) => this.moveOverlays(entries), {
    marked: false,
    // Each move lays out and repaints the table holding the row (see NearView.onRecords):
    // rows come near at most twice a second, two viewports ahead, and go far with them (or
    // by the hundred).
    gatherMs: 500,
    margin: 2,
    farBatch: 128,
    settled: () => this.settleMoved(),
  });
  private readonly aria = new AriaMarks();
  readonly fields = new FieldMasker(() => this, this.aria);
  readonly attrs = new AttrMasker(() => this);
  readonly inline = new InlineCover(
    (el, name, value) => this.aria.set(el, name, value),
    (el, name) => this.aria.clear(el, name),
  );

  constructor(
    public detector: Detector,
    policy: ContentPolicy,
    /** The agent's language, read when a name is made (the agent may change it in the settings). */
    private readonly language: () => Lang = () => 'en',
  ) {
    this.spec = { style: policy.maskStyle, keepLast: policy.keepLast };
    // Above any priority a page would pick; ties are settled by keeping ours last (checkHighlight).
    this.highlight.priority = 2 ** 31 - 1;
    this.checkHighlight();
  }

  get lang(): Lang {
    return this.language();
  }

  maskSpec(label: string): MaskSpec {
    return maskSpec(this, label);
  }

  setPolicy(detector: Detector, policy: ContentPolicy): void {
    this.gen++;
    this.detector = detector;
    this.spec = { style: policy.maskStyle, keepLast: policy.keepLast };
  }

  private newItem(kind: string, label: string, value: string, target: Target): MaskItem {
    return newItem(this, kind, label, value, target);
  }

  // ---- registry ---------------------------------------------------------------------------

  isRevealed(key: string): boolean {
    return this.revealed.has(key);
  }

  reveal(key: string): void {
    this.revealed.add(key);
    this.refreshKey(key);
  }

  remask(key: string): void {
    this.revealed.delete(key);
    this.refreshKey(key);
  }

  itemsIn(el: Element): MaskItem[] {
    if (this.fields.has(el)) return this.fields.itemsOf(el).filter((i) => !this.revealed.has(i.key));
    const out = new Set<MaskItem>();
    for (const child of el.childNodes) {
      const entry = child.nodeType === Node.TEXT_NODE ? this.texts.get(child as Text) : undefined;
      if (entry) for (const i of entry.items) if (!this.revealed.has(i.key)) out.add(i);
    }
    return [...out];
  }

  maskedTextNodes(): Iterable<Text> {
    return this.texts.keys();
  }

  // ---- fields and attributes (own maskers) ------------------------------------------------

  isTextField(el: Element): el is Field {
    return this.fields.isTextField(el);
  }

  maskField(el: Field): void {
    this.fields.mask(el);
  }

  checkFieldValues(): void {
    this.fields.checkValues();
  }

  maskAttribute(el: Element, name: string): void {
    this.attrs.mask(el, name);
  }

  maskAttributes(el: Element): void {
    this.attrs.maskAll(el);
  }

  // ---- text -------------------------------------------------------------------------------

  /** `force`: re-apply even if the text did not change (a reveal or re-mask changed what is hidden). */
  maskTextNode(node: Text, force = false): void {
    // A value may be split over adjacent text nodes (`({ddd}) {number}` in JSX) or over
    // inline elements (`123.<b>456</b>.789-09`, a search hit, a span per digit group):
    // those are read as one text. Most nodes (alone in a cell, a paragraph, a message)
    // have no sibling and no inline parent, and stay on the cheap path.
    const prev = node.previousSibling;
    const next = node.nextSibling;
    const up = node.parentElement;
    if (prev !== null || next !== null || (up !== null && INLINE_TAGS.has(up.localName))) {
      const run = textRunAround(node);
      if (run && run.nodes.length > 1 && this.splitsValue(run)) {
        this.maskRun(run, force);
        return;
      }
    }
    const had = this.texts.get(node);
    const orphans = had ? this.clearText(node, had) : null;
    const data = node.data;
    if (!this.detector.skips(data)) this.applyText({ nodes: [node], starts: ZERO_START, text: data });
    if (orphans) this.remaskNodes(orphans);
  }

  /** The last run looked at by splitsValue: the other nodes of a run ask the same question. */
  private lastSplit: { first: Text; text: string; gen: number; splits: KindSpan[] | null } | null = null;

  /**
   * Whether a value of `run` spans more than one of its nodes. Only then is the
   * run masked as one text: a value whole in its node (`Cliente 12 <span>CPF</span>`)
   * is masked there, so a value alone in its element keeps the whole-element mask
   * (no highlight range, the policy's own form painted).
   */
  private splitsValue(run: TextRun): boolean {
    return this.splitSpans(run) !== null;
  }

  /**
   * The run's spans when one of them spans nodes (null otherwise), read once per run:
   * the joined text's, reconciled with its nodes' own values (see withNodeSpans).
   */
  private splitSpans(run: TextRun): KindSpan[] | null {
    const first = run.nodes[0]!;
    const last = this.lastSplit;
    if (last && last.first === first && last.text === run.text && last.gen === this.gen) return last.splits;
    let splits: KindSpan[] | null = null;
    if (!this.detector.skips(run.text)) {
      const spans = this.detector.spans(run.text, this.detector.ruleFor(runParent(run)));
      // A joined value may be a misreading of abutting cells (a phone's digits, the next
      // cell's e-mail and the word after it read as one e-mail): it gives way to the
      // nodes' own values (withNodeSpans). If then no value crosses, each node is masked
      // alone: a cell keeps its whole-element mask, not highlight ranges that are
      // repainted after every DOM change (a virtual list's rows at every frame).
      if (spans.some((span) => crossesNodes(run, span))) {
        const kept = this.withNodeSpans(run, spans);
        if (kept.some((span) => crossesNodes(run, span))) splits = kept;
      }
    }
    this.lastSplit = { first, text: run.text, gen: this.gen, splits };
    return splits;
  }

  private maskRun(run: TextRun, force: boolean): void {
    const first = run.nodes[0]!;
    const had = this.texts.get(first);
    // Every node of a run is visited: the first visit masks the run, the others find it current.
    if (
      !force &&
      had &&
      had.gen === this.gen &&
      had.run.text === run.text &&
      sameNodes(had.run.nodes, run.nodes)
    )
      return;
    const orphans: Text[] = [];
    for (const n of run.nodes) {
      const e = this.texts.get(n);
      if (e) orphans.push(...this.clearText(n, e));
    }
    if (!this.detector.skips(run.text)) this.applyText(run);
    this.remaskNodes(orphans.filter((n) => !run.nodes.includes(n)));
  }

  /**
   * A run read as one text must not lose what its nodes hold alone: sibling
   * elements that abut without a space (the cells of a flex row drawn as spans:
   * `<span>Ana</span><span>620.190.597-97</span><span>(11) 9…</span>`) make
   * joined texts in which a value is missed or misread, and a field rule names
   * an element of the run, not the run. So each node's own values (its rule,
   * its label) are kept, and the joined text adds the values that cross a node
   * boundary (the split values it is read for), in place of the node values
   * they hold whole, never over part of one.
   */
  private withNodeSpans(run: TextRun, joined: KindSpan[]): KindSpan[] {
    const own: KindSpan[] = [];
    run.nodes.forEach((n, i) => {
      const el = n.parentElement;
      if (!el || this.detector.skips(n.data)) return;
      const at = run.starts[i] ?? 0;
      for (const span of this.detector.spans(n.data, this.detector.ruleFor(el), () => labelFor(el)))
        own.push({ ...span, start: at + span.start, end: at + span.end });
    });
    if (own.length === 0) return joined;
    let out = own;
    for (const span of joined) {
      if (!crossesNodes(run, span)) continue;
      // A joined value that holds a node's own one whole (`(48) 99999-1296` over `99999-1296`)
      // is the real value; one that only overlaps a node's value is a misreading.
      const inside = (o: KindSpan) => span.start <= o.start && o.end <= span.end;
      if (out.some((o) => o.start < span.end && span.start < o.end && !inside(o))) continue;
      out = out.filter((o) => !inside(o));
      out.push(span);
    }
    return out.sort((x, y) => x.start - y.start);
  }

  private applyText(run: TextRun): void {
    const data = run.text;
    const node = run.nodes[0]!;
    const parent = runParent(run);
    let whole: Element | null = null;
    /** Inside an editor: nothing of ours may be written there (see markEntry). */
    let editable = false;
    let hidden = false;
    let overlay = '';
    const items: MaskItem[] = [];
    const ranges: StaticRange[] = [];
    let spans: KindSpan[] = [];
    if (parent && !SKIP_TEXT_PARENTS.has(parent.localName) && data.length >= 4) {
      const rule = this.detector.ruleFor(parent);
      // A run masked as one was read by splitSpans already, its nodes' own values included.
      const split = run.nodes.length > 1 ? this.splitSpans(run) : null;
      spans = split ?? this.detector.spans(data, rule, () => labelFor(parent));
      if (run.nodes.length > 1 && !split) spans = this.withNodeSpans(run, spans);
      if (spans.length > 0 && !this.detector.isIgnored(parent)) {
        editable = isEditable(parent);
        whole = editable ? null : this.wholeElement(parent, run, spans);
        const wholeHidden: KindSpan[] = [];
        for (const span of spans) {
          const value = data.slice(span.start, span.end);
          const item = this.newItem(span.kind, span.label, value, {
            type: 'text',
            node,
            start: span.start,
            end: span.end,
            run,
          });
          items.push(item);
          if (this.revealed.has(item.key)) continue;
          hidden = true;
          if (whole) {
            wholeHidden.push(span);
            continue;
          }
          const form = maskValue(value, { ...this.spec, label: span.label });
          for (const h of form.hidden)
            ranges.push(staticRange(run, span.start + h.start, span.start + h.end));
        }
        if (whole && wholeHidden.length > 0) overlay = maskedLine(data, wholeHidden, this.spec);
      }
    }
    if (hidden) {
      if (whole) {
        this.toFit.add(whole);
        this.aria.set(
          whole,
          'aria-label',
          items
            .filter((i) => !this.revealed.has(i.key))
            .map((i) => spokenName(this.lang, i.label, i.value, this.maskSpec(i.label)))
            .join('; '),
        );
      }
    }
    if (items.length === 0) return;
    // An editor serialises every attribute under its root (getHTML(), innerHTML, its
    // model), so an editable text gets no cover (aria-hidden/aria-owns are attributes):
    // its values are hidden on screen only, and the agent is the one typing them.
    const covered = hidden && !whole && !editable && parent ? parent : null;
    if (covered)
      this.inline.cover(
        covered,
        // The element's text is this node's alone (a chat message's <p>): read as just done.
        run.nodes.length === 1 && covered.firstChild === node && node.nextSibling === null
          ? this.spokenFrom(data, spans)
          : this.spokenText(covered),
      );
    // Editable text is always near: NearView's marker is an attribute.
    const near = ranges.length > 0 && !editable && parent ? parent : null;
    const holders: Element[] = [];
    if (hidden && !whole && !editable)
      for (const n of run.nodes) {
        const el = n.parentElement;
        if (el && !holders.includes(el)) holders.push(el);
      }
    const entry: TextEntry = {
      gen: this.gen,
      items,
      ranges,
      whole,
      overlay: hidden && whole ? overlay : null,
      covered,
      holders,
      marked: false,
      near,
      nearRow: null,
      run,
    };
    for (const n of run.nodes) this.texts.set(n, entry);
    if (whole && entry.overlay !== null) {
      entry.nearRow = rowOf(whole);
      // A big fresh insertion (a sliced pass) starts without overlays: when the pass is
      // done, the few cells in sight get theirs before the frame that first paints them.
      this.nearWhole.track(entry.nearRow, entry, this.slicedPass);
      this.showOverlay(entry);
    }
    if (!near || this.nearView.track(near, entry)) {
      for (const r of ranges) {
        this.highlight.add(r);
        this.rangeCount += 1;
      }
      this.markEntry(entry);
    }
  }

  /**
   * An in-flow ::before is a flex or grid item in a flex or grid element: with
   * `gap`, `space-between` or grid columns the element's own text would move.
   * There the overlay is taken out of flow instead (BOX_ATTR, see page-styles).
   * Why here and not per element: reading computed style right after a marker
   * write forces a style recalculation each time; reading all of a slice's
   * elements together costs one. Table cells cannot be flex/grid and are skipped.
   * Runs in the same task as the masking, before anything is painted.
   * `exceptPending`: leave elements inside a subtree still being masked (not
   * painted, so nothing can be seen to move) for the end of the pass; reading
   * them now would compute the style of the whole fresh subtree in this slice.
   */
  settleOverlays(exceptPending: boolean): void {
    this.fitWidths(exceptPending);
    if (this.overlaysToSettle.size === 0) return;
    const decided: Array<[Element, string | null]> = [];
    for (const el of this.overlaysToSettle) {
      if (exceptPending && el.closest(`[${PENDING_ATTR}]`)) continue;
      this.overlaysToSettle.delete(el);
      if (!el.isConnected || !el.hasAttribute(TEXT_ATTR)) continue;
      const cs = getComputedStyle(el);
      const layout = cs.display;
      const outOfFlow = layout.includes('flex') || layout.includes('grid');
      decided.push([el, outOfFlow ? (cs.position === 'static' ? 'static' : 'positioned') : null]);
    }
    for (const [el, box] of decided) {
      if (box === null) {
        if (el.hasAttribute(BOX_ATTR)) el.removeAttribute(BOX_ATTR);
      } else if (el.getAttribute(BOX_ATTR) !== box) el.setAttribute(BOX_ATTR, box);
    }
  }

  /**
   * Text-secured whole-element values keep their width (see a11y.ts): all
   * computed styles of the batch are read first, then the spacings written,
   * so the batch costs one style recalculation, not one per element.
   */
  private fitWidths(exceptPending: boolean): void {
    if (this.toFit.size === 0) return;
    if (this.bigPass || (this.slicedPass && this.toFit.size > MAX_FIT_IN_SLICED_PASS)) {
      // A big fresh insertion keeps the approximate spacing (see TextWidthKeeper). A small
      // page whose pass was sliced only because the machine was busy is still fitted.
      this.toFit.clear();
      return;
    }
    const decided: Array<[Element, string | null]> = [];
    for (const el of this.toFit) {
      if (exceptPending && el.closest(`[${PENDING_ATTR}]`)) {
        // A fresh subtree still being masked: it keeps the approximate spacing (see a11y.ts).
        this.toFit.delete(el);
        continue;
      }
      this.toFit.delete(el);
      if (!el.isConnected || !el.hasAttribute(TEXT_ATTR)) continue;
      decided.push([el, this.widthKeeper.spacing(el, el.textContent ?? '')]);
    }
    for (const [el, value] of decided) {
      if (value === null) el.removeAttribute(A11Y_ATTR);
      else {
        this.onSpacing(value);
        if (el.getAttribute(A11Y_ATTR) !== value) el.setAttribute(A11Y_ATTR, value);
      }
    }
  }

  /** `el`'s whole text as a screen reader should get it: each masked value by its spoken name. */
  private spokenText(el: Element): string {
    // Read as the masks read it: each text node's own values, plus values split across nodes.
    const nodes: Text[] = [];
    const starts: number[] = [];
    let text = '';
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      nodes.push(n);
      starts.push(text.length);
      text += n.data;
    }
    // With the element's label, as the masks read it: a value only its label makes one
    // (an RG beside its <dt>) would otherwise be spoken raw.
    const joined = this.detector.spans(text, this.detector.ruleFor(el), () => labelFor(el));
    return this.spokenFrom(
      text,
      nodes.length > 1 ? this.withNodeSpans({ nodes, starts, text }, joined) : joined,
    );
  }

  /** `text` with each of its values (`spans`) replaced by its spoken name, unless revealed. */
  private spokenFrom(text: string, spans: readonly KindSpan[]): string {
    let out = '';
    let cursor = 0;
    for (const s of spans) {
      if (s.start < cursor) continue;
      const value = text.slice(s.start, s.end);
      out += text.slice(cursor, s.start);
      out += this.revealed.has(itemKey(s.kind, value))
        ? value
        : spokenName(this.lang, s.label, value, this.maskSpec(s.label));
      cursor = s.end;
    }
    return (out + text.slice(cursor)).replace(/\s+/g, ' ').trim();
  }

  /** The characters of `node` hidden right now (offsets in the node), as they are painted. */
  hiddenIn(node: Text): CharRange[] {
    const entry = this.texts.get(node);
    if (!entry) return [];
    const base = entry.run.starts[entry.run.nodes.indexOf(node)] ?? 0;
    const out: CharRange[] = [];
    for (const item of entry.items) {
      if (item.target.type !== 'text' || this.revealed.has(item.key)) continue;
      const at = item.target.start - base;
      for (const h of maskValue(item.value, this.maskSpec(item.label)).hidden) {
        const start = Math.max(0, at + h.start);
        const end = Math.min(node.length, at + h.end);
        if (end > start) out.push({ start, end });
      }
    }
    return out;
  }

  /** A live range over a text item where it is displayed (across the nodes of its run). */
  rangeOf(item: MaskItem): Range | null {
    const t = item.target;
    if (t.type !== 'text') return null;
    const from = locate(t.run, t.start, false);
    const to = locate(t.run, t.end, true);
    const range = document.createRange();
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset);
    return range;
  }

  /**
   * Why two ways of hiding text: CSS highlights keep the page's nodes untouched
   * and can leave a value's last characters visible, but in Chromium every
   * change to the highlight registry (or to any highlighted text) re-validates
   * EVERY range: with ~18k ranges one frame took 0.3-1.2 s (measured here). So
   * a value that is the whole text of its element (a table cell, a <dd>, a
   * badge: most of a CRM) is hidden with a marker attribute on that element
   * (paint-only CSS: transparent glyphs) whose value is the masked form, painted
   * over them by a zero-width ::before (`•••.•••.•••-97`, `CPF •••`): the policy's
   * own form, with no change to the element's size or to the page's nodes.
   * Highlights are kept for values inside longer text (chat messages, notes),
   * where only part of a node must be hidden.
   */
  private wholeElement(parent: Element, run: TextRun, spans: KindSpan[]): Element | null {
    const data = run.text;
    const only = run.nodes.length === 1;
    if (only ? parent.firstChild !== parent.lastChild : parent.childNodes.length !== run.nodes.length)
      return null;
    // A value split over inline elements is not the element's own text: the overlay's
    // transparent colour would not reach a child the page colours itself.
    if (!only && !run.nodes.every((n) => n.parentNode === parent)) return null;
    if (parent instanceof SVGElement) return null;
    // Only a text that is nothing but values (and separators): the overlay paints the
    // whole text as a mask, so words around a value ("RG … se precisar") keep their
    // own look and the value its highlight.
    let outside = data;
    for (let i = spans.length - 1; i >= 0; i--)
      outside = outside.slice(0, spans[i]!.start) + outside.slice(spans[i]!.end);
    return /[\p{L}\p{N}]/u.test(outside) ? null : parent;
  }

  /**
   * Forget a text entry (every node of its run). The whole-element marker goes
   * too: a framework that replaces a cell's text node keeps the cell, and its
   * new text may not be sensitive (the caller puts the marker back, in the same
   * microtask, if it is). Returns the run's other nodes still in the page: the
   * caller masks them again as they now stand.
   */
  private clearText(node: Text, entry: TextEntry): Text[] {
    for (const r of entry.ranges) if (this.highlight.delete(r)) this.rangeCount -= 1;
    if (entry.near) this.nearView.untrack(entry.near, entry);
    this.unmarkEntry(entry);
    if (entry.covered) this.inline.uncover(entry.covered);
    if (entry.whole) {
      if (entry.nearRow) this.nearWhole.untrack(entry.nearRow, entry);
      entry.whole.removeAttribute(TEXT_ATTR);
      entry.whole.removeAttribute(A11Y_ATTR);
      this.aria.clear(entry.whole, 'aria-label');
    }
    const others: Text[] = [];
    for (const n of entry.run.nodes) {
      if (this.texts.get(n) === entry) this.texts.delete(n);
      if (n !== node && n.isConnected) others.push(n);
    }
    return others;
  }

  /**
   * Mark the elements of an entry's hidden text (see HolderMarks). Never for text
   * being edited (its entry has no holders): an editor saves its root's HTML, and its
   * own observers (Quill, ProseMirror) read attribute changes as edits; Enter clones a
   * paragraph with its attributes. Editable text gets the same selection rule through
   * the page's own `contenteditable` attribute (see page-styles.ts).
   */
  private markEntry(entry: TextEntry): void {
    if (entry.marked) return;
    entry.marked = true;
    for (const el of entry.holders) this.holders.mark(el);
  }

  private unmarkEntry(entry: TextEntry): void {
    if (!entry.marked) return;
    entry.marked = false;
    for (const el of entry.holders) this.holders.unmark(el);
  }

  // ---- self-healing -----------------------------------------------------------------------

  /**
   * A marker of ours changed on `el` (a page script removed or rewrote it, or a
   * DOM-morphing framework stripped what it did not render): put back what the
   * masks need. Our own writes come back here too, so the common case is one
   * lookup that finds the element as it should be.
   */
  heal(el: Element, name: string): void {
    if (name === TEXT_ATTR) {
      for (let c = el.firstChild; c; c = c.nextSibling) {
        const entry = c.nodeType === 3 ? this.texts.get(c as Text) : undefined;
        if (entry?.whole !== el) continue;
        this.showOverlay(entry);
        return;
      }
    } else if (name === FAR_ATTR) {
      this.nearView.heal(el);
    } else if (name === HOLDER_ATTR) {
      if (this.holders.has(el) && !el.hasAttribute(HOLDER_ATTR)) el.setAttribute(HOLDER_ATTR, '');
    } else if (name === FIELD_ATTR) {
      this.fields.heal(el);
    } else if (name === BOX_ATTR) {
      if (el.hasAttribute(TEXT_ATTR)) {
        this.overlaysToSettle.add(el);
        this.settleOverlays(false);
      }
    } else if (name === 'aria-hidden' || name === 'tabindex' || name === 'label') {
      this.aria.heal(el, name);
    }
  }

  /**
   * The highlight must be registered, hold every range we put in it, and paint
   * above any highlight of the page (same priority: the one registered later
   * wins, so ours is moved last). Page scripts can change all three without a
   * DOM mutation: called at every flush and every frame while ranges exist.
   */
  checkHighlight(): void {
    const registry = CSS.highlights;
    if (registry.get(HIGHLIGHT_MASK) !== this.highlight) registry.set(HIGHLIGHT_MASK, this.highlight);
    if (this.highlight.priority !== 2 ** 31 - 1) this.highlight.priority = 2 ** 31 - 1;
    if (this.highlight.size !== this.rangeCount) this.rebuildHighlight();
    if (registry.size > 1) {
      let afterOurs = false;
      for (const [name, h] of registry) {
        if (name === HIGHLIGHT_MASK) afterOurs = true;
        else if (afterOurs && h.priority >= this.highlight.priority) {
          registry.delete(HIGHLIGHT_MASK);
          registry.set(HIGHLIGHT_MASK, this.highlight);
          break;
        }
      }
    }
  }

  /** Put back exactly the ranges of the current entries (a page cleared or edited them). */
  private rebuildHighlight(): void {
    this.highlight.clear();
    this.rangeCount = 0;
    const seen = new Set<TextEntry>();
    for (const entry of this.texts.values()) {
      if (seen.has(entry)) continue;
      seen.add(entry);
      if (entry.near && this.nearView.isFar(entry.near)) continue;
      for (const r of entry.ranges) {
        this.highlight.add(r);
        this.rangeCount += 1;
      }
    }
  }

  /**
   * Give a whole-element entry's element the TEXT_ATTR value its nearness calls for: the
   * masked form near the viewport (its overlay is painted), empty far from it (discs only).
   */
  private showOverlay(entry: TextEntry): void {
    const el = entry.whole;
    if (!el || entry.overlay === null || !entry.nearRow) return;
    const want = this.nearWhole.isFar(entry.nearRow) ? '' : entry.overlay;
    if (el.getAttribute(TEXT_ATTR) !== want) el.setAttribute(TEXT_ATTR, want);
    // Its overlay must not move a flex or grid element's text (see settleOverlays).
    if (want && !CELL_TAGS.has(el.localName)) this.overlaysToSettle.add(el);
  }

  /** A row (or element) came near the viewport or went far: its whole-element values follow. */
  private moveOverlays(entries: ReadonlySet<TextEntry>): void {
    for (const entry of entries) this.showOverlay(entry);
  }

  /**
   * A pass is done: what it left is settled, and the whole-element values of a sliced
   * one are placed before the frame that paints them.
   */
  passDone(): void {
    this.settleOverlays(false);
    if (this.slicedPass) this.nearWhole.placeFresh();
    this.slicedPass = false;
    this.bigPass = false;
  }

  /** After the observer moved overlays: settle the new ones (one style read for the batch). */
  private settleMoved(): void {
    if (this.overlaysToSettle.size > 0) this.settleOverlays(false);
  }

  /**
   * A holder came near the viewport (its ranges go into the highlight, its elements
   * get their marks) or went far (both out: its FAR_ATTR covers it meanwhile).
   */
  private moveRanges(entries: ReadonlySet<TextEntry>, near: boolean): void {
    for (const entry of entries) {
      for (const r of entry.ranges) {
        if (near) {
          if (this.highlight.has(r)) continue;
          this.highlight.add(r);
          this.rangeCount += 1;
        } else if (this.highlight.delete(r)) this.rangeCount -= 1;
      }
      if (near) this.markEntry(entry);
      else this.unmarkEntry(entry);
    }
  }

  /** Whether anything is masked (the per-frame guard runs only then). */
  get hasMasks(): boolean {
    return this.texts.size > 0 || this.fields.size > 0 || this.attrs.size > 0;
  }

  /** Fields watched every frame for values set by script. */
  get watchedFields(): number {
    return this.fields.watched;
  }

  // ---- lifecycle --------------------------------------------------------------------------

  /** Drop what a removed subtree held (ranges on detached nodes would only hold memory). */
  forget(node: Node): void {
    if (node.isConnected) return;
    if (node.nodeType === Node.TEXT_NODE) {
      const entry = this.texts.get(node as Text);
      if (entry) this.remaskNodes(this.clearText(node as Text, entry));
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE && node.nodeType !== Node.DOCUMENT_FRAGMENT_NODE) return;
    if (this.texts.size === 0 && this.fields.size === 0 && this.attrs.size === 0) return;
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let n: Node | null = walker.currentNode; n; n = walker.nextNode()) {
      if (n.nodeType === Node.TEXT_NODE) {
        const entry = this.texts.get(n as Text);
        if (entry) this.remaskNodes(this.clearText(n as Text, entry));
      } else {
        this.attrs.forget(n as Element);
        this.fields.forget(n as Element);
        this.holders.forget(n as Element);
        this.aria.forget(n as Element);
      }
    }
  }

  /** Nodes left by a run that changed or lost a node: masked again as they now stand. */
  private remaskNodes(nodes: Text[]): void {
    for (const n of nodes) if (!this.texts.has(n) && n.isConnected) this.maskTextNode(n);
  }

  /** Every masked place, in document order where it matters little (lists sort by id). */
  allItems(): MaskItem[] {
    const out: MaskItem[] = [];
    const seen = new Set<TextEntry>();
    for (const [node, entry] of this.texts) {
      if (seen.has(entry) || !node.isConnected) continue;
      seen.add(entry);
      out.push(...entry.items);
    }
    out.push(...this.fields.items(), ...this.attrs.items());
    return out;
  }

  /** Re-apply every place that shows `key` (after a reveal or a re-mask). */
  private refreshKey(key: string): void {
    for (const item of this.allItems()) {
      if (item.key !== key) continue;
      const t = item.target;
      if (t.type === 'text') this.maskTextNode(t.node, true);
      else if (t.type === 'field') this.maskField(t.el);
      else this.maskAttribute(t.el, t.name);
    }
    this.settleOverlays(false);
  }

  /** Undo everything on the page (site excluded, or Sigilo stopped). */
  unmaskAll(): void {
    this.highlight.clear();
    this.rangeCount = 0;
    this.nearView.clear();
    this.nearWhole.clear();
    this.holders.clear();
    this.inline.clear();
    this.aria.clearAll();
    this.toFit.clear();
    for (const el of document.querySelectorAll(`[${A11Y_ATTR}]`)) el.removeAttribute(A11Y_ATTR);
    for (const entry of this.texts.values()) entry.whole?.removeAttribute(TEXT_ATTR);
    for (const el of document.querySelectorAll(`[${TEXT_ATTR}]`)) el.removeAttribute(TEXT_ATTR);
    for (const el of document.querySelectorAll(`[${HOLDER_ATTR}]`)) el.removeAttribute(HOLDER_ATTR);
    for (const el of document.querySelectorAll(`[${BOX_ATTR}]`)) el.removeAttribute(BOX_ATTR);
    this.texts.clear();
    this.fields.unmaskAll();
    this.attrs.unmaskAll();
  }

  dispose(): void {
    this.unmaskAll();
    if (CSS.highlights.get(HIGHLIGHT_MASK) === this.highlight) CSS.highlights.delete(HIGHLIGHT_MASK);
  }
}

/** Where the only node of a one-node run starts (shared: one array less per masked text). */
const ZERO_START: readonly number[] = Object.freeze([0]);

/**
 * Longest run read as one text. A longer one (thousands of text nodes in one
 * paragraph) is read node by node: runs are always maximal, so two runs never
 * share a node and re-masking one never undoes another.
 */
const MAX_RUN = 64;

/**
 * Elements a value can run through: phrasing tags that render inline by default
 * (bold, a search hit's <mark>, a <span> per digit group). Decided by tag, not
 * computed style: reading style while a fresh subtree is masked (before its
 * first paint) would force a style pass per slice. A <span> a page styles as a
 * block still joins its neighbours' text: at worst a value is read across it.
 * Anything else (blocks, <br>, form controls, images, custom elements) ends a run.
 */
/** Above this many whole-element values, a sliced pass keeps the approximate spacing (one style pass each would cost more than it fixes). */
const MAX_FIT_IN_SLICED_PASS = 200;

const INLINE_TAGS = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'ins',
  'kbd',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
  'wbr',
]);

function isInline(n: Node): boolean {
  return n.nodeType === 1 && INLINE_TAGS.has((n as Element).localName);
}

/**
 * The text node before (or after) `from` in reading order within its inline
 * context: through inline elements (into them and out of them), past comments
 * and empty inline elements; null at anything that ends a run.
 */
function stepText(from: Node, back: boolean): Text | null {
  let n: Node = from;
  for (;;) {
    let s: Node | null = back ? n.previousSibling : n.nextSibling;
    if (!s) {
      const p = n.parentNode;
      if (!p || !isInline(p)) return null;
      n = p;
      continue;
    }
    for (;;) {
      if (s.nodeType === 3) return s as Text;
      if (s.nodeType === 8) break;
      if (!isInline(s)) return null;
      const c: Node | null = back ? s.lastChild : s.firstChild;
      if (!c) break;
      s = c;
    }
    n = s;
  }
}

/**
 * All the text nodes read with `node` as one text, in order, joined: adjacent
 * siblings and text across inline elements; null beyond MAX_RUN.
 */
function textRunAround(node: Text): TextRun | null {
  let first: Text = node;
  let count = 1;
  for (let p = stepText(node, true); p; p = stepText(p, true)) {
    first = p;
    if (++count > MAX_RUN) return null;
  }
  const nodes: Text[] = [];
  const starts: number[] = [];
  let text = '';
  for (let n: Text | null = first; n; n = stepText(n, false)) {
    if (nodes.length === MAX_RUN) return null;
    nodes.push(n);
    starts.push(text.length);
    text += n.data;
  }
  return { nodes, starts, text };
}

/** The element holding all of a run: the nodes' parent, or (across inline elements) their nearest common ancestor. */
/** Whether `span` (offsets in the run's joined text) starts and ends in different nodes. */
function crossesNodes(run: TextRun, span: { start: number; end: number }): boolean {
  const nodeAt = (offset: number) => {
    let i = run.starts.length - 1;
    while (i > 0 && (run.starts[i] ?? 0) > offset) i--;
    return i;
  };
  return nodeAt(span.start) !== nodeAt(span.end - 1);
}

function runParent(run: TextRun): Element | null {
  const first = run.nodes[0]!;
  const last = run.nodes[run.nodes.length - 1]!;
  let p = first.parentElement;
  if (last.parentNode === p) return p;
  while (p && !p.contains(last)) p = p.parentElement;
  return p;
}

function sameNodes(a: readonly Text[], b: readonly Text[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

/** Node and offset of a position in a run's joined text (an end sticks to the node it ends in). */
function locate(run: TextRun, offset: number, isEnd: boolean): { node: Text; offset: number } {
  const { nodes, starts } = run;
  for (let i = nodes.length - 1; i >= 0; i--) {
    const start = starts[i]!;
    if (isEnd ? offset > start || i === 0 : offset >= start)
      return { node: nodes[i]!, offset: Math.min(offset - start, nodes[i]!.length) };
  }
  return { node: nodes[0]!, offset: 0 };
}

function staticRange(run: TextRun, start: number, end: number): StaticRange {
  const from = locate(run, start, false);
  const to = locate(run, end, true);
  return new StaticRange({
    startContainer: from.node,
    startOffset: from.offset,
    endContainer: to.node,
    endOffset: to.offset,
  });
}

/**
 * Whether text under `el` is being edited by the page (contenteditable or designMode).
 * Why not `isContentEditable`: Chromium brings style up to date on every call, and
 * between two calls Sigilo has just set marker attributes, so a 5,000-row table paid
 * one forced style recalculation per masked cell (≈0.5 s measured here).
 */
function isEditable(el: Element): boolean {
  if (el.ownerDocument.designMode === 'on') return true;
  const host = el.closest('[contenteditable]');
  if (!host) return false;
  const mode = host.getAttribute('contenteditable')?.toLowerCase() ?? '';
  return mode === '' || mode === 'true' || mode === 'plaintext-only';
}
