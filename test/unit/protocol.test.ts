import { describe, expect, it } from 'vitest';
import { isEnvelope } from '../../src/shared/protocol/envelope';

describe('message envelopes', () => {
  it('recognises only Sigilo envelopes', () => {
    expect(isEnvelope({ sigilo: 1, type: 'ping', req: {} })).toBe(true);
    expect(isEnvelope({ type: 'ping' })).toBe(false);
    expect(isEnvelope('ping')).toBe(false);
    expect(isEnvelope(null)).toBe(false);
  });
});
