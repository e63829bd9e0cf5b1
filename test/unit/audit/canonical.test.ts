import { describe, expect, it } from 'vitest';
import { canonicalize } from '../../../src/core/audit/canonical';

describe('canonical JSON', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalize({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('gives the same text whatever the insertion order', () => {
    expect(canonicalize({ x: 1, y: 2 })).toBe(canonicalize({ y: 2, x: 1 }));
  });

  it('omits undefined members and escapes strings like JSON', () => {
    expect(canonicalize({ a: undefined, b: 'ç"\n' })).toBe('{"b":"ç\\"\\n"}');
  });

  it('refuses numbers that JSON cannot represent', () => {
    expect(() => canonicalize({ a: Number.NaN })).toThrow(/non-finite/);
    expect(() => canonicalize(Number.POSITIVE_INFINITY)).toThrow(/non-finite/);
  });
});
