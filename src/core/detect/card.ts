import { NEGATIVE_WORDS } from './context';
import { boosted, type Detector, penalised } from './detector';
import { Joiner, type Sequence } from './sequence';
import { collectDigits, DIGITS, leftOk, rightOk, spacedNeighboursOk } from './span';

/**
 * Payment card numbers (PAN): Luhn check plus a known brand prefix with that brand's length:
 * Visa, Mastercard (51–55, 2221–2720), Amex (34, 37), Diners, Discover, JCB, UnionPay, Maestro,
 * and the Brazilian Elo and Hipercard (606282, 3841xx) ranges.
 * Catches: "4111 1111 1111 1111", "4111-1111-1111-1111", "4111111111111111", Amex "3782 822463 10005".
 * Cannot: know every private-label or newly issued BIN; a 16-digit number with a brand prefix that
 * passes Luhn (1 in 10) looks exactly like a card, so plain numbers near "pedido"/"protocolo" are dropped.
 */
export const CARD_WORDS: readonly string[] = [
  'cartão',
  'cartao',
  'card',
  'crédito',
  'credito',
  'débito',
  'debito',
  'visa',
  'mastercard',
  'master',
  'elo',
  'amex',
  'hipercard',
  'credit',
  'debit',
];

export function luhnValid(d: ArrayLike<number>, n: number): boolean {
  let s = 0;
  let dbl = false;
  for (let k = n - 1; k >= 0; k--) {
    let v = d[k]!;
    if (dbl) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    s += v;
    dbl = !dbl;
  }
  return s % 10 === 0;
}

// Elo BIN ranges published by the brand (6-digit prefixes), inclusive.
const ELO: readonly (readonly [number, number])[] = [
  [401178, 401179],
  [431274, 431274],
  [438935, 438935],
  [451416, 451416],
  [457393, 457393],
  [457631, 457632],
  [504175, 504175],
  [506699, 506778],
  [509000, 509999],
  [627780, 627780],
  [636297, 636297],
  [636368, 636368],
  [650031, 650033],
  [650035, 650051],
  [650405, 650439],
  [650485, 650538],
  [650541, 650598],
  [650700, 650718],
  [650720, 650727],
  [650901, 650920],
  [651652, 651679],
  [655000, 655019],
  [655021, 655058],
];

export function isElo(p6: number): boolean {
  for (const [a, b] of ELO) if (p6 >= a && p6 <= b) return true;
  return false;
}

export function brandOk(d: ArrayLike<number>, n: number): boolean {
  const p2 = d[0]! * 10 + d[1]!;
  const p3 = p2 * 10 + d[2]!;
  const p4 = p3 * 10 + d[3]!;
  const p6 = p4 * 100 + d[4]! * 10 + d[5]!;
  if (n === 16 && isElo(p6)) return true;
  if ((p6 === 606282 || p4 === 3841) && (n === 13 || n === 16 || n === 19)) return true;
  if (d[0] === 4) return n === 13 || n === 16 || n === 19;
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n === 16;
  if (p2 === 34 || p2 === 37) return n === 15;
  if ((p3 >= 300 && p3 <= 305) || p2 === 36 || p2 === 38 || p2 === 39 || p4 === 3095)
    return n >= 14 && n <= 19;
  if (p4 === 6011 || (p3 >= 644 && p3 <= 649) || p2 === 65) return n >= 16 && n <= 19;
  if (p4 >= 3528 && p4 <= 3589) return n >= 16 && n <= 19;
  if (p2 === 62) return n >= 16 && n <= 19;
  if (p2 === 50 || (p2 >= 56 && p2 <= 69)) return n >= 12 && n <= 19;
  return false;
}

/** End group of a grouped card number starting at i ("4-4-4-4[-3]", Amex "4-6-5", Diners "4-6-4"), or -1. */
function groupedEnd(seq: Sequence, i: number): number {
  const sep = seq.joiner[i];
  if (sep !== Joiner.Space && sep !== Joiner.Dash) return -1;
  const l1 = seq.len(i + 1);
  if (l1 === 6) {
    if (i + 2 < seq.count && seq.joiner[i + 1] === sep) {
      const l2 = seq.len(i + 2);
      if (l2 === 5 || l2 === 4) return i + 2;
    }
    return -1;
  }
  let k = i + 1;
  let total = 4;
  while (k < seq.count && total < 19) {
    if (!seq.isNumeric(k)) return total >= 13 ? k - 1 : -1;
    const l = seq.len(k);
    if (l === 4) {
      total += 4;
      if (
        total >= 16 &&
        (k + 1 >= seq.count || seq.joiner[k] !== sep || seq.len(k + 1) > 4 || !seq.isNumeric(k + 1))
      )
        return k;
      if (seq.joiner[k] !== sep) return total >= 13 ? k : -1;
      k++;
      continue;
    }
    if (l <= 3 && total >= 12) return k;
    return -1;
  }
  return -1;
}

export const cardDetector: Detector = {
  firstLengths: [4, 12, 13, 14, 15, 16, 17, 18, 19],
  type: 'CARD',
  trigger: 'digits',
  atGroup(seq, i, st) {
    if (!seq.isNumeric(i) || !leftOk(seq, i)) return;
    const len = seq.len(i);
    let j = -1;
    let base = 0;
    if (len >= 12 && len <= 19) {
      j = i;
      base = 0.85;
    } else if (len === 4 && i + 2 < seq.count) {
      j = groupedEnd(seq, i);
      base = 0.93;
      if (j >= 0 && seq.joiner[i] === Joiner.Space && !spacedNeighboursOk(seq, i, j)) return;
    }
    if (j < 0 || !rightOk(seq, j)) return;
    const n = collectDigits(seq, i, j, 19);
    if (n < 12 || !luhnValid(DIGITS, n) || !brandOk(DIGITS, n)) return;
    const s = seq.start[i]!;
    const e = seq.end[j]!;
    let conf = base;
    if (st.ctx.near(s, e, CARD_WORDS)) conf = boosted(base);
    else if (base < 0.9 && st.ctx.negative(s, NEGATIVE_WORDS)) conf = penalised(base);
    st.out.add(s, e, 'CARD', conf);
  },
};
