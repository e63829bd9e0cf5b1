// A synthetic contact-center transcript/CRM dump of a given size, built in memory: timestamped
// chat lines and CRM notes, mostly ordinary conversation with personal data in about one line
// in four (taken from the labelled corpus) and look-alike numbers (protocols, money, times).

import { loadCorpus } from '../../test/fixtures/corpus/evaluate';
import { seeded } from '../../test/fixtures/corpus/values';

const PROSE = [
  'Olá, boa tarde! Em que posso ajudar?',
  'Bom dia, estou com um problema na minha fatura deste mês.',
  'Entendo, vou verificar para você, só um momento por favor.',
  'O pagamento foi compensado ontem, pode levar até 48 horas para atualizar.',
  'Consegui localizar o seu cadastro aqui no sistema.',
  'Perfeito, muito obrigado pela ajuda!',
  'Posso ajudar em algo mais?',
  'A entrega está prevista para a próxima segunda-feira.',
  'Vou transferir o atendimento para o setor financeiro.',
  'Hello, thanks for contacting support. How can I help you today?',
  'I was charged twice for the same order last week.',
  'Let me check that for you, one moment please.',
  'Your refund was processed and should appear in 5 business days.',
  'Is there anything else I can help you with?',
  'Cliente relata instabilidade no serviço desde o dia 3, reinício não resolveu.',
  'Aberto chamado para equipe técnica, prazo de retorno de 24h.',
];
const NOISE = [
  'Protocolo 20240517883412 gerado para este atendimento.',
  'Valor em aberto: R$ 1.234,56 com vencimento em 10/06/2024.',
  'Versão do aplicativo 4.12.3, build 20240511.',
  'Pedido 7781234 enviado às 14:32.',
];

export function contactCenterText(bytes: number): string {
  const r = seeded(42);
  const pii = loadCorpus()
    .filter((c) => !c.hardNegative)
    .map((c) => c.text.replace(/\n/g, ' '));
  const parts: string[] = [];
  let size = 0;
  let minute = 0;
  while (size < bytes) {
    const x = r();
    const body =
      x < 0.25
        ? pii[Math.floor(r() * pii.length)]!
        : x < 0.32
          ? NOISE[Math.floor(r() * NOISE.length)]!
          : PROSE[Math.floor(r() * PROSE.length)]!;
    minute++;
    const who = r() < 0.5 ? 'Agente' : 'Cliente';
    const line = `[${String(8 + (((minute / 60) % 10) | 0)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}] ${who}: ${body}\n`;
    parts.push(line);
    size += line.length;
  }
  return parts.join('');
}

/**
 * A flat copy of a slice. Text the page or a file reader hands over is a flat string; a slice of
 * the generated text would be a view that V8 reads through an indirection on every charCodeAt
 * (~20% slower for the scanner), which no real input pays.
 */
function flat(s: string): string {
  return Buffer.from(s, 'utf16le').toString('utf16le');
}

/** Splits text into chunks of about `size` chars at line breaks (how DOM text arrives). */
export function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    const nl = text.indexOf('\n', end);
    end = nl < 0 ? text.length : nl + 1;
    out.push(flat(text.slice(start, end)));
    start = end;
  }
  return out;
}

const SHORT_PROSE = [
  'ok, obrigado',
  'pode conferir por favor?',
  'segue o dado pedido',
  'confirmo, está certo',
  'thanks, that is right',
  'please double check',
  'atualizado no cadastro',
  'conforme solicitado',
];

/**
 * PII-dense text: one labelled value (or two) about every 100 bytes, as in an exported CRM table
 * or a transcript where the agent collects the customer's data. Seeded, so every run and every
 * process sees the same text.
 */
export function denseText(bytes: number, seed = 7): string {
  const r = seeded(seed);
  const pii = loadCorpus()
    .filter((c) => !c.hardNegative)
    .map((c) => c.text.replace(/\n/g, ' '));
  const parts: string[] = [];
  let size = 0;
  let minute = 0;
  while (size < bytes) {
    minute++;
    const who = r() < 0.5 ? 'Agente' : 'Cliente';
    const body = pii[Math.floor(r() * pii.length)]!;
    const tail = `${SHORT_PROSE[Math.floor(r() * SHORT_PROSE.length)]!}, ${SHORT_PROSE[Math.floor(r() * SHORT_PROSE.length)]!}`;
    const line = `[${String(8 + (((minute / 60) % 10) | 0)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}] ${who}: ${body} ${tail}\n`;
    parts.push(line);
    size += line.length;
  }
  return parts.join('');
}

/** Splits text into pieces of about `size` chars at line breaks (table cells, chat lines). */
export function shortTexts(text: string, size: number): string[] {
  const out: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start + size - 60);
    end = end < 0 ? text.length : end + 1;
    out.push(flat(text.slice(start, end)));
    start = end;
  }
  return out;
}
