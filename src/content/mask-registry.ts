import { type CharRange, type MaskSpec, maskValue } from '../core/mask';
import type { Detector } from './detect';
import type { Lang } from './i18n';

/**
 * What the rest of the content script may know of the masks: the masked items
 * and their reveal state, behind one narrow interface. The reveal flow, the
 * copy/print guards and the popup's list go through it; how text, fields and
 * attributes are masked stays in their own maskers (masker.ts, field-masker.ts,
 * attr-masker.ts), so self-healing and teardown each have one home.
 */
export interface MaskRegistry {
  /** Show every place displaying `key` (after its reveal is recorded). */
  reveal(key: string): void;
  /** Mask every place displaying `key` again. */
  remask(key: string): void;
  isRevealed(key: string): boolean;
  /** The masked (not revealed) items of `el`'s own text, once each. */
  itemsIn(el: Element): MaskItem[];
  /** Every masked place in the page. */
  allItems(): MaskItem[];
  /** Text nodes holding masked values (copy and print map selections through them). */
  maskedTextNodes(): Iterable<Text>;
  /** The characters of `node` hidden right now (offsets in the node), as they are painted. */
  hiddenIn(node: Text): CharRange[];
  /** A live range over a text item where it is displayed. */
  rangeOf(item: MaskItem): Range | null;
  readonly detector: Detector;
}

export type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

export type Target =
  /**
   * `start`/`end` index the text of `run` (adjacent text nodes, as a framework
   * renders `({ddd}) {number}`) joined; `node` is its first node. A value alone
   * in its node has a run of one.
   */
  | { type: 'text'; node: Text; start: number; end: number; run: TextRun }
  | { type: 'field'; el: Field }
  | { type: 'attr'; el: Element; name: string };

/** One masked value where it is shown. `value` lives only in this content script's memory. */
export interface MaskItem {
  id: string;
  kind: string;
  label: string;
  value: string;
  readonly display: string;
  /** Same kind + value = same reveal: revealing it shows every place it is displayed. */
  key: string;
  target: Target;
}

/** Adjacent text nodes read as one text, with where each node starts in it. */
export interface TextRun {
  readonly nodes: readonly Text[];
  readonly starts: readonly number[];
  readonly text: string;
}

export function itemKey(kind: string, value: string): string {
  return `${kind}\u0000${value}`;
}

let nextId = 1;

/** The display form is only needed by lists and dialogs: computed on first use, not per scan. */
class LazyItem implements MaskItem {
  readonly key: string;
  private shown: string | null = null;
  constructor(
    readonly id: string,
    readonly kind: string,
    readonly label: string,
    readonly value: string,
    readonly target: Target,
    private readonly spec: Omit<MaskSpec, 'label'>,
  ) {
    this.key = itemKey(kind, value);
  }

  get display(): string {
    this.shown ??= maskValue(this.value, { ...this.spec, label: this.label }).display;
    return this.shown;
  }
}

/** What every masker shares: the detector and mask form in force, the reveal state, the language. */
export interface MaskContext {
  readonly detector: Detector;
  readonly spec: Omit<MaskSpec, 'label'>;
  readonly lang: Lang;
  isRevealed(key: string): boolean;
}

export function newItem(
  ctx: MaskContext,
  kind: string,
  label: string,
  value: string,
  target: Target,
): MaskItem {
  return new LazyItem(`m${nextId++}`, kind, label, value, target, ctx.spec);
}

export function maskSpec(ctx: MaskContext, label: string): MaskSpec {
  return { ...ctx.spec, label };
}
