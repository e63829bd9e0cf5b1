import { boletoGroups } from './boleto';
import { isDigit, isInlineSpace, isWordChar, LATIN_END } from './chars';
import { ContextCache } from './context';
import { Candidates, type ScanState } from './detector';
import { hashStep, Label, lookupLabel } from './labels';
import { resolveOverlaps } from './overlap';
import { type DetectorSet, detectorSet, MAX_LEN } from './registry';
import { Joiner, joinerAt, Sequence } from './sequence';
import { leftOk } from './span';
import type { Match, ScanOptions } from './types';
import { findUrls } from './urls';

// One pass over the text cuts it into sequences of groups (see sequence.ts); each finished
// sequence that holds a digit or a label word is handed to the enabled detectors group by group.
// Detectors look at a bounded number of groups from each start, so the scan is linear in the
// text length. Candidates are then filtered (URLs, minConfidence) and overlaps resolved.
//
// The scanner reuses module-level buffers: it is synchronous and not re-entrant, which holds for
// a content script, a worker or the CLI.

const seq = new Sequence();
const ctx = new ContextCache();
const out = new Candidates();
const urls: number[] = [];
const state: ScanState = { text: '', ctx, out };

// Labels that people glue to the number without a separator ("CPF52998224725", "tel11987654321").
const GLUED = [
  'cpf',
  'cnpj',
  'rg',
  'cnh',
  'cns',
  'pis',
  'nit',
  'cep',
  'tel',
  'cel',
  'fone',
  'whats',
  'ssn',
  'iban',
];

/** text[s, p) (ASCII letters) is a glued label, compared lower-cased char by char (no substring). */
function isGluedLabel(text: string, s: number, p: number): boolean {
  for (const w of GLUED) {
    if (w.length !== p - s) continue;
    let k = 0;
    while (k < w.length && (text.charCodeAt(s + k) | 0x20) === w.charCodeAt(k)) k++;
    if (k === w.length) return true;
  }
  return false;
}

/** End of a glued label prefix in group [s, e) (letters then only digits), or 0. */
function gluedLabelEnd(text: string, s: number, e: number): number {
  const c = text.charCodeAt(s) | 0x20;
  if (c < 0x61 || c > 0x7a || !isDigit(text.charCodeAt(e - 1))) return 0;
  let p = s + 1;
  while (p < e && p - s <= 5) {
    const d = text.charCodeAt(p) | 0x20;
    if (d < 0x61 || d > 0x7a) break;
    p++;
  }
  if (p - s < 2 || p === e) return 0;
  for (let q = p; q < e; q++) if (!isDigit(text.charCodeAt(q))) return 0;
  return isGluedLabel(text, s, p) ? p : 0;
}

/** "MG-12.345.678": a state code and a dash before an RG (the one start leftOk refuses that RG allows). */
function ufDash(k: number): boolean {
  return k > 0 && seq.joiner[k - 1] === Joiner.Dash && seq.len(k - 1) === 2 && seq.upper[k - 1] === 2;
}

/**
 * A clock time ("08:12", "14:32:05"): up to three numeric groups of at most 2 digits joined by ':'.
 * Transcripts start every line with one, and no detector can match it: only the first group may
 * start a value (a ':' after digits is a hard joiner), it has too few digits for all but the short
 * detectors, and those need '.', '/' or '-' joiners (IPv4, dates, RG) or more groups (CNPJ).
 */
function isClock(): boolean {
  const n = seq.count;
  if (n > 3 || seq.hasLabel) return false;
  for (let k = 0; k < n; k++) {
    const len = seq.end[k]! - seq.start[k]!;
    if (len > 2 || seq.digits[k] !== len) return false;
    if (k < n - 1 && seq.joiner[k] !== Joiner.Colon) return false;
  }
  return true;
}

/**
 * End of a clock time that is a whole sequence by itself ("[08:12] …"), starting at `p` where a
 * sequence starts, or 0. Such a sequence is exactly what isClock skips once tokenized; transcripts
 * start every line with one, so it is recognised here without tokenizing it.
 */
