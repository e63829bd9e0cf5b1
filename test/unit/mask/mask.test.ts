import { describe, expect, it } from 'vitest';
import { BULLET, maskText, maskValue, mergeSpans } from '../../../src/core/mask';

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
