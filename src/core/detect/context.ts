import { isLatinLetter } from './chars';

// Context words raise a candidate's confidence; they never make a value that fails its check
// digits a match. Windows are lower-cased once per candidate position and cached, because several
// detectors ask about the same spot.

const BEFORE = 48;
const AFTER = 16;

function isLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || isLatinLetter(c);
}

/** Index of the last whole-word occurrence of `word` in `hay`, or -1. */
export function lastWordAt(hay: string, word: string): number {
  let from = hay.length - word.length;
  while (from >= 0) {
    const at = hay.lastIndexOf(word, from);
    if (at < 0) return -1;
    if (boundaryOk(hay, word, at)) return at;
    from = at - 1;
  }
  return -1;
}

function boundaryOk(hay: string, word: string, at: number): boolean {
  const before = at > 0 ? hay.charCodeAt(at - 1) : 0x20;
  const endAt = at + word.length;
  const after = endAt < hay.length ? hay.charCodeAt(endAt) : 0x20;
  const leftOk = !isLetter(word.charCodeAt(0)) || !isLetter(before);
  const rightOk = !isLetter(word.charCodeAt(word.length - 1)) || !isLetter(after) || word.length >= 6;
  return leftOk && rightOk;
}

/** Whole-word (or whole-prefix when the word ends with '.') occurrence of `word` in `hay`. */
export function hasWord(hay: string, word: string): boolean {
  let from = 0;
  for (;;) {
    const at = hay.indexOf(word, from);
    if (at < 0) return false;
    const before = at > 0 ? hay.charCodeAt(at - 1) : 0x20;
    const endAt = at + word.length;
    const after = endAt < hay.length ? hay.charCodeAt(endAt) : 0x20;
    const first = word.charCodeAt(0);
    const last = word.charCodeAt(word.length - 1);
    const leftOk = !isLetter(first) || !isLetter(before);
    const rightOk = !isLetter(last) || !isLetter(after) || word.length >= 6;
    if (leftOk && rightOk) return true;
    from = at + 1;
  }
}

export class ContextCache {
  private text = '';
  private beforeKey = -1;
  private beforeWin = '';
  private afterKey = -1;
  private afterWin = '';

  reset(text: string): void {
    this.text = text;
    this.beforeKey = -1;
    this.afterKey = -1;
  }

  /**
   * Lower-cased text in the window before `start`, cut at the previous digit: a label belongs to
   * the nearest value after it ("CEP 01310-100, pedido 12345-678": "CEP" is not the order's).
   */
  before(start: number, size = BEFORE): string {
    const key = start * 256 + size;
    if (key !== this.beforeKey) {
      this.beforeKey = key;
      const t = this.text;
      const min = Math.max(0, start - size);
      let s = start;
      while (s > min) {
        const c = t.charCodeAt(s - 1);
        if (c >= 0x30 && c <= 0x39) break;
        s--;
      }
      this.beforeWin = t.slice(s, start).toLowerCase();
    }
    return this.beforeWin;
  }

  after(end: number): string {
    if (end !== this.afterKey) {
      this.afterKey = end;
      const t = this.text;
      const max = Math.min(t.length, end + AFTER);
      let e = end;
      while (e < max) {
        const c = t.charCodeAt(e);
        if (c >= 0x30 && c <= 0x39) break;
        e++;
      }
      this.afterWin = t.slice(end, e).toLowerCase();
    }
    return this.afterWin;
  }

  /**
   * Any of `words` in the window before the value (unless a negative word such as "pedido" comes
   * after it, closer to the value), or just after it ("12345678909 (CPF)").
   */
  near(start: number, end: number, words: readonly string[]): boolean {
    const b = this.before(start);
    let pos = -1;
    for (const w of words) {
      const at = lastWordAt(b, w);
      if (at > pos) pos = at;
    }
    if (pos >= 0) {
      for (const w of NEGATIVE_WORDS) if (lastWordAt(b, w) > pos) return false;
      return true;
    }
    const a = this.after(end);
    for (const w of words) if (hasWord(a, w)) return true;
    return false;
  }

  /**
   * Negative words ("pedido", "protocolo") only count when they label this very number: within a
   * short window before it, with no other digit in between ("pedido 123 e CPF 529…" keeps the CPF).
   */
  negative(start: number, words: readonly string[]): boolean {
    const t = this.text;
    let s = start;
    const min = Math.max(0, start - 28);
    while (s > min) {
      const c = t.charCodeAt(s - 1);
      if ((c >= 0x30 && c <= 0x39) || c === 0x0a) break;
      s--;
    }
    if (s === start) return false;
    const w = t.slice(s, start).toLowerCase();
    for (const word of words) if (hasWord(w, word)) return true;
    return false;
  }

  /** Any of `words` in a short window right before the value (labels such as "Agência:"). */
  nearBefore(start: number, words: readonly string[], size: number): boolean {
    const b = this.before(start, size);
    for (const w of words) if (hasWord(b, w)) return true;
    return false;
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
