import { boosted, type Detector } from './detector';
import { Joiner, type Sequence } from './sequence';
import { leftOk, rightOk } from './span';

/**
 * Date of birth: a calendar date ("01/02/1990", "1-2-90", "01.02.1990", "1990-02-01") next to a
 * birth word ("nascimento", "nasc.", "DN", "data de nascimento", "DOB", "born", "birth").
 * The date must exist (day valid for its month, leap years) and the year be 1900..2030.
 * Cannot: read dates written with month names ("12 de março de 1985"), or tell that a date without
 * such a word is a birth date (appointments and due dates are left alone on purpose).
 */
export const DOB_WORDS: readonly string[] = [
  'nascimento',
  'nasc',
  'nasc.',
  'dn',
  'd.n',
  'd.n.',
  'data de nascimento',
  'dt nasc',
  'nascido',
  'nascida',
  'nasceu',
  'aniversário',
  'aniversario',
  'dob',
  'd.o.b',
  'born',
  'birth',
  'birthday',
  'date of birth',
  'birthdate',
];

function num(seq: Sequence, k: number): number {
  const t = seq.text;
  let v = 0;
  for (let p = seq.start[k]!; p < seq.end[k]!; p++) v = v * 10 + t.charCodeAt(p) - 48;
  return v;
}

const DAYS = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDate(d: number, m: number, y: number): boolean {
  if (y < 1900 || y > 2030 || m < 1 || m > 12 || d < 1 || d > DAYS[m]!) return false;
  if (m === 2 && d === 29) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return true;
}

function sepOk(j: number): boolean {
  return j === Joiner.Slash || j === Joiner.Dash || j === Joiner.Dot;
}

export const dateOfBirthDetector: Detector = {
  firstLengths: [1, 2, 4],
  short: true,
  type: 'DATE_OF_BIRTH',
  trigger: 'digits',
  atGroup(seq, i, st) {
    if (i + 2 >= seq.count || !seq.isNumeric(i) || !leftOk(seq, i)) return;
    const a = seq.joiner[i]!;
    if (!sepOk(a) || seq.joiner[i + 1] !== a || !seq.isNumeric(i + 1) || !seq.isNumeric(i + 2)) return;
    const l0 = seq.len(i);
    const l1 = seq.len(i + 1);
    const l2 = seq.len(i + 2);
    let ok = false;
    if (l0 === 4 && l1 <= 2 && l2 <= 2) {
      ok = validDate(num(seq, i + 2), num(seq, i + 1), num(seq, i));
    } else if (l0 <= 2 && l1 <= 2 && (l2 === 4 || l2 === 2)) {
      let y = num(seq, i + 2);
      if (l2 === 2) y += y > 30 ? 1900 : 2000;
      // Brazilian day/month first; US month/day first when the day would be invalid.
      ok = validDate(num(seq, i), num(seq, i + 1), y) || validDate(num(seq, i + 1), num(seq, i), y);
    }
    if (!ok || !rightOk(seq, i + 2)) return;
    const s = seq.start[i]!;
    const e = seq.end[i + 2]!;
    if (!st.ctx.near(s, e, DOB_WORDS)) return;
    st.out.add(s, e, 'DATE_OF_BIRTH', boosted(0.7));
  },
};
