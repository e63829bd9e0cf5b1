import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redactor } from '@redactpii/node';
import { scan } from '../src/core/detect/scanner';
import { DETECTOR_TYPES } from '../src/core/detect/types';
import { evaluate, loadCorpus, type Score } from '../test/fixtures/corpus/evaluate';
import { chunks, contactCenterText, denseText, shortTexts } from './detect/contact-center';
import { makePeers, type Peer } from './detect/peers';
import { type Bench, type BenchRow, ratio } from './table';

/**
 * Detection: scanner throughput side by side in this process with the npm peers on the same
 * inputs, single thread:
 * - typical contact-center text (>= 10 MB, a value in about one line in four), in 64 KB chunks
 *   (how DOM text arrives), against every peer;
 * - PII-dense text (a value about every 100 bytes), whole in 64 KB chunks and split into ~140-byte
 *   texts scanned one by one (table cells, chat lines), and the cost of one call on a short text
 *   without candidates, against @redactpii/node (the fastest peer);
 * - the scan CLI as a whole process on a 60 MB dense file (read, scan, write JSON lines; and
 *   --mask) against a node process redacting the same file with @redactpii/node in 64 KB blocks;
 * then per-type F1 of Sigilo and of each peer on the labelled corpus.
 * Peers are slow, so each gets a fixed time budget over the same chunks (MB/s is still exact).
 */
const SIZE = 10_500_000;
const DENSE_SIZE = 8_000_000;
const CLI_SIZE = 60_000_000;
const CHUNK = 64 * 1024;
const SHORT = 140;
const PEER_BUDGET_MS = 6_000;
const FAST_PEER_BUDGET_MS = 3_000;

