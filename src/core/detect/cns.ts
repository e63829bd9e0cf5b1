import { boosted, type Detector } from './detector';
import { Joiner } from './sequence';
import { collectDigits, DIGITS, leftOk, rightOk, spacedNeighboursOk } from './span';

/**
 * CNS (Cartão Nacional de Saúde / cartão SUS), 15 digits: definitive numbers start with 1 or 2,
 * provisional ones with 7, 8 or 9, and the digits weighted 15..1 sum to a multiple of 11.
 * Catches "898 0012 3456 7890" (the printed layout) anywhere and a plain 15-digit number next to
 * "CNS", "SUS" or "cartão nacional de saúde".
 * Cannot: find a plain CNS without those words (one random 15-digit number in 11 passes).
 */
export const CNS_WORDS: readonly string[] = [
  'cns',
  'sus',
  'cartão sus',
  'cartao sus',
  'cartão nacional de saúde',
  'saúde',
];

export function cnsValid(d: ArrayLike<number>): boolean {
  const f = d[0]!;
  if (f !== 1 && f !== 2 && f !== 7 && f !== 8 && f !== 9) return false;
  let s = 0;
  for (let k = 0; k < 15; k++) s += d[k]! * (15 - k);
  return s % 11 === 0;
}

export const cnsDetector: Detector = {
  firstLengths: [3, 15],
  type: 'CNS',
  trigger: 'digits',
  atGroup(seq, i, st) {
    if (!seq.isNumeric(i) || !leftOk(seq, i)) return;
    const len = seq.len(i);
    let j = -1;
    let base = 0;
    if (len === 15) {
      j = i;
      base = 0.4;
    } else if (len === 3 && i + 3 < seq.count) {
      const sep = seq.joiner[i];
      if (
        (sep === Joiner.Space || sep === Joiner.Dot || sep === Joiner.Dash) &&
        seq.joiner[i + 1] === sep &&
        seq.joiner[i + 2] === sep &&
        seq.len(i + 1) === 4 &&
        seq.len(i + 2) === 4 &&
        seq.len(i + 3) === 4
      ) {
        j = i + 3;
        base = 0.85;
        if (sep === Joiner.Space && !spacedNeighboursOk(seq, i, j)) return;
      }
    }
    if (j < 0 || !rightOk(seq, j)) return;
    if (collectDigits(seq, i, j, 15) !== 15 || !cnsValid(DIGITS)) return;
    const s = seq.start[i]!;
    const e = seq.end[j]!;
    st.out.add(s, e, 'CNS', st.ctx.near(s, e, CNS_WORDS) ? boosted(base + 0.3) : base);
  },
};
