import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// Spawns the real CLI: the bundle `npm run -s scan` runs, built here when missing or stale.
const CLI = 'dist-cli/scan.js';
beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build-cli.mjs', '--if-stale']);
}, 60_000);

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const lines = (s: string) =>
  s
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

const TEXT = 'CPF 529.982.247-25, tel (11) 98765-4321, cartão 4111 1111 1111 1111';

describe('scan CLI', () => {
  it('plain mode prints one JSON object per match, without values', () => {
    const r = cli([], TEXT);
    expect(r.code).toBe(0);
    expect(lines(r.out)).toEqual([
      { start: 4, end: 18, type: 'CPF', confidence: 0.99 },
      { start: 24, end: 39, type: 'PHONE', confidence: 0.99 },
      { start: 48, end: 67, type: 'CARD', confidence: 0.99 },
    ]);
    expect(r.out).not.toContain('529');
  });

  it('reads a file, limits types and shows values only when asked', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sigilo-scan-'));
    const file = join(dir, 'in.txt');
    writeFileSync(file, TEXT);
    const r = cli(['--types', 'CPF,CARD', '--show-values', file]);
    expect(r.code).toBe(0);
    expect(lines(r.out).map((m) => [m.type, m.value])).toEqual([
      ['CPF', '529.982.247-25'],
      ['CARD', '4111 1111 1111 1111'],
    ]);
  });

  it('--jsonl maps {id,text} lines to {id,matches} and reports bad lines by number', () => {
    const input = [
      JSON.stringify({ id: 'a', text: 'cpf 52998224725' }),
      'not json {',
      JSON.stringify({ id: 'b' }),
      '',
      JSON.stringify({ id: 7, text: 'nada aqui' }),
      JSON.stringify({ text: 'sem id 529.982.247-25' }),
    ].join('\n');
    const r = cli(['--jsonl', '-'], input);
    expect(r.code).toBe(1);
    expect(lines(r.out)).toEqual([
      { id: 'a', matches: [{ start: 4, end: 15, type: 'CPF', confidence: 0.97 }] },
      { id: 7, matches: [] },
    ]);
    expect(r.err).toContain('line 2: not valid JSON');
    expect(r.err).toContain('line 3: missing field "text"');
    expect(r.err).toContain('line 6: missing field "id"');
    // Errors never echo the input (it may hold personal data).
    expect(r.err).not.toContain('529');
  });

  it('rejects an unknown type with a clear message and a usage error code', () => {
    const r = cli(['--types', 'CPF,PASSPORT'], TEXT);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown detector type "PASSPORT"');
    expect(r.out).toBe('');
  });

  it('reports a missing file without a stack trace', () => {
    const r = cli(['/nonexistent/sigilo.txt']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('input file not found');
    expect(r.err).not.toContain('    at ');
  });
});

describe('scan CLI --mask', () => {
  it('writes the text back with each value in the default policy form (partial, last 2)', () => {
    const r = cli(['--mask'], `${TEXT}\nsegunda linha sem dados\n`);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      'CPF •••.•••.•••-25, tel (••) •••••-••21, cartão •••• •••• •••• ••11\nsegunda linha sem dados\n',
    );
  });

  it('takes --style and --keep-last, and --types limits what is masked', () => {
    expect(cli(['--mask', '--style', 'full'], TEXT).out).toBe(
      `CPF ${'•'.repeat(14)}, tel ${'•'.repeat(15)}, cartão ${'•'.repeat(19)}`,
    );
    expect(cli(['--mask', '--style=chip'], TEXT).out).toBe('CPF CPF •••, tel PHONE •••, cartão CARD •••');
    expect(cli(['--mask', '--keep-last', '4'], TEXT).out).toBe(
      'CPF •••.•••.•47-25, tel (••) •••••-4321, cartão •••• •••• •••• 1111',
    );
    expect(cli(['--mask', '--types', 'CARD'], TEXT).out).toBe(
      'CPF 529.982.247-25, tel (11) 98765-4321, cartão •••• •••• •••• ••11',
    );
  });

  it('--jsonl --mask masks only the text field and keeps the other fields', () => {
    const input = [
      JSON.stringify({ id: 'a', channel: 'chat', text: 'meu cpf 52998224725', at: 1.5, tags: ['529'] }),
      'not json',
      JSON.stringify({ id: 2, text: 'nada aqui' }),
    ].join('\n');
    const r = cli(['--jsonl', '--mask', '--style', 'chip'], input);
    expect(r.code).toBe(1);
    expect(lines(r.out)).toEqual([
      { id: 'a', channel: 'chat', text: 'meu cpf CPF •••', at: 1.5, tags: ['529'] },
      { id: 2, text: 'nada aqui' },
    ]);
    expect(r.err).toContain('line 2: not valid JSON');
  });

  it('rejects bad mask options with usage errors', () => {
    for (const [args, msg] of [
      [['--mask', '--style', 'blur'], 'unknown mask style "blur"'],
      [['--mask', '--keep-last', '9'], '--keep-last needs a whole number from 0 to 4'],
      [['--style', 'full'], '--style only applies with --mask'],
      [['--mask', '--show-values'], 'exclude each other'],
    ] as const) {
      const r = cli([...args], TEXT);
      expect(r.code).toBe(2);
      expect(r.err).toContain(msg);
      expect(r.out).toBe('');
    }
  });
});

