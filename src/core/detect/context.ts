import { isLatinLetter, LATIN_END } from './chars';
import { foldCase, hashStep } from './labels';

// Context words raise a candidate's confidence; they never make a value that fails its check
// digits a match. Windows are lower-cased once per candidate position and cached, because several
// detectors ask about the same spot.

const BEFORE = 48;
const AFTER = 16;

// Letter table for the window walks (one load per char instead of three range checks).
// Filled up to U+024F only: no letter here lies beyond (see isLatinLetter). A fill of the whole
// BMP ran in the interpreter at every page load, in every frame (≈2 ms each table, measured).
const LETTER = new Uint8Array(65536);
for (let c = 0; c < LATIN_END; c++)
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || isLatinLetter(c)) LETTER[c] = 1;

function isLetter(c: number): boolean {
  return LETTER[c] === 1;
}

// Context words are grouped into categories (one bit each). A word list maps every phrase to its
// last word ("data de nascimento" -> "nascimento"), hashed lower-case. A window is read once per
// value position: each word is hashed and looked up, recording where each category last occurs.
// No substring is created, which matters because the content script scans on every DOM change.

// Word hash -> category bits, in an open-addressing table of typed arrays: every word of every
// context window is looked up, and a Map lookup per word was most of a window's cost.
const SLOTS = 2048;
const slotKey = new Int32Array(SLOTS);
const slotBits = new Int32Array(SLOTS);
const slotUsed = new Uint8Array(SLOTS);

/** Category bits of the word with hash h (0: no category). */
function catsOf(h: number): number {
  let slot = h & (SLOTS - 1);
  while (slotUsed[slot] === 1) {
    if (slotKey[slot] === h) return slotBits[slot]!;
    slot = (slot + 1) & (SLOTS - 1);
  }
  return 0;
}

function addCats(h: number, bits: number): void {
  let slot = h & (SLOTS - 1);
  while (slotUsed[slot] === 1 && slotKey[slot] !== h) slot = (slot + 1) & (SLOTS - 1);
  if (slotUsed[slot] === 0) {
    if (++words > SLOTS / 2) throw new Error('too many context words');
    slotUsed[slot] = 1;
    slotKey[slot] = h;
  }
  slotBits[slot]! |= bits;
}
let words = 0;
const listCat = new Map<readonly string[], number>();
let nextBit = 0;
let generation = 0;

function hashWord(w: string): number {
  let h = 0;
  for (let k = 0; k < w.length; k++) h = hashStep(h, w.charCodeAt(k));
  return h;
}

/** Category bit for a word list (registered on first use; lists are module constants). */
export function categoryOf(words: readonly string[]): number {
  let bit = listCat.get(words);
  if (bit !== undefined) return bit;
  if (nextBit >= 31) throw new Error('too many context categories');
  bit = 1 << nextBit++;
  listCat.set(words, bit);
  // Windows read before this category existed did not record it.
  generation++;
  for (const phrase of words) {
    const parts = phrase.split(/[^\p{L}\p{N}]+/u).filter((p) => p.length >= 2);
    const last = parts[parts.length - 1];
    if (!last) continue;
    const h = hashWord(last);
    addCats(h, bit);
  }
  return bit;
}

function bitIndex(bit: number): number {
  return 31 - Math.clz32(bit);
}

export class ContextCache {
  private text = '';
  private beforeKey = -1;
  private beforeBits = 0;
  /** Absolute position of the last word of each category in the window before `beforeKey`. */
  private readonly pos = new Int32Array(32);
  private afterKey = -1;
  private afterBits = 0;
  private gen = 0;

  reset(text: string): void {
    this.text = text;
    this.beforeKey = -1;
    this.afterKey = -1;
  }

