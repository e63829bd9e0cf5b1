import type { MaskStyle } from '../policy/types';

/** The bullet every masked character is shown as (in text forms: clipboard, attributes, lists). */
export const BULLET = '•';

export interface MaskSpec {
  style: MaskStyle;
  /** For "partial": how many trailing letters/digits stay visible. */
  keepLast: number;
  /** For "chip": the label shown instead of the value (a detector type or a field rule's kind). */
  label: string;
}

/** Half-open [start, end) UTF-16 offsets into the value. */
export interface CharRange {
  start: number;
  end: number;
}

export interface MaskedForm {
  /** The text form of the masked value: what copy, attributes and lists show. */
  display: string;
  /**
   * The characters of the ORIGINAL value to hide on screen. On screen Sigilo
   * cannot draw other glyphs over a page's text (CSS highlights only restyle
   * characters), so the on-screen mask is "these characters invisible"; the
   * display string above is the same idea written out as text.
   */
  hidden: CharRange[];
  /** For "chip": the label to paint over the hidden value. */
  chip: string | null;
}

const ALNUM = /[\p{L}\p{N}]/u;

/**
 * How one sensitive value is shown while masked.
 * - full: every character hidden, separators too (nothing about its shape leaks).
 * - partial: letters/digits hidden except the last `keepLast`; separators stay
 *   visible so the value keeps its familiar shape (`•••.•••.••9-09`). Never more
 *   than half of the value's letters/digits stay visible, so a short value or a
 *   large keepLast cannot turn a mask into a reveal.
 * - chip: every character hidden, a label (`CPF •••`) painted in its place.
 */
export function maskValue(value: string, spec: MaskSpec): MaskedForm {
  if (value.length === 0) return { display: '', hidden: [], chip: null };
  if (spec.style === 'full') {
    return {
      display: BULLET.repeat(Math.max(3, countChars(value))),
      hidden: [{ start: 0, end: value.length }],
      chip: null,
    };
  }
  if (spec.style === 'chip') {
    const label = spec.label.trim() || '•';
    return {
      display: `${label} ${BULLET.repeat(3)}`,
      hidden: [{ start: 0, end: value.length }],
      chip: label,
    };
  }
  return maskPartial(value, spec.keepLast);
}

/** Letters and digits of plain ASCII, tested by code (no regex per character). */
function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * Partial masking of an all-ASCII value (almost every CPF, phone, card, e-mail):
 * the same result as the general path, without Array.from and a regex per
 * character, because a CRM table masks tens of thousands of values at once.
 */
function maskPartialAscii(value: string, keepLast: number): MaskedForm | null {
  const n = value.length;
  let alnumTotal = 0;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c > 127) return null;
    if (isAsciiAlnum(c)) alnumTotal++;
  }
  if (alnumTotal === 0) return null;
  const keep = Math.max(0, Math.min(Math.floor(keepLast), Math.floor(alnumTotal / 2)));
  const hideUpTo = alnumTotal - keep;
  let seen = 0;
  let display = '';
  const hidden: CharRange[] = [];
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (isAsciiAlnum(c) && ++seen <= hideUpTo) {
      display += BULLET;
      const last = hidden[hidden.length - 1];
      if (last && last.end === i) last.end = i + 1;
      else hidden.push({ start: i, end: i + 1 });
    } else display += value[i];
  }
  return { display, hidden, chip: null };
}

function maskPartial(value: string, keepLast: number): MaskedForm {
  const ascii = maskPartialAscii(value, keepLast);
  if (ascii) return ascii;
  const chars = Array.from(value);
  const alnumTotal = chars.filter((c) => ALNUM.test(c)).length;
  const keep = Math.max(0, Math.min(Math.floor(keepLast), Math.floor(alnumTotal / 2)));
  let alnumSeen = 0;
  let display = '';
  const hidden: CharRange[] = [];
  let offset = 0;
  for (const c of chars) {
    const isAlnum = ALNUM.test(c);
    if (isAlnum) alnumSeen += 1;
    const visible = !isAlnum || alnumSeen > alnumTotal - keep;
    if (visible) {
      display += c;
    } else {
      display += BULLET;
      const last = hidden[hidden.length - 1];
      if (last && last.end === offset) last.end = offset + c.length;
      else hidden.push({ start: offset, end: offset + c.length });
    }
    offset += c.length;
  }
  // A value with no letters/digits at all (only symbols) is hidden whole: fail safe.
  if (alnumTotal === 0)
    return { display: BULLET.repeat(chars.length), hidden: [{ start: 0, end: value.length }], chip: null };
  return { display, hidden, chip: null };
}

function countChars(value: string): number {
  return Array.from(value).length;
}
