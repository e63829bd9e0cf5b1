import type { Match } from '../core/detect/types';

// Plain-mode input is one text whose offsets count from its first character, but it may be far
// larger than memory. It is scanned in windows of about `size` bytes, cut after a line break
// (no value spans one). Each window also carries CONTEXT bytes of the text before and after it,
// because context words ("CPF:\n529…", "12345678909 (CPF)") may sit across the cut; matches are
// kept only when they start inside the window itself, so every match is reported exactly once
// and with the confidence a whole-text scan gives it. A line longer than a window is cut inside
// the line (the only case that can differ from a whole-text scan, for a value right at the cut
// longer than the context).
//
// Windows are cut from the input's UTF-8 bytes and each is decoded on its own, so the scanner gets
// a flat string: a slice of a concatenated string is a view that V8 reads through an indirection,
// and scanning such views was ~10% slower (1 MB windows of PII-dense text, CPU time). Cuts fall
// only before a byte that starts a character (never inside a multi-byte sequence).

/** Bytes of surrounding text scanned with each window: >= 256 UTF-16 units in any UTF-8 text (context reads 48 before, 16 after). */
export const CONTEXT = 1024;

/**
 * Receives one window: `text` holds it with its surroundings; the window is [from, to) of `text`;
 * `matches` (offsets into `text`) start inside it, sorted; `base` is the absolute offset (UTF-16
 * units from the start of the input) of text[0].
 */
export type WindowSink = (
  text: string,
  from: number,
  to: number,
  matches: readonly Match[],
  base: number,
) => void;

/** A UTF-8 continuation byte (10xxxxxx): never the first byte of a character. */
function continuation(b: number): boolean {
  return (b & 0xc0) === 0x80;
}

export class TextWindows {
  /** Input bytes not yet joined into `bytes` (joined once per window, not once per chunk). */
  private parts: Uint8Array[] = [];
  private partsLength = 0;
  /** Unprocessed input plus up to CONTEXT bytes of what came before. */
  private bytes: Buffer = Buffer.alloc(0);
  /** Position in `bytes` where the next window starts (past the last kept match's end). */
  private from = 0;
  /** Absolute offset, in UTF-16 units, of `bytes[from]`. */
  private fromChars = 0;

  constructor(
    private readonly scan: (text: string) => Match[],
    private readonly sink: WindowSink,
    private readonly size = 1 << 20,
  ) {}

  /** Takes a block of input bytes; the caller must not change it afterwards. */
  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.parts.push(chunk);
    this.partsLength += chunk.length;
    while (this.bytes.length + this.partsLength - this.from >= this.size + CONTEXT) {
      this.join();
      this.step(false);
    }
  }

  end(): void {
    this.join();
    while (this.from < this.bytes.length) this.step(true);
  }

  private join(): void {
    if (this.parts.length === 0) return;
    this.bytes = Buffer.concat([this.bytes, ...this.parts]);
    this.parts = [];
    this.partsLength = 0;
  }

  private step(final: boolean): void {
    const b = this.bytes;
    const n = b.length;
    const from = this.from;
    let cut: number;
    if (final && n - from <= this.size) cut = n;
    else {
      const target = from + this.size;
      const nl = b.lastIndexOf(0x0a, target - 1);
      if (nl >= from) cut = nl + 1;
      else {
        // No line break in the window: cut inside the line, at a character start.
        cut = target;
        while (cut > from && continuation(b[cut]!)) cut--;
        if (cut === from) {
          cut = target;
          while (cut < n && continuation(b[cut]!)) cut++;
        }
      }
    }
    let lo = Math.max(0, from - CONTEXT);
    while (lo < from && continuation(b[lo]!)) lo++;
    let hi = Math.min(n, cut + CONTEXT);
    while (hi > cut && hi < n && continuation(b[hi]!)) hi--;
    const text = b.toString('utf8', lo, hi);
    // Offsets of the window in `text`, from the (short) context parts decoded alone.
    const winFrom = lo === from ? 0 : b.toString('utf8', lo, from).length;
    const winCut = hi === cut ? text.length : text.length - b.toString('utf8', cut, hi).length;
    const all = this.scan(text);
    const kept: Match[] = [];
    let to = winCut;
    for (const m of all) {
      if (m.start < winFrom || m.start >= winCut) continue;
      kept.push(m);
      if (m.end > to) to = m.end;
    }
    // Never end between the two halves of a surrogate pair (its bytes cannot be split).
    const last = to > 0 ? text.charCodeAt(to - 1) : 0;
    if (to < text.length && last >= 0xd800 && last <= 0xdbff) to++;
    const base = this.fromChars - winFrom;
    this.sink(text, winFrom, to, kept, base);
    this.from = to === winCut ? cut : cut + Buffer.byteLength(text.slice(winCut, to), 'utf8');
    this.fromChars = base + to;
    let keepFrom = Math.max(0, this.from - CONTEXT);
    while (keepFrom > 0 && continuation(b[keepFrom]!)) keepFrom--;
    if (keepFrom > 0) {
      this.bytes = b.subarray(keepFrom);
      this.from -= keepFrom;
    }
  }
}
