import { type MaskSpec, maskValue } from '../core/mask';
import { type Lang, t } from './i18n';

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

/** "CPF protegido, final 97 — Enter para revelar": the name a masked value is announced by. */
export function spokenName(lang: Lang, kindLabel: string, value: string, spec: MaskSpec): string {
  const form = maskValue(value, spec);
  const chars = Array.from(value);
  const visible = form.hidden.length === 0 ? '' : visibleTail(chars, form.hidden);
  return t(lang, visible ? 'a11yMaskedTail' : 'a11yMasked', { kind: kindLabel, tail: visible });
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
 * advance and each character's advance are measured once.
 */
export class TextWidthKeeper {
  private readonly ctx = new OffscreenCanvas(1, 1).getContext('2d');
  private readonly fonts = new Map<string, { disc: number; chars: Map<string, number> }>();

  /** Letter-spacing (px) for `el` showing `text` as discs at the width of its characters; null if unknown. */
  spacing(style: CSSStyleDeclaration, text: string): number | null {
    const ctx = this.ctx;
    const font = style.font;
    if (!ctx || !font) return null;
    let metrics = this.fonts.get(font);
    if (!metrics) {
      ctx.font = font;
      metrics = { disc: ctx.measureText('\u2022').width, chars: new Map() };
      this.fonts.set(font, metrics);
    }
    const shown = text.replace(/\s+/g, ' ').trim();
    const chars = Array.from(shown);
    if (chars.length === 0) return null;
    let width = 0;
    for (const c of chars) {
      let w = metrics.chars.get(c);
      if (w === undefined) {
        ctx.font = font;
        w = ctx.measureText(c).width;
        metrics.chars.set(c, w);
      }
      width += w;
    }
    const own = Number.parseFloat(style.letterSpacing);
    const base = Number.isFinite(own) ? own : 0;
    return base + width / chars.length - metrics.disc;
  }
}
