import { Joiner, type Sequence } from './sequence';

// Boleto "linha digitável" lines are long digit codes printed in groups, and their last field (a
// 14-digit amount/due-date block) or its pieces can pass a CNPJ or card check by chance. The
// scanner skips the groups of a boleto line.
//  bank boletos:    AAAAA.AAAAA BBBBB.BBBBBB CCCCC.CCCCCC D EEEEEEEEEEEEEE   (5.5 5.6 5.6 1 14)
//  utility bills:   NNNNNNNNNNN-N NNNNNNNNNNN-N NNNNNNNNNNN-N NNNNNNNNNNN-N    (4 x 11-1)

const BANK = [5, 5, 5, 6, 5, 6, 1, 14];
const BANK_J = [Joiner.Dot, Joiner.Space, Joiner.Dot, Joiner.Space, Joiner.Dot, Joiner.Space, Joiner.Space];
const UTILITY = [11, 1, 11, 1, 11, 1, 11, 1];
const UTILITY_J = [
  Joiner.Dash,
  Joiner.Space,
  Joiner.Dash,
  Joiner.Space,
  Joiner.Dash,
  Joiner.Space,
  Joiner.Dash,
];

function matches(seq: Sequence, k: number, lens: readonly number[], joins: readonly Joiner[]): boolean {
  if (k + lens.length > seq.count) return false;
  for (let q = 0; q < lens.length; q++) {
    if (seq.len(k + q) !== lens[q] || !seq.isNumeric(k + q)) return false;
    if (q < joins.length && seq.joiner[k + q] !== joins[q]) return false;
  }
  return true;
}

/** Number of groups of a boleto line starting at group k (0 when there is none). */
export function boletoGroups(seq: Sequence, k: number): number {
  const len = seq.len(k);
  if (len === 5 && matches(seq, k, BANK, BANK_J)) return BANK.length;
  if (len === 11 && matches(seq, k, UTILITY, UTILITY_J)) return UTILITY.length;
  return 0;
}
