import type { DetectorType, Match } from '../core/detect/types';
import { BULLET, type MaskSpec, maskValue } from '../core/mask/mask-value';
import type { MaskStyle } from '../core/policy/types';
import type { BlockWriter } from './output';

// --mask writes the input with every value in the form the page shows (src/core/mask/mask-value.ts)
// straight into the output bytes. A dense file has a value every ~80 bytes: building a string per
// value (a bullet appended per character, a range object per hidden run) and then one string per
// window made the garbage collector about a fifth of the run. The common forms are written here
// byte by byte; anything else (non-ASCII values under "partial") goes through maskValue itself.
// test/unit/detect/scan-mask.test.ts checks these bytes against maskValue's display.

const BULLET_BYTES = Buffer.from(BULLET, 'utf8');

function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

export class MaskedWriter {
  /** Per type: the spec maskValue gets, and the chip form's bytes. */
  private readonly specs = new Map<DetectorType, { spec: MaskSpec; chip: Uint8Array }>();

  constructor(
    private readonly out: BlockWriter,
    private readonly style: MaskStyle,
    private readonly keepLast: number,
  ) {}

  /** text[from, to) with every match (sorted, inside that range) in its masked form. */
  write(text: string, from: number, to: number, matches: readonly Match[]): void {
    let cursor = from;
    for (const m of matches) {
      this.out.text(text, cursor, m.start);
      this.value(text, m.start, m.end, m.type);
      cursor = m.end;
    }
    this.out.text(text, cursor, to);
  }

  /** The masked form of the value text[s, e), as maskValue(value, spec).display reads. */
  value(text: string, s: number, e: number, type: DetectorType): void {
    const { spec, chip } = this.specFor(type);
    const out = this.out;
    if (s === e) return;
    if (this.style === 'chip') {
      out.bytes(chip);
      return;
    }
    if (this.style === 'full') {
      // One bullet per code point (a surrogate pair is one), at least three.
      let n = 0;
      for (let p = s; p < e; p++) {
        const c = text.charCodeAt(p);
        if (!(c >= 0xdc00 && c <= 0xdfff && p > s && isHigh(text.charCodeAt(p - 1)))) n++;
      }
      out.repeat(BULLET_BYTES, Math.max(3, n));
      return;
    }
    // partial, ASCII values (almost all of them): letters/digits hidden but the last few.
    let alnum = 0;
    let ascii = true;
    for (let p = s; p < e; p++) {
      const c = text.charCodeAt(p);
      if (c > 127) {
        ascii = false;
        break;
      }
      if (isAsciiAlnum(c)) alnum++;
    }
    if (!ascii || alnum === 0) {
      const display = maskValue(text.slice(s, e), spec).display;
      out.text(display, 0, display.length);
      return;
    }
    const keep = Math.max(0, Math.min(Math.floor(this.keepLast), Math.floor(alnum / 2)));
    const hideUpTo = alnum - keep;
    let seen = 0;
    for (let p = s; p < e; p++) {
      const c = text.charCodeAt(p);
      if (isAsciiAlnum(c) && ++seen <= hideUpTo) out.bytes(BULLET_BYTES);
      else out.text(text, p, p + 1);
    }
  }

  private specFor(type: DetectorType): { spec: MaskSpec; chip: Uint8Array } {
    let known = this.specs.get(type);
    if (!known) {
      const spec: MaskSpec = { style: this.style, keepLast: this.keepLast, label: type };
      const chip = this.style === 'chip' ? maskValue('x', spec).display : '';
      known = { spec, chip: Buffer.from(chip, 'utf8') };
      this.specs.set(type, known);
    }
    return known;
  }
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
