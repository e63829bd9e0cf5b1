// Admin tool to find (or mask) personal data in text files and exports:
//   npm run -s scan -- [--jsonl] [--types CPF,CARD] [--show-values | --mask [--style S] [--keep-last N]] [FILE|-]
// Plain mode prints one JSON object per match: {"start","end","type","confidence"}.
// --jsonl reads lines {"id":…,"text":…} and prints {"id":…,"matches":[…]} per line.
// --mask writes the input back with every detected value in its masked form (the same form the
// page shows, src/core/mask), the `text` field only in --jsonl mode.
// Raw values are printed only with --show-values (then each match gets a "value" field).
// Bad input lines are reported on stderr with their line number (never their content) and the
// exit code is 1; usage errors exit with 2.
//
// Input is streamed in 1 MB blocks and output written in ~1 MB blocks, so memory stays flat on
// inputs of any size. `npm run scan` runs the bundle dist-cli/scan.js (scripts/build-cli.mjs).

import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { scan } from '../core/detect/scanner';
import { DETECTOR_TYPES, type DetectorType, isDetectorType, type Match } from '../core/detect/types';
import { maskValue } from '../core/mask/mask-value';
import { DEFAULT_POLICY } from '../core/policy/defaults';
import type { MaskStyle } from '../core/policy/types';
import { MaskedWriter } from './masked';
import { BlockWriter } from './output';
import { TextWindows } from './windows';

const STYLES: readonly MaskStyle[] = ['full', 'partial', 'chip'];
/** The policy's own bounds for keepLast (src/core/policy/validate.ts). */
const KEEP_LAST_MAX = 4;

const USAGE = `usage: npm run -s scan -- [--jsonl] [--types CPF,CARD] [--show-values | --mask [--style S] [--keep-last N]] [FILE|-]
  --jsonl          input lines {"id":…,"text":…}; output lines {"id":…,"matches":[…]}
  --types LIST     comma-separated detector types (${DETECTOR_TYPES.join(', ')})
  --show-values    add the matched text as "value" (off by default: output may be shared)
  --mask           write the input with every detected value masked (--jsonl: the "text" field)
  --style S        mask style: ${STYLES.join(', ')} (default ${DEFAULT_POLICY.maskStyle})
  --keep-last N    characters left visible by "partial", 0-${KEEP_LAST_MAX} (default ${DEFAULT_POLICY.keepLast})
  FILE|-           input file, or - / nothing for standard input`;

interface Args {
  jsonl: boolean;
  types?: DetectorType[];
  showValues: boolean;
  mask: boolean;
  style: MaskStyle;
  keepLast: number;
  file: string;
}

class UsageError extends Error {}

function parseTypes(list: string): DetectorType[] {
  const out: DetectorType[] = [];
  for (const raw of list.split(',')) {
    const t = raw.trim().toUpperCase();
    if (t === '') continue;
    if (!isDetectorType(t)) {
      throw new UsageError(
        `unknown detector type "${raw.trim()}" in --types; known types: ${DETECTOR_TYPES.join(', ')}`,
      );
    }
    out.push(t);
  }
  if (out.length === 0) throw new UsageError('--types needs at least one detector type');
  return out;
}

function parseStyle(v: string): MaskStyle {
  const s = STYLES.find((x) => x === v);
  if (!s) throw new UsageError(`unknown mask style "${v}" in --style; known styles: ${STYLES.join(', ')}`);
  return s;
}

function parseKeepLast(v: string): number {
  if (!/^\d+$/.test(v) || Number(v) > KEEP_LAST_MAX)
    throw new UsageError(`--keep-last needs a whole number from 0 to ${KEEP_LAST_MAX} (got "${v}")`);
  return Number(v);
}