function mbps(bytes: number, ms: number): number {
  return bytes / 1e6 / (ms / 1000);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/** Wall-clock and CPU-time throughput (the machines are shared: CPU seconds are steadier). */
interface Speed {
  wall: number;
  cpu: number;
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

async function peerThroughput(
  detect: (text: string) => unknown,
  parts: string[],
  sizes: number[],
  budgetMs = PEER_BUDGET_MS,
): Promise<Speed> {
  let bytes = 0;
  const t0 = performance.now();
  const c0 = cpuMs();
  for (let k = 0; k < parts.length; k++) {
    await detect(parts[k]!);
    bytes += sizes[k]!;
    if (performance.now() - t0 > budgetMs) break;
  }
  return { wall: mbps(bytes, performance.now() - t0), cpu: mbps(bytes, cpuMs() - c0) };
}

/** Sigilo (or `f`) over all parts: one warm-up pass, then the median of 5 timed passes. */
function ourThroughput(
  parts: string[],
  bytes: number,
  f: (text: string) => { length: number } = scan,
): Speed & { found: number } {
  let found = 0;
  for (const p of parts) found += f(p).length;
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    const c0 = cpuMs();
    for (const p of parts) f(p);
    wall.push(mbps(bytes, performance.now() - t0));
    cpu.push(mbps(bytes, cpuMs() - c0));
  }
  return { wall: median(wall), cpu: median(cpu), found };
}

/** Time per call of `f` on `text`, in ns (median of 5 batches). */
function nsPerCall(f: (t: string) => unknown, text: string, calls: number): number {
  for (let k = 0; k < 1000; k++) f(text);
  const batches: number[] = [];
  for (let r = 0; r < 5; r++) {
    const c0 = cpuMs();
    for (let k = 0; k < calls; k++) f(text);
    batches.push(((cpuMs() - c0) * 1e6) / calls);
  }
  return median(batches);
}

function bytesOf(parts: string[]): number[] {
  return parts.map((p) => Buffer.byteLength(p, 'utf8'));
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

// Floors, to show what a goal asks of any scanner in this runtime: one pass over the characters
// doing nothing but a class-table load per character, and the search for the characters a value
// needs (digit, '@', ':') that the scanner starts from. Both return a count so no pass is elided.
const CLASS = new Uint8Array(65536);
for (let c = 0x30; c <= 0x39; c++) CLASS[c] = 1;
CLASS[0x40] = 1;
CLASS[0x3a] = 1;
function barePass(text: string): { length: number } {
  let n = 0;
  for (let i = 0; i < text.length; i++) n += CLASS[text.charCodeAt(i)]!;
  return { length: n };
}
const SPOT = /[0-9@:]/g;
function spotSearch(text: string): { length: number } {
  SPOT.lastIndex = 0;
  let n = 0;
  while (SPOT.test(text)) n++;
  return { length: n };
}

/** Rows comparing the floors on `parts` with 5x the peer's CPU throughput on the same text. */
function floorRows(label: string, parts: string[], bytes: number, peerCpu: number, peer: string): BenchRow[] {
  const need = 5 * peerCpu;
  const rows: BenchRow[] = [];
  for (const [name, f] of [
    ['one bare pass (charCodeAt + table load per char, no work)', barePass],
    ['spot search alone (regex [0-9@:] over every spot)', spotSearch],
  ] as const) {
    const v = ourThroughput(parts, bytes, f).cpu;
    rows.push({
      section: 'detect',
      metric: `floor on ${label}: ${name}, MB per CPU-second`,
      sigilo: v.toFixed(1),
      baseline: `${need.toFixed(1)} (5x ${peer})`,
      ratio: ratio(v, need, 2),
      goal: 'evidence: 5x peer needs the scanner at this ratio of the floor',
    });
  }
  return rows;
}

/**
 * CPU time of the children this process has waited for, in ms (Linux: cutime + cstime in
 * /proc/self/stat), or NaN elsewhere. On shared cores a process's CPU seconds are steadier than
 * its wall time.
 */
function childrenCpuMs(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields after the command name start at field 3 (state); cutime and cstime are fields 16 and 17.
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}
/** USER_HZ: 100 on every Linux the bench runs on. */
const CLOCK_TICKS = 100;

/** Wall and CPU time of a process writing its stdout to `out`. */
function processMs(args: string[], out: string): { wall: number; cpu: number } {
  const fd = openSync(out, 'w');
  try {
    const c0 = childrenCpuMs();
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { stdio: ['ignore', fd, 'pipe'], maxBuffer: 1 << 20 });
    const wall = performance.now() - t0;
    if (r.status !== 0)
      throw new Error(`${args.join(' ')} exited ${r.status}: ${String(r.stderr).slice(0, 80)}`);
    return { wall, cpu: childrenCpuMs() - c0 };
  } finally {
    closeSync(fd);
  }
}

function cliRows(): BenchRow[] {
  const root = path.resolve(import.meta.dirname, '..');
  execFileSync(process.execPath, [path.join(root, 'scripts/build-cli.mjs'), '--if-stale']);
  const dir = mkdtempSync(path.join(tmpdir(), 'sigilo-bench-cli-'));
  try {
    const file = path.join(dir, 'dense.txt');
    writeFileSync(file, denseText(CLI_SIZE));
    const mb = statSync(file).size / 1e6;
    const cli = path.join(root, 'dist-cli/scan.js');
    const peer = path.join(root, 'bench/detect/peer-redact.mjs');
    const out = path.join(dir, 'out');
    type Run = { wall: number; cpu: number };
    const runs = { scan: [] as Run[], mask: [] as Run[], peer: [] as Run[] };
    // Interleaved A/B/C rounds so machine noise hits all three alike.
    for (let r = 0; r < 2; r++) {
      runs.scan.push(processMs([cli, file], out));
      runs.mask.push(processMs([cli, '--mask', file], out));
      runs.peer.push(processMs([peer, file], out));
    }
    // Best of the rounds: noise only adds time.
    const best = (xs: Run[], k: keyof Run) => Math.min(...xs.map((x) => x[k]));
    const speed = (k: keyof Run) =>
      [best(runs.scan, k), best(runs.mask, k), best(runs.peer, k)].map((ms) => mbps(mb * 1e6, ms)) as [
        number,
        number,
        number,
      ];
    const [scanMb, maskMb, peerMb] = speed('wall');
    const [scanCpu, maskCpu, peerCpu] = speed('cpu');
    const base = `${peerMb.toFixed(1)} (@redactpii/node process, 64 KB blocks)`;
    const baseCpu = `${peerCpu.toFixed(1)} (@redactpii/node process)`;
    return [
      {
        section: 'detect',
        metric: `CLI process MB/s, ${mb.toFixed(0)} MB dense file -> JSON lines (node dist-cli/scan.js)`,
        sigilo: scanMb.toFixed(1),
        baseline: base,
        ratio: ratio(scanMb, peerMb, 1),
        goal: '>= 3x peer process',
      },
      {
        section: 'detect',
        metric: `CLI process MB/s, ${mb.toFixed(0)} MB dense file -> masked text (--mask)`,
        sigilo: maskMb.toFixed(1),
        baseline: base,
        ratio: ratio(maskMb, peerMb, 1),
        goal: '>= 2x peer process',
      },
      {
        section: 'detect',
        metric: 'CLI process MB per CPU-second -> JSON lines',
        sigilo: scanCpu.toFixed(1),
        baseline: baseCpu,
        ratio: ratio(scanCpu, peerCpu, 1),
        goal: '>= 3x peer process',
      },
      {
        section: 'detect',
        metric: 'CLI process MB per CPU-second -> masked text (--mask)',
        sigilo: maskCpu.toFixed(1),
        baseline: baseCpu,
        ratio: ratio(maskCpu, peerCpu, 1),
        goal: '>= 2x peer process',
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const bench: Bench = {
  name: 'detect',
  async run(): Promise<BenchRow[]> {
    const rows: BenchRow[] = [];
    const text = contactCenterText(SIZE);
    const parts = chunks(text, CHUNK);
    const sizes = bytesOf(parts);
    const total = sum(sizes);

    const ours = ourThroughput(parts, total);
    const peers = makePeers();
    const peerSpeed = new Map<string, Speed | string>();
    for (const peer of peers) {
      try {
        await peer.detect(parts[0]!.slice(0, 2000)); // warm-up
        peerSpeed.set(peer.name, await peerThroughput((t) => peer.detect(t), parts, sizes));
      } catch (e) {
        peerSpeed.set(peer.name, `cannot run: ${(e as Error).message.slice(0, 40)}`);
      }
    }
    const speeds = [...peerSpeed].filter((e): e is [string, Speed] => typeof e[1] !== 'string');
    const fastest = speeds.sort((a, b) => b[1].wall - a[1].wall)[0];
    const fastestCpu = [...speeds].sort((a, b) => b[1].cpu - a[1].cpu)[0];
    rows.push({
      section: 'detect',
      metric: `typical text MB/s wall (${(total / 1e6).toFixed(1)} MB, ${ours.found} matches, 64 KB chunks)`,
      sigilo: ours.wall.toFixed(1),
      baseline: fastest ? `${fastest[1].wall.toFixed(2)} (${fastest[0]})` : 'n/a',
      ratio: fastest ? ratio(ours.wall, fastest[1].wall, 1) : 'n/a',
      goal: '>= 100 MB/s, >= 5x fastest peer',
    });
    rows.push({
      section: 'detect',
      metric: 'typical text MB per CPU-second (shared cores)',
      sigilo: ours.cpu.toFixed(1),
      baseline: fastestCpu ? `${fastestCpu[1].cpu.toFixed(2)} (${fastestCpu[0]})` : 'n/a',
      ratio: fastestCpu ? ratio(ours.cpu, fastestCpu[1].cpu, 1) : 'n/a',
      goal: '>= 100 MB/s, >= 5x fastest peer',
    });
    if (fastestCpu) rows.push(...floorRows('typical text', parts, total, fastestCpu[1].cpu, fastestCpu[0]));
    for (const [name, v] of peerSpeed) {
      rows.push({
        section: 'detect',
        metric: `typical text vs ${name} (wall)`,
        sigilo: ours.wall.toFixed(1),
        baseline: typeof v === 'string' ? v : v.wall.toFixed(2),
        ratio: typeof v === 'string' ? 'n/a' : ratio(ours.wall, v.wall, 1),
        goal: '>= 5x',
      });
    }

    // PII-dense text, whole (64 KB chunks) and as short texts, against @redactpii/node.
    const rp = new Redactor({});
    const redact = (t: string) => rp.redact(t);
    const dense = denseText(DENSE_SIZE);
    const denseParts = chunks(dense, CHUNK);
    const denseSizes = bytesOf(denseParts);
    const short = shortTexts(dense, SHORT);
    const shortSizes = bytesOf(short);
    const oursDense = ourThroughput(denseParts, sum(denseSizes));
    const oursShort = ourThroughput(short, sum(shortSizes));
    const peerDense = await peerThroughput(redact, denseParts, denseSizes, FAST_PEER_BUDGET_MS);
    const peerShort = await peerThroughput(redact, short, shortSizes, FAST_PEER_BUDGET_MS);
    const perValue = (dense.length / oursDense.found).toFixed(0);
    rows.push({
      section: 'detect',
      metric: `dense text MB/s wall (${(sum(denseSizes) / 1e6).toFixed(1)} MB, a value every ${perValue} chars, 64 KB chunks)`,
      sigilo: oursDense.wall.toFixed(1),
      baseline: `${peerDense.wall.toFixed(2)} (@redactpii/node)`,
      ratio: ratio(oursDense.wall, peerDense.wall, 1),
      goal: '>= 40 MB/s, >= 5x peer',
    });
    rows.push({
      section: 'detect',
      metric: 'dense text MB per CPU-second',
      sigilo: oursDense.cpu.toFixed(1),
      baseline: `${peerDense.cpu.toFixed(2)} (@redactpii/node)`,
      ratio: ratio(oursDense.cpu, peerDense.cpu, 1),
      goal: '>= 40 MB/s, >= 5x peer',
    });
    rows.push(...floorRows('dense text', denseParts, sum(denseSizes), peerDense.cpu, '@redactpii/node'));
    const avg = (dense.length / short.length).toFixed(0);
    rows.push({
      section: 'detect',
      metric: `dense text as ${short.length} short texts (~${avg} chars) one by one, MB/s wall`,
      sigilo: oursShort.wall.toFixed(1),
      baseline: `${peerShort.wall.toFixed(2)} (@redactpii/node)`,
      ratio: ratio(oursShort.wall, peerShort.wall, 1),
      goal: 'within 2x of whole dense text',
    });
    rows.push({
      section: 'detect',
      metric: 'short texts vs whole dense text (Sigilo, MB per CPU-second)',
      sigilo: oursShort.cpu.toFixed(1),
      baseline: `${oursDense.cpu.toFixed(1)} (whole)`,
      ratio: ratio(oursShort.cpu, oursDense.cpu, 2),
      goal: '>= 0.5x',
    });
    const none = 'Olá, boa tarde! Em que posso ajudar você hoje com a sua fatura?';
    if (scan(none).length !== 0) throw new Error('the no-candidate text has a match');
    const oursNs = nsPerCall(scan, none, 200_000);
    const peerNs = nsPerCall(redact, none, 20_000);
    rows.push({
      section: 'detect',
      metric: `ns per call, ${none.length}-char text without candidates (CPU)`,
      sigilo: oursNs.toFixed(0),
      baseline: `${peerNs.toFixed(0)} (@redactpii/node)`,
      ratio: ratio(peerNs, oursNs, 1),
      goal: 'lower than peer',
    });

    rows.push(...cliRows());

    // Quality on the labelled corpus.
    const cases = loadCorpus();
    const mine = evaluate(cases, (t) => scan(t));
    const peerScores: [Peer, Score][] = [];
    for (const peer of peers) {
      if (typeof peerSpeed.get(peer.name) === 'string') continue;
      const preds: Map<string, Awaited<ReturnType<Peer['detect']>>> = new Map();
      for (const c of cases) preds.set(c.id, await peer.detect(c.text));
      const byText = new Map(cases.map((c) => [c.text, preds.get(c.id)!]));
      peerScores.push([peer, evaluate(cases, (t) => byText.get(t) ?? [], peer.types)]);
    }
    for (const t of DETECTOR_TYPES) {
      const s = mine.perType.get(t);
      const ourF1 = s ? s.f1 : Number.NaN;
      let best: [string, number] | undefined;
      const cells: string[] = [];
      for (const [peer, score] of peerScores) {
        if (!peer.types.has(t)) continue;
        const f = score.perType.get(t)?.f1 ?? 0;
        cells.push(`${peer.name} ${f.toFixed(2)}`);
        if (!best || f > best[1]) best = [peer.name, f];
      }
      rows.push({
        section: 'detect',
        metric: `F1 ${t}`,
        sigilo: ourF1.toFixed(3),
        baseline: cells.length > 0 ? cells.join(', ') : 'no peer detects it',
        ratio: best ? ratio(ourF1, best[1]) : 'n/a',
        goal: '> every peer',
      });
    }
    const hard = (s: Score) => `${s.hardNegativesWithMatch}/${s.hardNegativeCases}`;
    rows.push({
      section: 'detect',
      metric: 'hard negatives with any match',
      sigilo: hard(mine),
      baseline: peerScores.map(([p, s]) => `${p.name} ${hard(s)}`).join(', '),
      ratio: '',
      goal: '<= 1%',
    });
    return rows;
  },
};

export default bench;
