// Output is collected into large blocks: one write per ~1 MB instead of one per match keeps the
// CLI's time in the scanner (a write per line cost more than the scan itself on dense text).
// `flush` waits for 'drain' when the destination is slower than the scanner, so memory stays bounded.

const BLOCK = 1 << 20;

export class BlockWriter {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly out: NodeJS.WritableStream) {}

  add(s: string): void {
    this.parts.push(s);
    this.size += s.length;
  }

  get full(): boolean {
    return this.size >= BLOCK;
  }

  /** Writes what is collected; resolves once the destination can take more. */
  async flush(): Promise<void> {
    if (this.size === 0) return;
    const block = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.out.write(block)) await new Promise<void>((resolve) => this.out.once('drain', resolve));
  }
}
