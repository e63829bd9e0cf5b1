import { Ch, isInlineSpace, isWordChar } from './chars';
import { hashStep } from './labels';

// The scanner's single pass cuts text into *groups* (maximal runs of letters/digits) joined by one
// *joiner* ('.', '-', '/', ':', ',', one inline space, parentheses). A run of joined groups is a
// *sequence*. Every numeric format we know is a few groups of a sequence ("123.456.789-09",
// "+55 (11) 98765-4321", "4111 1111 1111 1111"), so detectors only look at group boundaries. That
// keeps every detector linear: a detector looks at a bounded number of groups from each start group.

export enum Joiner {
  None = 0,
  Space = 1,
  Dot = 2,
  Dash = 3,
  Slash = 4,
  Colon = 5,
  Comma = 6,
  Paren = 7,
  ColonSpace = 8,
}

/** Joiner found at `p` (kind in the low 4 bits, length above), or 0 when the sequence ends at `p`. */
export function joinerAt(text: string, p: number, n: number): number {
  if (p >= n) return 0;
  const c = text.charCodeAt(p);
  const next = p + 1 < n ? text.charCodeAt(p + 1) : 0;
  switch (c) {
    case Ch.Dot:
      return isWordChar(next) ? Joiner.Dot | 16 : 0;
    case Ch.Dash:
      return isWordChar(next) ? Joiner.Dash | 16 : 0;
    case Ch.Slash:
      return isWordChar(next) ? Joiner.Slash | 16 : 0;
    case Ch.Comma:
      return isWordChar(next) ? Joiner.Comma | 16 : 0;
    case Ch.Colon:
      if (isWordChar(next)) return Joiner.Colon | 16;
      if (isInlineSpace(next) && p + 2 < n && isWordChar(text.charCodeAt(p + 2)))
        return Joiner.ColonSpace | 32;
      return 0;
    case Ch.OpenParen:
      return isWordChar(next) ? Joiner.Paren | 16 : 0;
    case Ch.CloseParen:
      if (isWordChar(next)) return Joiner.Paren | 16;
      if (isInlineSpace(next) && p + 2 < n && isWordChar(text.charCodeAt(p + 2))) return Joiner.Paren | 32;
      return 0;
    default:
      if (!isInlineSpace(c)) return 0;
      if (isWordChar(next)) return Joiner.Space | 16;
      if (next === Ch.OpenParen && p + 2 < n && isWordChar(text.charCodeAt(p + 2))) return Joiner.Paren | 32;
      return 0;
  }
}

/** Groups of the sequence being scanned, in reusable typed arrays (no per-group objects). */
export class Sequence {
  text = '';
  count = 0;
  start = new Int32Array(64);
  end = new Int32Array(64);
  /** Number of ASCII digits in the group. */
  digits = new Int32Array(64);
  /** Number of ASCII upper-case letters in the group. */
  upper = new Int32Array(64);
  /** Number of other letters (lower-case ASCII, accented). */
  lower = new Int32Array(64);
  /** Lower-case hash of the group (see labels.ts hashStep). */
  hash = new Int32Array(64);
  /** Joiner after the group (Joiner.None for the last one). */
  joiner = new Uint8Array(64);
  /** Label id (see labels.ts) of a letters-only group, or -1. */
  label = new Int8Array(64);
  hasDigits = false;
  hasLabel = false;
  /** Lower-case hash of the group pushed last (label lookup). */
  lastHash = 0;

  reset(text: string): void {
    this.text = text;
    this.count = 0;
    this.hasDigits = false;
    this.hasLabel = false;
  }

  /** Appends group [gs, ge); counts and the label hash are computed here in one pass. */
  push(gs: number, ge: number): number {
    const text = this.text;
    let d = 0;
    let u = 0;
    let h = 0;
    for (let p = gs; p < ge; p++) {
      const c = text.charCodeAt(p);
      if (c <= 0x39) d++;
      else if (c <= 0x5a) u++;
      h = hashStep(h, c);
    }
    return this.pushCounted(gs, ge, d, u, h);
  }

  /**
   * Appends group [gs, ge) whose digit / upper-case counts and hash the caller already computed
   * while finding the group's end (the tokenizer's hot loop reads each character once).
   */
  pushCounted(gs: number, ge: number, d: number, u: number, h: number): number {
    const k = this.count;
    if (k === this.start.length) this.grow();
    this.start[k] = gs;
    this.end[k] = ge;
    this.digits[k] = d;
    this.upper[k] = u;
    this.lower[k] = ge - gs - d - u;
    this.hash[k] = h;
    this.joiner[k] = Joiner.None;
    this.label[k] = -1;
    if (d > 0) this.hasDigits = true;
    this.lastHash = h;
    this.count = k + 1;
    return k;
  }

  private grow(): void {
    const size = this.start.length * 2;
    const g32 = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.start = g32(this.start);
    this.end = g32(this.end);
    this.digits = g32(this.digits);
    this.upper = g32(this.upper);
    this.lower = g32(this.lower);
    this.hash = g32(this.hash);
    const j = new Uint8Array(size);
    j.set(this.joiner);
    this.joiner = j;
    const l = new Int8Array(size);
    l.set(this.label);
    this.label = l;
  }

  len(k: number): number {
    return this.end[k]! - this.start[k]!;
  }

  /** Group made only of ASCII digits. */
  isNumeric(k: number): boolean {
    return this.digits[k] === this.end[k]! - this.start[k]!;
  }

  /** Group made only of ASCII digits and upper-case letters (alphanumeric CNPJ, IBAN). */
  isUpperAlnum(k: number): boolean {
    return this.lower[k] === 0;
  }

  /** Letters only (a word), e.g. a label such as "CPF" or "Nome". */
  isWord(k: number): boolean {
    return this.digits[k] === 0;
  }

  /** Joiner before group k (None for the first group). */
  joinerBefore(k: number): Joiner {
    return k > 0 ? (this.joiner[k - 1] as Joiner) : Joiner.None;
  }

  /** Char code just before the sequence's first group (0 at the start of the text). */
  charBeforeSequence(): number {
    const s = this.start[0]!;
    return s > 0 ? this.text.charCodeAt(s - 1) : 0;
  }

  /** Char code just after the sequence's last group (0 at the end of the text). */
  charAfterSequence(): number {
    const e = this.end[this.count - 1]!;
    return e < this.text.length ? this.text.charCodeAt(e) : 0;
  }
}
