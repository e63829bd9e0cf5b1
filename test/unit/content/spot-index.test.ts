import { describe, expect, it } from 'vitest';
import { type Spot, SpotIndex } from '../../../src/content/spot-index';

// Stand-ins for elements and scrollers: the index only uses them as keys.
const el = (name: string) => ({ name }) as unknown as Element;
const scroller = el('log') as Element | Document;
const row = (top: number, height = 36): Spot => ({
  scroller,
  top,
  bottom: top + height,
  left: 0,
  right: 800,
});
const names = (found: Array<[Element, Spot]>) =>
  found.map(([e]) => (e as unknown as { name: string }).name).sort();

describe('SpotIndex', () => {
  it('finds the far elements whose place reaches into a band of content, and only those', () => {
    const index = new SpotIndex();
    for (let i = 0; i < 5000; i++) index.add(el(`r${i}`), row(i * 36));
    const found = index.between(scroller, 36_000, 37_000);
    // Rows 1000..1027 lie in 36,000..37,000; the bands around them hold a few more, never all.
    expect(names(found)).toEqual(expect.arrayContaining(['r1000', 'r1027']));
    expect(found.length).toBeLessThan(100);
    expect(index.between(scroller, 37_000, 36_000)).toEqual([]);
    expect(index.between(el('other') as Element, 0, 1e9)).toEqual([]);
  });

  it('files an element as tall as several bands under each, and returns it once', () => {
    const index = new SpotIndex();
    const tall = el('tall');
    index.add(tall, row(500, 5000));
    expect(names(index.between(scroller, 4000, 4100))).toEqual(['tall']);
    expect(index.between(scroller, 0, 10_000)).toHaveLength(1);
  });

  it('forgets an element and its scroller once it holds none, and refiles an element moved', () => {
    const index = new SpotIndex();
    const a = el('a');
    index.add(a, row(0));
    index.add(a, row(50_000));
    expect(index.between(scroller, 0, 100)).toEqual([]);
    expect(names(index.between(scroller, 50_000, 50_010))).toEqual(['a']);
    expect(index.spotsIn(scroller).size).toBe(1);
    expect(index.delete(a)).toBe(true);
    expect(index.delete(a)).toBe(false);
    expect(index.size).toBe(0);
    expect(index.scrollers()).toEqual([]);
  });

  it('handles places above the content start (negative offsets)', () => {
    const index = new SpotIndex();
    index.add(el('above'), row(-3000));
    expect(names(index.between(scroller, -3100, -2900))).toEqual(['above']);
  });
});
