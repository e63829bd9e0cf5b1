import type { ContentPolicy } from '../core/policy/types';
import {
  ANSWER_EVENT,
  ASK_EVENT,
  CONFIG_EVENT,
  DRAWN_EVENT,
  type DrawnValue,
  HELLO_EVENT,
  type PageConfig,
} from '../page-world/protocol';
import { type MaskContext, type MaskItem, type MaskRegistry, newItem } from './mask-registry';

/** How many canvas values the masked-values list keeps (the most recently drawn). */
const CANVAS_ITEMS_MAX = 300;
/** A detected value is short; anything longer in a report is not one. */
const MAX_VALUE_LENGTH = 80;
/** At most this many values are read from one report. */
const MAX_REPORT = 1000;

/**
 * The content script's side of the page-world script (src/page-world/main.ts):
 * it tells that script what to mask (policy and revealed values, see
 * PageConfig), and holds the values it drew masked on canvases so that the
 * masked-values list can offer them for reveal. It is the registry the reveal
 * flow uses: the masker's items plus the canvas values, and every reveal or
 * re-mask is passed on to the page world.
 *
 * A report of drawn values comes from the page's world, so the page can forge
 * one: each value is accepted only if the detector finds exactly that value of
 * that kind, and the list keeps a bounded number of them. A forged entry can
 * only be a value the page already holds, and is revealed only by the agent.
 */
export class PageBridge implements MaskRegistry {
  private readonly canvas = new Map<string, MaskItem>();
  /** Revealed keys with their kind and value, as sent to the page world. */
  private readonly revealed = new Map<string, [string, string]>();
  private config: Omit<PageConfig, 'revealed'> | null = null;

  constructor(
    private readonly masker: MaskRegistry & MaskContext,
    signal: AbortSignal,
  ) {
    document.addEventListener(HELLO_EVENT, () => this.send(), { signal });
    document.addEventListener(DRAWN_EVENT, (e) => this.onDrawn((e as CustomEvent).detail), { signal });
    document.addEventListener(ASK_EVENT, (e) => this.onAsk((e as CustomEvent).detail), { signal });
  }

  /**
   * Text the page is putting on the clipboard (already masked for what the
   * detectors find): every value masked on screen that it still carries becomes
   * its masked form. The answer holds nothing the page did not send or display.
   */
  private onAsk(detail: unknown): void {
    if (!this.config?.active || typeof detail !== 'string') return;
    let text = detail;
    const seen = new Set<string>();
    for (const item of this.masker.allItems()) {
      if (seen.has(item.key)) continue;
      seen.add(item.key);
      if (item.value.length < 4 || this.masker.isRevealed(item.key) || !text.includes(item.value)) continue;
      text = text.split(item.value).join(item.display);
    }
    document.dispatchEvent(new CustomEvent(ANSWER_EVENT, { detail: text }));
  }

  get detector() {
    return this.masker.detector;
  }

  /** The policy in force (null: Sigilo is not active on this page). */
  setPolicy(policy: ContentPolicy | null): void {
    this.config = policy
      ? {
          active: true,
          types: [...policy.detectors.enabled],
          minConfidence: { ...policy.detectors.minConfidence },
          style: policy.maskStyle,
          keepLast: policy.keepLast,
        }
      : { active: false, types: [], minConfidence: {}, style: 'full', keepLast: 0 };
    if (!policy) this.canvas.clear();
    this.send();
  }

  private send(): void {
    if (!this.config) return;
    const config: PageConfig = { ...this.config, revealed: [...this.revealed.values()] };
    document.dispatchEvent(new CustomEvent(CONFIG_EVENT, { detail: JSON.stringify(config) }));
  }

  private onDrawn(detail: unknown): void {
    if (!this.config?.active || typeof detail !== 'string') return;
    let values: unknown;
    try {
      values = JSON.parse(detail);
    } catch {
      return;
    }
    if (!Array.isArray(values)) return;
    for (const v of values.slice(0, MAX_REPORT) as Partial<DrawnValue>[]) {
      if (typeof v?.kind !== 'string' || typeof v.value !== 'string' || v.value.length > MAX_VALUE_LENGTH)
        continue;
      const key = `${v.kind}\u0000${v.value}`;
      const known = this.canvas.get(key);
      if (known) {
        // Most recent last: the oldest are dropped first.
        this.canvas.delete(key);
        this.canvas.set(key, known);
        continue;
      }
      const spans = this.masker.detector.spans(v.value, null);
      const only = spans.length === 1 ? spans[0] : undefined;
      if (only?.start !== 0 || only.end !== v.value.length || only.kind !== v.kind) continue;
      this.canvas.set(key, canvasItem(this.masker, only.kind, only.label, v.value));
      if (this.canvas.size > CANVAS_ITEMS_MAX) this.canvas.delete(this.canvas.keys().next().value as string);
    }
  }

  // ---- MaskRegistry: the masker's, plus the canvas values ----------------------------------

  reveal(key: string): void {
    this.masker.reveal(key);
    const cut = key.indexOf('\u0000');
    if (cut > 0) this.revealed.set(key, [key.slice(0, cut), key.slice(cut + 1)]);
    this.send();
  }

  remask(key: string): void {
    this.masker.remask(key);
    if (this.revealed.delete(key)) this.send();
  }

  isRevealed(key: string): boolean {
    return this.masker.isRevealed(key);
  }

  itemsIn(el: Element): MaskItem[] {
    return this.masker.itemsIn(el);
  }

  allItems(): MaskItem[] {
    const items = this.masker.allItems();
    if (this.canvas.size === 0) return items;
    const shown = new Set(items.map((i) => i.key));
    for (const item of this.canvas.values()) if (!shown.has(item.key)) items.push(item);
    return items;
  }

  maskedTextNodes(): Iterable<Text> {
    return this.masker.maskedTextNodes();
  }

  hiddenIn(node: Text) {
    return this.masker.hiddenIn(node);
  }

  rangeOf(item: MaskItem): Range | null {
    return this.masker.rangeOf(item);
  }

  dispose(): void {
    this.canvas.clear();
    this.revealed.clear();
  }
}

/**
 * A value drawn on a canvas has no text node or field: it is held like an
 * attribute of the document (no range, nothing to restyle). Only this bridge
 * holds such items; the masker never sees them, so nothing tries to mask that
 * "attribute" (the page world draws the mask).
 */
function canvasItem(ctx: MaskContext, kind: string, label: string, value: string): MaskItem {
  return newItem(ctx, kind, label, value, {
    type: 'attr',
    el: document.documentElement,
    name: CANVAS_TARGET,
  });
}

/** The name of the pseudo-attribute that canvas items are held under (never set on an element). */
export const CANVAS_TARGET = 'sigilo-canvas';
