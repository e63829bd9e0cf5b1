import { describe, expect, it } from 'vitest';
import { scan } from '../../../src/core/detect/scanner';

// Scaling, not absolute time: each adversarial input is scanned at 100 KB and at 1 MB. Linear
// time gives a ratio of ~10; a quadratic detector ~100. The bound is 10x plus a generous margin
// for GC and noisy CI (2 shared cores): 25x. Each size is the fastest of 3 runs after a warm-up:
// noise only ever adds time, and prose-like inputs now scan 100 KB in well under a millisecond,
// where one scheduling blip in a median run broke the ratio.
const RATIO = 25;
const RUNS = 3;

function repeat(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/** Time per scan: repeats until 40 ms have passed (timer noise), fastest of RUNS such batches. */
function timeOf(text: string): number {
  const per: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    let reps = 0;
    const t0 = performance.now();
    let t = t0;
    while (t - t0 < 40) {
      scan(text);
      reps++;
      t = performance.now();
    }
    per.push((t - t0) / reps);
  }
  return Math.min(...per);
}

/** A flat string (repeat/slice can build rope strings whose first access flattens them). */
function flat(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}

const ADVERSARIAL: [string, string][] = [
  ['digits', '0123456789'],
  ['dots', '.'],
  ['at signs', '@'],
  ['spaces and digits', '1 '],
  ['cpf-like chain', '123.456.789-'],
  ['valid cpfs glued by spaces', '529.982.247-25 '],
  ['cards spaced', '4111 1111 1111 1111 '],
  ['colons and hex', 'a:'],
  ['email-ish', 'a.b@c.'],
  ['url-ish', 'www.'],
  ['labels', 'Nome: Ana '],
  ['phone parens', '(11) '],
  ['upper alnum', 'AB12.'],
];

describe('scanner runs in linear time on adversarial input', () => {
  for (const [name, unit] of ADVERSARIAL) {
    it(`${name}: 1 MB takes at most ${RATIO}x the time of 100 KB`, () => {
      const small = flat(repeat(unit, 100_000));
      const big = flat(repeat(unit, 1_000_000));
      scan(small);
      scan(big);
      const ts = timeOf(small);
      const tb = timeOf(big);
      expect(tb / ts, `100 KB ${ts.toFixed(2)} ms, 1 MB ${tb.toFixed(2)} ms`).toBeLessThanOrEqual(RATIO);
    });
  }
});
