import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fingerprint, generateFingerprintKey, normalizeValue } from '../../../src/core/audit/fingerprint';

describe('normalizeValue', () => {
  it('drops formatting so formatted and bare values agree', () => {
    expect(normalizeValue('123.456.789-09')).toBe('12345678909');
    expect(normalizeValue('(11) 98888-7777')).toBe('11988887777');
    expect(normalizeValue('12.345.678/0001-95')).toBe('12345678000195');
    expect(normalizeValue(' 4111 1111 1111 1111 ')).toBe('4111111111111111');
  });

  it('applies NFKC and uppercases', () => {
    // Full-width digits and letters (what some IMEs type) fold to ASCII.
    expect(normalizeValue('１２３ａｂｃ')).toBe('123ABC');
    expect(normalizeValue('Ana@Example.com')).toBe('ANA@EXAMPLECOM');
  });
});

describe('fingerprint', () => {
  it('is hex HMAC-SHA-256 of the normalised value keyed by the UTF-8 key', async () => {
    const expected = createHmac('sha256', 'org-key').update('12345678909').digest('hex');
    expect(await fingerprint('org-key', '123.456.789-09')).toBe(expected);
  });

  it('correlates the same value in different formats, separates different values and keys', async () => {
    const a = await fingerprint('k', '123.456.789-09');
    expect(await fingerprint('k', '12345678909')).toBe(a);
    expect(await fingerprint('k', '123.456.789-10')).not.toBe(a);
    expect(await fingerprint('other', '12345678909')).not.toBe(a);
  });

  it('never contains the value', async () => {
    const value = '12345678909';
    expect(await fingerprint('k', value)).not.toContain(value);
  });

  it('refuses an empty key', async () => {
    await expect(fingerprint('', 'x')).rejects.toThrow(/empty key/);
  });

  it('generates distinct 256-bit install keys', () => {
    const a = generateFingerprintKey();
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(generateFingerprintKey()).not.toBe(a);
  });
});
