import { describe, expect, it } from 'vitest';
import {
  bbCheckDigit,
  cnpjCheckDigits,
  cnsFromPrefix,
  cpfCheckDigits,
  isValidBbNumber,
  isValidCnpj,
  isValidCns,
  isValidCpf,
  isValidLuhn,
  isValidPis,
  isValidRgSp,
  luhnCheckDigit,
} from '../../../demo/data/check-digits';
import {
  genAgencia,
  genCard,
  genCnpj,
  genCnpjAlnum,
  genCns,
  genConta,
  genCpf,
  genPis,
  genRg,
} from '../../../demo/data/generators';
import { createRng } from '../../../demo/data/rng';
import { refBb, refCnpj, refCns, refCpf, refLuhn, refPis, refRgSp } from './reference-validators';

/** Changes the last check digit, which must make any of these values invalid. */
function breakLastDigit(value: string): string {
  const last = value.at(-1) as string;
  const next = last === 'X' ? '0' : String((Number(last) + 1) % 10);
  return value.slice(0, -1) + next;
}

describe('check digits against published examples', () => {
  it('CPF 529.982.247-25 (a widely published test CPF)', () => {
    expect(cpfCheckDigits('529982247')).toBe('25');
    expect(isValidCpf('529.982.247-25')).toBe(true);
    expect(isValidCpf('529.982.247-24')).toBe(false);
    expect(isValidCpf('111.111.111-11')).toBe(false);
  });

  it('numeric CNPJ 11.222.333/0001-81', () => {
    expect(cnpjCheckDigits('112223330001')).toBe('81');
    expect(isValidCnpj('11.222.333/0001-81')).toBe(true);
    expect(isValidCnpj('11.222.333/0001-80')).toBe(false);
  });

  it("alphanumeric CNPJ: the Receita Federal's example 12.ABC.345/01DE-35 (char code − 48)", () => {
    expect(cnpjCheckDigits('12ABC34501DE')).toBe('35');
    expect(isValidCnpj('12.ABC.345/01DE-35')).toBe(true);
    expect(isValidCnpj('12.ABC.345/01DE-36')).toBe(false);
  });

  it('Luhn on the standard test card numbers', () => {
    expect(luhnCheckDigit('411111111111111')).toBe(1);
    expect(isValidLuhn('4111 1111 1111 1111')).toBe(true);
    expect(isValidLuhn('5555 5555 5555 4444')).toBe(true);
    expect(isValidLuhn('4111 1111 1111 1112')).toBe(false);
  });

  it('PIS 170.33259.50-4', () => {
    expect(isValidPis('170.33259.50-4')).toBe(true);
    expect(isValidPis('170.33259.50-5')).toBe(false);
  });

  it('CNS: definitive numbers built from a prefix satisfy the mod-11 sum', () => {
    const cns = cnsFromPrefix('12345678901');
    expect(cns).toMatch(/^12345678901\d{4}$/);
    expect(isValidCns(cns)).toBe(true);
    expect(refCns(cns)).toBe(true);
  });

  it('Banco do Brasil: 10 gives X', () => {
    // 0001: 0*5+0*4+0*3+1*2 = 2 -> 11-2 = 9; 0000 -> 11 -> '0'.
    expect(bbCheckDigit('0001')).toBe('9');
    expect(bbCheckDigit('0000')).toBe('0');
    expect(isValidBbNumber('0001-9')).toBe(true);
  });
});

describe('generated values pass an independent implementation (2,000 seeds each)', () => {
  const cases: Array<[string, (seed: number) => string, (v: string) => boolean, (v: string) => boolean]> = [
    ['CPF', (s) => genCpf(createRng(s)), refCpf, isValidCpf],
    ['CNPJ', (s) => genCnpj(createRng(s)), refCnpj, isValidCnpj],
    ['CNPJ alphanumeric', (s) => genCnpjAlnum(createRng(s)), refCnpj, isValidCnpj],
    ['RG', (s) => genRg(createRng(s)), refRgSp, isValidRgSp],
    ['PIS', (s) => genPis(createRng(s)), refPis, isValidPis],
    ['CNS', (s) => genCns(createRng(s)), refCns, isValidCns],
    ['Visa', (s) => genCard(createRng(s), 'Visa'), refLuhn, isValidLuhn],
    ['Mastercard', (s) => genCard(createRng(s), 'Mastercard'), refLuhn, isValidLuhn],
    ['Elo', (s) => genCard(createRng(s), 'Elo'), refLuhn, isValidLuhn],
    ['agência', (s) => genAgencia(createRng(s)), refBb, isValidBbNumber],
    ['conta', (s) => genConta(createRng(s)), refBb, isValidBbNumber],
  ];

  for (const [name, generate, reference, own] of cases) {
    it(name, () => {
      for (let seed = 0; seed < 2000; seed++) {
        const value = generate(seed);
        if (!reference(value) || !own(value))
          throw new Error(`${name} from seed ${seed} is invalid: ${value}`);
        // The validators are not vacuous: a wrong last digit is rejected by both.
        const broken = breakLastDigit(value);
        if (reference(broken) || own(broken)) throw new Error(`${name}: ${broken} should be invalid`);
      }
    });
  }

  it('alphanumeric CNPJs really contain letters', () => {
    for (let seed = 0; seed < 200; seed++) expect(genCnpjAlnum(createRng(seed))).toMatch(/[A-Z]/);
  });
});
