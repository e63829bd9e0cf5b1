import { describe, expect, it } from 'vitest';
import { brandOk, isElo, luhnValid } from '../../../src/core/detect/card';
import { cnhValid } from '../../../src/core/detect/cnh';
import { cnpjCheckDigits, cnpjValid } from '../../../src/core/detect/cnpj';
import { cnsValid } from '../../../src/core/detect/cns';
import { cpfValid } from '../../../src/core/detect/cpf';
import { ibanValid } from '../../../src/core/detect/iban';
import { ipv6Valid } from '../../../src/core/detect/ip';
import { isDdd } from '../../../src/core/detect/phone';
import { pisValid } from '../../../src/core/detect/pis';
import { scan } from '../../../src/core/detect/scanner';
import { ssnValid } from '../../../src/core/detect/ssn';

const digits = (s: string) => Array.from(s, (c) => c.charCodeAt(0) - 48);
const codes = (s: string) => Array.from(s, (c) => c.charCodeAt(0));
const types = (text: string) => scan(text).map((m) => `${m.type}:${text.slice(m.start, m.end)}`);

describe('check digits', () => {
  it('CPF mod 11', () => {
    expect(cpfValid(digits('52998224725'))).toBe(true);
    expect(cpfValid(digits('52998224726'))).toBe(false);
  });

  it('CNPJ numeric and alphanumeric (char code - 48)', () => {
    expect(cnpjValid(codes('11222333000181'))).toBe(true);
    // Example published with the alphanumeric CNPJ specification.
    expect(cnpjCheckDigits('12ABC34501DE')).toBe('35');
    expect(cnpjValid(codes('12ABC34501DE35'))).toBe(true);
    expect(cnpjValid(codes('12ABC34501DE53'))).toBe(false);
  });

  it('cards: Luhn, brands and lengths, Elo and Hipercard', () => {
    expect(luhnValid(digits('4111111111111111'), 16)).toBe(true);
    expect(luhnValid(digits('4111111111111112'), 16)).toBe(false);
    expect(brandOk(digits('6062825624254001'), 16)).toBe(true); // Hipercard
    expect(isElo(636368)).toBe(true);
    expect(brandOk(digits('378282246310005'), 15)).toBe(true); // Amex
    expect(brandOk(digits('3782822463100051'), 16)).toBe(false); // Amex has 15 digits
    expect(brandOk(digits('9111111111111111'), 16)).toBe(false);
  });

  it('PIS, CNH, CNS', () => {
    expect(pisValid(digits('12056412545'))).toBe(true);
    expect(pisValid(digits('12056412546'))).toBe(false);
    expect(cnhValid(digits('02650306461'))).toBe(true);
    expect(cnhValid(digits('02650306462'))).toBe(false);
    expect(cnsValid(digits('700000000000005'))).toBe(true);
    expect(cnsValid(digits('700000000000006'))).toBe(false);
    expect(cnsValid(digits('300000000000003'))).toBe(false); // first digit 3 is never issued
  });

  it('IBAN mod 97', () => {
    const iban = 'GB82WEST12345698765432';
    expect(ibanValid(codes(iban), iban.length)).toBe(true);
    const bad = 'GB83WEST12345698765432';
    expect(ibanValid(codes(bad), bad.length)).toBe(false);
  });

  it('SSN never-issued ranges', () => {
    expect(ssnValid(digits('123456789'))).toBe(true);
    for (const s of ['000123456', '666123456', '900123456', '123006789', '123450000'])
      expect(ssnValid(digits(s))).toBe(false);
  });

  it('IPv6 parser', () => {
    const ok = (s: string) => ipv6Valid(s, 0, s.length);
    expect(ok('2001:db8::1')).toBe(true);
    expect(ok('2001:0db8:85a3:0000:0000:8a2e:0370:7334')).toBe(true);
    expect(ok('::ffff:192.168.0.1')).toBe(true);
    expect(ok('2001:db8::1::2')).toBe(false);
    expect(ok('12:30:45')).toBe(false);
  });

  it('Brazilian area codes', () => {
    expect(isDdd(11)).toBe(true);
    expect(isDdd(20)).toBe(false);
    expect(isDdd(99)).toBe(true);
  });
});

describe('context raises confidence but never replaces a check', () => {
  it('a CPF word does not make an invalid CPF a match', () => {
    expect(types('CPF: 529.982.247-26')).toEqual([]);
  });

  it('context words are required for the context-only types', () => {
    expect(types('CNH 02650306461')).toEqual(['CNH:02650306461']);
    expect(types('número 02650306461 ok')).not.toContain('CNH:02650306461');
    expect(types('RG: 12.345.678-9')).toEqual(['RG:12.345.678-9']);
    expect(types('código 12.345.678-9')).toEqual([]);
    expect(types('nascimento: 01/02/1990')).toEqual(['DATE_OF_BIRTH:01/02/1990']);
    expect(types('vencimento: 01/02/2030')).toEqual([]);
  });

  it('raises confidence near a label', () => {
    const [plain] = scan('52998224725');
    const [labelled] = scan('CPF 52998224725');
    expect(labelled!.confidence).toBeGreaterThan(plain!.confidence);
  });

  it('all caps, emoji and NBSP around values', () => {
    expect(types('MEU E-MAIL: ANA.SILVA@EMPRESA.COM.BR 😀')).toEqual(['EMAIL:ANA.SILVA@EMPRESA.COM.BR']);
    expect(types('🔒CPF\u00a0529.982.247-25\u00a0✅')).toEqual(['CPF:529.982.247-25']);
    expect(types('CEP\u202f01310-100')).toEqual(['CEP:01310-100']);
  });

  it('ignores GUIDs, versions, timestamps, boletos', () => {
    expect(types('id 123e4567-e89b-12d3-a456-426614174000')).toEqual([]);
    expect(types('versão 10.2.3.4')).toEqual([]);
    expect(types('2024-05-17T12:30:45Z')).toEqual([]);
    expect(types('23790.12345 60000.123456 78901.234567 8 12340000010000')).toEqual([]);
  });
});
