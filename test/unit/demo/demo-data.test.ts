import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CARDS,
  CHAT_CUSTOMER,
  CHAT_TEMPLATE_COUNT,
  CUSTOMERS,
  type Customer,
  chatMessage,
  chatMessages,
  FORMS,
  generateCustomer,
  IFRAME,
  NOTE_TEXT,
  QUEUE_MAX_ROWS,
  queueRow,
  queueRows,
  RECORD,
  SHADOW,
  TEXTAREA_TEXT,
  VALID_DDDS,
} from '../../../demo/data/index';
import { CITIES } from '../../../demo/data/vocabulary';
import { refBb, refCnpj, refCns, refCpf, refLuhn, refPis, refRgSp } from './reference-validators';

const PHONE = /^\((\d{2})\) (9\d{4}|[2-5]\d{3})-\d{4}$/;
const EMAIL = /^[a-z.]+\d*@(mail\.)?example\.(com|net|org)$/;

const isPhone = (v: string) => PHONE.test(v) && VALID_DDDS.includes(Number(v.slice(1, 3)));
const isEmail = (v: string) => EMAIL.test(v);
const isCep = (v: string) => /^\d{5}-\d{3}$/.test(v);

function expectValidPhone(phone: string): void {
  const m = PHONE.exec(phone);
  expect(m, phone).not.toBeNull();
  expect(VALID_DDDS).toContain(Number(m?.[1]));
}

function expectValidCustomer(c: Customer): void {
  expect(refCpf(c.cpf), c.cpf).toBe(true);
  expect(c.cpf).toMatch(/^\d{3}\.\d{3}\.\d{3}-\d{2}$/);
  expect(refCnpj(c.cnpj), c.cnpj).toBe(true);
  expect(c.cnpj).toMatch(/^\d{2}\.\d{3}\.\d{3}\/0001-\d{2}$/);
  expect(refCnpj(c.cnpjAlnum), c.cnpjAlnum).toBe(true);
  expect(c.cnpjAlnum).toMatch(/^[0-9A-Z]{2}\.[0-9A-Z]{3}\.[0-9A-Z]{3}\/[0-9A-Z]{4}-\d{2}$/);
  expect(c.cnpjAlnum).toMatch(/[A-Z]/);
  expect(refRgSp(c.rg), c.rg).toBe(true);
  expect(refPis(c.pis), c.pis).toBe(true);
  expect(refCns(c.cns), c.cns).toBe(true);
  expect(refLuhn(c.card), c.card).toBe(true);
  expect(c.card).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
  expect(refBb(c.agencia), c.agencia).toBe(true);
  expect(refBb(c.conta), c.conta).toBe(true);
  expectValidPhone(c.phone);
  expectValidPhone(c.phoneLandline);
  expect(c.phone).toMatch(/\) 9/);
  expect(c.email).toMatch(EMAIL);
  expect(c.cep).toMatch(/^\d{5}-\d{3}$/);
  expect(c.address).toContain(c.city);
}

describe('RECORD (the main customer of record.html)', () => {
  it('is written out literally and equals what the seeded generator makes', () => {
    expect(RECORD).toEqual(generateCustomer(0));
    expect(CUSTOMERS[0]).toBe(RECORD);
  });

  it('has valid check digits in every field', () => {
    expectValidCustomer(RECORD);
  });
});

describe('customers', () => {
  it('are all valid, distinct, and stable across calls', () => {
    for (const c of [...CUSTOMERS, CHAT_CUSTOMER]) expectValidCustomer(c);
    expect(new Set(CUSTOMERS.map((c) => c.cpf)).size).toBe(CUSTOMERS.length);
    expect(new Set(CUSTOMERS.map((c) => c.name)).size).toBe(CUSTOMERS.length);
    expect(generateCustomer(3)).toEqual(generateCustomer(3));
  });

  it('phones use the DDD of the customer city (the CEP range too)', () => {
    for (const c of CUSTOMERS) {
      const city = CITIES.find((x) => x.city === c.city);
      expect(city, c.city).toBeDefined();
      expect(c.phone.startsWith(`(${city?.ddd})`)).toBe(true);
      const prefix = Number(c.cep.slice(0, 5));
      expect(prefix).toBeGreaterThanOrEqual(city?.cepFrom ?? Number.NaN);
      expect(prefix).toBeLessThanOrEqual(city?.cepTo ?? Number.NaN);
    }
  });

  it('CARDS has one Luhn-valid card per brand with the right issuer prefix', () => {
    expect(CARDS.visa).toMatch(/^4/);
    expect(CARDS.mastercard).toMatch(/^5[1-5]/);
    expect(CARDS.elo.replace(/ /g, '')).toMatch(/^(636368|636297|504175|509066|650487)/);
    for (const card of Object.values(CARDS)) expect(refLuhn(card)).toBe(true);
  });
});

