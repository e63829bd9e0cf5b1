import { NEGATIVE_WORDS } from './context';
import { boosted, type Detector, penalised } from './detector';
import { Joiner, type Sequence } from './sequence';
import { CODES, collectAlnum, leftOk, rightOk } from './span';

/**
 * CNPJ (Cadastro Nacional da Pessoa Jurídica), 14 characters, two numeric mod-11 check digits.
 * Catches the numeric form and the alphanumeric form issued from July 2026 (upper-case letters or
 * digits in the first 12 positions; each character weighs its char code minus 48, so 'A' = 17):
 * "12.345.678/0001-95", "12.ABC.345/01DE-35", "12345678/0001-95", "123456780001-95",
 * "12345678000195", "12ABC34501DE35".
 * Cannot: accept lower-case letters (the format has none), or tell a plain 14-character code from
 * a CNPJ whose check digits happen to match (1 in 100) without context.
 */
export const CNPJ_WORDS: readonly string[] = [
  'cnpj',
  'c.n.p.j',
  'empresa',
  'razão social',
  'razao social',
  'cpf/cnpj',
];

const W1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
const W2 = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];

/** Check digit over the first `n` codes (char codes, as the alphanumeric rule defines). */
function dv(codes: ArrayLike<number>, weights: readonly number[]): number {
  let s = 0;
  for (let k = 0; k < weights.length; k++) s += (codes[k]! - 48) * weights[k]!;
  const r = s % 11;
  return r < 2 ? 0 : 11 - r;
}

/** `codes` are char codes of the 14 characters (digits or upper-case letters). */
export function cnpjValid(codes: ArrayLike<number>): boolean {
  const d12 = codes[12]! - 48;
  const d13 = codes[13]! - 48;
  if (d12 < 0 || d12 > 9 || d13 < 0 || d13 > 9) return false;
  if (dv(codes, W1) !== d12) return false;
  return dv(codes, W2) === d13;
}

/** Check digits for 12 characters (used by the corpus generator and demo data). */
export function cnpjCheckDigits(first12: string): string {
  const codes: number[] = [];
  for (let k = 0; k < 12; k++) codes.push(first12.charCodeAt(k));
  const a = dv(codes, W1);
  codes.push(a + 48);
  return `${a}${dv(codes, W2)}`;
}

function allSame(n: number): boolean {
  for (let k = 1; k < n; k++) if (CODES[k] !== CODES[0]) return false;
  return true;
}

function hasLetter(n: number): boolean {
  for (let k = 0; k < n; k++) if (CODES[k]! > 0x39) return true;
  return false;
}

function lens(seq: Sequence, i: number, want: readonly number[]): boolean {
  if (i + want.length > seq.count) return false;
  for (let k = 0; k < want.length; k++) if (seq.len(i + k) !== want[k]) return false;
  return true;
}

export const cnpjDetector: Detector = {
  firstLengths: [2, 8, 12, 14],
  type: 'CNPJ',
  trigger: 'upper',
  atGroup(seq, i, st) {
    if (!seq.isUpperAlnum(i) || !leftOk(seq, i)) return;
    const len = seq.len(i);
    let j = -1;
    let base = 0;
    const J = seq.joiner;
    if (len === 14) {
      j = i;
      base = 0.78;
    } else if (len === 2 && lens(seq, i, [2, 3, 3, 4, 2])) {
      const a = J[i]!;
      const b = J[i + 1]!;
      const c = J[i + 2]!;
      const d = J[i + 3]!;
      if ((a === Joiner.Dot || a === Joiner.Space) && b === a && (c === Joiner.Slash || c === a)) {
        if (d === Joiner.Dash || d === a) {
          j = i + 4;
          base = a === Joiner.Dot && c === Joiner.Slash ? 0.96 : 0.85;
        }
      }
    } else if (len === 8 && lens(seq, i, [8, 4, 2]) && J[i] === Joiner.Slash && J[i + 1] === Joiner.Dash) {
      j = i + 2;
      base = 0.92;
    } else if (len === 12 && lens(seq, i, [12, 2]) && J[i] === Joiner.Dash) {
      j = i + 1;
      base = 0.88;
    }
    if (j < 0 || !rightOk(seq, j)) return;
    if (collectAlnum(seq, i, j, 14) !== 14 || allSame(14) || !cnpjValid(CODES)) return;
    // A plain token that is mostly letters is a code word, not a CNPJ.
    if (j === i && hasLetter(14)) base = 0.7;
    const s = seq.start[i]!;
    const e = seq.end[j]!;
    let conf = base;
    if (st.ctx.near(s, e, CNPJ_WORDS)) conf = boosted(base);
    else if (base < 0.9 && st.ctx.negative(s, NEGATIVE_WORDS)) conf = penalised(base);
    st.out.add(s, e, 'CNPJ', conf);
  },
};