  /**
   * Reads the window before `start` (up to 48 chars, cut at the previous digit: a label belongs to
   * the nearest value after it — "CEP 01310-100, pedido 12345-678": "CEP" is not the order's).
   */
  private readBefore(start: number): void {
    if (start === this.beforeKey && this.gen === generation) return;
    this.beforeKey = start;
    this.afterKey = -1;
    this.gen = generation;
    let bits = 0;
    const t = this.text;
    const min = Math.max(0, start - BEFORE);
    let p = start;
    while (p > min) {
      const c = t.charCodeAt(p - 1);
      if (c >= 0x30 && c <= 0x39) break;
      if (!isLetter(c)) {
        p--;
        continue;
      }
      // The word is hashed while walking back over it: hashStep's h*31 + c, summed from the
      // last letter with rising powers of 31, is the same 32-bit value (no second pass).
      let ws = p - 1;
      let h = foldCase(c);
      let pow = 31;
      while (ws > min) {
        const d = t.charCodeAt(ws - 1);
        if (!isLetter(d)) break;
        h = (h + Math.imul(foldCase(d), pow)) | 0;
        pow = Math.imul(pow, 31);
        ws--;
      }
      if (p - ws >= 2) {
        const m = catsOf(h);
        if (m !== 0) {
          // Walking backwards: the first occurrence seen is the last one in the text.
          let fresh = m & ~bits;
          while (fresh !== 0) {
            const low = fresh & -fresh;
            this.pos[bitIndex(low)] = ws;
            fresh &= ~low;
          }
          bits |= m;
        }
      }
      p = ws;
    }
    this.beforeBits = bits;
  }

  private readAfter(end: number): number {
    if (end === this.afterKey && this.gen === generation) return this.afterBits;
    this.afterKey = end;
    let bits = 0;
    const t = this.text;
    const max = Math.min(t.length, end + AFTER);
    let p = end;
    while (p < max) {
      const c = t.charCodeAt(p);
      if (c >= 0x30 && c <= 0x39) break;
      if (!isLetter(c)) {
        p++;
        continue;
      }
      let we = p + 1;
      let h = foldCase(c);
      while (we < max) {
        const d = t.charCodeAt(we);
        if (!isLetter(d)) break;
        h = hashStep(h, d);
        we++;
      }
      if (we - p >= 2) bits |= catsOf(h);
      p = we;
    }
    this.afterBits = bits;
    return bits;
  }

  /**
   * A word of `words` in the window before the value (unless a negative word such as "pedido"
   * comes after it, closer to the value), or just after it ("12345678909 (CPF)").
   */
  near(start: number, end: number, words: readonly string[]): boolean {
    const cat = categoryOf(words);
    this.readBefore(start);
    if ((this.beforeBits & cat) !== 0) {
      if ((this.beforeBits & NEGATIVE) === 0) return true;
      return this.pos[bitIndex(cat)]! > this.pos[bitIndex(NEGATIVE)]!;
    }
    return (this.readAfter(end) & cat) !== 0;
  }

  /**
   * Negative words ("pedido", "protocolo") only count when they label this very number: within a
   * short window before it, with no other digit in between ("pedido 123 e CPF 529…" keeps the CPF).
   */
  negative(start: number, words: readonly string[] = NEGATIVE_WORDS): boolean {
    return this.nearBefore(start, words, 28);
  }

  /** A word of `words` within `size` chars right before the value (labels such as "Agência:"). */
  nearBefore(start: number, words: readonly string[], size: number): boolean {
    const cat = categoryOf(words);
    this.readBefore(start);
    return (this.beforeBits & cat) !== 0 && this.pos[bitIndex(cat)]! >= start - size;
  }
}

/** Words that say a number is an identifier of something else (order, ticket, invoice, version). */
export const NEGATIVE_WORDS: readonly string[] = [
  'protocolo',
  'pedido',
  'order',
  'ticket',
  'chamado',
  'boleto',
  'nota fiscal',
  'nf',
  'nfe',
  'nf-e',
  'rastreio',
  'rastreamento',
  'tracking',
  'código',
  'codigo',
  'cod.',
  'ref',
  'referência',
  'referencia',
  'reference',
  'invoice',
  'fatura',
  'versão',
  'versao',
  'version',
  'build',
  'serial',
  'sku',
  'lote',
  'transação',
  'transacao',
  'transaction',
  'id',
  'nsu',
  'matrícula',
  'matricula',
  'processo',
  'case',
  'caso',
  'contrato',
  'apólice',
  'apolice',
  'policy',
  'produto',
  'product',
  'item',
];

const NEGATIVE = categoryOf(NEGATIVE_WORDS);
