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

describe('scan CLI streaming', () => {
  it('streams a large input through with bounded memory', async () => {
    // 192 blocks of ~1 MB prose, one CPF at the end of each, generated on the fly: a CLI that
    // read its whole input first would hold at least the 192 MB text.
    let prose = '';
    while (prose.length < 1 << 20) prose += 'Olá, boa tarde! O pagamento foi compensado ontem, tudo certo.\n';
    const block = `${prose}Meu CPF é 529.982.247-25, obrigado.\n`;
    const bytes = Buffer.from(block);
    const BLOCKS = 192;
    const child = spawn(process.execPath, [CLI], { stdio: ['pipe', 'pipe', 'pipe'] });
    let peakKb = 0;
    const poll = setInterval(() => {
      try {
        const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
      } catch {
        // exited between polls
      }
    }, 10);
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    let sent = 0;
    const feed = () => {
      while (sent < BLOCKS) {
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
    expect(code).toBe(0);
    const found = lines(out);
    expect(found).toHaveLength(BLOCKS);
    const at = block.indexOf('529.982');
    expect(found[0]).toMatchObject({ start: at, type: 'CPF' });
    expect(found[BLOCKS - 1]).toMatchObject({ start: (BLOCKS - 1) * block.length + at, type: 'CPF' });
    if (process.platform === 'linux') {
      expect(peakKb).toBeGreaterThan(0);
      expect(peakKb / 1024).toBeLessThan(160);
    }
  }, 30_000);
});
