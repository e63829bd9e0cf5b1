import type { Writable } from 'node:stream';

// Output is collected into 1 MB byte blocks: one write per block instead of one per match, and
// match lines are written as bytes (numbers digit by digit, type names and confidences from
// tables), so a dense input does not turn into millions of short-lived strings for the GC.
// `flush` waits for 'drain' when the destination is slower than the scanner, so memory stays
// bounded. Written blocks are reused, so the process allocates a couple of blocks in all.

const BLOCK = 1 << 20;

export class BlockWriter {
  private buf: Buffer = Buffer.allocUnsafe(BLOCK);
  private pos = 0;
  private readonly ascii = new Map<string, Uint8Array>();
  private readonly numbers = new Map<number, Uint8Array>();
  private readonly hundredths = new Float64Array(101).fill(Number.NaN);
  private readonly hundredthBytes: Uint8Array[] = [];
  private pending: Buffer[] = [];
  /** Blocks already written out, ready to be filled again. */
  private free: Buffer[] = [];

  constructor(private readonly out: Writable) {}

  /** A block is ready to be written: the caller should `flush` before producing much more. */
  get full(): boolean {
    return this.pending.length > 0 || this.pos >= BLOCK - 4096;
  }

  /** Any text, UTF-8 encoded. */
  add(s: string): void {
    if (s.length * 3 > BLOCK - this.pos) {
      this.rotate();
      if (s.length * 3 > BLOCK) {
        this.pending.push(Buffer.from(s, 'utf8'));
        return;
      }
    }
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  /**
   * s[from, to) UTF-8 encoded here, char by char: masked output is mostly short pieces of the
   * input between values, and a substring plus a call into the encoder for each piece cost more
   * than the copy. Lone surrogates become U+FFFD, as Buffer.write does.
   */
  text(s: string, from: number, to: number): void {
    let buf = this.buf;
    let pos = this.pos;
    for (let i = from; i < to; i++) {
      if (pos > BLOCK - 4) {
        this.pos = pos;
        this.rotate();
        buf = this.buf;
        pos = 0;
      }
      const c = s.charCodeAt(i);
      if (c < 0x80) buf[pos++] = c;
      else if (c < 0x800) {
        buf[pos++] = 0xc0 | (c >> 6);
        buf[pos++] = 0x80 | (c & 0x3f);
      } else if (c < 0xd800 || c > 0xdfff) {
        buf[pos++] = 0xe0 | (c >> 12);
        buf[pos++] = 0x80 | ((c >> 6) & 0x3f);
        buf[pos++] = 0x80 | (c & 0x3f);
      } else {
        const d = i + 1 < to ? s.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
          buf[pos++] = 0xf0 | (cp >> 18);
          buf[pos++] = 0x80 | ((cp >> 12) & 0x3f);
          buf[pos++] = 0x80 | ((cp >> 6) & 0x3f);
          buf[pos++] = 0x80 | (cp & 0x3f);
          i++;
        } else {
          buf[pos++] = 0xef;
          buf[pos++] = 0xbf;
          buf[pos++] = 0xbd;
        }
      }
    }
    this.pos = pos;
  }

  /** `b` written `n` times (a run of mask bullets). */
  repeat(b: Uint8Array, n: number): void {
    for (let k = 0; k < n; k++) this.bytes(b);
  }

  /** An ASCII constant (field names, type names): encoded once, then copied as bytes. */
  constant(s: string): void {
    let b = this.ascii.get(s);
    if (!b) {
      b = Buffer.from(s, 'latin1');
      this.ascii.set(s, b);
    }
    this.bytes(b);
  }

  /** Bytes encoded once by the caller (the hot path: no lookup by string per match). */
  bytes(b: Uint8Array): void {
    if (b.length > BLOCK - this.pos) this.rotate();
    const buf = this.buf;
    let pos = this.pos;
    // Short constants: a byte loop beats TypedArray.set's call overhead.
    if (b.length <= 32) for (let k = 0; k < b.length; k++) buf[pos++] = b[k]!;
    else {
      buf.set(b, pos);
      pos += b.length;
    }
    this.pos = pos;
  }

  /** A non-negative integer in decimal. */
  uint(n: number): void {
    if (this.pos + 16 > BLOCK) this.rotate();
    const buf = this.buf;
    if (n < 10) {
      buf[this.pos++] = 48 + n;
      return;
    }
    let digits = 1;
    for (let v = n; v >= 10; v = Math.floor(v / 10)) digits++;
    let p = this.pos + digits;
    this.pos = p;
    let v = n;
    do {
      buf[--p] = 48 + (v % 10);
      v = Math.floor(v / 10);
    } while (v > 0);
  }

  /** A number as JSON writes it, for the few distinct values a field takes (confidences). */
  number(n: number): void {
    // Confidences have two decimals: a slot per hundredth finds the bytes without hashing a
    // double (a Map lookup per match was a visible part of a dense file's run).
    const slot = Math.round(n * 100);
    if (slot >= 0 && slot <= 100 && this.hundredths[slot] === n) {
      this.bytes(this.hundredthBytes[slot]!);
      return;
    }
    let b = this.numbers.get(n);
    if (!b) {
      b = Buffer.from(JSON.stringify(n), 'latin1');
      this.numbers.set(n, b);
      if (slot >= 0 && slot <= 100) {
        this.hundredths[slot] = n;
        this.hundredthBytes[slot] = b;
      }
    }
    this.bytes(b);
  }

  /** Closes the current block (written at the next flush) and starts a new one. */
  private rotate(): void {
    if (this.pos === 0) return;
    this.pending.push(this.buf.subarray(0, this.pos));
    this.buf = this.free.pop() ?? Buffer.allocUnsafe(BLOCK);
    this.pos = 0;
  }

  /** Writes what is collected; resolves once the destination can take more. */
  async flush(): Promise<void> {
    this.rotate();
    const blocks = this.pending;
    this.pending = [];
    let ok = true;
    for (const b of blocks) ok = this.out.write(b);
    if (!ok) await new Promise<void>((resolve) => this.out.once('drain', resolve));
    // Nothing queued any more: the stream is done with every block written so far.
    if (this.out.writableLength === 0)
      for (const b of blocks)
        if (b.buffer.byteLength === BLOCK && b.byteOffset === 0) this.free.push(Buffer.from(b.buffer));
  }
}