function clockEnd(text: string, p: number): number {
  const n = text.length;
  let e = p;
  for (let groups = 1; ; groups++) {
    let len = 0;
    while (e < n && len < 3) {
      const c = text.charCodeAt(e);
      if (c < 0x30 || c > 0x39) break;
      e++;
      len++;
    }
    // One or two digits, then the group must end (a letter or a third digit makes another token).
    if (len === 0 || len > 2 || (e < n && GROUP_CLASS[text.charCodeAt(e)] !== 0)) return 0;
    if (e + 1 < n && text.charCodeAt(e) === 0x3a && GROUP_CLASS[text.charCodeAt(e + 1)] !== 0) {
      // "08:12": a ':' glued to the next group joins it; at most three groups, all digits.
      if (groups === 3) return 0;
      e++;
      continue;
    }
    return joinerAt(text, e, n) === 0 ? e : 0;
  }
}

function flush(set: DetectorSet, wantLabels: boolean): void {
  if ((!seq.hasDigits && !seq.hasLabel) || isClock()) return;
  const n = seq.count;
  // Digits in the window of groups a value can span from k (sliding sum over 8 groups): most
  // formats need 8+ digits, so short numbers (times "08:12", quantities) only reach the
  // detectors for short values (RG, bank branch, dates, IPv4).
  const D = seq.digits;
  let win = 0;
  for (let k = 0; k < n && k < 8; k++) win += D[k]!;
  let skipUntil = 0;
  for (let k = 0; k < n; k++) {
    if (D[k]! > 0 && k >= skipUntil) {
      const b = boletoGroups(seq, k);
      if (b > 0) skipUntil = k + b;
    }
    if (k < skipUntil) {
      // Part of a boleto line: no value starts here.
    } else if (D[k]! > 0 && !leftOk(seq, k, true) && !ufDash(k)) {
      // Inside a longer token ("982" in "529.982.247-25"): every detector would refuse to start
      // here (they all apply leftOk), so none is called.
    } else if (D[k]! > 0) {
      const len = seq.end[k]! - seq.start[k]!;
      const list = (win >= 8 ? set.digitsByLen : set.shortByLen)[Math.min(len, MAX_LEN)]!;
      for (const f of list) f(seq, k, state);
      const upper = D[k] === len ? set.upperNumericByLen[Math.min(len, MAX_LEN)]! : set.upper;
      for (const f of upper) f(seq, k, state);
    } else if (seq.lower[k] === 0 && seq.upper[k]! >= 2) {
      // Upper-case letters only: an alphanumeric CNPJ or an IBAN can start here.
      for (const f of set.upper) f(seq, k, state);
    }
    if (wantLabels && seq.label[k] !== Label.None) for (const f of set.label) f(seq, k, state);
    win -= D[k]!;
    if (k + 8 < n) win += D[k + 8]!;
  }
}

/**
 * A lower-case word longer than a name connector ("da", "dos", "van"): names and street names are
 * capitalised, so after the interesting spot such a word means plain prose has resumed.
 */
function proseWord(text: string, s: number, e: number): boolean {
  if (e - s <= 3) return false;
  const c = text.charCodeAt(s);
  return (c >= 0x61 && c <= 0x7a) || (c >= 0xdf && c <= 0xff);
}

// Per char code: 0 outside a group, else 1 digit, 2 ASCII upper-case, 4 other letter: one load per
// character tells the tokenizer where a group ends and what to count.
// Filled where a mark can be (Latin letters end at U+024F; the inline spaces beyond are in the
// General Punctuation block): a fill of the whole BMP ran in the interpreter at every page load,
// in every frame (≈3 ms for these two, measured).
const GROUP_CLASS = new Uint8Array(65536);
for (let c = 0; c < LATIN_END; c++) if (isWordChar(c)) GROUP_CLASS[c] = c <= 0x39 ? 1 : c <= 0x5a ? 2 : 4;

