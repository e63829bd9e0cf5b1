import { type MaskSpec, maskValue } from '../core/mask';
import { kindVars, type Lang, t } from './i18n';

/**
 * What assistive technology gets of a masked value: never the raw characters.
 *
 * Chromium builds the accessibility tree from the text as laid out, after
 * `-webkit-text-security` (checked with CDP Accessibility.getFullAXTree): a
 * whole-element value under text-security is read as discs, with the element
 * kept in place (a table cell stays a cell). ARIA roles do not help here: the
 * text of an element with role=img or role=button stays in the tree. So:
 * - a value that is its element's whole text: text-security on it (its glyphs
 *   are transparent anyway) and a name saying what it is and how to reveal it;
 * - a form field: `aria-hidden` while its value is masked (Chromium exposes an
 *   input's value whatever its text-security); select options get that name;
 * and all of it is lifted while the value is revealed.
 */

/** Marker holding the letter-spacing (px) that keeps a text-secured element as wide as its text was. */
export const A11Y_ATTR = 'data-sigilo-ax';

/** The declaration an engine must support for the static spacing rule (see page-styles.ts). */
export const TYPED_SPACING = `letter-spacing: attr(${A11Y_ATTR} type(<length>))`;

/** Only what the fitter produces: a signed decimal with three places and "px". */
const SPACING = /^-?\d{1,3}\.\d{3}px$/;

/** The one rule applying a spacing value (see TextWidthKeeper); null for anything else. */
export function spacingRule(value: string, selectorBoost: string): string | null {
  if (!SPACING.test(value)) return null;
  return `[data-sigilo-text][${A11Y_ATTR}="${value}"]${selectorBoost} { letter-spacing: ${value} !important; }`;
}

/**
 * Names already formatted, by language, kind and visible tail: a 5,000-row table
 * names 15,000 cells with a few hundred distinct names, and formatting each one
 * (ICU select, locale resolution) was a tenth of the content script's time there.
 */
const NAMES = new Map<string, string>();

/** "CPF protegido, final 97 — Enter para revelar": the name a masked value is announced by. */
export function spokenName(lang: Lang, kindLabel: string, value: string, spec: MaskSpec): string {
  const form = maskValue(value, spec);
  const visible = form.hidden.length === 0 ? '' : visibleTail(Array.from(value), form.hidden);
  const key = `${lang}\u0000${kindLabel}\u0000${visible}`;
  let name = NAMES.get(key);
  if (name === undefined) {
    name = t(lang, visible ? 'a11yMaskedTail' : 'a11yMasked', {
      ...kindVars(lang, kindLabel),
      tail: visible,
    });
    if (NAMES.size >= 2000) NAMES.clear();
    NAMES.set(key, name);
  }
  return name;
}

