import { type Customer, generateCustomer } from './customer';
import {
  genAgencia,
  genCard,
  genCep,
  genCnpj,
  genCnpjAlnum,
  genCns,
  genConta,
  genCpf,
  genEmail,
  genMobile,
  genPis,
  genRg,
} from './generators';
import type { PiiValue } from './pii';
import { createRng, type Rng } from './rng';

/** The customer the demo chat is with. */
export const CHAT_CUSTOMER: Customer = generateCustomer(7);
export const CHAT_AGENT = 'Agente Júlia';

export interface ChatMessage {
  index: number;
  id: string;
  from: 'customer' | 'agent';
  author: string;
  /** HH:MM, from a fixed clock so screenshots and tests do not depend on the time of day. */
  time: string;
  text: string;
  /** Every sensitive value in `text`, in order; empty for messages that hold none. */
  pii: PiiValue[];
}

type Template = (rng: Rng) => { text: string; pii: PiiValue[] };

const one =
  (type: PiiValue['type'], make: (rng: Rng) => string, wrap: (v: string) => string): Template =>
  (rng) => {
    const value = make(rng);
    return { text: wrap(value), pii: [{ type, value }] };
  };

/**
 * Customer messages, cycled in order so message i always uses template
 * i % length (tests rely on that). Free text, as customers write: values inside
 * sentences, next to punctuation, two values in one message, and some messages
 * with numbers that are NOT personal data (protocols, order numbers, prices).
 */
const CUSTOMER_TEMPLATES: readonly Template[] = [
  one('CPF', genCpf, (v) => `Oi, boa tarde! Meu CPF é ${v}, preciso de ajuda com a minha fatura.`),
  one(
    'PHONE',
    (r) => genMobile(r),
    (v) => `Se cair a ligação, pode me retornar no ${v}?`,
  ),
  one(
    'EMAIL',
    (r) => genEmail(r, `${CHAT_CUSTOMER.name.split(' ')[0]} ${CHAT_CUSTOMER.name.split(' ')[1]}`),
    (v) => `Manda o boleto pro e-mail ${v} por favor`,
  ),
  one(
    'CARD',
    (r) => genCard(r, 'Mastercard'),
    (v) => `O cartão cadastrado é ${v}. Ele foi recusado ontem.`,
  ),
  () => ({ text: 'Meu pedido é o 4532-88 e o protocolo AT-2026-000917, valor R$ 1.249,90.', pii: [] }),
  one('CNPJ', genCnpj, (v) => `A nota precisa sair no CNPJ da empresa: ${v}`),
  one(
    'CEP',
    (r) => genCep(r),
    (v) => `Mudei de endereço, o CEP novo é ${v}.`,
  ),
  (rng) => {
    const cpf = genCpf(rng);
    const phone = genMobile(rng);
    return {
      text: `O CPF da minha mãe é ${cpf} e o celular dela ${phone}, ela também é titular.`,
      pii: [
        { type: 'CPF', value: cpf },
        { type: 'PHONE', value: phone },
      ],
    };
  },
  one('RG', genRg, (v) => `RG ${v} (SSP/SP), se precisar.`),
  one(
    'CARD',
    (r) => genCard(r, 'Elo'),
    (v) => `Tenho também um Elo: ${v}`,
  ),
  (rng) => {
    const agencia = genAgencia(rng);
    const conta = genConta(rng);
    return {
      text: `Pode estornar na minha conta do Banco do Brasil, agência ${agencia}, conta ${conta}.`,
      pii: [
        { type: 'BANK_ACCOUNT', value: agencia },
        { type: 'BANK_ACCOUNT', value: conta },
      ],
    };
  },
  one('PIS', genPis, (v) => `Meu PIS é ${v}`),
  one('CNS', genCns, (v) => `Cartão do SUS: ${v}`),
  one('CNPJ', genCnpjAlnum, (v) => `O CNPJ novo da filial já tem letras: ${v}. Aceita?`),
  () => ({ text: 'Obrigada pela paciência, fico no aguardo!', pii: [] }),
  one(
    'CARD',
    (r) => genCard(r, 'Visa').replace(/ /g, ''),
    (v) => `cartao ${v} validade 08/29`,
  ),
];

const AGENT_REPLIES = [
  'Certo, um momento enquanto verifico o cadastro.',
  'Obrigada! Já localizei aqui.',
  'Estou encaminhando para o setor responsável.',
  'Perfeito, consegue confirmar mais algum dado?',
];

const CLOCK_START_MINUTES = 14 * 60 + 2;

function clock(index: number): string {
  const minutes = (CLOCK_START_MINUTES + Math.floor(index / 2)) % (24 * 60);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Every fifth message is the agent's (no PII); the rest are the customer's. */
export function chatMessage(index: number): ChatMessage {
  const base = { index, id: `msg-${index}`, time: clock(index) };
  if (index % 5 === 4) {
    const text = AGENT_REPLIES[Math.floor(index / 5) % AGENT_REPLIES.length] as string;
    return { ...base, from: 'agent', author: CHAT_AGENT, text, pii: [] };
  }
  const customerTurn = index - Math.floor(index / 5);
  const template = CUSTOMER_TEMPLATES[customerTurn % CUSTOMER_TEMPLATES.length] as Template;
  const { text, pii } = template(createRng(`sigilo-demo:chat:${index}`));
  return { ...base, from: 'customer', author: CHAT_CUSTOMER.name, text, pii };
}

export function chatMessages(from: number, count: number): ChatMessage[] {
  return Array.from({ length: Math.max(0, count) }, (_, i) => chatMessage(from + i));
}

export const CHAT_TEMPLATE_COUNT = CUSTOMER_TEMPLATES.length;
