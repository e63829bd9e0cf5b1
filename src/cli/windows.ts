import type { Match } from '../core/detect/types';

// Plain-mode input is one text whose offsets count from its first character, but it may be far
// larger than memory. It is scanned in windows of about `size` characters, cut after a line break
// (no value spans one). Each window also carries CONTEXT characters of the text before and after
// it, because context words ("CPF:\n529…", "12345678909 (CPF)") may sit across the cut; matches
// are kept only when they start inside the window itself, so every match is reported exactly once
// and with the confidence a whole-text scan gives it. A line longer than a window is cut inside
// the line (the only case that can differ from a whole-text scan, for a value right at the cut
// longer than CONTEXT characters).

/** Characters of surrounding text scanned with each window (context reads 48 before, 16 after). */
export const CONTEXT = 256;

/**
 * Receives one window: `text` holds it with its surroundings; the window is [from, to) of `text`;
 * `matches` (offsets into `text`) start inside it, sorted; `base` is the absolute offset of text[0].
 */
export type WindowSink = (
  text: string,
  from: number,
  to: number,
  matches: readonly Match[],
  base: number,
) => void;

export class TextWindows {
  /** Unprocessed text plus CONTEXT characters of what came before. */
  private buf = '';
  /** Absolute offset of buf[0]. */
  private bufStart = 0;
  /** Absolute offset up to which windows have been emitted (past the last kept match's end). */
  private done = 0;

  constructor(
    private readonly scan: (text: string) => Match[],
    private readonly sink: WindowSink,
    private readonly size = 1 << 20,
  ) {}

  push(chunk: string): void {
    this.buf += chunk;
    while (this.bufStart + this.buf.length - this.done >= this.size + CONTEXT) this.step(false);
  }

  end(): void {
    while (this.done < this.bufStart + this.buf.length) this.step(true);
  }

  private step(final: boolean): void {
    const buf = this.buf;
    const from = this.done - this.bufStart;
    let cut: number;
    if (final && buf.length - from <= this.size) cut = buf.length;
    else {
      const target = from + this.size;
      const nl = buf.lastIndexOf('\n', target - 1);
      cut = nl >= from ? nl + 1 : target;
      // Never split a surrogate pair.
      const c = buf.charCodeAt(cut - 1);
      if (c >= 0xd800 && c <= 0xdbff && cut < buf.length) cut++;
    }
    const lo = Math.max(0, from - CONTEXT);
    const hi = Math.min(buf.length, cut + CONTEXT);
    const text = lo === 0 && hi === buf.length ? buf : buf.slice(lo, hi);
    const all = this.scan(text);
    const kept: Match[] = [];
    let to = cut - lo;
    for (const m of all) {
      if (m.start < from - lo || m.start >= cut - lo) continue;
      kept.push(m);
      if (m.end > to) to = m.end;
    }
    this.sink(text, from - lo, to, kept, this.bufStart + lo);
    this.done = this.bufStart + lo + to;
    const keepFrom = Math.max(0, lo + to - CONTEXT);
    if (keepFrom > 0) {
      this.buf = buf.slice(keepFrom);
      this.bufStart += keepFrom;
    }
  }
}