/** Word or joiner characters (see sequence.ts): the walk back to the start of a sequence crosses them. */
const IN_SEQUENCE = new Uint8Array(65536);
const SEQUENCE_BLOCKS: ReadonlyArray<readonly [number, number]> = [
  [0, LATIN_END],
  [0x2000, 0x2070],
];
for (const [from, to] of SEQUENCE_BLOCKS)
  for (let c = from; c < to; c++)
    if (
      isWordChar(c) ||
      isInlineSpace(c) ||
      c === 0x2e ||
      c === 0x2d ||
      c === 0x2f ||
      c === 0x3a ||
      c === 0x2c ||
      c === 0x28 ||
      c === 0x29
    )
      IN_SEQUENCE[c] = 1;

/**
 * Tokenizes from `from` (a group start or any position before one) and flushes each finished
 * sequence; returns at the first sequence end at or after `until`.
 */
function tokenize(text: string, from: number, until: number, set: DetectorSet, wantLabels: boolean): number {
  const n = text.length;
  let i = from;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (!isWordChar(c)) {
      if (i >= until) return i;
      i++;
      continue;
    }
    const gs = i;
    // Find the group's end and count it in the same loop (Sequence.push would read it again).
    let d = 0;
    let u = 0;
    let h = 0;
    let w = c;
    let cls = GROUP_CLASS[c]!;
    for (;;) {
      d += cls & 1;
      u += (cls >> 1) & 1;
      h = hashStep(h, w);
      if (++i >= n) break;
      w = text.charCodeAt(i);
      cls = GROUP_CLASS[w]!;
      if (cls === 0) break;
    }
    let k: number;
    // Only a group that starts a token ("… CPF529…"), not a part of a dotted code ("BW.FHF.C6N/RG83-88").
    const prev = seq.count > 0 ? seq.joiner[seq.count - 1] : Joiner.Space;
    // A glued label starts with a letter and ends with a digit: the group holds both kinds.
    const split =
      (prev === Joiner.Space || prev === Joiner.ColonSpace) && d > 0 && d < i - gs
        ? gluedLabelEnd(text, gs, i)
        : 0;
    if (split > 0) {
      // "CPF52998224725": read as the label, a ':' joiner, then the number.
      seq.joiner[seq.push(gs, split)] = Joiner.Colon;
      k = seq.push(split, i);
    } else k = seq.pushCounted(gs, i, d, u, h);
    if (wantLabels && seq.digits[k] === 0) {
      const label = lookupLabel(text, gs, i, seq.lastHash);
      if (label !== Label.None) {
        seq.label[k] = label;
        seq.hasLabel = true;
      }
    }
    const j = joinerAt(text, i, n);
    if (j !== 0) {
      // Well past the interesting spot, a plain word followed by a space is a safe place to stop:
      // prose joined by spaces goes back to the fast skip loop (values after it are found again
      // from their own digits, with the same look-back).
      if (
        (j & 15) === Joiner.Space &&
        i > until &&
        seq.digits[k] === 0 &&
        seq.label[k] === Label.None &&
        (i > until + CARRY || proseWord(text, gs, i))
      ) {
        if (seq.hasDigits || seq.hasLabel) flush(set, wantLabels);
        seq.reset(text);
        return i;
      }
      seq.joiner[k] = j & 15;
      i += j >> 4;
      continue;
    }
    if (seq.hasDigits || seq.hasLabel) flush(set, wantLabels);
    seq.reset(text);
    if (i >= until) return i;
  }
  if (seq.count > 0) {
    if (seq.hasDigits || seq.hasLabel) flush(set, wantLabels);
    seq.reset(text);
  }
  return n;
}

