import { isDigit, isInlineSpace, isLatinLetter, isUpper } from './chars';
import type { Detector } from './detector';
import { Label } from './labels';
import { Joiner, type Sequence } from './sequence';

/**
 * Postal addresses, ONLY where a label or a street word gives them away:
 * "Endereço: Rua das Flores, 123, apto 4 - Centro, São Paulo/SP" (the labelled line, up to a line
 * break, '|', ';' or the next field word such as CEP/CPF/Tel), "Rua das Flores, 123",
 * "Av. Paulista, nº 1000", "Travessa 7 de Setembro 45", and English "742 Evergreen Terrace",
 * "1600 Pennsylvania Avenue".
 * Cannot: find an address without a label or street word plus house number, tell where an
 * unlabelled address ends after the number, or validate that it exists.
 */

const MAX = 160;
const CONNECTORS = ['das', 'dos', 'da', 'do', 'de'];
// Words that start the next field of a record: the labelled address stops before them.
const STOP_WORDS = [
  'cep',
  'cpf',
  'cnpj',
  'tel',
  'telefone',
  'fone',
  'celular',
  'cel',
  'email',
  'e-mail',
  'rg',
  'zip',
  'phone',
  'nome',
  'name',
  'whatsapp',
  'nascimento',
  'dn',
];
/** Stop words by length, so a word is compared only with the few of its own length. */
const STOP_BY_LEN: string[][] = [];
for (const w of STOP_WORDS) {
  const list = STOP_BY_LEN[w.length] ?? [];
  list.push(w);
  STOP_BY_LEN[w.length] = list;
}

/** text[q, w) is a stop word, compared lower-cased char by char (no substring per word). */
function isStopWord(text: string, q: number, w: number): boolean {
  const list = STOP_BY_LEN[w - q];
  if (!list) return false;
  for (const word of list) {
    let k = 0;
    while (k < word.length && lowerChar(text.charCodeAt(q + k)) === word.charCodeAt(k)) k++;
    if (k === word.length) return true;
  }
  return false;
}

/** ASCII lower case; other chars as they are (a stop word is ASCII, so they never match it). */
function lowerChar(c: number): number {
  return c >= 0x41 && c <= 0x5a ? c | 0x20 : c;
}

function isLetter(c: number): boolean {
  return ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || isLatinLetter(c);
}

/** End of a labelled address value starting at p. */
function labelledEnd(text: string, p: number): number {
  const n = Math.min(text.length, p + MAX);
  let q = p;
  let end = p;
  while (q < n) {
    const c = text.charCodeAt(q);
    if (c === 0x0a || c === 0x0d || c === 0x7c || c === 0x3b || c === 0x09) break;
    if (isLetter(c) && (q === p || !isLetter(text.charCodeAt(q - 1)))) {
      let w = q;
      while (w < n && (isLetter(text.charCodeAt(w)) || text.charCodeAt(w) === 0x2d)) w++;
      if (isStopWord(text, q, w)) break;
      end = w;
      q = w;
      continue;
    }
    if (isDigit(c)) end = q + 1;
    else if (c !== 0x20 && c !== 0x2c && c !== 0x2d && c !== 0x2e && !isInlineSpace(c) && c !== 0x3a)
      end = q + 1;
    q++;
  }
  return end;
}