/** The characters left visible at the end of the masked form (partial style), if any. */
function visibleTail(chars: string[], hidden: ReadonlyArray<{ start: number; end: number }>): string {
  const lastHidden = Math.max(...hidden.map((h) => h.end));
  return chars
    .join('')
    .slice(lastHidden)
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * Text-security draws one disc per character, narrower or wider than the
 * characters were: the element would change width (a table column, a flex
 * layout). The difference is made up with letter-spacing, from canvas text
 * metrics of the element's own font (no layout read): per font, the disc's
 * advance and each character's advance are measured once, and the computed
 * font is read once per kind of element (tag and class), not per element.
 * Spacings are rounded to 1/1000 px (coarser steps change the element's width
 * measurably: a flex container's text moves) and applied by the static rule
 * reading the value from the element's A11Y_ATTR (typed `attr()`, see
 * page-styles.ts), or where the engine has no typed `attr()` (Firefox), by one
 * rule per value (see spacingRule). Why not rules everywhere: each new value
 * changed our style sheet, and each change restyled and laid out the whole
 * page; a grid that renders rows as it scrolls (AG Grid) met new values at
 * nearly every frame (≈15 ms of forced layout a frame, measured).
 * Values in a freshly inserted big subtree are not fitted one by one: reading
 * any computed style there forces a style pass over the whole new subtree in
 * our task (≈0.9 s for 5,000 rows, measured), which the browser then does
 * again after our markers. They keep the page-wide approximation (0.1em: the
 * disc is about a tenth of an em narrower than a digit in common sans fonts),
 * a slightly different width, never a visible value.
 */
export class TextWidthKeeper {
  private readonly ctx = new OffscreenCanvas(1, 1).getContext('2d');
  private readonly fonts = new Map<string, { disc: number; chars: Map<string, number> }>();
  private readonly styles = new Map<string, { font: string; letterSpacing: number }>();

  /** Letter-spacing ("0.85px") for `el` showing `text` as discs at the width of its characters; null if unknown. */
  spacing(el: Element, text: string): string | null {
    const ctx = this.ctx;
    if (!ctx) return null;
    const key = `${el.localName}.${el.getAttribute('class') ?? ''}`;
    let style = this.styles.get(key);
    if (!style) {
      const cs = getComputedStyle(el);
      // The element's own letter-spacing is ours now (the 0.1em approximation):
      // the page's is read where it comes from, the parent (an inherited property).
      const own = Number.parseFloat(getComputedStyle(el.parentElement ?? el).letterSpacing);
      style = { font: cs.font, letterSpacing: Number.isFinite(own) ? own : 0 };
      if (this.styles.size > 500) this.styles.clear();
      this.styles.set(key, style);
    }
    const font = style.font;
    if (!font) return null;
    let metrics = this.fonts.get(font);
    if (!metrics) {
      ctx.font = font;
      metrics = { disc: ctx.measureText('\u2022').width, chars: new Map() };
      this.fonts.set(font, metrics);
    }
    const shown = text.replace(/\s+/g, ' ').trim();
    let width = 0;
    let n = 0;
    for (const c of shown) {
      let w = metrics.chars.get(c);
      if (w === undefined) {
        ctx.font = font;
        w = ctx.measureText(c).width;
        metrics.chars.set(c, w);
      }
      width += w;
      n += 1;
    }
    if (n === 0) return null;
    return `${(style.letterSpacing + width / n - metrics.disc).toFixed(3)}px`;
  }
}

const MIRRORS_PER_CHUNK = 64;

/** Sigilo's own element holding the spoken form of texts with masked values (see InlineCover). */
export const MIRROR_HOST_TAG = 'sigilo-a11y';

/**
 * A value inside longer text (a chat message) shares its text node with words
 * that must stay readable, and no CSS reaches part of a node for assistive
 * technology. So the element holding that text is left out of the tree
 * (`aria-hidden`) and a mirror of its text, every value in it replaced by its
 * spoken name, is put in its place: an element of Sigilo's own (never one of the
 * page's) that the holder's parent adopts with `aria-owns`. Screen readers meet
 * it as the parent's last child, which is where the holder usually is.
 */
export class InlineCover {
  private host: HTMLElement | null = null;
  private readonly mirrors = new Map<Element, { mirror: HTMLElement; owner: Element; uses: number }>();
  /** The mirror ids each owner adopts, in order (a chat's log may own thousands of holders' mirrors). */
  private readonly owned = new Map<Element, Set<string>>();
  private nextId = 1;

  constructor(
    private readonly setAria: (el: Element, name: string, value: string) => void,
    private readonly clearAria: (el: Element, name: string) => void,
  ) {}

  /** Our container (visually hidden, in the tree); the watcher must skip it. */
  isOwn(node: Node): boolean {
    return node === this.host;
  }

  /** Hide `holder` from assistive technology and expose `spoken` in its place; counted per text run. */
  cover(holder: Element, spoken: string): void {
    if (holder === document.body || holder === document.documentElement) return;
    // In a shadow root the holder's parent is the root: its host adopts the mirror.
    const up = holder.parentNode;
    const owner = up instanceof ShadowRoot ? up.host : holder.parentElement;
    if (!owner) return;
    let entry = this.mirrors.get(holder);
    if (!entry) {
      // One block each: as inline spans on one line, every new mirror re-laid out the
      // whole line of all of them (a long chat's layout grew with its masked messages).
      // A div is a block by itself: a style attribute per mirror was parsed per message.
      const mirror = document.createElement('div');
      mirror.id = `sigilo-ax-${this.nextId++}`;
      entry = { mirror, owner, uses: 0 };
      this.mirrors.set(holder, entry);
      this.chunkForNext().append(mirror);
      let ids = this.owned.get(owner);
      if (!ids) {
        ids = new Set();
        this.owned.set(owner, ids);
      }
      ids.add(mirror.id);
      this.setAria(owner, 'aria-owns', [...ids].join(' '));
      this.setAria(holder, 'aria-hidden', 'true');
    }
    entry.uses += 1;
    if (entry.mirror.textContent !== spoken) entry.mirror.textContent = spoken;
  }

  /** One run of `holder` no longer hides anything: lift the cover when none does. */
  uncover(holder: Element): void {
    const entry = this.mirrors.get(holder);
    if (!entry) return;
    entry.uses -= 1;
    if (entry.uses > 0) return;
    this.mirrors.delete(holder);
    const chunk = entry.mirror.parentElement;
    entry.mirror.remove();
    if (chunk && chunk !== this.host && chunk.childElementCount === 0) chunk.remove();
    this.clearAria(holder, 'aria-hidden');
    const ids = this.owned.get(entry.owner);
    ids?.delete(entry.mirror.id);
    if (!ids || ids.size === 0) {
      this.owned.delete(entry.owner);
      this.clearAria(entry.owner, 'aria-owns');
    } else this.setAria(entry.owner, 'aria-owns', [...ids].join(' '));
  }

  /** Whether `holder` is covered (its `aria-hidden` is ours to keep). */
  covers(holder: Element): boolean {
    return this.mirrors.has(holder);
  }

  clear(): void {
    for (const holder of [...this.mirrors.keys()]) {
      const entry = this.mirrors.get(holder)!;
      entry.uses = 1;
      this.uncover(holder);
    }
    this.host?.remove();
    this.host = null;
  }

  /**
   * Mirrors go into chunks of MIRRORS_PER_CHUNK, each its own layout root: in one flat
   * host every new mirror re-laid out and re-walked all of them (≈3 ms per chat
   * message with 3,000 shown, measured); a chunk bounds that to its own few.
   */
  private chunkForNext(): HTMLElement {
    const host = this.ensureHost();
    const last = host.lastElementChild as HTMLElement | null;
    if (last && last.childElementCount < MIRRORS_PER_CHUNK) return last;
    const chunk = document.createElement('div');
    chunk.setAttribute(
      'style',
      'display: block !important; contain: strict !important; width: 1px !important; height: 1px !important; overflow: hidden !important;',
    );
    host.append(chunk);
    return chunk;
  }

  private ensureHost(): HTMLElement {
    if (!this.host) {
      this.host = document.createElement(MIRROR_HOST_TAG);
      // Visually hidden, still in the accessibility tree (clip, not display/visibility).
      this.host.setAttribute(
        'style',
        'all: initial !important; position: fixed !important; width: 1px !important; height: 1px !important; overflow: hidden !important; clip-path: inset(50%) !important; white-space: nowrap !important; contain: strict !important;',
      );
    }
    const root = document.documentElement;
    if (root && this.host.parentNode !== root) root.append(this.host);
    return this.host;
  }
}
