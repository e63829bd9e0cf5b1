/**
 * Check-digit algorithms for the synthetic demo data. They live here, not in
 * src/core/detect, on purpose: the demo is the independent oracle the detectors
 * are tested against, so it must not share (and silently share bugs with) the
 * detector code.
 */

function onlyDigits(value: string): string {
  return value.replace(/\D/g, '');
}

/** Σ value(char) × weight, where a CNPJ character's value is its char code − 48. */
function weightedSum(chars: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += (chars.charCodeAt(i) - 48) * (weights[i] ?? 0);
  return sum;
}

/** Mod-11 rule shared by CPF and CNPJ: a remainder below 2 gives 0. */
function mod11Digit(sum: number): number {
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
}

/** The two CPF check digits for 9 base digits. */
export function cpfCheckDigits(base9: string): string {
  if (!/^\d{9}$/.test(base9)) throw new Error('CPF base must be 9 digits');
  const d1 = mod11Digit(weightedSum(base9, [10, 9, 8, 7, 6, 5, 4, 3, 2]));
  const d2 = mod11Digit(weightedSum(base9 + d1, [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]));
  return `${d1}${d2}`;
}

export function isValidCpf(value: string): boolean {
  const d = onlyDigits(value);
  if (d.length !== 11 || /^(\d)\1{10}$/.test(d)) return false;
  return cpfCheckDigits(d.slice(0, 9)) === d.slice(9);
}

const CNPJ_W1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2] as const;
const CNPJ_W2 = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2] as const;

/**
 * The two CNPJ check digits for a 12-character base. Since the 2026 alphanumeric
 * CNPJ (Receita Federal, IN RFB 2.229/2024) the base may hold 0-9 and A-Z; each
 * character counts as its char code − 48, which keeps numeric CNPJs unchanged.
 */
export function cnpjCheckDigits(base12: string): string {
  if (!/^[0-9A-Z]{12}$/.test(base12)) throw new Error('CNPJ base must be 12 characters 0-9/A-Z');
  const d1 = mod11Digit(weightedSum(base12, CNPJ_W1));
  const d2 = mod11Digit(weightedSum(base12 + d1, CNPJ_W2));
  return `${d1}${d2}`;
}

export function isValidCnpj(value: string): boolean {
  const c = value.toUpperCase().replace(/[.\-/\s]/g, '');
  if (!/^[0-9A-Z]{12}\d{2}$/.test(c) || /^(\d)\1{13}$/.test(c)) return false;
  return cnpjCheckDigits(c.slice(0, 12)) === c.slice(12);
}

/** Luhn (mod 10) check digit for a card number without its last digit. */
export function luhnCheckDigit(partial: string): number {
  let sum = 0;
  // Walking from the right, the digit next to the (future) check digit is doubled.
  for (let i = partial.length - 1, double = true; i >= 0; i--, double = !double) {
    let n = partial.charCodeAt(i) - 48;
    if (double) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidLuhn(value: string): boolean {
  const d = onlyDigits(value);
  if (d.length < 12) return false;
  return luhnCheckDigit(d.slice(0, -1)) === Number(d.slice(-1));
}

/** PIS/PASEP/NIT: 10 digits weighted 3,2,9..2; 11 − rest, and 10 or 11 become 0. */
export function pisCheckDigit(base10: string): number {
  if (!/^\d{10}$/.test(base10)) throw new Error('PIS base must be 10 digits');
  const r = 11 - (weightedSum(base10, [3, 2, 9, 8, 7, 6, 5, 4, 3, 2]) % 11);
  return r >= 10 ? 0 : r;
}

export function isValidPis(value: string): boolean {
  const d = onlyDigits(value);
  if (d.length !== 11 || /^(\d)\1{10}$/.test(d)) return false;
  return pisCheckDigit(d.slice(0, 10)) === Number(d[10]);
}

/**
 * Definitive CNS (Cartão Nacional de Saúde, starts with 1 or 2), built from an
 * 11-digit PIS-like prefix as the Ministry of Health's routine does.
 */
export function cnsFromPrefix(prefix11: string): string {
  if (!/^[12]\d{10}$/.test(prefix11)) throw new Error('CNS prefix must be 11 digits starting with 1 or 2');
  let sum = 0;
  for (let i = 0; i < 11; i++) sum += (prefix11.charCodeAt(i) - 48) * (15 - i);
  let dv = 11 - (sum % 11);
  if (dv === 11) dv = 0;
  if (dv === 10) {
    dv = 11 - ((sum + 2) % 11);
    return `${prefix11}001${dv}`;
  }
  return `${prefix11}000${dv}`;
}

/** Every CNS (definitive 1/2 and provisional 7/8/9): Σ digit × (15 − position) ≡ 0 (mod 11). */
export function isValidCns(value: string): boolean {
  const d = onlyDigits(value);
  if (!/^[12789]\d{14}$/.test(d)) return false;
  let sum = 0;
  for (let i = 0; i < 15; i++) sum += (d.charCodeAt(i) - 48) * (15 - i);
  return sum % 11 === 0;
}

/** RG (São Paulo SSP rule): 8 digits weighted 2..9; 11 − rest, 10 is 'X', 11 is '0'. */
export function rgSpCheckDigit(base8: string): string {
  if (!/^\d{8}$/.test(base8)) throw new Error('RG base must be 8 digits');
  const r = 11 - (weightedSum(base8, [2, 3, 4, 5, 6, 7, 8, 9]) % 11);
  return r === 10 ? 'X' : r === 11 ? '0' : String(r);
}

export function isValidRgSp(value: string): boolean {
  const c = value.toUpperCase().replace(/[.\-\s]/g, '');
  if (!/^\d{8}[\dX]$/.test(c)) return false;
  return rgSpCheckDigit(c.slice(0, 8)) === c[8];
}

/**
 * Banco do Brasil's mod-11 digit for agência (weights 5..2) and conta
 * (weights 9..2): 11 − rest, 10 is 'X', 11 is '0'.
 */
export function bbCheckDigit(base: string): string {
  if (!/^\d{4}$|^\d{8}$/.test(base)) throw new Error('BB agência has 4 digits, conta 8');
  const weights = base.length === 4 ? [5, 4, 3, 2] : [9, 8, 7, 6, 5, 4, 3, 2];
  const r = 11 - (weightedSum(base, weights) % 11);
  return r === 10 ? 'X' : r === 11 ? '0' : String(r);
}

export function isValidBbNumber(value: string): boolean {
  const c = value.toUpperCase().replace(/[.\-\s]/g, '');
  if (!/^(\d{4}|\d{8})[\dX]$/.test(c)) return false;
  return bbCheckDigit(c.slice(0, -1)) === c.slice(-1);
}

/**
 * Brazilian area codes (DDD) in use, per Anatel's numbering plan. A phone with
 * any other two-digit prefix is not a valid Brazilian number.
 */
export const VALID_DDDS: readonly number[] = [
  11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 28, 31, 32, 33, 34, 35, 37, 38, 41, 42, 43, 44, 45, 46,
  47, 48, 49, 51, 53, 54, 55, 61, 62, 63, 64, 65, 66, 67, 68, 69, 71, 73, 74, 75, 77, 79, 81, 82, 83, 84, 85,
  86, 87, 88, 89, 91, 92, 93, 94, 95, 96, 97, 98, 99,
];
