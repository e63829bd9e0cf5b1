import type { Detector } from './detector';
import { Joiner, type Sequence } from './sequence';
import { leftOk, rightOk } from './span';

/**
 * Bank branch and account numbers (agência / conta), which have no universal check digit, so the
 * number must follow a bank word closely: "Agência 1234-5", "ag: 0001", "conta corrente 12345-6",
 * "c/c 98765-0", "account 123456789", "Ag 1234 CC 12345-X". The branch and the account are
 * reported as two matches.
 * Cannot: find an account number without such a word right before it, or validate bank-specific
 * check digits.
 */
export const BANK_WORDS: readonly string[] = [
  'agência',
  'agencia',
  'ag',
  'ag.',
  'conta',
  'conta corrente',
  'conta poupança',
  'c/c',
  'cc',
  'c.c',
  'poupança',
  'poupanca',
  'account',
  'acct',
  'routing',
  'branch',
  'sort code',
];

function isDvGroup(seq: Sequence, k: number): boolean {
  if (seq.len(k) !== 1 && seq.len(k) !== 2) return false;
  const t = seq.text;
  for (let p = seq.start[k]!; p < seq.end[k]!; p++) {
    const c = t.charCodeAt(p) | 0x20;
    if (!((c >= 0x30 && c <= 0x39) || c === 0x78)) return false;
  }
  return true;
}

export const bankAccountDetector: Detector = {
  firstLengths: [4, 5, 6, 7, 8, 9, 10, 11, 12, 13],
  short: true,
  type: 'BANK_ACCOUNT',
  trigger: 'digits',
  atGroup(seq, i, st) {
    const len = seq.len(i);
    if (len < 4 || len > 13 || !seq.isNumeric(i) || !leftOk(seq, i)) return;
    let j = i;
    if (i + 1 < seq.count && seq.joiner[i] === Joiner.Dash && isDvGroup(seq, i + 1)) j = i + 1;
    if (!rightOk(seq, j)) return;
    const s = seq.start[i]!;
    // "c/c" is written with a slash, so it is looked up in the raw text (bounded window).
    let slashLabel = false;
    const t = seq.text;
    for (let p = Math.max(1, s - 20); p < s - 1; p++) {
      if (
        t.charCodeAt(p) === 0x2f &&
        (t.charCodeAt(p - 1) | 0x20) === 0x63 &&
        (t.charCodeAt(p + 1) | 0x20) === 0x63
      ) {
        slashLabel = true;
        break;
      }
    }
    if (!slashLabel && !st.ctx.nearBefore(s, BANK_WORDS, 20)) return;
    st.out.add(s, seq.end[j]!, 'BANK_ACCOUNT', 0.85);
  },
};
