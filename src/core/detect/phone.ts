import { Ch, isDigit, lowerAscii } from './chars';
import { NEGATIVE_WORDS } from './context';
import { boosted, type Detector, penalised } from './detector';
import { Joiner, type Sequence } from './sequence';
import { DIGITS, leftOk, rightOk, spacedNeighboursOk } from './span';

/**
 * Phone numbers.
 * Brazil: DDD (area code, checked against the list Anatel assigns) + 9-digit mobile starting with 9
 * or 8-digit landline starting with 2–5; optional "+55", "55", trunk "0", carrier code ("0 21 11 …",
 * "0xx11"), parentheses and any mix of spaces, dots and dashes: "+55 (11) 98765-4321",
 * "(11) 3456-7890", "011 98765 4321", "11987654321". Without area code ("98765-4321") only a
 * formatted mobile, or any formatted number next to a phone word ("tel", "celular", "whatsapp").
 * International: E.164 with '+' and a known country code, 8–15 digits; NANP numbers checked.
 * Cannot: validate subscriber ranges of other countries, or find numbers written in words; plain
 * 10-digit landlines (which look like any 10-digit id) need a phone word nearby.
 */
export const PHONE_WORDS: readonly string[] = [
  'tel',
  'tel.',
  'telefone',
  'fone',
  'cel',
  'cel.',
  'celular',
  'whatsapp',
  'whats',
  'wpp',
  'zap',
  'phone',
  'mobile',
  'cell',
  'call',
  'ligar',
  'ligue',
  'contato',
  'contact',
  'fixo',
  'ramal',
  'sms',
];

// Brazilian area codes (DDD) in use.
const DDD = new Uint8Array(100);
for (const d of [
  11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 28, 31, 32, 33, 34, 35, 37, 38, 41, 42, 43, 44, 45, 46,
  47, 48, 49, 51, 53, 54, 55, 61, 62, 63, 64, 65, 66, 67, 68, 69, 71, 73, 74, 75, 77, 79, 81, 82, 83, 84, 85,
  86, 87, 88, 89, 91, 92, 93, 94, 95, 96, 97, 98, 99,
])
  DDD[d] = 1;

export function isDdd(n: number): boolean {
  return DDD[n] === 1;
}

/** Kind of Brazilian number in DIGITS[off..n): 0 none, 1 mobile, 2 landline (area code included). */
function brWithDdd(off: number, n: number): number {
  const rest = n - off;
  if (rest !== 10 && rest !== 11) return 0;
  if (!isDdd(DIGITS[off]! * 10 + DIGITS[off + 1]!)) return 0;
  const first = DIGITS[off + 2]!;
  if (rest === 11) return first === 9 ? 1 : 0;
  return first >= 2 && first <= 5 ? 2 : 0;
}

// Country calling codes (ITU E.164), enough to reject random '+' numbers.
const CC1 = new Set([1, 7]);
const CC2 = new Set([
  20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54, 55, 56, 57, 58, 60,
  61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98,
]);
const CC3_PREFIX = new Set([
  21, 22, 23, 24, 25, 26, 29, 35, 37, 38, 42, 50, 59, 67, 68, 69, 85, 87, 88, 96, 97, 99,
]);

function internationalOk(n: number): boolean {
  if (n < 8 || n > 15) return false;
  const d0 = DIGITS[0]!;
  if (d0 === 0) return false;
  if (d0 === 1) {
    // NANP: +1 NXX NXX XXXX
    return n === 11 && DIGITS[1]! >= 2 && DIGITS[4]! >= 2;
  }
  if (CC1.has(d0)) return n >= 10;
  const p2 = d0 * 10 + DIGITS[1]!;
  return CC2.has(p2) || CC3_PREFIX.has(p2);
}

/** Is group k "0xx11"-style (trunk + carrier placeholder + DDD)? Returns the DDD or -1. */
function xxDdd(seq: Sequence, k: number): number {
  if (seq.len(k) !== 5) return -1;
  const t = seq.text;
  const s = seq.start[k]!;
  if (
    t.charCodeAt(s) !== 0x30 ||
    lowerAscii(t.charCodeAt(s + 1)) !== 0x78 ||
    lowerAscii(t.charCodeAt(s + 2)) !== 0x78
  )
    return -1;
  const a = t.charCodeAt(s + 3);
  const b = t.charCodeAt(s + 4);
  return isDigit(a) && isDigit(b) ? (a - 48) * 10 + (b - 48) : -1;
}

