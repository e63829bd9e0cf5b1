import { Ch, isDigit, isLowerAscii, isUpper } from './chars';
import type { Detector } from './detector';

/**
 * E-mail addresses: local part of letters, digits and . _ % + - (no leading/trailing/double dot,
 * at most 64 chars), '@', a domain of at least two labels and a letters-only TLD of 2–24 chars.
 * Catches upper case and addresses glued to punctuation ("(ana.silva+sac@empresa.com.br)").
 * Cannot: recognise quoted local parts, IP-literal domains or non-ASCII (IDN) addresses, and does
 * not check that the domain exists. "user at domain dot com" is not caught.
 */
function isLocalChar(c: number): boolean {
  return (
    isLowerAscii(c) ||
    isUpper(c) ||
    isDigit(c) ||
    c === Ch.Dot ||
    c === Ch.Underscore ||
    c === Ch.Percent ||
    c === Ch.Plus ||
    c === Ch.Dash
  );
}

function isDomainChar(c: number): boolean {
  return isLowerAscii(c) || isUpper(c) || isDigit(c) || c === Ch.Dash || c === Ch.Dot;
}

function isAlpha(c: number): boolean {
  return isLowerAscii(c) || isUpper(c);
}

/**
 * End (exclusive) of a valid domain starting at `p`, or -1. Trailing dots/dashes are left out
 * ("…@empresa.com." at the end of a sentence).
 */
function domainEnd(text: string, p: number, n: number): number {
  const limit = Math.min(n, p + 253);
  let q = p;
  while (q < limit && isDomainChar(text.charCodeAt(q))) q++;
  // Trim trailing dots/dashes.
  while (q > p && (text.charCodeAt(q - 1) === Ch.Dot || text.charCodeAt(q - 1) === Ch.Dash)) q--;
  // Validate labels: non-empty, no leading/trailing dash, last label (TLD) letters only, >= 2 labels.
  let labels = 0;
  let labelStart = p;
  for (let r = p; r <= q; r++) {
    if (r === q || text.charCodeAt(r) === Ch.Dot) {
      const len = r - labelStart;
      if (len === 0 || len > 63) return -1;
      if (text.charCodeAt(labelStart) === Ch.Dash || text.charCodeAt(r - 1) === Ch.Dash) return -1;
      labels++;
      if (r === q) {
        if (len < 2 || len > 24) return -1;
        for (let t = labelStart; t < r; t++) if (!isAlpha(text.charCodeAt(t))) return -1;
      }
      labelStart = r + 1;
    }
  }
  return labels >= 2 ? q : -1;
}

export const emailDetector: Detector = {
  type: 'EMAIL',
  trigger: 'text',
  scanText(text, st) {
    const n = text.length;
    let from = 0;
    // Each '@' is examined once; the local part is searched backwards only down to the previous
    // '@' or the end of the previous match, so the total work stays linear.
    let floor = 0;
    for (;;) {
      const at = text.indexOf('@', from);
      if (at < 0) return;
      let s = at;
      const minS = Math.max(floor, at - 64);
      while (s > minS && isLocalChar(text.charCodeAt(s - 1))) s--;
      // Local part may not start with a dot; skip leading dots.
      while (s < at && text.charCodeAt(s) === Ch.Dot) s++;
      const e = s < at && text.charCodeAt(at - 1) !== Ch.Dot ? domainEnd(text, at + 1, n) : -1;
      if (e > 0 && !(s > 0 && isLocalChar(text.charCodeAt(s - 1)) && s === minS && minS > floor)) {
        let doubleDot = false;
        for (let p = s + 1; p < at; p++)
          if (text.charCodeAt(p) === Ch.Dot && text.charCodeAt(p - 1) === Ch.Dot) doubleDot = true;
        const after = e < n ? text.charCodeAt(e) : 0;
        if (!doubleDot && after !== Ch.At && !(after === Ch.Underscore)) {
          st.out.add(s, e, 'EMAIL', 0.97);
          floor = e;
          from = e;
          continue;
        }
      }
      floor = at + 1;
      from = at + 1;
    }
  },
};
