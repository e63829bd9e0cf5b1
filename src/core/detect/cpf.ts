import { NEGATIVE_WORDS } from './context';
import { boosted, type Detector, penalised } from './detector';
import { Joiner, type Sequence } from './sequence';
import { allSame, collectDigits, DIGITS, leftOk, rightOk, spacedNeighboursOk, usesSpaces } from './span';

/**
 * CPF (Cadastro de Pessoas Físicas), 11 digits with two mod-11 check digits.
 * Catches: "123.456.789-09", "123456789-09", "12345678909", "123 456 789 09", "123.456.789.09",
 * glued to a label ("cpf:12345678909"). A plain 11-digit number needs valid check digits and is
 * reported with lower confidence unless "CPF" is near; "pedido"/"protocolo" nearby drops it.
 * Cannot: tell a CPF from another 11-digit number whose check digits happen to match (1 in 100)
 * without context; sequences of one repeated digit ("111.111.111-11") are rejected on purpose.
 */
export const CPF_WORDS: readonly string[] = [
  'cpf',
  'c.p.f',
  'cadastro de pessoa',
  'contribuinte',
  'cpf/cnpj',
];

export function cpfValid(d: ArrayLike<number>): boolean {
  let s = 0;
  for (let k = 0; k < 9; k++) s += d[k]! * (10 - k);
  let r = (s * 10) % 11;
  if (r === 10) r = 0;
  if (r !== d[9]) return false;
  s = 0;
  for (let k = 0; k < 10; k++) s += d[k]! * (11 - k);
  r = (s * 10) % 11;
  if (r === 10) r = 0;
  return r === d[10];
}

function check(seq: Sequence, i: number, j: number): boolean {
  return collectDigits(seq, i, j, 11) === 11 && !allSame(11) && cpfValid(DIGITS) && rightOk(seq, j);
}

function sepOk(j: number): boolean {
  return j === Joiner.Dot || j === Joiner.Dash || j === Joiner.Space;
}

export const cpfDetector: Detector = {
  firstLengths: [3, 9, 11],
  type: 'CPF',
  trigger: 'digits',
  atGroup(seq, i, st) {
    if (!seq.isNumeric(i) || !leftOk(seq, i)) return;
    const len = seq.len(i);
    let j = -1;
    let base = 0;
    if (len === 11) {
      if (check(seq, i, i)) {
        j = i;
        base = 0.72;
      }
    } else if (len === 9) {
      if (
        seq.joiner[i] === Joiner.Dash &&
        i + 1 < seq.count &&
        seq.len(i + 1) === 2 &&
        check(seq, i, i + 1)
      ) {
        j = i + 1;
        base = 0.9;
      }
    } else if (len === 3 && i + 3 < seq.count) {
      const j1 = seq.joiner[i]!;
      const j2 = seq.joiner[i + 1]!;
      const j3 = seq.joiner[i + 2]!;
      if (
        sepOk(j1) &&
        sepOk(j2) &&
        sepOk(j3) &&
        seq.len(i + 1) === 3 &&
        seq.len(i + 2) === 3 &&
        seq.len(i + 3) === 2 &&
        check(seq, i, i + 3)
      ) {
        j = i + 3;
        base = j1 === Joiner.Dot && j2 === Joiner.Dot && j3 === Joiner.Dash ? 0.95 : 0.85;
      }
    }
    if (j < 0) return;
    if (usesSpaces(seq, i, j) && !spacedNeighboursOk(seq, i, j)) return;
    const s = seq.start[i]!;
    const e = seq.end[j]!;
    let conf = base;
    if (st.ctx.near(s, e, CPF_WORDS)) conf = boosted(base);
    else if (base < 0.9 && st.ctx.negative(s, NEGATIVE_WORDS)) conf = penalised(base);
    st.out.add(s, e, 'CPF', conf);
  },
};
