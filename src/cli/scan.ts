// Admin tool to try detection on sample text (issue #3):
//   npm run -s scan -- [--jsonl] [--types CPF,CARD] [--show-values] [FILE|-]
// Plain mode prints one JSON object per match: {"start","end","type","confidence"}.
// --jsonl reads lines {"id":…,"text":…} and prints {"id":…,"matches":[…]} per line.
// Raw values are printed only with --show-values (then each match gets a "value" field).
// Bad input lines are reported on stderr with their line number (never their content) and the
// exit code is 1; usage errors exit with 2.

import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { scan } from '../core/detect/scanner';
import { DETECTOR_TYPES, type DetectorType, isDetectorType, type Match } from '../core/detect/types';

const USAGE = `usage: npm run -s scan -- [--jsonl] [--types CPF,CARD] [--show-values] [FILE|-]
  --jsonl          input lines {"id":…,"text":…}; output lines {"id":…,"matches":[…]}
  --types LIST     comma-separated detector types (${DETECTOR_TYPES.join(', ')})
  --show-values    add the matched text as "value" (off by default: output may be shared)
  FILE|-           input file, or - / nothing for standard input`;

interface Args {
  jsonl: boolean;
  types?: DetectorType[];
  showValues: boolean;
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

export function parseArgs(argv: readonly string[]): Args {
  const args: Args = { jsonl: false, showValues: false, file: '-' };
  let file: string | undefined;
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k]!;
    if (a === '--jsonl') args.jsonl = true;
    else if (a === '--show-values') args.showValues = true;
    else if (a === '--types') {
      const v = argv[++k];
      if (v === undefined) throw new UsageError('--types needs a value, e.g. --types CPF,CARD');
      args.types = parseTypes(v);
    } else if (a.startsWith('--types=')) args.types = parseTypes(a.slice('--types='.length));
    else if (a === '-h' || a === '--help') throw new UsageError('');
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else if (file !== undefined)
      throw new UsageError(`only one input file is accepted (got "${file}" and "${a}")`);
    else file = a;
  }
  if (file !== undefined) args.file = file;
  return args;
}

function render(m: Match, text: string, showValues: boolean): Record<string, unknown> {
  const o: Record<string, unknown> = { start: m.start, end: m.end, type: m.type, confidence: m.confidence };
  if (showValues) o.value = text.slice(m.start, m.end);
  return o;
}

function input(file: string): NodeJS.ReadableStream {
  return file === '-' ? process.stdin : createReadStream(file, { encoding: 'utf8' });
}

function write(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function runPlain(args: Args): Promise<number> {
  const text = args.file === '-' ? readFileSync(0, 'utf8') : readFileSync(args.file, 'utf8');
  for (const m of scan(text, { types: args.types })) write(JSON.stringify(render(m, text, args.showValues)));
  return 0;
}

async function runJsonl(args: Args): Promise<number> {
  const rl = createInterface({ input: input(args.file), crlfDelay: Number.POSITIVE_INFINITY });
  let lineNo = 0;
  let errors = 0;
  const fail = (msg: string) => {
    errors++;
    process.stderr.write(`line ${lineNo}: ${msg}\n`);
  };
  for await (const line of rl) {
    lineNo++;
    if (line.trim() === '') continue;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch {
      fail('not valid JSON');
      continue;
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
      fail('expected a JSON object {"id":…,"text":…}');
      continue;
    }
    const rec = obj as Record<string, unknown>;
    if (!('id' in rec) || (typeof rec.id !== 'string' && typeof rec.id !== 'number')) {
      fail('missing field "id" (string or number)');
      continue;
    }
    if (typeof rec.text !== 'string') {
      fail('missing field "text" (string)');
      continue;
    }
    const text = rec.text;
    const matches = scan(text, { types: args.types }).map((m) => render(m, text, args.showValues));
    write(JSON.stringify({ id: rec.id, matches }));
  }
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
  try {
    return args.jsonl ? await runJsonl(args) : await runPlain(args);
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
