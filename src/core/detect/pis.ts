import { boosted, type Detector } from './detector';
import { Joiner } from './sequence';
import { allSame, collectDigits, DIGITS, leftOk, rightOk } from './span';

/**
 * PIS/PASEP/NIT/NIS (worker social-security number), 11 digits, one mod-11 check digit.
 * Catches "123.45678.90-1" (its own layout) anywhere, and "1234567890-1" / "12345678901" next to
 * "PIS", "PASEP", "NIT" or "NIS".
 * Cannot: find a plain 11-digit PIS without one of those words — a single check digit passes for
 * one random number in ten, and CPF/CNH/phones have 11 digits too.
 */
export const PIS_WORDS: readonly string[] = ['pis', 'pasep', 'pis/pasep', 'nit', 'nis', 'pis/nit'];

export function pisValid(d: ArrayLike<number>): boolean {
  const w = [3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
  let s = 0;
  for (let k = 0; k < 10; k++) s += d[k]! * w[k]!;
  let r = 11 - (s % 11);
  if (r >= 10) r = 0;
  return r === d[10];
}

export const pisDetector: Detector = {
  firstLengths: [3, 10, 11],
  type: 'PIS',
  trigger: 'digits',
  atGroup(seq, i, st) {
    if (!seq.isNumeric(i) || !leftOk(seq, i)) return;
    const len = seq.len(i);
    let j = -1;
    let base = 0;
    const J = seq.joiner;
    if (
      len === 3 &&
      i + 3 < seq.count &&
      J[i] === Joiner.Dot &&
      J[i + 1] === Joiner.Dot &&
      (J[i + 2] === Joiner.Dash || J[i + 2] === Joiner.Dot) &&
      seq.len(i + 1) === 5 &&
      seq.len(i + 2) === 2 &&
      seq.len(i + 3) === 1
    ) {
      j = i + 3;
      base = 0.9;
    } else if (len === 10 && i + 1 < seq.count && J[i] === Joiner.Dash && seq.len(i + 1) === 1) {
      j = i + 1;
      base = 0.4;
    } else if (len === 11) {
      j = i;
      base = 0.3;
    }
    if (j < 0 || !rightOk(seq, j)) return;
    if (collectDigits(seq, i, j, 11) !== 11 || allSame(11) || !pisValid(DIGITS)) return;
    const s = seq.start[i]!;
    const e = seq.end[j]!;
    const conf = st.ctx.near(s, e, PIS_WORDS) ? boosted(base + 0.3) : base;
    st.out.add(s, e, 'PIS', conf);
  },
};
