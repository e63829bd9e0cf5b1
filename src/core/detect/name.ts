import { isUpper } from './chars';
import type { Detector } from './detector';
import { hashStep, Label } from './labels';
import { Joiner, type Sequence } from './sequence';

/**
 * Person names, ONLY where a label gives them away: "Nome: Maria da Silva", "Nome completo: …",
 * "Cliente: JOÃO PEREIRA", "Titular - Ana", "Customer name: John Smith", "meu nome é Ana Souza",
 * "me chamo Ana", "my name is John Smith". The name is the run of capitalised (or all-caps) words
 * after the label, with the connectors da/de/do/dos/das/e/van/von.
 * Cannot: find a name anywhere else ("falei com a Maria ontem"), names written in lower case, or
 * decide whether a capitalised word after the label is a name rather than, say, a company.
 */

const CONNECTORS = new Set([
  'da',
  'de',
  'do',
  'das',
  'dos',
  'e',
  'di',
  'du',
  'del',
  'van',
  'von',
  'der',
  'la',
  'le',
  'y',
]);
// Qualifiers allowed between a label word and its colon: "Nome completo:", "Nome do cliente:".
const QUALIFIERS = new Set([
  'completo',
  'do',
  'da',
  'de',
  'cliente',
  'titular',
  'social',
  'paciente',
  'full',
  'customer',
]);
// Upper-case words that are other labels, never part of a name.
const STOP = new Set([
  'cpf',
  'cnpj',
  'rg',
  'cnh',
  'cep',
  'tel',
  'cel',
  'pis',
  'cns',
  'ssn',
  'dob',
  'id',
  'dn',
  'email',
]);

// Speaker labels in chat transcripts ("Cliente: Bom dia") are also person labels in CRMs
// ("Cliente: Ana Souza"); after them a name needs two words and must not open with a greeting.
const ROLE_LABELS = new Set([
  'cliente',
  'titular',
  'paciente',
  'customer',
  'favorecido',
  'beneficiário',
  'beneficiario',
]);
const NOT_FIRST = new Set([
  'bom',
  'boa',
  'olá',
  'ola',
  'oi',
  'obrigado',
  'obrigada',
  'tudo',
  'sim',
  'não',
  'nao',
  'ok',
  'por',
  'pode',
  'preciso',
  'estou',
  'quero',
  'gostaria',
  'meu',
  'minha',
  'hello',
  'hi',
  'hey',
  'thanks',
  'thank',
  'good',
  'yes',
  'no',
  'please',
  'my',
  'the',
  'can',
  'could',
  'would',
  'is',
  'what',
  'como',
  'qual',
  'quando',
  'onde',
  'já',
  'ainda',
  'certo',
  'perfeito',
]);

/**
 * A set of word hashes in an open-addressing table (every word after a name label is looked up in
 * several of these; a Set lookup per word cost more than the rest of the name check).
 */
class HashSet {
  private readonly keys: Int32Array;
  private readonly used: Uint8Array;
  private readonly mask: number;

  constructor(hashes: readonly number[]) {
    let size = 16;
    while (size < hashes.length * 4) size *= 2;
    this.keys = new Int32Array(size);
    this.used = new Uint8Array(size);
    this.mask = size - 1;
    for (const h of hashes) {
      let slot = h & this.mask;
      while (this.used[slot] === 1 && this.keys[slot] !== h) slot = (slot + 1) & this.mask;
      this.used[slot] = 1;
      this.keys[slot] = h;
    }
  }

  has(h: number): boolean {
    let slot = h & this.mask;
    while (this.used[slot] === 1) {
      if (this.keys[slot] === h) return true;
      slot = (slot + 1) & this.mask;
    }
    return false;
  }
}

function hashSet(words: Iterable<string>): HashSet {
  const out: number[] = [];
  for (const w of words) {
    let h = 0;
    for (let k = 0; k < w.length; k++) h = hashStep(h, w.charCodeAt(k));
    out.push(h);
  }
  return new HashSet(out);
}

// Word sets compared by the group's lower-case hash (no substring per word).
const H_CONNECTORS = hashSet(CONNECTORS);
const H_QUALIFIERS = hashSet(QUALIFIERS);
const H_STOP = hashSet(STOP);
const H_ROLE = hashSet(ROLE_LABELS);
const H_NOT_FIRST = hashSet(NOT_FIRST);
const H_ME = hashSet(['me']);
const H_IS = hashSet(['é', 'is']);

function startsUpper(seq: Sequence, k: number): boolean {
  const c = seq.text.charCodeAt(seq.start[k]!);
  return isUpper(c) || (c >= 0xc0 && c <= 0xde && c !== 0xd7);
}

function isNameWord(seq: Sequence, k: number): boolean {
  return seq.digits[k] === 0 && seq.len(k) >= 2 && startsUpper(seq, k) && !H_STOP.has(seq.hash[k]!);
}

/** Index of the first group of the value after label group k, or -1. */
function valueStart(seq: Sequence, k: number, label: Label): number {
  const n = seq.count;
  if (label === Label.NameIntro) {
    // "me chamo Ana": previous word "me".
    if (k === 0 || !H_ME.has(seq.hash[k - 1]!) || seq.joiner[k] !== Joiner.Space) return -1;
    return k + 1 < n ? k + 1 : -1;
  }
  // "meu nome é Ana", "my name is John".
  if (seq.joiner[k] === Joiner.Space && k + 2 < n) {
    if (H_IS.has(seq.hash[k + 1]!) && seq.joiner[k + 1] === Joiner.Space) return k + 2;
  }
  // Label, up to three qualifier words, then ':' (or ': ').
  let q = k;
  for (let extra = 0; extra <= 3 && q < n - 1; extra++) {
    const j = seq.joiner[q];
    if (j === Joiner.ColonSpace || j === Joiner.Colon) return q + 1;
    if (j !== Joiner.Space || !H_QUALIFIERS.has(seq.hash[q + 1]!)) break;
    q++;
  }
  // "Nome:" at the end of a sequence ("Nome:\u00a0\u00a0Ana") is handled by the colon joiner; a
  // colon followed by a line break is not a label for the next line.
  return -1;
}

export const nameDetector: Detector = {
  type: 'NAME',
  trigger: 'label',
  atGroup(seq, k, st) {
    const label = seq.label[k] as Label;
    if (label !== Label.Name && label !== Label.NameIntro) return;
    const v = valueStart(seq, k, label);
    if (v < 0 || !isNameWord(seq, v) || H_NOT_FIRST.has(seq.hash[v]!)) return;
    let last = v;
    let words = 1;
    for (let q = v + 1; q < seq.count && words < 8; q++) {
      const j = seq.joiner[q - 1];
      if (j !== Joiner.Space && j !== Joiner.Dash) break;
      if (isNameWord(seq, q)) {
        last = q;
        words++;
      } else if (seq.digits[q] === 0 && H_CONNECTORS.has(seq.hash[q]!)) {
        words++;
      } else break;
    }
    if (last === v && label === Label.Name && H_ROLE.has(seq.hash[k]!)) return;
    st.out.add(seq.start[v]!, seq.end[last]!, 'NAME', 0.85);
  },
};