function joinOk(j: number): boolean {
  return j === Joiner.Space || j === Joiner.Dash || j === Joiner.Dot || j === Joiner.Paren;
}

/** Confidence for DIGITS[0..n) read as a phone number, or 0. */
function rate(
  n: number,
  plus: boolean,
  groups: number,
  firstLen: number,
  lastLen: number,
  xx: boolean,
): number {
  const formatted = groups > 1;
  if (plus) {
    if (DIGITS[0] === 5 && DIGITS[1] === 5 && brWithDdd(2, n)) return 0.93;
    if (DIGITS[0] === 5 && DIGITS[1] === 5) return 0;
    return internationalOk(n) ? (formatted ? 0.88 : 0.8) : 0;
  }
  if (xx) return brWithDdd(1, n) ? 0.9 : 0;
  if (formatted && lastLen !== 4 && lastLen !== 8 && lastLen !== 9) return 0;
  // Formatted Brazilian numbers put the area code (with its "0"/"55" prefix) in its own group,
  // or are just "9XXXX-XXXX" / "XXXX-XXXX"; "152176 7381" is not a phone layout.
  if (formatted && firstLen > 3 && !(groups === 2 && (firstLen === 4 || firstLen === 5))) return 0;
  const kind = brWithDdd(0, n);
  if (kind) return formatted ? 0.9 : kind === 1 ? 0.62 : 0.45;
  if (DIGITS[0] === 0) {
    if (brWithDdd(1, n)) return formatted ? 0.88 : 0.55;
    if (n >= 13 && brWithDdd(3, n)) return formatted ? 0.88 : 0.5;
  }
  if (DIGITS[0] === 5 && DIGITS[1] === 5 && brWithDdd(2, n)) return formatted ? 0.85 : 0.5;
  // No area code: only "9XXXX-XXXX" / "XXXX-XXXX" written as two groups.
  if (groups === 2 && lastLen === 4) {
    if (n === 9 && DIGITS[0] === 9) return 0.6;
    if (n === 8 && DIGITS[0]! >= 2 && DIGITS[0]! <= 5) return 0.45;
  }
  return 0;
}

export const phoneDetector: Detector = {
  firstLengths: [1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13],
  type: 'PHONE',
  trigger: 'digits',
  atGroup(seq, i, st) {
    const text = seq.text;
    const plus = i === 0 && seq.start[0]! > 0 && text.charCodeAt(seq.start[0]! - 1) === Ch.Plus;
    if (!leftOk(seq, i, true)) return;
    const xxd = xxDdd(seq, i);
    if (xxd < 0 && !seq.isNumeric(i)) return;
    let n = 0;
    let best = 0;
    let bestJ = -1;
    for (let j = i; j < seq.count && j < i + 7; j++) {
      if (j > i && (!joinOk(seq.joiner[j - 1]!) || !seq.isNumeric(j))) break;
      if (j === i && xxd >= 0) {
        DIGITS[n++] = 0;
        DIGITS[n++] = (xxd / 10) | 0;
        DIGITS[n++] = xxd % 10;
      } else {
        const e = seq.end[j]!;
        if (e - seq.start[j]! + n > 15) break;
        for (let p = seq.start[j]!; p < e; p++) DIGITS[n++] = text.charCodeAt(p) - 48;
      }
      if (n < 8 || !rightOk(seq, j)) continue;
      const c = rate(n, plus, j - i + 1, seq.len(i), seq.len(j), xxd >= 0);
      if (c > 0) {
        best = c;
        bestJ = j;
      }
    }
    if (bestJ < 0) return;
    if (bestJ > i && seq.joiner[i] === Joiner.Space && !spacedNeighboursOk(seq, i, bestJ)) return;
    let s = seq.start[i]!;
    const e = seq.end[bestJ]!;
    // Keep the '+' or the opening parenthesis inside the masked span.
    if (s > 0) {
      const c = text.charCodeAt(s - 1);
      if (c === Ch.Plus || c === Ch.OpenParen) s--;
    }
    let conf = best;
    if (st.ctx.near(s, e, PHONE_WORDS)) conf = boosted(best);
    else if (best < 0.9 && st.ctx.negative(s, NEGATIVE_WORDS)) conf = penalised(best);
    st.out.add(s, e, 'PHONE', conf);
  },
};
