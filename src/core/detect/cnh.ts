import { boosted, type Detector } from './detector';
import { allSame, collectDigits, DIGITS, leftOk, rightOk } from './span';

/**
 * CNH (Brazilian driver's licence, número de registro), 11 digits with the DETRAN two-digit check.
 * Catches an 11-digit number with valid CNH check digits next to "CNH", "habilitação",
 * "carteira de motorista", "driver's license" or "registro".
 * Cannot: find a CNH without such a word (the number has no layout of its own and is as long as a
 * CPF), or the older 9-digit "espelho" form numbers.
 */
export const CNH_WORDS: readonly string[] = [
  'cnh',
  'habilitação',
  'habilitacao',
  'carteira de motorista',
  'driver',
  "driver's license",
  'driving licence',
  'license',
  'licença',
  'registro',
];

export function cnhValid(d: ArrayLike<number>): boolean {
  let s = 0;
  for (let k = 0; k < 9; k++) s += d[k]! * (9 - k);
  let dv1 = s % 11;
  let dsc = 0;
  if (dv1 >= 10) {
    dv1 = 0;
    dsc = 2;
  }
  s = 0;
  for (let k = 0; k < 9; k++) s += d[k]! * (1 + k);
  const x = s % 11;
  const dv2 = x >= 10 ? 0 : x - dsc;
  return dv1 === d[9] && dv2 === d[10];
}

export const cnhDetector: Detector = {
  firstLengths: [11],
  type: 'CNH',
  trigger: 'digits',
  atGroup(seq, i, st) {
    if (seq.len(i) !== 11 || !seq.isNumeric(i) || !leftOk(seq, i) || !rightOk(seq, i)) return;
    if (collectDigits(seq, i, i, 11) !== 11 || allSame(11) || !cnhValid(DIGITS)) return;
    const s = seq.start[i]!;
    const e = seq.end[i]!;
    if (!st.ctx.near(s, e, CNH_WORDS)) return;
    st.out.add(s, e, 'CNH', boosted(0.7));
  },
};
