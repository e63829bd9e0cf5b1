import { describe, expect, it } from 'vitest';
import { mayContainSensitive, scan } from '../../../src/core/detect/scanner';
import type { DetectorType } from '../../../src/core/detect/types';

/** [type, value] pairs found in `text`, in order. */
function found(text: string, types?: DetectorType[]): [string, string][] {
  return scan(text, types ? { types } : undefined).map((m) => [m.type, text.slice(m.start, m.end)]);
}

describe('scan', () => {
  it('finds CPF in dotted, plain, glued, spaced and dashed forms', () => {
    expect(found('Meu CPF é 529.982.247-25.')).toEqual([['CPF', '529.982.247-25']]);
    expect(found('cpf:52998224725')).toEqual([['CPF', '52998224725']]);
    expect(found('CPF 529 982 247 25 ok')).toEqual([['CPF', '529 982 247 25']]);
    expect(found('CPF: 529982247-25')).toEqual([['CPF', '529982247-25']]);
  });

  it('rejects a CPF with wrong check digits and repeated digits', () => {
    expect(found('CPF 529.982.247-26')).toEqual([]);
    expect(found('CPF 111.111.111-11')).toEqual([]);
  });

  it('finds numeric and alphanumeric CNPJ', () => {
    expect(found('CNPJ 11.222.333/0001-81')).toEqual([['CNPJ', '11.222.333/0001-81']]);
    expect(found('cnpj 11222333000181')).toEqual([['CNPJ', '11222333000181']]);
    // Alphanumeric example from the Receita Federal specification.
    expect(found('CNPJ: 12.ABC.345/01DE-35')).toEqual([['CNPJ', '12.ABC.345/01DE-35']]);
    expect(found('CNPJ: 12.ABC.345/01DE-36')).toEqual([]);
  });

  it('finds cards with Luhn and brand, not other 16-digit numbers', () => {
    expect(found('cartão 4111 1111 1111 1111')).toEqual([['CARD', '4111 1111 1111 1111']]);
    expect(found('cartão 4111-1111-1111-1111')).toEqual([['CARD', '4111-1111-1111-1111']]);
    expect(found('amex 3782 822463 10005')).toEqual([['CARD', '3782 822463 10005']]);
    expect(found('cartão 4111 1111 1111 1112')).toEqual([]);
  });

  it('finds e-mails', () => {
    expect(found('email: Ana.Silva+sac@Empresa.com.br.')).toEqual([
      ['EMAIL', 'Ana.Silva+sac@Empresa.com.br'],
    ]);
    expect(found('foo@bar sem dominio, a..b@x.com')).toEqual([]);
  });

  it('finds Brazilian and international phones', () => {
    expect(found('tel (11) 98765-4321')).toEqual([['PHONE', '(11) 98765-4321']]);
    expect(found('+55 (21) 3456-7890')).toEqual([['PHONE', '+55 (21) 3456-7890']]);
    expect(found('whats 11987654321')).toEqual([['PHONE', '11987654321']]);
    expect(found('ligue 0xx11 98765-4321')).toEqual([['PHONE', '0xx11 98765-4321']]);
    expect(found('call +1 415 555 2671')).toEqual([['PHONE', '+1 415 555 2671']]);
    // 20 is not a Brazilian area code, and the subscriber part alone is glued to it.
    expect(found('tel (20) 98765-4321')).toEqual([]);
  });

  it('keeps UTF-16 offsets with emoji and NBSP around values', () => {
    const text = '📞\u00a0(11)\u00a098765-4321 ✅ cpf\u00a0529.982.247-25🙂';
    expect(found(text)).toEqual([
      ['PHONE', '(11)\u00a098765-4321'],
      ['CPF', '529.982.247-25'],
    ]);
  });

  it('ignores values inside money, URLs and longer digit runs', () => {
    expect(found('R$ 1.234.567,89')).toEqual([]);
    expect(found('veja https://crm.local/clientes/52998224725?x=1')).toEqual([]);
    expect(found('cod 5299822472512')).toEqual([]);
    expect(found('id 529.982.247-25.33')).toEqual([]);
    expect(found('x@52998224725')).toEqual([]);
  });

  it('limits detectors with types and drops low confidence per type', () => {
    const text = 'CPF 529.982.247-25 tel (11) 98765-4321';
    expect(found(text, ['PHONE'])).toEqual([['PHONE', '(11) 98765-4321']]);
    expect(scan('52998224725', { minConfidence: { CPF: 0.9 } })).toEqual([]);
    expect(scan('52998224725')).toHaveLength(1);
  });

  it('returns matches sorted and non-overlapping', () => {
    const ms = scan('a 529.982.247-25 b 11.222.333/0001-81 c 4111111111111111 d x@y.com');
    for (let k = 1; k < ms.length; k++) expect(ms[k]!.start).toBeGreaterThanOrEqual(ms[k - 1]!.end);
    expect(ms.map((m) => m.type)).toEqual(['CPF', 'CNPJ', 'CARD', 'EMAIL']);
  });
});

