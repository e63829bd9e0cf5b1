import {
  bbCheckDigit,
  cnpjCheckDigits,
  cnsFromPrefix,
  cpfCheckDigits,
  luhnCheckDigit,
  pisCheckDigit,
  rgSpCheckDigit,
  VALID_DDDS,
} from './check-digits';
import { digits, pick, type Rng, randInt } from './rng';
import { CITIES, type CityInfo, EMAIL_DOMAINS } from './vocabulary';

/** Formatted, checksum-valid synthetic values. Each takes the caller's seeded Rng. */

export function genCpf(rng: Rng): string {
  let base = digits(rng, 9);
  // 111.111.111-11 and friends pass the arithmetic but are rejected everywhere.
  while (/^(\d)\1{8}$/.test(base)) base = digits(rng, 9);
  const d = base + cpfCheckDigits(base);
  return `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6, 9)}-${d.slice(9)}`;
}

function formatCnpj(c: string): string {
  return `${c.slice(0, 2)}.${c.slice(2, 5)}.${c.slice(5, 8)}/${c.slice(8, 12)}-${c.slice(12)}`;
}

/** Numeric CNPJ of a head office (branch 0001). */
export function genCnpj(rng: Rng): string {
  let root = digits(rng, 8);
  while (/^(\d)\1{7}$/.test(root)) root = digits(rng, 8);
  const base = `${root}0001`;
  return formatCnpj(base + cnpjCheckDigits(base));
}

const DIGITS = '0123456789';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Alphanumeric CNPJ (from July 2026): letters in the root and branch, numeric check digits. */
export function genCnpjAlnum(rng: Rng): string {
  // Mostly digits with some letters, like the Receita's own example 12.ABC.345/01DE-35.
  let base = '';
  for (let i = 0; i < 12; i++) {
    const pool = rng() < 0.35 ? LETTERS : DIGITS;
    base += pool[Math.floor(rng() * pool.length)];
  }
  // Guarantee it is really alphanumeric: at least one letter in the root and one in the branch.
  const chars = base.split('');
  chars[2] = LETTERS[Math.floor(rng() * LETTERS.length)] as string;
  chars[10] = LETTERS[Math.floor(rng() * LETTERS.length)] as string;
  base = chars.join('');
  return formatCnpj(base + cnpjCheckDigits(base));
}

export function genRg(rng: Rng): string {
  const base = `${randInt(rng, 1, 5)}${digits(rng, 7)}`;
  return `${base.slice(0, 2)}.${base.slice(2, 5)}.${base.slice(5, 8)}-${rgSpCheckDigit(base)}`;
}

export function genPis(rng: Rng): string {
  let base = `1${digits(rng, 9)}`;
  while (/^(\d)\1{9}$/.test(base)) base = `1${digits(rng, 9)}`;
  const d = base + pisCheckDigit(base);
  return `${d.slice(0, 3)}.${d.slice(3, 8)}.${d.slice(8, 10)}-${d.slice(10)}`;
}

export function genCns(rng: Rng): string {
  const d = cnsFromPrefix(`${randInt(rng, 1, 2)}${digits(rng, 10)}`);
  return `${d.slice(0, 3)} ${d.slice(3, 7)} ${d.slice(7, 11)} ${d.slice(11)}`;
}

/** Mobile number: DDD + 9 + 8 digits, as Anatel's plan has required since 2016. */
export function genMobile(rng: Rng, ddd: number = pick(rng, VALID_DDDS)): string {
  return `(${ddd}) 9${randInt(rng, 6, 9)}${digits(rng, 3)}-${digits(rng, 4)}`;
}

/** Landline: DDD + 8 digits starting 2-5. */
export function genLandline(rng: Rng, ddd: number = pick(rng, VALID_DDDS)): string {
  return `(${ddd}) ${randInt(rng, 2, 5)}${digits(rng, 3)}-${digits(rng, 4)}`;
}

export function genCep(rng: Rng, city: CityInfo = pick(rng, CITIES)): string {
  const prefix = String(randInt(rng, city.cepFrom, city.cepTo)).padStart(5, '0');
  return `${prefix}-${digits(rng, 3)}`;
}

export type CardBrand = 'Visa' | 'Mastercard' | 'Elo';

/** Issuer prefixes (BIN ranges) of each brand; Elo's are from its published ranges. */
const CARD_PREFIXES: Record<CardBrand, readonly string[]> = {
  Visa: ['4'],
  Mastercard: ['51', '52', '53', '54', '55'],
  Elo: ['636368', '636297', '504175', '509066', '650487'],
};

export function genCard(rng: Rng, brand: CardBrand): string {
  const partial = pick(rng, CARD_PREFIXES[brand]);
  const body = partial + digits(rng, 15 - partial.length);
  const d = body + luhnCheckDigit(body);
  return `${d.slice(0, 4)} ${d.slice(4, 8)} ${d.slice(8, 12)} ${d.slice(12)}`;
}

export function genCardExpiry(rng: Rng): string {
  return `${String(randInt(rng, 1, 12)).padStart(2, '0')}/${randInt(rng, 27, 32)}`;
}

/** Banco do Brasil agência (4 digits + DV) and conta corrente (8 digits + DV). */
export function genAgencia(rng: Rng): string {
  const base = digits(rng, 4);
  return `${base}-${bbCheckDigit(base)}`;
}

export function genConta(rng: Rng): string {
  const base = `${randInt(rng, 1, 9)}${digits(rng, 7)}`;
  return `${base}-${bbCheckDigit(base)}`;
}

/** ASCII local part for an e-mail: "João Silva" -> "joao.silva". */
export function emailLocalPart(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z ]/g, '')
    .trim()
    .replace(/\s+/g, '.');
}

export function genEmail(rng: Rng, name: string): string {
  const suffix = rng() < 0.5 ? String(randInt(rng, 1, 99)) : '';
  return `${emailLocalPart(name)}${suffix}@${pick(rng, EMAIL_DOMAINS)}`;
}
