import { describe, expect, it } from 'vitest';
import { createUlidFactory, ulid, ulidTime } from '../../../src/core/audit/ulid';

describe('ulid', () => {
  it('is 26 Crockford base32 chars encoding the time', () => {
    const id = ulid(1_700_000_000_123);
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(ulidTime(id)).toBe(1_700_000_000_123);
  });

  it('sorts by time as a string', () => {
    const next = createUlidFactory();
    const ids = [5, 1000, 32 ** 3, 2 ** 40].map((t) => next(t));
    expect([...ids].sort()).toEqual(ids);
  });

  it('is strictly increasing within one millisecond and when the clock goes back', () => {
    const next = createUlidFactory();
    const ids = [next(100), next(100), next(100), next(99), next(100)];
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('carries into higher digits when the last digit is the top digit', () => {
    const next = createUlidFactory((n) => Uint8Array.from({ length: n }, (_, i) => (i === n - 1 ? 31 : 0)));
    expect(next(7).slice(10)).toBe(`${'0'.repeat(15)}Z`);
    expect(next(7).slice(10)).toBe(`${'0'.repeat(14)}10`);
  });

  it('throws rather than repeat an id when a millisecond exhausts the random part', () => {
    const next = createUlidFactory((n) => new Uint8Array(n).fill(31));
    next(7);
    expect(() => next(7)).toThrow(/overflow/);
  });

  it('rejects malformed ids', () => {
    expect(() => ulidTime('not-a-ulid')).toThrow(/malformed/);
  });
});
