import { boosted, type Detector } from './detector';
import { Joiner } from './sequence';
import { collectDigits, DIGITS, leftOk, rightOk } from './span';

/**
 * US Social Security Number, "AAA-GG-SSSS". Never-issued numbers are rejected: area 000, 666 and
 * 900–999, group 00, serial 0000.
 * Catches "123-45-6789" anywhere; "123 45 6789" and "123456789" only next to "SSN"/"social security".
 * Cannot: tell a dashed SSN from another number written the same way; ITINs (9xx) are excluded.
 */
export const SSN_WORDS: readonly string[] = ['ssn', 'social security', 'seguro social', 'ss#', 'soc sec'];

export function ssnValid(d: ArrayLike<number>): boolean {
  const area = d[0]! * 100 + d[1]! * 10 + d[2]!;
  const group = d[3]! * 10 + d[4]!;
  const serial = d[5]! * 1000 + d[6]! * 100 + d[7]! * 10 + d[8]!;
  return area !== 0 && area !== 666 && area < 900 && group !== 0 && serial !== 0;
}

export const ssnDetector: Detector = {
  firstLengths: [3, 9],
  type: 'SSN',
  trigger: 'digits',
  atGroup(seq, i, st) {
    if (!seq.isNumeric(i) || !leftOk(seq, i)) return;
    const len = seq.len(i);
    let j = -1;
    let base = 0;
    if (len === 3 && i + 2 < seq.count && seq.len(i + 1) === 2 && seq.len(i + 2) === 4) {
      const a = seq.joiner[i];
      if (a === seq.joiner[i + 1] && (a === Joiner.Dash || a === Joiner.Space)) {
        j = i + 2;
        base = a === Joiner.Dash ? 0.8 : 0.3;
      }
    } else if (len === 9) {
      j = i;
      base = 0.3;
    }
    if (j < 0 || !rightOk(seq, j)) return;
    if (collectDigits(seq, i, j, 9) !== 9 || !ssnValid(DIGITS)) return;
    const s = seq.start[i]!;
    const e = seq.end[j]!;
    st.out.add(s, e, 'SSN', st.ctx.near(s, e, SSN_WORDS) ? boosted(base + 0.3) : base);
  },
};