export function parseArgs(argv: readonly string[]): Args {
  const args: Args = {
    jsonl: false,
    showValues: false,
    mask: false,
    style: DEFAULT_POLICY.maskStyle,
    keepLast: DEFAULT_POLICY.keepLast,
    file: '-',
  };
  let file: string | undefined;
  let maskOption: string | undefined;
  const value = (k: number, name: string, example: string): string => {
    const v = argv[k];
    if (v === undefined) throw new UsageError(`${name} needs a value, e.g. ${name} ${example}`);
    return v;
  };
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k]!;
    if (a === '--jsonl') args.jsonl = true;
    else if (a === '--show-values') args.showValues = true;
    else if (a === '--mask') args.mask = true;
    else if (a === '--types') args.types = parseTypes(value(++k, '--types', 'CPF,CARD'));
    else if (a.startsWith('--types=')) args.types = parseTypes(a.slice('--types='.length));
    else if (a === '--style') {
      args.style = parseStyle(value(++k, '--style', 'full'));
      maskOption = '--style';
    } else if (a.startsWith('--style=')) {
      args.style = parseStyle(a.slice('--style='.length));
      maskOption = '--style';
    } else if (a === '--keep-last') {
      args.keepLast = parseKeepLast(value(++k, '--keep-last', '2'));
      maskOption = '--keep-last';
    } else if (a.startsWith('--keep-last=')) {
      args.keepLast = parseKeepLast(a.slice('--keep-last='.length));
      maskOption = '--keep-last';
    } else if (a === '-h' || a === '--help') throw new UsageError('');
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else if (file !== undefined)
      throw new UsageError(`only one input file is accepted (got "${file}" and "${a}")`);
    else file = a;
  }
  if (maskOption && !args.mask) throw new UsageError(`${maskOption} only applies with --mask`);
  if (args.mask && args.showValues)
    throw new UsageError('--show-values and --mask exclude each other (--mask prints no matches)');
  if (file !== undefined) args.file = file;
  return args;
}

const ascii = (s: string): Uint8Array => Buffer.from(s, 'latin1');
const START = ascii('{"start":');
const END = ascii(',"end":');
/** `,"type":"CPF","confidence":` for each type: one copy per match instead of four. */
const TYPE: Record<DetectorType, Uint8Array> = Object.fromEntries(
  DETECTOR_TYPES.map((t) => [t, ascii(`,"type":"${t}","confidence":`)]),
) as Record<DetectorType, Uint8Array>;
const VALUE = ascii(',"value":');
const CLOSE = ascii('}');
const NEWLINE = ascii('\n');

/** One match as a JSON object (same keys and number forms as JSON.stringify), without a newline. */
function writeMatch(out: BlockWriter, m: Match, start: number, end: number, value: string | null): void {
  out.bytes(START);
  out.uint(start);
  out.bytes(END);
  out.uint(end);
  out.bytes(TYPE[m.type]);
  out.number(m.confidence);
  if (value !== null) {
    out.bytes(VALUE);
    out.add(JSON.stringify(value));
  }
  out.bytes(CLOSE);
}

/** `text` from `from` to `to` with every match (sorted, inside that range) in its masked form (--jsonl). */
function masked(text: string, from: number, to: number, matches: readonly Match[], args: Args): string {
  let out = '';
  let cursor = from;
  for (const m of matches) {
    out += text.slice(cursor, m.start);
    out += maskValue(text.slice(m.start, m.end), {
      style: args.style,
      keepLast: args.keepLast,
      label: m.type,
    }).display;
    cursor = m.end;
  }
  return out + text.slice(cursor, to);
}

/**
 * Input as a stream of byte blocks: a file in 1 MB reads (a fresh block each time, since the
 * consumer keeps blocks until a window is full), standard input in the pipe's own chunks.
 */