describe('queue rows', () => {
  it('are valid and independent of how many rows are asked for', () => {
    const rows = queueRows(1000);
    expect(rows).toHaveLength(1000);
    expect(queueRows(5000)[999]).toEqual(rows[999]);
    expect(queueRow(17)).toEqual(rows[17]);
    for (const r of rows) {
      expect(refCpf(r.cpf), r.cpf).toBe(true);
      expectValidPhone(r.phone);
      expect(r.email).toMatch(EMAIL);
    }
    expect(new Set(rows.map((r) => r.cpf)).size).toBe(1000);
  });

  it('clamps ?rows to [0, QUEUE_MAX_ROWS]', () => {
    expect(queueRows(-5)).toHaveLength(0);
    expect(queueRows(QUEUE_MAX_ROWS + 10)).toHaveLength(QUEUE_MAX_ROWS);
  });
});

describe('chat messages', () => {
  const valid: Record<string, (v: string) => boolean> = {
    CPF: refCpf,
    CNPJ: refCnpj,
    CARD: refLuhn,
    PIS: refPis,
    CNS: refCns,
    RG: refRgSp,
    BANK_ACCOUNT: refBb,
    PHONE: isPhone,
    EMAIL: isEmail,
    CEP: isCep,
  };

  it('state every PII value they contain, each valid and present in the text', () => {
    const messages = chatMessages(0, 500);
    const types = new Set<string>();
    for (const m of messages) {
      for (const p of m.pii) {
        expect(m.text).toContain(p.value);
        expect(valid[p.type]?.(p.value), `${p.type} ${p.value}`).toBe(true);
        types.add(p.type);
      }
    }
    expect([...types].sort()).toEqual(Object.keys(valid).sort());
  });

  it('are deterministic; every fifth is the agent, without PII', () => {
    expect(chatMessage(123)).toEqual(chatMessage(123));
    for (let i = 0; i < 50; i++) {
      const m = chatMessage(i);
      expect(m.from).toBe(i % 5 === 4 ? 'agent' : 'customer');
      if (m.from === 'agent') expect(m.pii).toEqual([]);
    }
  });

  it('cycle through every template, including messages with numbers that are not PII', () => {
    const customer = chatMessages(0, 2 * CHAT_TEMPLATE_COUNT).filter((m) => m.from === 'customer');
    expect(customer.filter((m) => m.pii.length === 0).length).toBeGreaterThan(0);
    expect(customer.some((m) => m.pii.length === 2)).toBe(true);
    // Customer turn k and k + CHAT_TEMPLATE_COUNT use the same template with other values.
    const shape = (text = '') => text.replace(/\d/g, '#');
    expect(shape(customer[0]?.text)).toBe(shape(customer[CHAT_TEMPLATE_COUNT]?.text));
    expect(customer[0]?.text).not.toBe(customer[CHAT_TEMPLATE_COUNT]?.text);
  });
});

describe('values of the static pages', () => {
  it('forms, shadow and iframe values are valid', () => {
    for (const cpf of [
      FORMS.inputCpf,
      FORMS.hiddenCpf,
      FORMS.placeholderCpf,
      FORMS.textareaCpf,
      FORMS.reactCpf,
    ])
      expect(refCpf(cpf), cpf).toBe(true);
    expect(refLuhn(FORMS.inputCard)).toBe(true);
    expect(refLuhn(FORMS.noteCard)).toBe(true);
    for (const phone of [
      FORMS.titlePhone,
      FORMS.textareaPhone,
      FORMS.selectPhone,
      SHADOW.closedPhone,
      IFRAME.srcdocPhone,
    ])
      expectValidPhone(phone);
    for (const email of [FORMS.ariaEmail, FORMS.noteEmail, SHADOW.lateEmail, IFRAME.srcEmail])
      expect(email).toMatch(EMAIL);
    expect(refCpf(SHADOW.openCpf)).toBe(true);
    expect(refCnpj(SHADOW.declarativeCnpj)).toBe(true);
    expect(refCpf(IFRAME.srcCpf)).toBe(true);
    expect(refLuhn(IFRAME.blankCard)).toBe(true);
    expect(refCnpj(IFRAME.parentCnpj)).toBe(true);
    expect(TEXTAREA_TEXT).toContain(FORMS.textareaCpf);
    expect(NOTE_TEXT).toContain(FORMS.noteEmail);
  });
});

describe('test/fixtures/pages/basic.html', () => {
  it('holds the RECORD values its comment names', () => {
    const html = readFileSync(new URL('../../fixtures/pages/basic.html', import.meta.url), 'utf8');
    for (const value of [RECORD.cpf, RECORD.phone, RECORD.email]) expect(html).toContain(`>${value}<`);
  });
});
