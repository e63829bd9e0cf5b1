import { describe, expect, it } from 'vitest';
import { reduceUrl } from '../../../src/core/audit/location';
import { redactFallback, redactText } from '../../../src/core/audit/redact';
import { checkRevealRequest, clampTimestamp } from '../../../src/core/audit/reveal-request';
import { DEFAULT_POLICY } from '../../../src/core/policy/defaults';

describe('redactText', () => {
  it('replaces each match with its type label', () => {
    const text = 'cliente 123.456.789-09 pediu, email ana@x.com';
    const matches = [
      { start: 8, end: 22, type: 'CPF' as const, confidence: 1 },
      { start: 36, end: 45, type: 'EMAIL' as const, confidence: 1 },
    ];
    expect(redactText(text, matches)).toBe('cliente [CPF] pediu, email [EMAIL]');
  });

  it('handles overlapping and unsorted matches without leaking a remainder', () => {
    const text = 'aa 4111111111111111 bb';
    const matches = [
      { start: 6, end: 12, type: 'PHONE' as const, confidence: 0.5 },
      { start: 3, end: 19, type: 'CARD' as const, confidence: 1 },
    ];
    expect(redactText(text, matches)).toBe('aa [CARD] bb');
  });

  it('fallback hides digit runs and e-mails', () => {
    const out = redactFallback('cpf 123.456.789-09, tel (11) 98888-7777, ana@x.com ok 7');
    expect(out).not.toMatch(/\d{3}/);
    expect(out).not.toContain('ana@x.com');
    expect(out).toContain('ok 7');
  });
});

describe('reduceUrl', () => {
  it('keeps origin and path, drops query and fragment', () => {
    expect(reduceUrl('https://crm.example.com:8443/c/42?cpf=1#x', 'path')).toEqual({
      origin: 'https://crm.example.com:8443',
      path: '/c/42',
    });
  });

  it('keeps only the origin when the policy says so', () => {
    expect(reduceUrl('https://crm.example.com/c/42', 'origin')).toEqual({
      origin: 'https://crm.example.com',
      path: null,
    });
  });

  it('rejects non-web URLs', () => {
    expect(reduceUrl('javascript:alert(1)', 'path')).toBeNull();
    expect(reduceUrl('not a url', 'path')).toBeNull();
  });
});

describe('checkRevealRequest', () => {
  const ok = {
    kind: 'CPF',
    value: '12345678909',
    url: 'https://a.example/x',
    reasonId: 'customer-request',
    reasonText: '',
  };

  it('accepts a valid request', () => {
    expect(checkRevealRequest(ok, DEFAULT_POLICY, true)).toBeNull();
  });

  it('names the failing field', () => {
    expect(checkRevealRequest({ ...ok, reasonId: 'nope' }, DEFAULT_POLICY, true)?.field).toBe('reasonId');
    expect(checkRevealRequest({ ...ok, reasonId: 'other' }, DEFAULT_POLICY, true)?.field).toBe('reasonText');
    expect(
      checkRevealRequest({ ...ok, reasonId: 'other', reasonText: 'ok' }, DEFAULT_POLICY, true),
    ).toBeNull();
    expect(checkRevealRequest({ ...ok, value: '' }, DEFAULT_POLICY, true)?.field).toBe('value');
    expect(checkRevealRequest({ ...ok, kind: '<script>' }, DEFAULT_POLICY, true)?.field).toBe('kind');
    expect(checkRevealRequest({ ...ok, url: 'file:///etc' }, DEFAULT_POLICY, true)?.field).toBe('url');
    expect(checkRevealRequest({ ...ok, reasonText: 'x'.repeat(501) }, DEFAULT_POLICY, true)?.field).toBe(
      'reasonText',
    );
  });

  it('messages never quote the value', () => {
    const problem = checkRevealRequest({ ...ok, reasonId: 'other' }, DEFAULT_POLICY, true);
    expect(JSON.stringify(problem)).not.toContain(ok.value);
  });

  it('does not require a reason for a cancelled dialog', () => {
    expect(checkRevealRequest({ ...ok, reasonId: undefined }, DEFAULT_POLICY, false)).toBeNull();
  });
});

describe('clampTimestamp', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');
  it('keeps a page timestamp close to ours and replaces a far one', () => {
    expect(clampTimestamp('2026-01-01T11:59:58.500Z', now)).toBe('2026-01-01T11:59:58.500Z');
    expect(clampTimestamp('2020-01-01T00:00:00Z', now)).toBe('2026-01-01T12:00:00.000Z');
    expect(clampTimestamp('garbage', now)).toBe('2026-01-01T12:00:00.000Z');
  });
});