async function* inputBytes(file: string): AsyncGenerator<Uint8Array> {
  if (file === '-') {
    for await (const block of process.stdin)
      yield typeof block === 'string' ? Buffer.from(block, 'utf8') : (block as Buffer);
    return;
  }
  const handle = await open(file, 'r');
  try {
    for (;;) {
      const buf = Buffer.allocUnsafe(1 << 20);
      const { bytesRead } = await handle.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/** Input as a stream of strings, UTF-8 decoded across block boundaries (--jsonl). */
async function* input(file: string): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const block of inputBytes(file)) yield decoder.write(block as Buffer);
  const rest = decoder.end();
  if (rest) yield rest;
}

async function runPlain(args: Args, out: BlockWriter): Promise<number> {
  const options = { types: args.types };
  const masker = args.mask ? new MaskedWriter(out, args.style, args.keepLast) : null;
  const windows = new TextWindows(
    (text) => scan(text, options),
    (text, from, to, matches, base) => {
      if (masker) masker.write(text, from, to, matches);
      else
        for (const m of matches) {
          writeMatch(
            out,
            m,
            base + m.start,
            base + m.end,
            args.showValues ? text.slice(m.start, m.end) : null,
          );
          out.bytes(NEWLINE);
        }
    },
  );
  for await (const chunk of inputBytes(args.file)) {
    windows.push(chunk);
    if (out.full) await out.flush();
  }
  windows.end();
  await out.flush();
  return 0;
}

async function runJsonl(args: Args, out: BlockWriter): Promise<number> {
  const options = { types: args.types };
  let lineNo = 0;
  let errors = 0;
  const fail = (msg: string) => {
    errors++;
    process.stderr.write(`line ${lineNo}: ${msg}\n`);
  };
  const line = (raw: string) => {
    lineNo++;
    const l = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (l.trim() === '') return;
    let obj: unknown;
    try {
      obj = JSON.parse(l);
    } catch {
      fail('not valid JSON');
      return;
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
      fail('expected a JSON object {"id":…,"text":…}');
      return;
    }
    const rec = obj as Record<string, unknown>;
    if (!('id' in rec) || (typeof rec.id !== 'string' && typeof rec.id !== 'number')) {
      fail('missing field "id" (string or number)');
      return;
    }
    const text = rec.text;
    if (typeof text !== 'string') {
      fail('missing field "text" (string)');
      return;
    }
    const matches = scan(text, options);
    if (args.mask) {
      // Only "text" changes; the other fields keep their order and values.
      rec.text = masked(text, 0, text.length, matches, args);
      out.add(`${JSON.stringify(rec)}\n`);
      return;
    }
    out.constant('{"id":');
    out.add(JSON.stringify(rec.id));
    out.constant(',"matches":[');
    for (let k = 0; k < matches.length; k++) {
      const m = matches[k]!;
      if (k > 0) out.constant(',');
      writeMatch(out, m, m.start, m.end, args.showValues ? text.slice(m.start, m.end) : null);
    }
    out.constant(']}\n');
  };
  let carry = '';
  for await (const chunk of input(args.file)) {
    const block = carry + chunk;
    let from = 0;
    for (let nl = block.indexOf('\n'); nl >= 0; nl = block.indexOf('\n', from)) {
      line(block.slice(from, nl));
      from = nl + 1;
    }
    carry = block.slice(from);
    if (out.full) await out.flush();
  }
  if (carry !== '') line(carry);
  await out.flush();
  return errors > 0 ? 1 : 0;
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      if (e.message) process.stderr.write(`scan: ${e.message}\n`);
      process.stderr.write(`${USAGE}\n`);
      return e.message ? 2 : 0;
    }
    throw e;
  }
  const out = new BlockWriter(process.stdout);
  try {
    return args.jsonl ? await runJsonl(args, out) : await runPlain(args, out);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') process.stderr.write(`scan: input file not found: ${args.file}\n`);
    else if (code === 'EISDIR') process.stderr.write(`scan: input is a directory: ${args.file}\n`);
    else process.stderr.write(`scan: cannot read input (${code ?? (e as Error).name})\n`);
    return 2;
  }
}

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  // Output piped into `head` and closed early: not an error worth a stack trace.
  if (e.code === 'EPIPE') process.exit(0);
});

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`scan: internal error (${(e as Error).name})\n`);
    process.exitCode = 3;
  },
);