/** After a Portuguese street word ending at p: "[.] Name Words[,] [nº] 123" → end, or -1. */
function streetPtEnd(text: string, p: number): number {
  const n = Math.min(text.length, p + 80);
  let q = p;
  if (q < n && text.charCodeAt(q) === 0x2e) q++;
  if (q >= n || !isInlineSpace(text.charCodeAt(q))) return -1;
  q++;
  // "Rua das Flores": a connector may come before the capitalised name.
  for (const con of CONNECTORS) {
    if (text.startsWith(con, q) && q + con.length < n && isInlineSpace(text.charCodeAt(q + con.length))) {
      q += con.length + 1;
      break;
    }
  }
  const c0 = text.charCodeAt(q);
  if (!(isUpper(c0) || isDigit(c0) || (c0 >= 0xc0 && c0 <= 0xde))) return -1;
  let letters = false;
  // Street name: words, spaces, digits inside the name ("7 de Setembro"), dots in abbreviations.
  while (q < n) {
    const c = text.charCodeAt(q);
    if (c === 0x2c) break;
    if (isLetter(c)) letters = true;
    else if (isDigit(c)) {
      // A number right after a space, once the name has letters, is the house number.
      if (letters && isInlineSpace(text.charCodeAt(q - 1))) break;
    } else if (!(isInlineSpace(c) || c === 0x2e || c === 0x27)) return -1;
    q++;
  }
  if (!letters || q >= n) return -1;
  if (text.charCodeAt(q) === 0x2c) q++;
  while (q < n && isInlineSpace(text.charCodeAt(q))) q++;
  // Optional "nº", "n°", "n.", "no", "número".
  const c = text.charCodeAt(q) | 0x20;
  if (c === 0x6e) {
    let r = q + 1;
    while (r < n && !isInlineSpace(text.charCodeAt(r)) && !isDigit(text.charCodeAt(r)) && r - q < 7) r++;
    while (r < n && isInlineSpace(text.charCodeAt(r))) r++;
    q = r;
  }
  const ds = q;
  while (q < n && isDigit(text.charCodeAt(q))) q++;
  if (q === ds || q - ds > 5) return -1;
  if (
    q < text.length &&
    isLetter(text.charCodeAt(q)) &&
    !(q + 1 < text.length && isLetter(text.charCodeAt(q + 1)))
  )
    q++;
  return q;
}

function startsUpper(seq: Sequence, k: number): boolean {
  const c = seq.text.charCodeAt(seq.start[k]!);
  return isUpper(c) || (c >= 0xc0 && c <= 0xde && c !== 0xd7);
}

export const addressDetector: Detector = {
  short: true,
  type: 'ADDRESS',
  trigger: 'label',
  atGroup(seq, k, st) {
    const label = seq.label[k] as Label;
    const text = seq.text;
    if (label === Label.Address) {
      // "Endereço:", "Endereço residencial:", "Address line 1:".
      let q = k;
      for (let extra = 0; extra < 3 && q < seq.count - 1; extra++) {
        const j = seq.joiner[q];
        if (j === Joiner.ColonSpace || j === Joiner.Colon) {
          const s = seq.start[q + 1]!;
          const e = labelledEnd(text, s);
          if (e > s + 3) st.out.add(s, e, 'ADDRESS', 0.85);
          return;
        }
        if (j !== Joiner.Space || seq.len(q + 1) > 12) return;
        q++;
      }
      return;
    }
    if (label === Label.StreetPt) {
      if (!startsUpper(seq, k)) return;
      const e = streetPtEnd(text, seq.end[k]!);
      if (e > 0) st.out.add(seq.start[k]!, e, 'ADDRESS', 0.8);
      return;
    }
    if (label === Label.StreetEn) {
      if (!startsUpper(seq, k)) return;
      // "742 Evergreen Terrace": 1-3 capitalised words, before them a house number.
      let q = k - 1;
      let words = 0;
      while (
        q >= 0 &&
        words < 3 &&
        seq.joiner[q] === Joiner.Space &&
        seq.digits[q] === 0 &&
        startsUpper(seq, q)
      ) {
        q--;
        words++;
      }
      if (words === 0 || q < 0 || seq.joiner[q] !== Joiner.Space || !seq.isNumeric(q) || seq.len(q) > 6)
        return;
      let e = seq.end[k]!;
      if (e < text.length && text.charCodeAt(e) === 0x2e) e++;
      st.out.add(seq.start[q]!, e, 'ADDRESS', 0.8);
    }
  },
};
