import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Spawns the real CLI (node + tsx loader, the same code `npm run -s scan` runs).
function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/scan.ts', ...args], {
    input,
    encoding: 'utf8',
    timeout: 30_000,
  });
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
