import { isDigit, isUpper } from './chars';
import { boosted, type Detector } from './detector';
import { Joiner } from './sequence';
import { CODES, leftOk, rightOk } from './span';

/**
 * IBAN (ISO 13616): country code, two check digits (mod 97 = 1 over the rearranged number) and a
 * country-specific length. Catches the electronic form "GB82WEST12345698765432" and the printed
 * form in groups of four "BR15 0000 0000 0000 1093 2840 814P 2".
 * Cannot: validate the national BBAN inside (bank/branch check digits), or lower-case IBANs.
 */
export const IBAN_WORDS: readonly string[] = ['iban'];

// IBAN lengths per country (SWIFT IBAN registry).
const LENGTHS: Record<string, number> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BR: 29,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MR: 27,
  MT: 31,
  MU: 30,
  NL: 18,
  NO: 15,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  SA: 24,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  TN: 24,
  TR: 26,
  UA: 29,
  VG: 24,
  XK: 20,
};

/** Mod 97 of CODES[0..n) rearranged (first four chars moved to the end), letters as 10..35. */
export function ibanValid(codes: ArrayLike<number>, n: number): boolean {
  let r = 0;
  for (let k = 0; k < n; k++) {
    const c = codes[(k + 4) % n]!;
    if (isDigit(c)) r = (r * 10 + (c - 48)) % 97;
    else if (isUpper(c)) r = (r * 100 + (c - 55)) % 97;
    else return false;
  }
  return r === 1;
}

export const ibanDetector: Detector = {
  type: 'IBAN',
  trigger: 'upper',
  atGroup(seq, i, st) {
    const t = seq.text;
    const s = seq.start[i]!;
    if (seq.len(i) < 4 || !seq.isUpperAlnum(i)) return;
    const c0 = t.charCodeAt(s);
    const c1 = t.charCodeAt(s + 1);
    if (!isUpper(c0) || !isUpper(c1) || !isDigit(t.charCodeAt(s + 2)) || !isDigit(t.charCodeAt(s + 3)))
      return;
    const want = LENGTHS[String.fromCharCode(c0, c1)];
    if (want === undefined || !leftOk(seq, i)) return;
    let n = 0;
    let j = i;
    for (; j < seq.count; j++) {
      if (j > i && (seq.joiner[j - 1] !== Joiner.Space || seq.len(j - 1) !== 4)) return;
      if (!seq.isUpperAlnum(j)) return;
      const e = seq.end[j]!;
      if (n + (e - seq.start[j]!) > want) return;
      for (let p = seq.start[j]!; p < e; p++) CODES[n++] = t.charCodeAt(p);
      if (n === want) break;
    }
    if (n !== want || !rightOk(seq, j) || !ibanValid(CODES, n)) return;
    const e = seq.end[j]!;
    st.out.add(s, e, 'IBAN', st.ctx.near(s, e, IBAN_WORDS) ? boosted(0.9) : 0.9);
  },
};
