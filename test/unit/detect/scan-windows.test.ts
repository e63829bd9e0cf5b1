import { describe, expect, it } from 'vitest';
import { contactCenterText, denseText } from '../../../bench/detect/contact-center';
import { TextWindows } from '../../../src/cli/windows';
import { scan } from '../../../src/core/detect/scanner';
import type { Match } from '../../../src/core/detect/types';
import { loadCorpus } from '../../fixtures/corpus/evaluate';

// The CLI scans its input window by window; the matches must be the ones a whole-text scan finds.
// The input arrives as UTF-8 bytes in pieces of `piece` bytes, cut anywhere (inside characters too).
function windowed(text: string, size: number, piece: number): { matches: Match[]; covered: string } {
  const matches: Match[] = [];
  let covered = '';
  const w = new TextWindows(
    (t) => scan(t),
    (t, from, to, ms, base) => {
      covered += t.slice(from, to);
      for (const m of ms) matches.push({ ...m, start: base + m.start, end: base + m.end });
    },
    size,
  );
  const bytes = Buffer.from(text, 'utf8');
  for (let p = 0; p < bytes.length; p += piece) w.push(bytes.subarray(p, p + piece));
  w.end();
  return { matches, covered };
}

describe('scan windows (CLI streaming)', () => {
  const corpus = loadCorpus()
    .map((c) => c.text)
    .join('\n');
  const texts: [string, string][] = [
    ['corpus', corpus],
    ['dense', denseText(200_000, 3)],
    ['typical', contactCenterText(400_000)],
  ];
  for (const [name, text] of texts) {
    it(`finds exactly the whole-text matches on ${name} text, in small windows`, () => {
      const whole = scan(text);
      expect(whole.length).toBeGreaterThan(100);
      for (const [size, piece] of [
        [4096, 1000],
        [1500, 7777],
      ] as const) {
        const r = windowed(text, size, piece);
        expect(r.covered).toBe(text);
        expect(r.matches).toEqual(whole);
      }
    });
  }

  it('cuts a line longer than a window and still reports each value once', () => {
    const line = 'CPF 529.982.247-25 e cartão 4111 1111 1111 1111; '.repeat(200);
    const whole = scan(line);
    const r = windowed(line, 1000, 333);
    expect(r.covered).toBe(line);
    expect(r.matches).toEqual(whole);
  });

  it('cuts between characters only: accents, 3-byte and 4-byte characters keep UTF-16 offsets', () => {
    const line = 'Olá 😀 José, CPF 529.982.247-25 — ação 𝒳 cartão 4111 1111 1111 1111 ✓ ';
    for (const text of [line.repeat(120), `${line}\n`.repeat(120)]) {
      const whole = scan(text);
      expect(whole.length).toBe(240);
      for (const [size, piece] of [
        [1000, 333],
        [1500, 1],
        [997, 4096],
      ] as const) {
        const r = windowed(text, size, piece);
        expect(r.covered).toBe(text);
        expect(r.matches).toEqual(whole);
      }
    }
  });
});
