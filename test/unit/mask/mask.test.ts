import { describe, expect, it } from 'vitest';
import { BULLET, maskedLine, maskText, maskValue, mergeSpans } from '../../../src/core/mask';

const hiddenChars = (value: string, ranges: { start: number; end: number }[]) =>
  ranges.map((r) => value.slice(r.start, r.end)).join('');

describe('maskValue', () => {
  it('partial keeps the last N digits and the separators', () => {
    const m = maskValue('123.456.789-09', { style: 'partial', keepLast: 5, label: 'CPF' });
    expect(m.display).toBe('•••.•••.789-09');
    expect(hiddenChars('123.456.789-09', m.hidden)).toBe('123456');
    expect(m.hidden).toEqual([
      { start: 0, end: 3 },
      { start: 4, end: 7 },
    ]);
  });

  it('partial card keeps the last 4', () => {
    const m = maskValue('4111 1111 1111 1111', { style: 'partial', keepLast: 4, label: 'CARD' });
    expect(m.display).toBe('•••• •••• •••• 1111');
  });

  it('partial never keeps more than half of the letters/digits', () => {
    const m = maskValue('1234', { style: 'partial', keepLast: 10, label: 'X' });
    expect(m.display).toBe('••34');
    const none = maskValue('1', { style: 'partial', keepLast: 2, label: 'X' });
    expect(none.display).toBe(BULLET);
  });

  it('partial with keepLast 0 hides every letter/digit', () => {
    const m = maskValue('ana@x.io', { style: 'partial', keepLast: 0, label: 'EMAIL' });
    expect(m.display).toBe('•••@•.••');
    expect(hiddenChars('ana@x.io', m.hidden)).toBe('anaxio');
  });

  it('full hides everything including separators, without leaking the length exactly for short values', () => {
    const m = maskValue('12.345', { style: 'full', keepLast: 2, label: 'X' });
    expect(m.display).toBe('••••••');
    expect(m.hidden).toEqual([{ start: 0, end: 6 }]);
    expect(maskValue('1', { style: 'full', keepLast: 0, label: 'X' }).display).toBe('•••');
  });

  it('chip hides the whole value and labels it', () => {
    const m = maskValue('123.456.789-09', { style: 'chip', keepLast: 2, label: 'CPF' });
    expect(m.display).toBe('CPF •••');
    expect(m.chip).toBe('CPF');
    expect(m.hidden).toEqual([{ start: 0, end: 14 }]);
  });

  it('handles astral characters as one character', () => {
    const m = maskValue('ab😀cd', { style: 'partial', keepLast: 1, label: 'X' });
    expect(m.display).toBe('••😀•d');
    expect(hiddenChars('ab😀cd', m.hidden)).toBe('abc');
  });

  it('never returns a display containing a hidden character run from the value', () => {
    const value = '529.982.247-25';
    for (const style of ['full', 'partial', 'chip'] as const) {
      const m = maskValue(value, { style, keepLast: 2, label: 'CPF' });
      expect(m.display).not.toContain('529');
      expect(m.display).not.toContain('982');
    }
  });
});

describe('maskText', () => {
  it('masks every span in a longer text', () => {
    const text = 'CPF 123.456.789-09 e-mail ana@x.io fim';
    const out = maskText(
      text,
      [
        { start: 4, end: 18, label: 'CPF' },
        { start: 26, end: 34, label: 'EMAIL' },
      ],
      { style: 'partial', keepLast: 2 },
    );
    expect(out).toBe('CPF •••.•••.•••-09 e-mail •••@•.io fim');
  });

  it('merges overlapping spans so nothing of either survives', () => {
    expect(
      mergeSpans([
        { start: 5, end: 10, label: 'A' },
        { start: 0, end: 6, label: 'B' },
      ]),
    ).toEqual([{ start: 0, end: 10, label: 'B' }]);
    expect(
      maskText(
        '0123456789x',
        [
          { start: 0, end: 6, label: 'A' },
          { start: 5, end: 10, label: 'B' },
        ],
        { style: 'full', keepLast: 0 },
      ),
    ).toBe('••••••••••x');
  });
});

describe('partial masking of plain-ASCII values (fast path)', () => {
  /** The rule written the slow, obvious way: per code point, with a Unicode regex. */
  const reference = (value: string, keepLast: number): string => {
    const chars = Array.from(value);
    const alnum = chars.filter((c) => /[\p{L}\p{N}]/u.test(c)).length;
    if (alnum === 0) return BULLET.repeat(chars.length);
    const keep = Math.min(keepLast, Math.floor(alnum / 2));
    let seen = 0;
    return chars.map((c) => (/[\p{L}\p{N}]/u.test(c) && ++seen <= alnum - keep ? BULLET : c)).join('');
  };

  it('gives what the per-code-point rule gives, for ASCII and non-ASCII values alike', () => {
    const alphabet = '0123456789abcXYZ.-@ /()+_ãéç€😀';
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    for (let i = 0; i < 3000; i++) {
      const length = 1 + (next() % 20);
      let value = '';
      // Half of the cases are pure ASCII, so both paths are exercised.
      const pool = i % 2 === 0 ? alphabet.slice(0, 22) : alphabet;
      for (let j = 0; j < length; j++) value += Array.from(pool)[next() % Array.from(pool).length];
      const keepLast = next() % 6;
      const m = maskValue(value, { style: 'partial', keepLast, label: 'X' });
      expect(m.display, JSON.stringify({ value, keepLast })).toBe(reference(value, keepLast));
      // The hidden ranges are exactly the characters shown as bullets.
      const rebuilt = Array.from(value);
      let offset = 0;
      const shown = rebuilt.map((c) => {
        const hidden = m.hidden.some((h) => h.start <= offset && offset < h.end);
        offset += c.length;
        return hidden ? BULLET : c;
      });
      expect(shown.join('')).toBe(m.display);
    }
  });
});

describe('maskedLine (the overlay painted over a whole-element value)', () => {
  const spec = { style: 'partial' as const, keepLast: 2 };
  it('is the masked text on one line, whitespace collapsed like rendered text', () => {
    const text = '\n    620.190.597-97\n  ';
    const at = text.indexOf('6');
    expect(maskedLine(text, [{ start: at, end: at + 14, label: 'CPF' }], spec)).toBe('•••.•••.•••-97');
  });

  it('masks each span and keeps what lies between them', () => {
    const text = '11 98765-4321 / 11 3333-4444';
    const spans = [
      { start: 0, end: 13, label: 'PHONE' },
      { start: 16, end: 28, label: 'PHONE' },
    ];
    expect(maskedLine(text, spans, spec)).toBe('•• •••••-••21 / •• ••••-••44');
  });

  it('shows the chip label for the chip style', () => {
    expect(
      maskedLine('620.190.597-97', [{ start: 0, end: 14, label: 'CPF' }], { style: 'chip', keepLast: 0 }),
    ).toBe('CPF •••');
  });
});
