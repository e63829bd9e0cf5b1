/**
 * The scanner's per-character tables are filled only up to LATIN_END (and the General
 * Punctuation block for inline spaces), not over the whole BMP: that holds only while no
 * predicate they are built from is true beyond those blocks. This checks it for every code.
 */
import { describe, expect, it } from 'vitest';
import { isInlineSpace, isLatinLetter, isWordChar, LATIN_END } from '../../../src/core/detect/chars';
import { foldCase } from '../../../src/core/detect/labels';

const inBlocks = (c: number) => c < LATIN_END || (c >= 0x2000 && c < 0x2070);

describe('character tables', () => {
  it('mark no code point beyond the blocks they are filled over', () => {
    const outside: number[] = [];
    for (let c = 0; c < 65536; c++) {
      if ((isWordChar(c) || isLatinLetter(c)) && c >= LATIN_END) outside.push(c);
      if (isInlineSpace(c) && !inBlocks(c)) outside.push(c);
    }
    expect(outside).toEqual([]);
  });

  it('fold case as the whole-BMP definition does', () => {
    const full = (c: number) =>
      c >= 0x41 && c <= 0x5a ? c | 0x20 : c >= 0xc0 && c <= 0xde && c !== 0xd7 ? c + 0x20 : c;
    const differ: number[] = [];
    for (let c = 0; c < 65536; c++) if (foldCase(c) !== full(c)) differ.push(c);
    expect(differ).toEqual([]);
    expect(foldCase(0x41)).toBe(0x61); // so the check above is not vacuous
  });
});
