import { isUpper } from './chars';
import type { Detector } from './detector';
import { Label } from './labels';
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

function lower(seq: Sequence, k: number): string {
  return seq.text.slice(seq.start[k]!, seq.end[k]!).toLowerCase();
}

function startsUpper(seq: Sequence, k: number): boolean {
  const c = seq.text.charCodeAt(seq.start[k]!);
  return isUpper(c) || (c >= 0xc0 && c <= 0xde && c !== 0xd7);
}

function isNameWord(seq: Sequence, k: number): boolean {
  return seq.digits[k] === 0 && seq.len(k) >= 2 && startsUpper(seq, k) && !STOP.has(lower(seq, k));
}

/** Index of the first group of the value after label group k, or -1. */
function valueStart(seq: Sequence, k: number, label: Label): number {
  const n = seq.count;
  if (label === Label.NameIntro) {
    // "me chamo Ana": previous word "me".
    if (k === 0 || lower(seq, k - 1) !== 'me' || seq.joiner[k] !== Joiner.Space) return -1;
    return k + 1 < n ? k + 1 : -1;
  }
  // "meu nome é Ana", "my name is John".
  if (seq.joiner[k] === Joiner.Space && k + 2 < n) {
    const w = lower(seq, k + 1);
    if ((w === 'é' || w === 'is') && seq.joiner[k + 1] === Joiner.Space) return k + 2;
  }
  // Label, up to three qualifier words, then ':' (or ': ').
  let q = k;
  for (let extra = 0; extra <= 3 && q < n - 1; extra++) {
    const j = seq.joiner[q];
    if (j === Joiner.ColonSpace || j === Joiner.Colon) return q + 1;
    if (j !== Joiner.Space || !QUALIFIERS.has(lower(seq, q + 1))) break;
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
    if (v < 0 || !isNameWord(seq, v) || NOT_FIRST.has(lower(seq, v))) return;
    let last = v;
    let words = 1;
    for (let q = v + 1; q < seq.count && words < 8; q++) {
      const j = seq.joiner[q - 1];
      if (j !== Joiner.Space && j !== Joiner.Dash) break;
      if (isNameWord(seq, q)) {
        last = q;
        words++;
      } else if (seq.digits[q] === 0 && CONNECTORS.has(lower(seq, q))) {
        words++;
      } else break;
    }
    if (last === v && label === Label.Name && ROLE_LABELS.has(lower(seq, k))) return;
    st.out.add(seq.start[v]!, seq.end[last]!, 'NAME', 0.85);
  },
};
