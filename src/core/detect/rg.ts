import { boosted, type Detector } from './detector';
import { Joiner, type Sequence } from './sequence';
import { leftOk, rightOk } from './span';

/**
 * RG (Registro Geral, state identity card). There is no national check digit and each state
 * issues its own layout, so an RG is only reported next to "RG", "identidade" or "registro geral".
 * Catches "12.345.678-9", "12.345.678-X", "1.234.567", "MG-12.345.678", "12345678-9", "123456789".
 * Cannot: recognise an RG without those words, or validate it (SP's check digit is not
 * universal; we do not reject a number because of it).
 */
export const RG_WORDS: readonly string[] = [
  'rg',
  'r.g',
  'r.g.',
  'identidade',
  'registro geral',
  'carteira de identidade',
  'cédula de identidade',
  'cedula de identidade',
  'ssp',
];

function isDvGroup(seq: Sequence, k: number): boolean {
  if (seq.len(k) !== 1) return false;
  const c = seq.text.charCodeAt(seq.start[k]!) | 0x20;
  return (c >= 0x30 && c <= 0x39) || c === 0x78;
}

/** Two upper-case letters (a state, "MG-12.345.678"). */
function isUf(seq: Sequence, k: number): boolean {
  return seq.len(k) === 2 && seq.upper[k] === 2;
}

export const rgDetector: Detector = {
  firstLengths: [1, 2, 5, 6, 7, 8, 9, 10],
  short: true,
  type: 'RG',
  trigger: 'digits',
  atGroup(seq, i, st) {
    if (!seq.isNumeric(i)) return;
    if (!leftOk(seq, i) && !(i > 0 && seq.joiner[i - 1] === Joiner.Dash && isUf(seq, i - 1))) return;
    const len = seq.len(i);
    const J = seq.joiner;
    let j = -1;
    let base = 0;
    if (
      len <= 2 &&
      i + 2 < seq.count &&
      J[i] === Joiner.Dot &&
      J[i + 1] === Joiner.Dot &&
      seq.len(i + 1) === 3 &&
      seq.len(i + 2) === 3 &&
      seq.isNumeric(i + 1) &&
      seq.isNumeric(i + 2)
    ) {
      j = i + 2;
      if (i + 3 < seq.count && J[i + 2] === Joiner.Dash && isDvGroup(seq, i + 3)) j = i + 3;
      base = 0.9;
    } else if (len >= 5 && len <= 10) {
      j = i;
      if (i + 1 < seq.count && J[i] === Joiner.Dash && isDvGroup(seq, i + 1)) j = i + 1;
      base = 0.8;
    }
    if (j < 0 || !rightOk(seq, j)) return;
    const s = seq.start[i]!;
    const e = seq.end[j]!;
    if (!st.ctx.near(s, e, RG_WORDS)) return;
    st.out.add(s, e, 'RG', base === 0.9 ? boosted(0.7) : base);
  },
};
