import { Ch, isDigit, isInlineSpace } from './chars';
import { Joiner, type Sequence } from './sequence';

// Boundary rules shared by the numeric detectors: a value never starts or ends in the middle of a
// longer token. "123.456.789-09" inside "123.456.789-09.7" (a longer dotted code), inside
// "x@12345678909" or after "R$ " is not a value.

/** Chars that, right before a number, make it part of something else (e-mail, money, hashtag, path). */
function badBefore(c: number): boolean {
  switch (c) {
    case Ch.At:
    case Ch.Underscore:
    case Ch.Backslash:
    case Ch.Dollar:
    case Ch.Euro:
    case Ch.Pound:
    case Ch.Yen:
    case Ch.Hash:
    case 0x26: // &
    case Ch.Percent:
    case Ch.Dot:
    case Ch.Comma:
    case Ch.Dash:
    case Ch.Slash:
    case 0x2212: // minus sign
      return true;
    default:
      return false;
  }
}

function badAfter(c: number): boolean {
  switch (c) {
    case Ch.At:
    case Ch.Underscore:
    case Ch.Backslash:
    case Ch.Percent:
    case Ch.Dollar:
    case Ch.Euro:
    case 0xb0: // degree sign
      return true;
    default:
      return false;
  }
}

function isCurrency(c: number): boolean {
  return c === Ch.Dollar || c === Ch.Euro || c === Ch.Pound || c === Ch.Yen;
}

/**
 * May a value start at group i? `plusOk` lets phone numbers start right after '+'.
 * A label glued with ':' ("cpf:123...") is fine; any other hard joiner before is not.
 */
export function leftOk(seq: Sequence, i: number, plusOk = false): boolean {
  if (i > 0) {
    const j = seq.joiner[i - 1] as Joiner;
    if (j === Joiner.Space || j === Joiner.ColonSpace) return true;
    if (j === Joiner.Colon || j === Joiner.Paren) return seq.isWord(i - 1);
    return false;
  }
  const s = seq.start[0]!;
  if (s === 0) return true;
  const text = seq.text;
  const c = text.charCodeAt(s - 1);
  if (c === Ch.Plus) return plusOk;
  if (badBefore(c)) return false;
  if (isInlineSpace(c) && s >= 2 && isCurrency(text.charCodeAt(s - 2))) return false;
  return true;
}

/** May a value end at group j? */
export function rightOk(seq: Sequence, j: number): boolean {
  if (j < seq.count - 1) {
    const k = seq.joiner[j] as Joiner;
    return k === Joiner.Space || k === Joiner.ColonSpace || k === Joiner.Paren;
  }
  const e = seq.end[j]!;
  if (e >= seq.text.length) return true;
  return !badAfter(seq.text.charCodeAt(e));
}

/**
 * For values written with spaces between groups ("4111 1111 1111 1111"), a neighbouring group of
 * digits joined by a space means the value is part of a longer spaced number (a boleto, a list).
 */
export function spacedNeighboursOk(seq: Sequence, i: number, j: number): boolean {
  if (i > 0 && seq.joiner[i - 1] === Joiner.Space && seq.isNumeric(i - 1)) return false;
  if (j < seq.count - 1 && seq.joiner[j] === Joiner.Space && seq.isNumeric(j + 1)) return false;
  return true;
}

/** Plain numbers next to other plain numbers ("12345678909 1") are still fine; only digits glued matter. */
export function usesSpaces(seq: Sequence, i: number, j: number): boolean {
  for (let k = i; k < j; k++) if (seq.joiner[k] === Joiner.Space) return true;
  return false;
}

/** Scratch buffer of digit values shared by detectors (the scanner is synchronous and single-threaded). */
export const DIGITS = new Uint8Array(64);

/**
 * Copies the digits of groups i..j into DIGITS. Returns the count, or -1 when a group holds a
 * non-digit or the count exceeds `max`.
 */
export function collectDigits(seq: Sequence, i: number, j: number, max: number): number {
  let n = 0;
  const text = seq.text;
  for (let k = i; k <= j; k++) {
    if (!seq.isNumeric(k)) return -1;
    const e = seq.end[k]!;
    for (let p = seq.start[k]!; p < e; p++) {
      if (n >= max) return -1;
      DIGITS[n++] = text.charCodeAt(p) - 48;
    }
  }
  return n;
}

/** Scratch buffer of char codes for alphanumeric formats (CNPJ, IBAN). */
export const CODES = new Uint16Array(64);

/** Copies the chars of groups i..j into CODES (upper-case alnum only). -1 on lower-case or overflow. */
export function collectAlnum(seq: Sequence, i: number, j: number, max: number): number {
  let n = 0;
  const text = seq.text;
  for (let k = i; k <= j; k++) {
    if (!seq.isUpperAlnum(k)) return -1;
    const e = seq.end[k]!;
    for (let p = seq.start[k]!; p < e; p++) {
      if (n >= max) return -1;
      CODES[n++] = text.charCodeAt(p);
    }
  }
  return n;
}

/** True when all `n` digits in DIGITS are the same ("111.111.111-11" passes the CPF check but is fake). */
export function allSame(n: number): boolean {
  const d = DIGITS[0];
  for (let k = 1; k < n; k++) if (DIGITS[k] !== d) return false;
  return true;
}

export function isDigitCode(c: number): boolean {
  return isDigit(c);
}