/** Pipes `blocks` copies of `block` through the CLI, polling its RSS; keeps only the output's size and end. */
async function pipeThrough(args: string[], block: string, blocks: number) {
  const bytes = Buffer.from(block);
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let peakKb = 0;
  const poll = setInterval(() => {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peakKb = Math.max(peakKb, Number(m[1]));
    } catch {
      // exited between polls
    }
  }, 10);
  let outBytes = 0;
  let newlines = 0;
  let tail = Buffer.alloc(0);
  let head = '';
  child.stdout.on('data', (d: Buffer) => {
    outBytes += d.length;
    for (let p = d.indexOf(10); p >= 0; p = d.indexOf(10, p + 1)) newlines++;
    if (head.length < 4096) head += d.toString('utf8', 0, Math.min(d.length, 4096));
    tail = Buffer.concat([tail, d]).subarray(-4096);
  });
  let sent = 0;
  const feed = () => {
    while (sent < blocks) {
      sent++;
      if (!child.stdin.write(bytes)) {
        child.stdin.once('drain', feed);
        return;
      }
    }
    child.stdin.end();
  };
  feed();
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(poll);
  return { code, peakMb: peakKb / 1024, outBytes, newlines, head, tail: tail.toString('utf8') };
}

describe('scan CLI streaming', () => {
  // ~1 MB of prose and one CPF per block, generated on the fly: a CLI that read its whole input
  // first, or kept its output until the end, would hold at least that many megabytes.
  let prose = '';
  while (prose.length < 1 << 20) prose += 'Olá, boa tarde! O pagamento foi compensado ontem, tudo certo.\n';
  const block = `${prose}Meu CPF é 529.982.247-25, obrigado.\n`;
  const linux = process.platform === 'linux';

  it('streams 192 MB of input with bounded memory, offsets counted over the whole input', async () => {
    const BLOCKS = 192;
    const r = await pipeThrough([], block, BLOCKS);
    expect(r.code).toBe(0);
    const at = block.indexOf('529.982');
    expect(r.newlines).toBe(BLOCKS);
    expect(lines(r.head.slice(0, r.head.lastIndexOf('\n')))[0]).toMatchObject({ start: at, type: 'CPF' });
    const last = lines(r.tail.slice(r.tail.indexOf('\n') + 1));
    expect(last[last.length - 1]).toMatchObject({ start: (BLOCKS - 1) * block.length + at, type: 'CPF' });
    if (linux) {
      expect(r.peakMb).toBeGreaterThan(0);
      expect(r.peakMb).toBeLessThan(160);
    }
  }, 30_000);

  it('--mask streams 128 MB through with bounded memory (the output is as large as the input)', async () => {
    const BLOCKS = 128;
    const r = await pipeThrough(['--mask'], block, BLOCKS);
    expect(r.code).toBe(0);
    // Each CPF's 9 hidden digits became 3-byte bullets; everything else is written back as is.
    expect(r.outBytes).toBe(BLOCKS * (Buffer.byteLength(block) + 9 * 2));
    expect(r.tail.endsWith('Meu CPF é •••.•••.•••-25, obrigado.\n')).toBe(true);
    if (linux) {
      expect(r.peakMb).toBeGreaterThan(0);
      expect(r.peakMb).toBeLessThan(160);
    }
  }, 30_000);
});