describe('mayContainSensitive', () => {
  it('is false for text that cannot hold a value and true otherwise', () => {
    expect(mayContainSensitive('Olá, tudo bem? Posso ajudar.')).toBe(false);
    expect(mayContainSensitive('cpf 529.982.247-25')).toBe(true);
    expect(mayContainSensitive('a@b.com')).toBe(true);
  });
});

describe('labelled names and addresses', () => {
  it('finds names after labels and intros, not chat speaker greetings', () => {
    expect(found('Nome: Maria da Silva, CPF 529.982.247-25')).toEqual([
      ['NAME', 'Maria da Silva'],
      ['CPF', '529.982.247-25'],
    ]);
    expect(found('oi, me chamo Ana Souza')).toEqual([['NAME', 'Ana Souza']]);
    expect(found('[08:12] Cliente: Bom dia, tudo bem?')).toEqual([]);
    expect(found('[08:12] Cliente: Olá Maria, tudo bem?')).toEqual([]);
    expect(found('Falei com a Maria Silva ontem')).toEqual([]);
  });

  it('finds addresses after labels and street words with a number', () => {
    expect(found('Endereço: Rua das Flores, 123 - Centro CEP 01310-100')).toEqual([
      ['ADDRESS', 'Rua das Flores, 123 - Centro'],
      ['CEP', '01310-100'],
    ]);
    expect(found('moro na Av. Paulista, nº 1000 perto')).toEqual([['ADDRESS', 'Av. Paulista, nº 1000']]);
    expect(found('moro na rua de cima')).toEqual([]);
  });
});

describe('robustness', () => {
  it('never throws and returns sorted, in-bounds, non-overlapping matches on random input', () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const alphabet = '0123456789 .-/:,()+@xXABCcpfCPF\u00a0\n\t😀éÇ#$%_';
    for (let round = 0; round < 300; round++) {
      let text = '';
      const len = Math.floor(rand() * 200);
      for (let k = 0; k < len; k++) text += alphabet[Math.floor(rand() * alphabet.length)];
      const ms = scan(text);
      let end = 0;
      for (const m of ms) {
        expect(m.start).toBeGreaterThanOrEqual(end);
        expect(m.end).toBeGreaterThan(m.start);
        expect(m.end).toBeLessThanOrEqual(text.length);
        expect(m.confidence).toBeGreaterThanOrEqual(0.5);
        expect(m.confidence).toBeLessThanOrEqual(1);
        end = m.end;
      }
    }
  });

  it('gives the same result when called again (no state leaks between scans)', () => {
    const text = 'SSN: 614535459 e CPF 52998224725, tel 11987654321';
    const first = scan(text);
    scan('CNH 02650306461 RG 12.345.678-9 nascimento 01/02/1990');
    expect(scan(text)).toEqual(first);
  });
});