// Characters that every value (or label) needs: a digit, '@' or ':' (labels, IPv6), and name
// intros without a colon ("meu nome é Ana", "my name is John", "me chamo Ana"). Prose between them
// is skipped by one regex search: V8 compiles a character-class search to native code that runs
// about 5x faster than a charCodeAt loop, so prose costs close to one native pass over its chars.
// The tokenizer only runs around these spots. (The letters are spelled out instead of the `i`
// flag, which made the search about 2x slower.)
const SPOTS = /[0-9@:]/g;
const SPOTS_OR_INTROS = /[0-9@:]|[nN](?:[oO]|[aA])[mM][eE]|[cC][hH][aA][mM][oO]/g;
// How far back from an interesting character a sequence (label + value) may start.
const LOOKBACK = 64;
// How far past an interesting character a space-joined sequence is followed at most (names after
// labels, "742 Evergreen Terrace"); it stops earlier at the first plain lower-case word.
const CARRY = 64;

/** Start of the next interesting spot at or after `from`, or -1. */
function nextSpot(text: string, from: number, intros: boolean): number {
  const re = intros ? SPOTS_OR_INTROS : SPOTS;
  re.lastIndex = from;
  if (!re.test(text)) return -1;
  const end = re.lastIndex;
  // A one-character spot, or the intro word ending here ("nome"/"name": 4, "chamo": 5).
  const c = text.charCodeAt(end - 1) | 0x20;
  return c === 0x65 ? end - 4 : c === 0x6f ? end - 5 : end - 1;
}

/**
 * Finds sensitive values in `text`. Returns non-overlapping matches sorted by start, with UTF-16
 * offsets into `text`. Never throws on any string input.
 */
export function scan(text: string, options?: ScanOptions): Match[] {
  const set = detectorSet(options?.types);
  const wantLabels = set.label.length > 0;
  seq.reset(text);
  ctx.reset(text);
  out.reset();
  state.text = text;
  let i = 0;
  for (;;) {
    const q = nextSpot(text, i, wantLabels);
    if (q < 0) break;
    // Go back over words and joiners to where this sequence (or its label) starts; never before
    // what is already tokenized, so each character is tokenized at most once.
    const min = Math.max(i, q - LOOKBACK);
    let s = q;
    while (s > min && IN_SEQUENCE[text.charCodeAt(s - 1)] === 1) s--;
    while (
      s < q &&
      (!isWordChar(text.charCodeAt(s)) || (s > 0 && s > i && isWordChar(text.charCodeAt(s - 1))))
    )
      s++;
    if (s === q) {
      const e = clockEnd(text, q);
      if (e > 0) {
        i = e;
        continue;
      }
    }
    i = tokenize(text, s, q + 1, set, wantLabels);
  }
  for (const d of set.text) d.scanText!(text, state);
  if (out.count === 0) return [];

  findUrls(text, urls);
  minConfidence = options?.minConfidence;
  return resolveOverlaps(out, keep);
}

let minConfidence: ScanOptions['minConfidence'];

/** Candidate k survives the filters: its type's minimum confidence, and not inside a URL. */
function keep(k: number): boolean {
  const min = minConfidence;
  if (min) {
    const m = min[out.type[k]!];
    if (m !== undefined && out.confidence[k]! < m) return false;
  }
  return urls.length === 0 || !insideUrl(out.start[k]!, out.end[k]!);
}

/** Does [s, e) overlap a URL span? Binary search over the sorted pairs in `urls`. */
function insideUrl(s: number, e: number): boolean {
  let lo = 0;
  let hi = urls.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (urls[mid * 2 + 1]! <= s) lo = mid + 1;
    else if (urls[mid * 2]! >= e) hi = mid - 1;
    else return true;
  }
  return false;
}

/**
 * Cheap pre-filter for callers that see many small strings (DOM text nodes): false means `scan`
 * would certainly return nothing. It looks for a digit, an '@' or a label word's colon.
 */
export function mayContainSensitive(text: string): boolean {
  SPOTS_OR_INTROS.lastIndex = 0;
  return SPOTS_OR_INTROS.test(text);
}
