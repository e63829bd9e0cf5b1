import { NEGATIVE_WORDS } from './context';
import { boosted, type Detector, penalised } from './detector';
import { Joiner } from './sequence';
import { collectDigits, DIGITS, leftOk, rightOk } from './span';

/**
 * CEP (Brazilian postal code), 8 digits. Catches "01310-100", "01.310-100" on their own and a plain
 * "01310100" only next to "CEP"/"zip"/"código postal". CEPs have no check digit: "00000-000" is
 * rejected, anything else shaped right is accepted.
 * Cannot: tell "12345-678" from an order number written the same way without context (a nearby
 * "pedido"/"protocolo" drops it), or check that the CEP exists.
 */
export const CEP_WORDS: readonly string[] = [
  'cep',
  'c.e.p',
  'zip',
  'código postal',
  'codigo postal',
  'postal',
];

export const cepDetector: Detector = {
  firstLengths: [2, 5, 8],
  type: 'CEP',
  trigger: 'digits',
  atGroup(seq, i, st) {
    if (!seq.isNumeric(i) || !leftOk(seq, i)) return;
    const len = seq.len(i);
    let j = -1;
    let base = 0;
    if (len === 5 && i + 1 < seq.count && seq.joiner[i] === Joiner.Dash && seq.len(i + 1) === 3) {
      j = i + 1;
      base = 0.8;
    } else if (
      len === 2 &&
      i + 2 < seq.count &&
      seq.joiner[i] === Joiner.Dot &&
      seq.len(i + 1) === 3 &&
      seq.joiner[i + 1] === Joiner.Dash &&
      seq.len(i + 2) === 3
    ) {
      j = i + 2;
      base = 0.8;
    } else if (len === 8) {
      j = i;
      base = 0.3;
    }
    if (j < 0 || !rightOk(seq, j)) return;
    if (collectDigits(seq, i, j, 8) !== 8) return;
    let zero = true;
    for (let k = 0; k < 8; k++) if (DIGITS[k] !== 0) zero = false;
    if (zero) return;
    const s = seq.start[i]!;
    const e = seq.end[j]!;
    let conf = base;
    if (st.ctx.near(s, e, CEP_WORDS)) conf = boosted(base + 0.3);
    else if (st.ctx.negative(s, NEGATIVE_WORDS)) conf = penalised(base);
    st.out.add(s, e, 'CEP', conf);
  },
};
