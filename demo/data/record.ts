import { type Customer, generateCustomer } from './customer';

/**
 * The main customer of the demo CRM record page, written out literally so a test
 * can say "RECORD.cpf must be masked" and a reader sees the exact value. A unit
 * test proves it equals generateCustomer(0) and that every check digit is valid.
 */
export const RECORD: Customer = {
  id: 'CLI-100231',
  name: 'Ana Almeida Ferreira',
  birthDate: '11/11/1973',
  cpf: '620.190.597-97',
  rg: '38.474.118-6',
  companyName: 'Ferreira Comércio de Alimentos Ltda',
  cnpj: '39.524.847/0001-00',
  cnpjAlnum: '86.XB8.P53/Y5NF-83',
  phone: '(48) 98011-6596',
  phoneLandline: '(48) 4296-5632',
  email: 'ana.almeida63@example.com',
  street: 'Rua Quinze de Novembro',
  streetNumber: '333',
  district: 'Boa Vista',
  city: 'Florianópolis',
  uf: 'SC',
  address: 'Rua Quinze de Novembro, 333 — Boa Vista, Florianópolis/SC',
  cep: '88076-532',
  cardBrand: 'Visa',
  card: '4154 2259 6992 6970',
  cardExpiry: '09/28',
  bankCode: '001',
  bankName: 'Banco do Brasil',
  agencia: '8798-X',
  conta: '41758160-2',
  pis: '115.89668.39-6',
  cns: '133 6974 3055 0018',
};

/** The customers record.html switches between; the first is RECORD. */
export const CUSTOMERS: readonly Customer[] = [RECORD, ...[1, 2, 3, 4, 5].map(generateCustomer)];

/** One Luhn-valid card per brand (RECORD's card is the Visa one). */
export const CARDS = {
  visa: RECORD.card,
  mastercard: (CUSTOMERS[1] as Customer).card,
  elo: (CUSTOMERS[2] as Customer).card,
} as const;
