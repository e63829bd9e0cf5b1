import { chatMessages, queueRows } from '../demo/data';
import { Detector } from '../src/content/detect';
import { toContentPolicy } from '../src/core/policy/active';
import { DEFAULT_POLICY } from '../src/core/policy/defaults';
import type { Bench, BenchRow } from './table';

/**
 * What detection costs the page: the content script's own per-text-node path (Detector.skips,
 * then Detector.spans) over the text nodes of the demo workspace's pages, in Node (no DOM: the
 * texts are the ones those pages render). The 5,000-row queue table gives one text node per cell
 * and header; the chat gives author, time and message text per message. Figures are ns per text
 * node and MB/s of page text, median of 7 passes.
 */
const ROWS = 5000;
const MESSAGES = 2000;
const PASSES = 7;

function queueTexts(): string[] {
  const out = [
    'Fila de atendimento',
    'Protocolo',
    'Cliente',
    'CPF',
    'Telefone',
    'E-mail',
    'UF',
    'Canal',
    'Situação',
    'Espera',
  ];
  for (const r of queueRows(ROWS)) {
    const wait = `${Math.floor(r.waitSeconds / 60)}:${String(r.waitSeconds % 60).padStart(2, '0')}`;
    out.push(r.protocol, r.name, r.cpf, r.phone, r.email, r.uf, r.channel, r.status, wait);
  }
  return out;
}

function chatTexts(): string[] {
  const out: string[] = [];
  for (const m of chatMessages(0, MESSAGES)) out.push(m.author, m.time, m.text);
  return out;
}

/** ns per text node and MB/s, running the content script's detection as it does per text node. */
function measure(detector: Detector, texts: readonly string[]): { ns: number; mbps: number; spans: number } {
  const bytes = texts.reduce((a, t) => a + Buffer.byteLength(t, 'utf8'), 0);
  let spans = 0;
  const pass = () => {
    let found = 0;
    for (const t of texts) if (!detector.skips(t)) found += detector.spans(t, null).length;
    return found;
  };
  spans = pass();
  const times: number[] = [];
  for (let r = 0; r < PASSES; r++) {
    const t0 = performance.now();
    pass();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const ms = times[times.length >> 1]!;
  return { ns: (ms * 1e6) / texts.length, mbps: bytes / 1e6 / (ms / 1000), spans };
}

const bench: Bench = {
  name: 'detect-page',
  async run(): Promise<BenchRow[]> {
    const detector = new Detector(toContentPolicy(DEFAULT_POLICY), 'https://crm.example/queue');
    const rows: BenchRow[] = [];
    for (const [name, texts] of [
      [`queue table (${ROWS} rows)`, queueTexts()],
      [`chat (${MESSAGES} messages)`, chatTexts()],
    ] as const) {
      const m = measure(detector, texts);
      rows.push({
        section: 'detect-page',
        metric: `${name}: ns per text node (${texts.length} nodes, ${m.spans} spans)`,
        sigilo: m.ns.toFixed(0),
        baseline: 'before: see report',
        ratio: '',
        goal: 'lower than before',
      });
      rows.push({
        section: 'detect-page',
        metric: `${name}: MB/s of page text`,
        sigilo: m.mbps.toFixed(1),
        baseline: '',
        ratio: '',
        goal: 'higher than before',
      });
    }
    return rows;
  },
};

export default bench;
