import { genCpf, genEmail, genMobile } from './generators';
import { createRng, pick, randInt } from './rng';
import { CITIES, FIRST_NAMES, SURNAMES } from './vocabulary';

export const QUEUE_DEFAULT_ROWS = 1000;
/** Upper bound for ?rows=N, so a typo cannot freeze the tab. */
export const QUEUE_MAX_ROWS = 20000;

export type QueueChannel = 'Telefone' | 'Chat' | 'WhatsApp' | 'E-mail';
export type QueueStatus = 'Aguardando' | 'Atendendo' | 'Retorno';

export interface QueueRow {
  position: number;
  protocol: string;
  name: string;
  cpf: string;
  phone: string;
  email: string;
  city: string;
  uf: string;
  channel: QueueChannel;
  status: QueueStatus;
  waitSeconds: number;
}

const CHANNELS: readonly QueueChannel[] = ['Telefone', 'Chat', 'WhatsApp', 'E-mail'];
const STATUSES: readonly QueueStatus[] = ['Aguardando', 'Aguardando', 'Atendendo', 'Retorno'];

/**
 * Row i of the queue. Each row has its own seed, so row 17 is the same whether
 * the page shows 1,000 rows or 5,000, and a test can compute any row directly.
 */
export function queueRow(index: number): QueueRow {
  const rng = createRng(`sigilo-demo:queue:${index}`);
  const first = pick(rng, FIRST_NAMES);
  const last = pick(rng, SURNAMES);
  const place = pick(rng, CITIES);
  return {
    position: index + 1,
    protocol: `AT-${480000 + index}`,
    name: `${first} ${last}`,
    cpf: genCpf(rng),
    phone: genMobile(rng, place.ddd),
    email: genEmail(rng, `${first} ${last}`),
    city: place.city,
    uf: place.uf,
    channel: pick(rng, CHANNELS),
    status: pick(rng, STATUSES),
    waitSeconds: randInt(rng, 5, 1800),
  };
}

export function queueRows(count: number): QueueRow[] {
  const n = Math.max(0, Math.min(QUEUE_MAX_ROWS, Math.floor(count)));
  return Array.from({ length: n }, (_, i) => queueRow(i));
}
