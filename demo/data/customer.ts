import {
  type CardBrand,
  genAgencia,
  genCard,
  genCardExpiry,
  genCep,
  genCnpj,
  genCnpjAlnum,
  genCns,
  genConta,
  genCpf,
  genEmail,
  genLandline,
  genMobile,
  genPis,
  genRg,
} from './generators';
import { createRng, pick, randInt } from './rng';
import { CITIES, COMPANY_WORDS, DISTRICTS, FIRST_NAMES, STREETS, SURNAMES } from './vocabulary';

/** One synthetic customer of the demo CRM. Flat on purpose: tests assert `RECORD.cpf` etc. */
export interface Customer {
  id: string;
  name: string;
  birthDate: string;
  cpf: string;
  rg: string;
  companyName: string;
  cnpj: string;
  /** Alphanumeric CNPJ (letters in the base, check digits from char code − 48). */
  cnpjAlnum: string;
  phone: string;
  phoneLandline: string;
  email: string;
  street: string;
  streetNumber: string;
  district: string;
  city: string;
  uf: string;
  /** "Rua X, 123 — Bairro, Cidade/UF" (no CEP; the CEP is its own field). */
  address: string;
  cep: string;
  cardBrand: CardBrand;
  card: string;
  cardExpiry: string;
  bankCode: string;
  bankName: string;
  agencia: string;
  conta: string;
  pis: string;
  cns: string;
}

const BRANDS: readonly CardBrand[] = ['Visa', 'Mastercard', 'Elo'];

/** The seed of the n-th demo customer; customer 0 is RECORD. */
export function customerSeed(index: number): string {
  return `sigilo-demo:customer:${index}`;
}

export function generateCustomer(index: number): Customer {
  const rng = createRng(customerSeed(index));
  // Stepping by 7 (coprime with the list's 20) gives neighbouring customers different first names.
  const first = FIRST_NAMES[(index * 7 + randInt(rng, 0, 2)) % FIRST_NAMES.length] as string;
  const last1 = pick(rng, SURNAMES);
  let last2 = pick(rng, SURNAMES);
  while (last2 === last1) last2 = pick(rng, SURNAMES);
  const name = `${first} ${last1} ${last2}`;
  const place = pick(rng, CITIES);
  const street = pick(rng, STREETS);
  const streetNumber = String(randInt(rng, 10, 2999));
  const district = pick(rng, DISTRICTS);
  const birthDate = `${String(randInt(rng, 1, 28)).padStart(2, '0')}/${String(randInt(rng, 1, 12)).padStart(2, '0')}/${randInt(rng, 1955, 2003)}`;
  const cardBrand = BRANDS[index % BRANDS.length] as CardBrand;
  return {
    id: `CLI-${String(100231 + index * 7).padStart(6, '0')}`,
    name,
    birthDate,
    cpf: genCpf(rng),
    rg: genRg(rng),
    companyName: `${last2} ${pick(rng, COMPANY_WORDS)} Ltda`,
    cnpj: genCnpj(rng),
    cnpjAlnum: genCnpjAlnum(rng),
    phone: genMobile(rng, place.ddd),
    phoneLandline: genLandline(rng, place.ddd),
    email: genEmail(rng, `${first} ${last1}`),
    street,
    streetNumber,
    district,
    city: place.city,
    uf: place.uf,
    address: `${street}, ${streetNumber} — ${district}, ${place.city}/${place.uf}`,
    cep: genCep(rng, place),
    cardBrand,
    card: genCard(rng, cardBrand),
    cardExpiry: genCardExpiry(rng),
    bankCode: '001',
    bankName: 'Banco do Brasil',
    agencia: genAgencia(rng),
    conta: genConta(rng),
    pis: genPis(rng),
    cns: genCns(rng),
  };
}
